/**
 * Normalized rules to packet sets. A rule whose match is not fully known (unresolved addresses, unmodelled
 * conditions) gets two sets: `over`, every packet it may match, and `under`, every packet it surely matches
 * (empty when a condition is unmodelled). Analyses ask "may this rule admit X" of `over` and "does this rule
 * surely take X" of `under`, so their claims stay true whatever the unknown parts are.
 */
import { type AddressRanges, ANY_ADDRESS, parseAddressList } from "../../model/address-ranges.js";
import {
  CONNECTION_STATES,
  type ConnectionState,
  type FirewallConfig,
  type FirewallRule,
  hasPorts,
  ICMP,
  ICMPV6,
  type Ruleset,
  type Service,
} from "../../model/firewall.js";
import * as iv from "../../model/intervals.js";
import { ALL_STATES, type Cube, type SvcBox } from "./cubes.js";

export interface CompiledRule {
  rule: FirewallRule;
  /** Index in its rule set. */
  index: number;
  over: Cube[];
  under: Cube[];
  exact: boolean;
}

export interface CompiledRuleset {
  ruleset: Ruleset;
  rules: CompiledRule[];
  families: Set<4 | 6>;
}

export interface CompiledConfig {
  config: FirewallConfig;
  interfaces: InterfaceUniverse;
  rulesets: CompiledRuleset[];
}

/** The id of every interface a configuration does not name. */
export const OTHER_INTERFACE = "(other)";

/** Interface names as integers; one extra id stands for every interface the configuration does not name. */
export class InterfaceUniverse {
  private readonly ids = new Map<string, number>();
  readonly names: string[] = [];

  constructor(names: Iterable<string>) {
    for (const n of names) if (!this.ids.has(n)) this.add(n);
    this.add(OTHER_INTERFACE);
  }

  private add(name: string): void {
    this.ids.set(name, this.names.length);
    this.names.push(name);
  }

  get full(): iv.Intervals<number> {
    return [0, this.names.length - 1];
  }

  /** The ids a rule's interface list covers; `eth+` covers every name starting with `eth`, itself included. */
  of(names: readonly string[] | null): iv.Intervals<number> {
    if (names === null) return this.full;
    const pairs: [number, number][] = [];
    for (const n of names) {
      const id = this.ids.get(n);
      if (id !== undefined) pairs.push([id, id]);
      if (n.endsWith("+")) {
        const prefix = n.slice(0, -1);
        this.names.forEach((m, i) => {
          if (m.startsWith(prefix)) pairs.push([i, i]);
        });
      }
    }
    return iv.fromPairs(pairs);
  }

  id(name: string): number {
    return this.ids.get(name) ?? this.names.length - 1;
  }
}

const STATE_BITS: Readonly<Record<ConnectionState, number>> = Object.fromEntries(
  CONNECTION_STATES.map((s, i) => [s, 1 << i]),
) as Record<ConnectionState, number>;

export function stateBits(states: readonly ConnectionState[] | null): number {
  if (states === null) return ALL_STATES;
  let b = 0;
  for (const s of states) b |= STATE_BITS[s];
  return b;
}

export const NEW_CONNECTIONS = STATE_BITS.new;

/** A rule's services as boxes. */
export function serviceBoxes(services: readonly Service[]): SvcBox[] {
  const out: SvcBox[] = [];
  for (const s of services) {
    const p0 = s.protocol ?? 0;
    const p1 = s.protocol ?? 255;
    if ((s.protocol === ICMP || s.protocol === ICMPV6) && s.icmpType !== null) {
      const lo = s.icmpType * 256 + (s.icmpCode ?? 0);
      const hi = s.icmpType * 256 + (s.icmpCode ?? 255);
      out.push([p0, p1, 0, 65535, lo, hi]);
    } else if (hasPorts(s.protocol)) {
      const sp = s.sourcePorts ?? [{ from: 0, to: 65535 }];
      const dp = s.destinationPorts ?? [{ from: 0, to: 65535 }];
      for (const a of sp) for (const b of dp) out.push([p0, p1, a.from, a.to, b.from, b.to]);
    } else {
      out.push([p0, p1, 0, 65535, 0, 65535]);
    }
  }
  return out;
}

export function cubesOf(
  src: AddressRanges,
  dst: AddressRanges,
  svc: SvcBox[],
  inIf: iv.Intervals<number>,
  outIf: iv.Intervals<number>,
  state: number,
): Cube[] {
  if (svc.length === 0 || inIf.length === 0 || outIf.length === 0 || state === 0) return [];
  const out: Cube[] = [];
  if (src.v4.length && dst.v4.length) out.push({ fam: 4, state, inIf, outIf, svc, src: src.v4, dst: dst.v4 });
  if (src.v6.length && dst.v6.length) out.push({ fam: 6, state, inIf, outIf, svc, src: src.v6, dst: dst.v6 });
  return out;
}

/** Parses address sets once per distinct list: rules over the same groups share the result. */
export class AddressCache {
  private readonly cache = new Map<string, AddressRanges>();
  get(ranges: readonly string[]): AddressRanges {
    const key = ranges.join(",");
    let r = this.cache.get(key);
    if (!r) {
      r = parseAddressList(ranges).ranges;
      this.cache.set(key, r);
    }
    return r;
  }
}

export function compileRule(
  rule: FirewallRule,
  index: number,
  interfaces: InterfaceUniverse,
  addresses: AddressCache,
): CompiledRule {
  const src = addresses.get(rule.sources.ranges);
  const dst = addresses.get(rule.destinations.ranges);
  const svc = serviceBoxes(rule.services);
  const inIf = interfaces.of(rule.from);
  const outIf = interfaces.of(rule.to);
  const state = stateBits(rule.states);
  const srcKnown = rule.sources.unresolved.length === 0;
  const dstKnown = rule.destinations.unresolved.length === 0;
  const exact = srcKnown && dstKnown && rule.unmodelled.length === 0;
  const under = rule.unmodelled.length ? [] : cubesOf(src, dst, svc, inIf, outIf, state);
  const over = exact
    ? under
    : cubesOf(srcKnown ? src : ANY_ADDRESS, dstKnown ? dst : ANY_ADDRESS, svc, inIf, outIf, state);
  return { rule, index, over, under, exact };
}

function compileRuleset(
  rs: Ruleset,
  interfaces: InterfaceUniverse,
  addresses: AddressCache,
): CompiledRuleset {
  const rules = rs.rules.map((r, i) => compileRule(r, i, interfaces, addresses));
  const families = new Set<4 | 6>();
  for (const r of rules) for (const c of r.over) families.add(c.fam);
  return { ruleset: rs, rules, families };
}

/** Compiles a configuration once; every analysis of the same configuration object shares the result. */
export function compileConfig(config: FirewallConfig): CompiledConfig {
  const names = new Set<string>();
  for (const i of config.interfaces) names.add(i.name);
  for (const rs of config.rulesets) {
    for (const b of rs.bindings) for (const n of [...(b.from ?? []), ...(b.to ?? [])]) names.add(n);
    for (const r of rs.rules) for (const n of [...(r.from ?? []), ...(r.to ?? [])]) names.add(n);
  }
  const interfaces = new InterfaceUniverse(names);
  const addresses = new AddressCache();
  return {
    config,
    interfaces,
    rulesets: config.rulesets.map((rs) => compileRuleset(rs, interfaces, addresses)),
  };
}
