/**
 * Which rules of an ordered rule set can ever decide a packet, computed exactly over the packet sets.
 *
 * For each rule R in order, the packets that reach it are R's set minus every earlier terminating rule's set
 * (a `return` only for rules inside its chain block). R is unreachable when nothing remains: shadowed if an
 * earlier rule with another action takes some of its packets (its intent never applies), redundant if every
 * taker has R's action (removing R changes nothing). Coverage by several earlier rules together counts, not only
 * by one.
 *
 * Complexity: the earlier rules that can overlap R are found through interval indexes (overlap-index.ts: each
 * rule filed under its most selective dimension of destination, source and destination port), O(log n + k) for
 * k candidates; each candidate costs one cube subtraction, O(d·s) for d = 6 dimensions over s residual pieces.
 * A rule set of n rules costs O(n log n + Σ k_i·s_i), O(n²·s) only when rules overlap most earlier ones in every
 * dimension; the residual is capped at MAX_PIECES, past which the rule is left undecided rather than guessed.
 */

import { V4_MAX, V6_MAX } from "../../model/address-ranges.js";
import * as iv from "../../model/intervals.js";
import type { CompiledRule, CompiledRuleset } from "./compile.js";
import { ALL_STATES, anyOverlap, type Cube, FULL_SVC, subtractAll, svcSubtract } from "./cubes.js";
import { OverlapIndex } from "./overlap-index.js";

export const MAX_PIECES = 4096;

export type RuleStanding =
  | { status: "reachable"; effective: Cube[] }
  | { status: "shadowed" | "redundant"; by: number[] }
  | { status: "undecided" }
  | { status: "inert" };

export interface OrderAnalysis {
  standings: RuleStanding[];
  /** False when an unconditional rule decides every packet before the default action. */
  defaultReachable: boolean;
}

export function isTerminating(r: CompiledRule): boolean {
  return (
    r.rule.enabled && (r.rule.action === "permit" || r.rule.action === "deny" || r.rule.action === "return")
  );
}

function viaPrefix(outer: CompiledRule, inner: CompiledRule): boolean {
  const a = outer.rule.via;
  const b = inner.rule.via;
  return a.length <= b.length && a.every((v, i) => v.line === b[i]!.line && v.chain === b[i]!.chain);
}

function isFullCube(c: Cube, inIfFull: iv.Intervals<number>): boolean {
  const max = c.fam === 4 ? V4_MAX : V6_MAX;
  const zero = c.fam === 4 ? 0 : 0n;
  return (
    c.state === ALL_STATES &&
    iv.equals(c.inIf, inIfFull) &&
    iv.equals(c.outIf, inIfFull) &&
    svcSubtract([FULL_SVC], c.svc).length === 0 &&
    c.src.length === 2 &&
    c.src[0] === zero &&
    c.src[1] === max &&
    c.dst.length === 2 &&
    c.dst[0] === zero &&
    c.dst[1] === max
  );
}

/** Is there an enabled permit or deny that matches every packet of every family the rule set handles? */
export function hasUnconditionalRule(rs: CompiledRuleset, interfacesFull: iv.Intervals<number>): boolean {
  const families = rs.families.size ? [...rs.families] : [4 as const];
  return rs.rules.some(
    (r) =>
      r.rule.enabled &&
      (r.rule.action === "permit" || r.rule.action === "deny") &&
      families.every((f) => r.under.some((c) => c.fam === f && isFullCube(c, interfacesFull))),
  );
}

/** Per family, the smallest box around a rule's cubes: [srcLo, srcHi, dstLo, dstHi, protoLo, protoHi, dportLo, dportHi]. */
type Hull = [iv.Bound, iv.Bound, iv.Bound, iv.Bound, number, number, number, number];

/** Math.min and Math.max do not take bigints (IPv6 bounds). */
const lower = (a: iv.Bound, b: iv.Bound): iv.Bound => (b < a ? b : a);
const upper = (a: iv.Bound, b: iv.Bound): iv.Bound => (b > a ? b : a);

function hullOf(cubes: readonly Cube[]): { 4?: Hull; 6?: Hull } {
  const out: { 4?: Hull; 6?: Hull } = {};
  for (const c of cubes) {
    if (c.src.length === 0 || c.dst.length === 0 || c.svc.length === 0) continue;
    // A loop, not Math.min(...boxes): a rule can have more service boxes than a call has room for arguments.
    const h: Hull = [
      c.src[0]!,
      c.src[c.src.length - 1]!,
      c.dst[0]!,
      c.dst[c.dst.length - 1]!,
      255,
      0,
      65535,
      0,
    ];
    for (const b of c.svc) {
      h[4] = Math.min(h[4], b[0]);
      h[5] = Math.max(h[5], b[1]);
      h[6] = Math.min(h[6], b[4]);
      h[7] = Math.max(h[7], b[5]);
    }
    const prev = out[c.fam];
    out[c.fam] = prev
      ? [
          lower(prev[0], h[0]),
          upper(prev[1], h[1]),
          lower(prev[2], h[2]),
          upper(prev[3], h[3]),
          Math.min(prev[4], h[4]),
          Math.max(prev[5], h[5]),
          Math.min(prev[6], h[6]),
          Math.max(prev[7], h[7]),
        ]
      : h;
  }
  return out;
}

function hullsMeet(a: { 4?: Hull; 6?: Hull }, b: { 4?: Hull; 6?: Hull }): boolean {
  for (const f of [4, 6] as const) {
    const x = a[f];
    const y = b[f];
    if (
      x &&
      y &&
      x[0] <= y[1] &&
      y[0] <= x[1] &&
      x[2] <= y[3] &&
      y[2] <= x[3] &&
      x[4] <= y[5] &&
      y[4] <= x[5] &&
      x[6] <= y[7] &&
      y[6] <= x[7]
    )
      return true;
  }
  return false;
}

export function analyseOrder(rs: CompiledRuleset, interfacesFull: iv.Intervals<number>): OrderAnalysis {
  const rules = rs.rules;
  const index = new OverlapIndex(rules.filter(isTerminating).map((r) => ({ id: r.index, cubes: r.under })));
  const seen = new Int32Array(rules.length).fill(-1);

  // One visitor for every query: it keeps the earlier rules not yet seen for the rule in hand.
  let current = 0;
  let candidates: number[] = [];
  const collect = (id: number) => {
    if (id < current && seen[id] !== current) {
      seen[id] = current;
      candidates.push(id);
    }
  };
  const hulls = rules.map((r) => ({ over: hullOf(r.over), under: hullOf(r.under) }));

  const standings: RuleStanding[] = rules.map((r): RuleStanding => {
    if (!isTerminating(r)) return { status: "inert" };
    current = r.index;
    candidates = [];
    index.query(r.over, collect);
    candidates.sort((a, b) => a - b);
    let residual: Cube[] = r.over;
    const takers: number[] = [];
    for (const j of candidates) {
      const other = rules[j]!;
      if (other.rule.action === "return" && !viaPrefix(other, r)) continue;
      // The hulls rule out most candidates before the exact test.
      if (!hullsMeet(hulls[r.index]!.over, hulls[j]!.under) || !anyOverlap(residual, other.under)) continue;
      takers.push(j);
      residual = subtractAll(residual, other.under);
      if (residual.length === 0) break;
      if (residual.length > MAX_PIECES) return { status: "undecided" };
    }
    if (residual.length > 0 || r.over.length === 0) return { status: "reachable", effective: residual };
    const conflicting = takers.some((j) => rules[j]!.rule.action !== r.rule.action);
    return { status: conflicting ? "shadowed" : "redundant", by: takers };
  });
  return { standings, defaultReachable: !hasUnconditionalRule(rs, interfacesFull) };
}
