/** What the firewall rules share: evidence pointers, the device a configuration belongs to, plain-words descriptions. */

import type { z } from "zod";
import {
  type AddressRanges,
  EMPTY_ADDRESSES,
  formatAddresses,
  parseAddressList,
  unionAddresses,
} from "../../model/address-ranges.js";
import type { LineEvidence } from "../../model/evidence.js";
import type { FirewallConfig, FirewallRule, TrafficKind } from "../../model/firewall.js";
import { ICMP, ICMPV6, TCP, UDP } from "../../model/firewall.js";
import type { AssetDeclaration, Plant } from "../../model/plant.js";
import type { CompiledRuleset } from "./compile.js";
import type { Cube, SvcBox } from "./cubes.js";

export function carries(rs: CompiledRuleset, traffic: TrafficKind): boolean {
  const b = rs.ruleset.bindings;
  // An access list bound nowhere (an ACL-only file) is judged as the inbound filter it would be.
  return b.length === 0 ? traffic === "forward" : b.some((x) => x.traffic === traffic);
}

export function ruleAt(rule: FirewallRule, note?: string): z.infer<typeof LineEvidence> {
  return { kind: "line", file: rule.file, line: rule.line, ...(note ? { note } : {}) };
}

export function lineAt(file: string, line: number, note?: string): z.infer<typeof LineEvidence> {
  return { kind: "line", file, line: Math.max(line, 1), ...(note ? { note } : {}) };
}

/** `firewalls/fw-ot.conf:57 (policy 12 "EWS engineering") in firewall policy`: where a rule is, for summaries. */
export function where(rule: FirewallRule, rulesetId: string): string {
  const named = rule.name && !rulesetId.includes(rule.name) && rule.name !== rule.text;
  // A user chain's rules are named after the chain they are written in.
  const label = named ? ` (${rule.via.length ? `chain ${rule.name}` : rule.name})` : "";
  return `${rule.file}:${rule.line}${label} in ${rulesetId}`;
}

export function isLoopbackOnly(rule: FirewallRule): boolean {
  const lo = (n: string) => n === "lo" || n === "lo0" || n === "loopback";
  return rule.from?.every(lo) === true || rule.to?.every(lo) === true;
}

export function admitsNew(rule: FirewallRule): boolean {
  return rule.states === null || rule.states.includes("new");
}

/** The asset a configuration belongs to: file name or hostname equal to an asset id, name or hostname. */
export function deviceAsset(plant: Plant, config: FirewallConfig): AssetDeclaration | undefined {
  const base = config.file.split(/[\\/]/).pop() ?? config.file;
  const stem = base.includes(".") ? base.slice(0, base.lastIndexOf(".")) : base;
  const keys = new Set(
    [stem, config.hostname].filter((k): k is string => Boolean(k)).map((k) => k.toLowerCase()),
  );
  return plant.spec.assets.find(
    (a) =>
      keys.has(a.id.toLowerCase()) ||
      keys.has(a.name.toLowerCase()) ||
      a.hostnames.some((h) => keys.has(h.toLowerCase())),
  );
}

/** Source (or destination) addresses of a union of cubes. */
export function projection(cubes: readonly Cube[], side: "src" | "dst"): AddressRanges {
  let out = EMPTY_ADDRESSES;
  for (const c of cubes) {
    const part = c[side];
    out = unionAddresses(
      out,
      c.fam === 4 ? { v4: part as number[], v6: [] } : { v4: [], v6: part as bigint[] },
    );
  }
  return out;
}

export function describeAddresses(a: AddressRanges, max = 4): string {
  const list = formatAddresses(a);
  if (list.length === 0) return "no address";
  if (list.some((x) => x === "0.0.0.0/0") && list.some((x) => x === "::/0")) return "any";
  return list.length > max
    ? `${list.slice(0, max).join(", ")} and ${list.length - max} more`
    : list.join(", ");
}

const PROTO_NAMES: Readonly<Record<number, string>> = {
  [TCP]: "tcp",
  [UDP]: "udp",
  [ICMP]: "icmp",
  [ICMPV6]: "icmpv6",
};

/** `tcp/502`, `udp/47808`, `tcp/1024-65535`, `icmp`, `any`: the service boxes of a set, merged and sorted. */
export function describeServices(boxes: readonly SvcBox[], max = 8): string[] {
  const out = new Set<string>();
  for (const b of boxes) {
    if (b[0] === 0 && b[1] === 255) {
      out.add("any");
      continue;
    }
    if (b[0] !== b[1]) {
      out.add(`ip proto ${b[0]}-${b[1]}`);
      continue;
    }
    const name = PROTO_NAMES[b[0]] ?? `ip proto ${b[0]}`;
    if (b[0] === TCP || b[0] === UDP)
      out.add(
        b[4] === 0 && b[5] === 65535 ? `${name}/any` : `${name}/${b[4] === b[5] ? b[4] : `${b[4]}-${b[5]}`}`,
      );
    else out.add(name);
  }
  const list = [...out].sort((a, b) => a.localeCompare(b, "en", { numeric: true }));
  return list.length > max ? [...list.slice(0, max), `${list.length - max} more`] : list;
}

export function servicesOf(cubes: readonly Cube[]): SvcBox[] {
  return cubes.flatMap((c) => c.svc);
}

/** Addresses of the assets listed (by id), for "the device itself" in input rule sets. */
export function addressesOfAsset(asset: AssetDeclaration | undefined): AddressRanges | null {
  return asset?.ips.length ? parseAddressList(asset.ips).ranges : null;
}
