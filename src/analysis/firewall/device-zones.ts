/**
 * Where a firewall finding lies. A finding about the rule base itself (a shadowed rule, a permit without logging,
 * cleartext management) lies in the zones its device is attached to, by its interface addresses and its declared
 * asset: `placedOnDevice`. A finding about the traffic a rule admits (an any-to-any or overly broad permit,
 * industrial protocols or remote access from the enterprise) lies in the zones that traffic comes from and can
 * reach: `trafficZones`, after the device's own topology (the zones behind the interfaces the rule applies to) and
 * the zone matrix (what the other firewalls let through). Without this a finding would count against every zone of
 * the plant, so that the internet edge's catch-all permit pulled down the safety zone the OT firewall shuts off.
 */

import { addressesOverlap, isEmptyAddresses, parseAddressRange } from "../../model/address-ranges.js";
import type { Crossing, Finding } from "../../model/finding.js";
import {
  type FirewallConfig,
  type FirewallRule,
  type RulesetBinding,
  TrafficKind,
} from "../../model/firewall.js";
import type { Plant } from "../../model/plant.js";
import { EXTERNAL } from "../../model/plant.js";
import type { ZoneMatrixCell } from "../../model/zone-matrix.js";
import { zonesBehind } from "../architecture/interface-zones.js";
import type { PlantZones, ZoneView } from "../architecture/plant-zones.js";
import type { AnalysisContext } from "../context.js";
import type { Rule } from "../rule.js";
import { carries, deviceAsset, projection } from "./audit.js";
import { NEW_CONNECTIONS } from "./compile.js";
import { type Cube, restrict } from "./cubes.js";
import { evaluatePath } from "./evaluate.js";
import type { AuditedRuleset, FirewallFacts } from "./firewall-facts.js";

/**
 * The declared zones a firewall is attached to through `interfaces` (all of them when null): those their addresses
 * sit in, else its own asset's zone. Zones it only routes to are left out: the internet edge routes to every OT
 * subnet, yet its rule base is not a weakness of the safety zone behind the OT firewall.
 */
export function deviceZones(
  plant: Plant,
  zones: PlantZones,
  config: FirewallConfig,
  interfaces: readonly string[] | null = null,
): string[] {
  const attached = new Set<string>();
  for (const i of config.interfaces) {
    if (interfaces !== null && !interfaces.includes(i.name)) continue;
    for (const cidr of i.addresses) {
      const subnet = parseAddressRange(cidr);
      if (subnet === null) continue;
      for (const z of zones.zones) if (addressesOverlap(z.addresses, subnet)) attached.add(z.id);
    }
  }
  const own = deviceAsset(plant, config)?.zone;
  if (own && (interfaces === null || attached.size === 0)) attached.add(own);
  return [...attached].sort();
}

function placed(ctx: AnalysisContext, finding: Finding): Finding {
  if (finding.zones.length > 0) return finding;
  const files = new Set(finding.evidence.flatMap((e) => (e.kind === "line" ? [e.file] : [])));
  const zones = new Set(
    (ctx.firewalls ?? [])
      .filter((c) => files.has(c.file))
      .flatMap((c) => deviceZones(ctx.plant, ctx.zones, c)),
  );
  return zones.size > 0 ? { ...finding, zones: [...zones].sort() } : finding;
}

/**
 * The rule, with each finding that names no zone placed in the zones of the device its evidence is on: the
 * placement of a rule-base finding, and of a traffic finding whose traffic `trafficZones` could place in no
 * declared zone (a rule between external networks only is still a weakness of the device that carries it).
 */
export function placedOnDevice(rule: Rule): Rule {
  return { ...rule, check: (ctx) => rule.check(ctx).map((f) => placed(ctx, f)) };
}

/** What a traffic finding is about: a rule in its rule set, and the packets of it the finding concerns. */
export interface RuleTraffic {
  audited: AuditedRuleset;
  rule: FirewallRule;
  /** The packets the finding is about: what the rule admits (its effective part), or the part of it at issue. */
  cubes: readonly Cube[];
  /** Through the device, to the device itself, or from it. */
  traffic: TrafficKind;
}

/** The interfaces a rule applies to on one side: its own, else its rule set's bindings'; null for every one. */
export function interfacesOf(
  bindings: readonly RulesetBinding[],
  own: readonly string[] | null,
  side: "from" | "to",
): readonly string[] | null {
  if (own) return own;
  if (bindings.length === 0 || bindings.some((b) => b[side] === null)) return null;
  return [...new Set(bindings.flatMap((b) => b[side]!))];
}

/** Interface pairs of firewall `f` from a zone to another: distinct interfaces facing each, as the matrix takes them. */
function pathsBetween(f: FirewallFacts, from: string, to: string): [string, string][] {
  const ins = f.interfaceZones.filter((m) => m.zones.includes(from)).map((m) => m.interface);
  const outs = f.interfaceZones.filter((m) => m.zones.includes(to)).map((m) => m.interface);
  return ins.flatMap((i) => outs.filter((o) => o !== i).map((o): [string, string] => [i, o]));
}

const refKey = (r: { file: string; line: number }) => `${r.file}:${r.line}`;

/**
 * Whether the rule's packets from zone `s` can reach zone `d`, by the zone matrix: not when its cell is blocked
 * (every firewall between the two drops all of it); yes when no firewall configuration governs the pair (nothing
 * shows the traffic stopped). When the cell is permitted:
 * - yes if another firewall between the two lets some of these very packets through by rules whose matrix entry
 *   goes beyond what the pair's conduit declares. What the zones-and-conduits model allows is no weakness of `d`:
 *   the OT firewall passing on the enterprise-to-DMZ conduit's HTTPS does not make the edge's catch-all a breach of
 *   the DMZ's boundary;
 * - else yes if the rule's own device forwards between the two and is attached to both (it is then their boundary,
 *   and the rule lets the packets on itself), or no other firewall governs the pair. A zone the device only routes
 *   to lies behind the next firewall, which has its say: the edge's inside interface leads to the safety zone, but
 *   through the OT firewall.
 */
function reaches(
  ctx: AnalysisContext,
  t: RuleTraffic,
  cell: ZoneMatrixCell | undefined,
  s: ZoneView,
  d: ZoneView,
  attached: (z: ZoneView) => boolean,
): boolean {
  if (!cell || cell.status === "ungoverned") return true;
  if (cell.status === "blocked") return false;
  const query = restrict(t.cubes, { src: s.addresses, dst: d.addresses, state: NEW_CONNECTIONS });
  if (query.length === 0) return false;
  const entries = cell.permitted.map((e) => ({
    key: e.rules.map(refKey).join(","),
    beyond: e.beyondConduit,
  }));
  let own = false;
  let others = false;
  for (const f of ctx.compiledFirewalls) {
    if (!cell.firewalls.includes(f.compiled.config.file)) continue;
    if (f.compiled === t.audited.config) {
      // To or from the device itself, the device forwarding between the two zones is not the packets' path.
      own = t.traffic === "forward";
      continue;
    }
    others = true;
    for (const [i, o] of pathsBetween(f, s.id, d.id))
      for (const p of evaluatePath(f.compiled, "forward", i, o, query)) {
        // The matrix entry of the rules that pass the piece (host firewalls on the way add their own rules after).
        const key = p.decidedBy.flatMap((x) => (x.rule ? [refKey(x.rule)] : [])).join(",");
        if (entries.some((e) => (e.key === key || e.key.startsWith(`${key},`)) && e.beyond.length > 0))
          return true;
      }
  }
  return own && ((attached(s) && attached(d)) || !others);
}

/**
 * The declared zones the traffic of a rule concerns: the zones its sources are in, among those behind the
 * interfaces it admits packets on, and the zones its destinations are in, among those behind the interfaces it
 * sends them out of, kept where the packets can get from the one to the other (`reaches`). Without an egress
 * interface a router sends a packet towards any network it reaches, back out the interface it came in included
 * (an ASA with same-security-traffic intra-interface; a host whose gateway hands its OT traffic on to the OT
 * firewall): an edge device's `any` is the internet side and the networks it routes to, less what the firewalls
 * beyond it block. To or from the device itself, the device's side is the zones its interfaces there attach to.
 * Empty when the traffic touches no declared zone; `placedOnDevice` then puts the finding on the device.
 */
/** Where a traffic finding lies: the declared zones it concerns, and the zone boundaries the traffic crosses. */
export interface TrafficPlace {
  zones: string[];
  crossings: Crossing[];
}

export function trafficZones(ctx: AnalysisContext, t: RuleTraffic): TrafficPlace {
  const zones = ctx.zones;
  const { config, interfaceZones: mapping, rs } = t.audited;
  const bindings = rs.ruleset.bindings;
  const ingress = interfacesOf(bindings, t.rule.from, "from");
  const egress = interfacesOf(bindings, t.rule.to, "to");
  const all = [...zones.zones, zones.external];
  const own = new Set(deviceZones(ctx.plant, zones, config.config));
  // The networks the device is on: its declared zones by address or asset, and the internet when it faces it.
  const attached = (z: ZoneView) =>
    z.id === EXTERNAL ? mapping.some((m) => m.zones.includes(EXTERNAL)) : own.has(z.id);
  const device = (names: readonly string[] | null) =>
    deviceZones(ctx.plant, zones, config.config, names).flatMap((id) => zones.byId.get(id) ?? []);
  const side = (names: readonly string[] | null, set: "src" | "dst"): ZoneView[] => {
    const behind = zonesBehind(mapping, names);
    const addresses = projection(t.cubes, set);
    return all.filter(
      (z) =>
        (behind === null || behind.includes(z.id)) &&
        !isEmptyAddresses(addresses) &&
        addressesOverlap(z.addresses, addresses),
    );
  };
  const sources = t.traffic === "output" ? device(egress) : side(ingress, "src");
  const destinations = t.traffic === "input" ? device(ingress) : side(egress, "dst");
  const cells = new Map(ctx.zoneMatrix.cells.map((c) => [`${c.from}>${c.to}`, c]));
  const concerned = new Set<string>();
  const crossings: Crossing[] = [];
  for (const s of sources)
    for (const d of destinations) {
      // Within one zone: only where the device is attached to it, so it is the device that passes the packets on.
      const passes =
        s.id === d.id ? attached(s) : reaches(ctx, t, cells.get(`${s.id}>${d.id}`), s, d, attached);
      if (!passes) continue;
      concerned.add(s.id);
      concerned.add(d.id);
      if (s.id !== d.id) crossings.push({ from: s.id, to: d.id });
    }
  concerned.delete(EXTERNAL);
  return { zones: [...concerned].sort(), crossings };
}

/**
 * `trafficZones` for every kind of traffic the rule's rule set carries (a host's chain may filter what it forwards
 * and what it receives; an access list bound nowhere is judged as the forward filter it would be).
 */
export function admittedZones(
  ctx: AnalysisContext,
  audited: AuditedRuleset,
  rule: FirewallRule,
  cubes: readonly Cube[],
): TrafficPlace {
  const kinds = TrafficKind.options.filter((k) => carries(audited.rs, k));
  const places = kinds.map((traffic) => trafficZones(ctx, { audited, rule, cubes, traffic }));
  return {
    zones: [...new Set(places.flatMap((p) => p.zones))].sort(),
    crossings: places.flatMap((p) => p.crossings),
  };
}
