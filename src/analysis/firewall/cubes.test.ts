import assert from "node:assert/strict";
import { test } from "node:test";
import * as iv from "../../model/intervals.js";
import { type Cube, cubeMinus, intersectAll, type SvcBox, subtractAll } from "./cubes.js";

/**
 * The cube algebra checked point by point over a universe small enough to enumerate: 4 states x 2 ingress x 2
 * egress interfaces x 2 protocols x 4 source ports x 4 destination ports x 4 source x 4 destination addresses.
 */
interface Point {
  state: number;
  inIf: number;
  outIf: number;
  proto: number;
  sport: number;
  dport: number;
  src: number;
  dst: number;
}

const POINTS: Point[] = [];
for (const state of [1, 2, 4, 8])
  for (const inIf of [0, 1])
    for (const outIf of [0, 1])
      for (const proto of [6, 17])
        for (let sport = 0; sport < 4; sport++)
          for (let dport = 0; dport < 4; dport++)
            for (let src = 0; src < 4; src++)
              for (let dst = 0; dst < 4; dst++)
                POINTS.push({ state, inIf, outIf, proto, sport, dport, src, dst });

const inSet = (set: iv.Intervals<iv.Bound>, x: number) => iv.overlaps(set, [x, x]);
const inCube = (c: Cube, p: Point) =>
  (c.state & p.state) !== 0 &&
  inSet(c.inIf, p.inIf) &&
  inSet(c.outIf, p.outIf) &&
  inSet(c.src, p.src) &&
  inSet(c.dst, p.dst) &&
  c.svc.some(
    (b) =>
      p.proto >= b[0] &&
      p.proto <= b[1] &&
      p.sport >= b[2] &&
      p.sport <= b[3] &&
      p.dport >= b[4] &&
      p.dport <= b[5],
  );
const inUnion = (cubes: Cube[], p: Point) => cubes.some((c) => inCube(c, p));

/** A small deterministic generator, so that a failure names a reproducible case. */
function lcg(seed: number) {
  let s = seed;
  return (n: number) => {
    s = (s * 1103515245 + 12345) % 2 ** 31;
    return s % n;
  };
}

function randomSet(rnd: (n: number) => number, max: number): iv.Intervals<number> {
  const pairs: [number, number][] = [];
  for (let k = 0; k <= rnd(2); k++) {
    const a = rnd(max + 1);
    pairs.push([a, a + rnd(max + 1 - a)]);
  }
  return iv.fromPairs(pairs);
}

function randomCube(rnd: (n: number) => number): Cube {
  const svc: SvcBox[] = [];
  for (let k = 0; k <= rnd(2); k++) {
    const proto = rnd(3) === 0 ? [6, 17] : rnd(2) ? [6, 6] : [17, 17];
    const s0 = rnd(4);
    const d0 = rnd(4);
    svc.push([proto[0]!, proto[1]!, s0, s0 + rnd(4 - s0), d0, d0 + rnd(4 - d0)]);
  }
  return {
    fam: 4,
    state: 1 + rnd(15),
    inIf: randomSet(rnd, 1),
    outIf: randomSet(rnd, 1),
    svc,
    src: randomSet(rnd, 3),
    dst: randomSet(rnd, 3),
  };
}

test("cube subtraction and intersection agree with the point-by-point definition", () => {
  const rnd = lcg(20251118);
  for (let round = 0; round < 150; round++) {
    const a = [randomCube(rnd), randomCube(rnd)];
    const b = [randomCube(rnd), randomCube(rnd)];
    const minus = subtractAll(a, b);
    const both = intersectAll(a, b);
    for (const p of POINTS) {
      assert.equal(
        inUnion(minus, p),
        inUnion(a, p) && !inUnion(b, p),
        `round ${round} minus at ${JSON.stringify(p)}`,
      );
      assert.equal(
        inUnion(both, p),
        inUnion(a, p) && inUnion(b, p),
        `round ${round} intersect at ${JSON.stringify(p)}`,
      );
    }
  }
});

test("one cube minus another gives disjoint pieces, at most one per dimension that differs", () => {
  const full: Cube = {
    fam: 4,
    state: 0b1111,
    inIf: [0, 1],
    outIf: [0, 1],
    svc: [[6, 17, 0, 3, 0, 3]],
    src: [0, 3],
    dst: [0, 3],
  };
  const hole: Cube = {
    fam: 4,
    state: 0b0001,
    inIf: [0, 0],
    outIf: [0, 1],
    svc: [[6, 6, 0, 3, 2, 2]],
    src: [1, 1],
    dst: [0, 3],
  };
  const pieces = cubeMinus(full, hole);
  // state, ingress interface, source address and service differ; egress and destination do not.
  assert.equal(pieces.length, 4);
  for (const p of POINTS) {
    const n = pieces.filter((c) => inCube(c, p)).length;
    assert.equal(n, inCube(full, p) && !inCube(hole, p) ? 1 : 0);
  }
});

test("cubes of different IP families never meet", () => {
  const v4: Cube = {
    fam: 4,
    state: 1,
    inIf: [0, 0],
    outIf: [0, 0],
    svc: [[0, 255, 0, 65535, 0, 65535]],
    src: [0, 10],
    dst: [0, 10],
  };
  const v6: Cube = { ...v4, fam: 6, src: [0n, 10n], dst: [0n, 10n] };
  assert.deepEqual(cubeMinus(v4, v6), [v4]);
  assert.deepEqual(intersectAll([v4], [v6]), []);
});
