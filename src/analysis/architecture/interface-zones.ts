/**
 * Which declared zones sit behind each interface of a firewall: the zone whose subnet an interface address is in,
 * the zones its static routes lead to, the external networks behind a default route or a WAN interface, and, for
 * the host firewall of a declared asset, the asset's own zone on the interfaces nothing else explains.
 */
import {
  addressesOverlap,
  containsAddress,
  NON_PUBLIC,
  parseAddressRange,
} from "../../model/address-ranges.js";
import type { FirewallRule, RulesetBinding } from "../../model/firewall.js";
import type { Plant } from "../../model/plant.js";
import { EXTERNAL } from "../../model/plant.js";
import { deviceAsset } from "../firewall/audit.js";
import type { CompiledConfig } from "../firewall/compile.js";
import type { PlantZones } from "./plant-zones.js";

export interface InterfaceZone {
  interface: string;
  zones: string[];
  /** Why: `address 10.10.10.1/24`, `route 0.0.0.0/0`, `WAN interface`, `host firewall of jump01`. */
  reason: string;
}

const WAN_NAME = /^(wan|wwan|ppp|pppoe|usb|qmimux|lte|cell|wlan-wan)/i;
const LOOPBACK = /^(lo|lo0|loopback)$/i;

export function interfaceZones(plant: Plant, zones: PlantZones, compiled: CompiledConfig): InterfaceZone[] {
  const config = compiled.config;
  const map = new Map<string, { zones: Set<string>; reasons: string[] }>();
  const add = (iface: string, zone: string, reason: string) => {
    const e = map.get(iface) ?? { zones: new Set<string>(), reasons: [] };
    e.zones.add(zone);
    if (!e.reasons.includes(reason)) e.reasons.push(reason);
    map.set(iface, e);
  };

  for (const i of config.interfaces) {
    for (const cidr of i.addresses) {
      const subnet = parseAddressRange(cidr);
      if (!subnet) continue;
      const hit = zones.zones.filter((z) => addressesOverlap(z.addresses, subnet));
      for (const z of hit) add(i.name, z.id, `address ${cidr}`);
      const own = cidr.split("/")[0]!;
      if (hit.length === 0 && !containsAddress(NON_PUBLIC, own))
        add(i.name, EXTERNAL, `public address ${cidr}`);
    }
    if (i.role === "wan" || (i.securityLevel === 0 && i.name === "outside"))
      add(i.name, EXTERNAL, i.role === "wan" ? "role wan" : "outside interface");
  }
  for (const r of config.routes) {
    const iface =
      r.interface ??
      config.interfaces.find(
        (i) =>
          r.gateway &&
          i.addresses.some((a) => {
            const s = parseAddressRange(a);
            return s !== null && containsAddress(s, r.gateway!);
          }),
      )?.name;
    if (!iface) continue;
    const dst = parseAddressRange(r.destination);
    if (!dst) continue;
    if (r.destination.endsWith("/0")) add(iface, EXTERNAL, `default route (line ${r.line})`);
    else
      for (const z of zones.zones)
        if (addressesOverlap(z.addresses, dst)) add(iface, z.id, `route ${r.destination} (line ${r.line})`);
  }
  const universe = compiled.interfaces.names.filter((n) => n !== "(other)" && !n.endsWith("+"));
  for (const name of universe)
    if (!map.has(name) && WAN_NAME.test(name)) add(name, EXTERNAL, "WAN interface name");
  // iptables and nftables files do not give interface addresses: on a declared asset, an interface nothing
  // else explains faces the asset's own zone.
  const asset = deviceAsset(plant, config);
  const declared = new Set(config.interfaces.map((i) => i.name));
  if (asset?.zone) {
    for (const name of universe)
      if (!map.has(name) && !declared.has(name) && !LOOPBACK.test(name))
        add(name, asset.zone, `host firewall of ${asset.id} (zone ${asset.zone})`);
  }
  return [...map.entries()].map(([iface, e]) => ({
    interface: iface,
    zones: [...e.zones].sort(),
    reason: e.reasons.join("; "),
  }));
}

/** The zones behind a list of interfaces; null when any of them is unmapped (or the list is "any"). */
export function zonesBehind(
  mapping: readonly InterfaceZone[],
  names: readonly string[] | null,
): string[] | null {
  if (names === null) return null;
  const out = new Set<string>();
  for (const n of names) {
    const m = mapping.find((x) => x.interface === n);
    if (!m) return null;
    for (const z of m.zones) out.add(z);
  }
  return [...out];
}

/**
 * The zones a rule's packets can come from and go to: behind its own interfaces, else behind its rule set's
 * binding (an ASA access list bound in on `inside`); without an egress interface, behind the device's other
 * interfaces, since a firewall does not forward a packet back out where it came in. Null where nothing tells.
 */
export function ruleSides(
  mapping: readonly InterfaceZone[],
  bindings: readonly RulesetBinding[],
  rule: FirewallRule,
): { from: string[] | null; to: string[] | null } {
  const common = (pick: (b: RulesetBinding) => string[] | null): string[] | null => {
    if (bindings.length === 0 || bindings.some((b) => pick(b) === null)) return null;
    return [...new Set(bindings.flatMap((b) => pick(b)!))];
  };
  const ingress = rule.from ?? common((b) => b.from);
  const egress = rule.to ?? common((b) => b.to);
  const from = zonesBehind(mapping, ingress);
  if (egress) return { from, to: zonesBehind(mapping, egress) };
  if (!ingress || from === null) return { from, to: null };
  const others = mapping.filter((m) => !ingress.includes(m.interface));
  return { from, to: others.length ? [...new Set(others.flatMap((m) => m.zones))] : null };
}
