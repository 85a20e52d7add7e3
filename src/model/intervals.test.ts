import assert from "node:assert/strict";
import { test } from "node:test";
import * as iv from "./intervals.js";

/** The members of a small set, listed one by one: the oracle the interval algebra is checked against. */
function members(set: iv.Intervals<number>): number[] {
  const out: number[] = [];
  for (let i = 0; i < set.length; i += 2) for (let x = set[i]!; x <= set[i + 1]!; x++) out.push(x);
  return out;
}

test("fromPairs sorts, merges overlapping and adjacent intervals, and drops reversed ones", () => {
  assert.deepEqual(
    iv.fromPairs([
      [10, 12],
      [1, 3],
      [4, 5],
      [11, 20],
      [30, 29],
    ]),
    [1, 5, 10, 20],
  );
  assert.deepEqual(
    iv.fromPairs([
      [7, 7],
      [9, 9],
    ]),
    [7, 7, 9, 9],
  );
  assert.deepEqual(iv.fromPairs([]), []);
});

test("union, intersect and subtract agree with the element-by-element definition", () => {
  const sets: iv.Intervals<number>[] = [
    [],
    [0, 15],
    [2, 4, 8, 9],
    [1, 1, 3, 6, 12, 14],
    [5, 10],
    [0, 0, 15, 15],
  ];
  for (const a of sets)
    for (const b of sets) {
      const A = new Set(members(a));
      const B = new Set(members(b));
      assert.deepEqual(
        members(iv.union(a, b)),
        [...new Set([...A, ...B])].sort((x, y) => x - y),
        `union ${a} ${b}`,
      );
      assert.deepEqual(
        members(iv.intersect(a, b)),
        [...A].filter((x) => B.has(x)),
        `intersect ${a} ${b}`,
      );
      assert.deepEqual(
        members(iv.subtract(a, b)),
        [...A].filter((x) => !B.has(x)),
        `subtract ${a} ${b}`,
      );
      assert.equal(
        iv.overlaps(a, b),
        [...A].some((x) => B.has(x)),
        `overlaps ${a} ${b}`,
      );
      assert.equal(
        iv.covers(a, b),
        [...B].every((x) => A.has(x)),
        `covers ${a} ${b}`,
      );
    }
});

test("subtracting leaves the pieces on both sides, at the edges of the value range too", () => {
  assert.deepEqual(iv.subtract([0, 65535], [80, 80]), [0, 79, 81, 65535]);
  assert.deepEqual(iv.subtract([0, 65535], [0, 0, 65535, 65535]), [1, 65534]);
  assert.deepEqual(iv.subtract([0, 0xffffffff], [0, 0xffffffff]), []);
});

test("IPv6 sets work on bigints across the whole 128-bit range", () => {
  const max = (1n << 128n) - 1n;
  const all: iv.Intervals<bigint> = [0n, max];
  const doc: iv.Intervals<bigint> = [0x20010db8n << 96n, (0x20010db8n << 96n) | ((1n << 96n) - 1n)];
  const rest = iv.subtract(all, doc);
  assert.deepEqual(rest, [0n, (0x20010db8n << 96n) - 1n, (0x20010db8n + 1n) << 96n, max]);
  assert.equal(iv.size(rest) + iv.size(doc), 1n << 128n);
  assert.deepEqual(iv.union(rest, doc), all);
});
