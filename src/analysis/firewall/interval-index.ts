/**
 * A static interval index: which stored intervals overlap a query interval. The intervals are sorted by start
 * and laid out as an implicit balanced tree whose nodes keep the largest end below them, so a query visits
 * O(log n + k log n) nodes for k results. Built once in O(n log n).
 */
import type { Bound } from "../../model/intervals.js";

export class IntervalIndex<T extends Bound> {
  private readonly lo: T[];
  private readonly hi: T[];
  private readonly ids: number[];
  private readonly maxHi: T[];

  constructor(entries: { lo: T; hi: T; id: number }[]) {
    const sorted = [...entries].sort((a, b) => (a.lo < b.lo ? -1 : a.lo > b.lo ? 1 : 0));
    this.lo = sorted.map((e) => e.lo);
    this.hi = sorted.map((e) => e.hi);
    this.ids = sorted.map((e) => e.id);
    this.maxHi = [...this.hi];
    this.build(0, sorted.length);
  }

  private build(l: number, r: number): T | null {
    if (l >= r) return null;
    const mid = (l + r) >> 1;
    let m = this.hi[mid]!;
    const left = this.build(l, mid);
    const right = this.build(mid + 1, r);
    if (left !== null && left > m) m = left;
    if (right !== null && right > m) m = right;
    this.maxHi[mid] = m;
    return m;
  }

  /** Calls `visit` with the id of every interval overlapping [qlo, qhi] (an id may come more than once). */
  query(qlo: T, qhi: T, visit: (id: number) => void): void {
    this.walk(0, this.lo.length, qlo, qhi, visit);
  }

  private walk(l: number, r: number, qlo: T, qhi: T, visit: (id: number) => void): void {
    if (l >= r) return;
    const mid = (l + r) >> 1;
    if (this.maxHi[mid]! < qlo) return;
    this.walk(l, mid, qlo, qhi, visit);
    if (this.lo[mid]! > qhi) return;
    if (this.hi[mid]! >= qlo) visit(this.ids[mid]!);
    this.walk(mid + 1, r, qlo, qhi, visit);
  }
}
