/**
 * Sets of integers as sorted, disjoint, non-adjacent closed intervals in one flat array `[lo0, hi0, lo1, hi1, ...]`.
 * IPv4 addresses and ports use `number`, IPv6 addresses `bigint`; one set never mixes the two. Every operation is
 * a linear merge: O(a + b) for sets of a and b intervals.
 */
export type Bound = number | bigint;
export type Intervals<T extends Bound> = T[];

function succ<T extends Bound>(x: T): T {
  return (typeof x === "bigint" ? x + 1n : (x as number) + 1) as T;
}

function pred<T extends Bound>(x: T): T {
  return (typeof x === "bigint" ? x - 1n : (x as number) - 1) as T;
}

/** Builds a set from intervals in any order, merging overlapping and adjacent ones. */
export function fromPairs<T extends Bound>(pairs: readonly (readonly [T, T])[]): Intervals<T> {
  const sorted = pairs
    .filter(([lo, hi]) => lo <= hi)
    .sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  const out: T[] = [];
  for (const [lo, hi] of sorted) {
    const n = out.length;
    if (n > 0 && lo <= succ(out[n - 1]!)) {
      if (hi > out[n - 1]!) out[n - 1] = hi;
    } else {
      out.push(lo, hi);
    }
  }
  return out;
}

export function union<T extends Bound>(a: Intervals<T>, b: Intervals<T>): Intervals<T> {
  if (a.length === 0) return b;
  if (b.length === 0) return a;
  const pairs: [T, T][] = [];
  for (let i = 0; i < a.length; i += 2) pairs.push([a[i]!, a[i + 1]!]);
  for (let i = 0; i < b.length; i += 2) pairs.push([b[i]!, b[i + 1]!]);
  return fromPairs(pairs);
}

export function intersect<T extends Bound>(a: Intervals<T>, b: Intervals<T>): Intervals<T> {
  const out: T[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    // biome-ignore lint/complexity/useMathMinMax: bounds may be bigints, which Math.max does not take
    const lo = a[i]! > b[j]! ? a[i]! : b[j]!;
    // biome-ignore lint/complexity/useMathMinMax: as above
    const hi = a[i + 1]! < b[j + 1]! ? a[i + 1]! : b[j + 1]!;
    if (lo <= hi) out.push(lo, hi);
    if (a[i + 1]! < b[j + 1]!) i += 2;
    else j += 2;
  }
  return out;
}

export function subtract<T extends Bound>(a: Intervals<T>, b: Intervals<T>): Intervals<T> {
  if (b.length === 0 || a.length === 0) return a;
  const out: T[] = [];
  let j = 0;
  for (let i = 0; i < a.length; i += 2) {
    let lo = a[i]!;
    const hi = a[i + 1]!;
    while (j < b.length && b[j + 1]! < lo) j += 2;
    let k = j;
    while (k < b.length && b[k]! <= hi) {
      if (b[k]! > lo) out.push(lo, pred(b[k]!));
      if (b[k + 1]! >= hi) {
        lo = succ(hi);
        break;
      }
      lo = succ(b[k + 1]!);
      k += 2;
    }
    if (lo <= hi) out.push(lo, hi);
  }
  return out;
}

export function overlaps<T extends Bound>(a: Intervals<T>, b: Intervals<T>): boolean {
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    if (a[i + 1]! < b[j]!) i += 2;
    else if (b[j + 1]! < a[i]!) j += 2;
    else return true;
  }
  return false;
}

/** True when every element of `b` is in `a`. */
export function covers<T extends Bound>(a: Intervals<T>, b: Intervals<T>): boolean {
  return subtract(b, a).length === 0;
}

export function equals<T extends Bound>(a: Intervals<T>, b: Intervals<T>): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}

/** Number of elements, as a bigint so that IPv6 sets count exactly. */
export function size<T extends Bound>(a: Intervals<T>): bigint {
  let n = 0n;
  for (let i = 0; i < a.length; i += 2) n += BigInt(a[i + 1]!) - BigInt(a[i]!) + 1n;
  return n;
}
