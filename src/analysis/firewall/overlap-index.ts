/**
 * Which stored rules may overlap a query rule, for the order analysis. An index over destinations alone returns,
 * for every query, each rule that allows any destination; a rule base where a tenth of the rules do (one port from
 * one host to anywhere) makes that quadratic. So each rule is indexed on the one dimension where it meets the
 * fewest other rules (destination, source or destination port), and a query asks every index. A rule that
 * overlaps the query overlaps it in every dimension, so it is found in whichever index holds it: no candidate is
 * lost, and a rule is returned only to queries that meet it where it is most selective.
 */
import type { Bound } from "../../model/intervals.js";
import type { Cube } from "./cubes.js";
import { IntervalIndex } from "./interval-index.js";

/** The dimensions a rule may be indexed on, in the order ties are broken. */
const DIMENSIONS = ["dst", "src", "dport"] as const;
type Dimension = (typeof DIMENSIONS)[number];

interface Span {
  /** `dst4`, `src6`, `dport`: addresses per family; ports (ICMP type and code included) are one space. */
  key: string;
  lo: Bound;
  hi: Bound;
}

function spans(cubes: readonly Cube[], dim: Dimension): Span[] {
  const out: Span[] = [];
  for (const c of cubes) {
    if (dim === "dport") {
      for (const b of c.svc) out.push({ key: dim, lo: b[4], hi: b[5] });
      continue;
    }
    const set = dim === "dst" ? c.dst : c.src;
    for (let k = 0; k < set.length; k += 2) out.push({ key: `${dim}${c.fam}`, lo: set[k]!, hi: set[k + 1]! });
  }
  return out;
}

const compare = (a: Bound, b: Bound): number => (a < b ? -1 : a > b ? 1 : 0);

/** The number of sorted values below `x` (strictly, or also equal to it). */
function rank(sorted: readonly Bound[], x: Bound, orEqual: boolean): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    const v = sorted[mid]!;
    if (v < x || (orEqual && v === x)) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Per key, every span's start and end, sorted: how many spans meet [lo, hi] is a difference of two ranks. */
class SpanCounts {
  private readonly starts = new Map<string, Bound[]>();
  private readonly ends = new Map<string, Bound[]>();

  constructor(all: readonly Span[]) {
    for (const s of all) {
      if (!this.starts.has(s.key)) {
        this.starts.set(s.key, []);
        this.ends.set(s.key, []);
      }
      this.starts.get(s.key)!.push(s.lo);
      this.ends.get(s.key)!.push(s.hi);
    }
    for (const list of [...this.starts.values(), ...this.ends.values()]) list.sort(compare);
  }

  /** Spans that start at or before `hi`, less those that end before `lo`. */
  meeting(s: Span): number {
    const starts = this.starts.get(s.key) ?? [];
    const ends = this.ends.get(s.key) ?? [];
    return rank(starts, s.hi, true) - rank(ends, s.lo, false);
  }
}

export class OverlapIndex {
  private readonly indexes = new Map<string, IntervalIndex<Bound>>();

  /** `entries`: each rule's id and the packets it surely takes. */
  constructor(entries: readonly { id: number; cubes: readonly Cube[] }[]) {
    const byDimension = entries.map((e) => DIMENSIONS.map((d) => spans(e.cubes, d)));
    const counts = DIMENSIONS.map((_, d) => new SpanCounts(byDimension.flatMap((per) => per[d]!)));
    const stored = new Map<string, { lo: Bound; hi: Bound; id: number }[]>();
    entries.forEach((e, i) => {
      const per = byDimension[i]!;
      let best = 0;
      let bestCost = Number.POSITIVE_INFINITY;
      DIMENSIONS.forEach((_, d) => {
        let cost = 0;
        for (const s of per[d]!) cost += counts[d]!.meeting(s);
        if (cost < bestCost) {
          best = d;
          bestCost = cost;
        }
      });
      for (const s of per[best]!) {
        const list = stored.get(s.key) ?? [];
        stored.set(s.key, list);
        list.push({ lo: s.lo, hi: s.hi, id: e.id });
      }
    });
    for (const [key, list] of stored) this.indexes.set(key, new IntervalIndex(list));
  }

  /** Calls `visit` with the id of every stored rule that may overlap `cubes` (an id may come more than once). */
  query(cubes: readonly Cube[], visit: (id: number) => void): void {
    for (const d of DIMENSIONS)
      for (const s of spans(cubes, d)) this.indexes.get(s.key)?.query(s.lo, s.hi, visit);
  }
}
