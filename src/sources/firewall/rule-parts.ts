/** Builders shared by the firewall parsers: canonical address sets, services, and the conjunction of two matches. */
import {
  type AddressRanges,
  ANY_ADDRESS,
  formatAddresses,
  intersectAddresses,
  parseAddressList,
  subtractAddresses,
} from "../../model/address-ranges.js";
import {
  type AddressSet,
  ANY_SERVICE,
  type ConnectionState,
  type FirewallRule,
  hasPorts,
  type PortRange,
  type Service,
} from "../../model/firewall.js";
import * as iv from "../../model/intervals.js";
import { type InputProblem, type ProblemCode, problemAt } from "../../model/problem.js";

/**
 * Object-group nesting followed before a member is left unread (ASA group-object, FortiOS group members).
 * Configurations nest groups a few levels (site groups of groups, ASDM's DM_INLINE groups); 64 is far past those
 * and keeps the recursion far from the stack's limit on a crafted chain of thousands.
 */
export const MAX_GROUP_DEPTH = 64;
export const NESTED_TOO_DEEP = `is nested deeper than ${MAX_GROUP_DEPTH} groups; not followed, its members are unknown`;

/** A problem of one rule, before the rule's line places it. */
export interface RuleProblem {
  code: ProblemCode;
  message: string;
}

/** Collects located warnings for one file. */
export class Warnings {
  readonly list: InputProblem[] = [];
  constructor(readonly file: string) {}
  warn(line: number, code: ProblemCode, message: string): void {
    this.list.push(problemAt(this.file, { line }, code, message, "warning"));
  }
}

/**
 * The address sets of one configuration file. Its parser makes one and hands it to whatever builds sets from the
 * file; what it remembers goes with the parse. Building a set formats its ranges, the costly part, so each ranges
 * object is formatted once: object-groups hand the same ranges object to every rule that names them. And each set
 * keeps the ranges it was built from: chain inlining intersects a rule's set again for every jump that inlines the
 * rule, and reading its text back each time cost as much as the rest of the inlining (for a list of thousands,
 * far more).
 */
export class AddressSets {
  private readonly formatted = new Map<AddressRanges, string[]>();
  private readonly builtFrom = new Map<AddressSet, AddressRanges>();

  /** The set of `ranges`, written `text`; `unresolved` names members whose addresses are unknown. */
  of(ranges: AddressRanges, text: string, unresolved: string[] = []): AddressSet {
    let list = this.formatted.get(ranges);
    if (!list) {
      list = formatAddresses(ranges);
      this.formatted.set(ranges, list);
    }
    const set = { ranges: list, unresolved, text };
    this.builtFrom.set(set, ranges);
    return set;
  }

  any(text = "any", universe: AddressRanges = ANY_ADDRESS): AddressSet {
    return this.of(universe, text);
  }

  rangesOf(set: AddressSet): AddressRanges {
    return this.builtFrom.get(set) ?? parseAddressList(set.ranges).ranges;
  }

  /** Every address of `universe` not in `set`; an unresolved entry makes the complement unknown too. */
  complement(set: AddressSet, universe: AddressRanges, text: string): AddressSet {
    return this.of(
      subtractAddresses(universe, this.rangesOf(set)),
      text,
      set.unresolved.map((u) => `not ${u}`),
    );
  }

  /** Both conditions at once (a jump's match and the rules of the chain it jumps to). */
  intersect(a: AddressSet, b: AddressSet): AddressSet {
    const text = a.text === "any" ? b.text : b.text === "any" ? a.text : `${a.text} and ${b.text}`;
    const ra = this.rangesOf(a);
    const rb = this.rangesOf(b);
    const both = intersectAddresses(ra, rb);
    // Mostly one side holds the other (a rule's set within "any"): its ranges, and their text, serve as they are.
    const same = sameAddresses(both, ra) ? ra : sameAddresses(both, rb) ? rb : both;
    return this.of(same, text, [...a.unresolved, ...b.unresolved]);
  }
}

function sameAddresses(a: AddressRanges, b: AddressRanges): boolean {
  return (
    a.v4.length === b.v4.length &&
    a.v6.length === b.v6.length &&
    a.v4.every((x, i) => x === b.v4[i]) &&
    a.v6.every((x, i) => x === b.v6[i])
  );
}

export function portRanges(pairs: [number, number][]): PortRange[] {
  const set = iv.fromPairs(pairs.map(([a, b]) => (a <= b ? [a, b] : [b, a]) as [number, number]));
  const out: PortRange[] = [];
  for (let i = 0; i < set.length; i += 2) out.push({ from: set[i]!, to: set[i + 1]! });
  return out;
}

function portIntervals(p: PortRange[] | null): iv.Intervals<number> {
  return p === null ? [0, 65535] : iv.fromPairs(p.map((r) => [r.from, r.to] as [number, number]));
}

function toRanges(set: iv.Intervals<number>): PortRange[] | null {
  if (set.length === 2 && set[0] === 0 && set[1] === 65535) return null;
  const out: PortRange[] = [];
  for (let i = 0; i < set.length; i += 2) out.push({ from: set[i]!, to: set[i + 1]! });
  return out;
}

export function complementPorts(p: PortRange[]): PortRange[] {
  return toRanges(iv.subtract([0, 65535], portIntervals(p))) ?? [];
}

export function service(
  protocol: number | null,
  destinationPorts: PortRange[] | null = null,
  sourcePorts: PortRange[] | null = null,
  icmpType: number | null = null,
  icmpCode: number | null = null,
): Service {
  const ports = hasPorts(protocol);
  return {
    protocol,
    sourcePorts: ports ? sourcePorts : null,
    destinationPorts: ports ? destinationPorts : null,
    icmpType,
    icmpCode,
  };
}

function intersectService(a: Service, b: Service): Service | null {
  if (a.protocol !== null && b.protocol !== null && a.protocol !== b.protocol) return null;
  const protocol = a.protocol ?? b.protocol;
  const sp = iv.intersect(portIntervals(a.sourcePorts), portIntervals(b.sourcePorts));
  const dp = iv.intersect(portIntervals(a.destinationPorts), portIntervals(b.destinationPorts));
  if (sp.length === 0 || dp.length === 0) return null;
  const pick = (x: number | null, y: number | null): number | null | false =>
    x === null ? y : y === null || y === x ? x : false;
  const type = pick(a.icmpType, b.icmpType);
  const code = pick(a.icmpCode, b.icmpCode);
  if (type === false || code === false) return null;
  return service(protocol, toRanges(dp), toRanges(sp), type, code);
}

export function intersectServices(a: Service[], b: Service[]): Service[] {
  const out: Service[] = [];
  for (const x of a)
    for (const y of b) {
      const s = intersectService(x, y);
      if (s) out.push(s);
    }
  return out;
}

export function intersectStates(
  a: ConnectionState[] | null,
  b: ConnectionState[] | null,
): ConnectionState[] | null {
  if (a === null) return b;
  if (b === null) return a;
  return a.filter((s) => b.includes(s));
}

export function intersectInterfaces(a: string[] | null, b: string[] | null): string[] | null {
  if (a === null) return b;
  if (b === null) return a;
  return a.filter((x) => b.some((y) => y === x || (y.endsWith("+") && x.startsWith(y.slice(0, -1)))));
}

/** The match part of a rule, as the parsers build it before it gets its place and action. */
export interface Match {
  from: string[] | null;
  to: string[] | null;
  sources: AddressSet;
  destinations: AddressSet;
  services: Service[];
  states: ConnectionState[] | null;
  unmodelled: string[];
}

export function anyMatch(addressSets: AddressSets, universe: AddressRanges = ANY_ADDRESS): Match {
  return {
    from: null,
    to: null,
    sources: addressSets.any("any", universe),
    destinations: addressSets.any("any", universe),
    services: [ANY_SERVICE],
    states: null,
    unmodelled: [],
  };
}

/** The conjunction of two matches, or null when no packet can satisfy both. */
export function conjunction(addressSets: AddressSets, outer: Match, inner: Match): Match | null {
  const services = intersectServices(outer.services, inner.services);
  const states = intersectStates(outer.states, inner.states);
  const from = intersectInterfaces(outer.from, inner.from);
  const to = intersectInterfaces(outer.to, inner.to);
  if (services.length === 0 || states?.length === 0 || from?.length === 0 || to?.length === 0) return null;
  return {
    from,
    to,
    sources: addressSets.intersect(outer.sources, inner.sources),
    destinations: addressSets.intersect(outer.destinations, inner.destinations),
    services,
    states,
    unmodelled: [...new Set([...outer.unmodelled, ...inner.unmodelled])],
  };
}

export type RuleFields = Omit<FirewallRule, "id" | "position">;

/** Numbers the rules of a rule set in order. */
export function numbered(rulesetId: string, rules: RuleFields[]): FirewallRule[] {
  return rules.map((r, i) => ({ id: `${rulesetId}#${i + 1}`, position: i + 1, ...r }));
}

/** Splits a line into words, keeping double-quoted strings (with backslash escapes) as one word. */
export function words(line: string): string[] {
  const out: string[] = [];
  let i = 0;
  while (i < line.length) {
    const c = line[i]!;
    if (c === " " || c === "\t") {
      i++;
      continue;
    }
    if (c === '"') {
      let w = "";
      i++;
      while (i < line.length && line[i] !== '"') {
        if (line[i] === "\\" && i + 1 < line.length) i++;
        w += line[i];
        i++;
      }
      i++;
      out.push(w);
      continue;
    }
    let j = i;
    while (j < line.length && line[j] !== " " && line[j] !== "\t") j++;
    out.push(line.slice(i, j));
    i = j;
  }
  return out;
}
