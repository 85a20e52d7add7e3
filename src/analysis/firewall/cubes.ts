/**
 * Exact sets of packets. A cube is a product of per-dimension sets: connection states x ingress interfaces x
 * egress interfaces x services x source addresses x destination addresses, within one IP family. Services are a
 * union of (protocol x source port x destination port) boxes, ICMP type and code folded into the destination
 * port as `type * 256 + code`. A rule's match is a list of cubes (one per family); any set the algebra builds is
 * a union of cubes.
 *
 * Keeping each dimension a set (not one interval) keeps a rule over nested groups one cube instead of the
 * product of its members; subtracting one cube from another yields at most six cubes (one per dimension).
 */
import type { AddressRanges } from "../../model/address-ranges.js";
import * as iv from "../../model/intervals.js";

export type Addr = iv.Intervals<iv.Bound>;
/** [protocol lo, hi, source port lo, hi, destination port lo, hi]. */
export type SvcBox = readonly [number, number, number, number, number, number];

export interface Cube {
  readonly fam: 4 | 6;
  readonly state: number;
  readonly inIf: iv.Intervals<number>;
  readonly outIf: iv.Intervals<number>;
  readonly svc: readonly SvcBox[];
  readonly src: Addr;
  readonly dst: Addr;
}

export const ALL_STATES = 0b11111;
export const FULL_SVC: SvcBox = [0, 255, 0, 65535, 0, 65535];

function boxIntersect(a: SvcBox, b: SvcBox): SvcBox | null {
  const p0 = Math.max(a[0], b[0]);
  const p1 = Math.min(a[1], b[1]);
  const s0 = Math.max(a[2], b[2]);
  const s1 = Math.min(a[3], b[3]);
  const d0 = Math.max(a[4], b[4]);
  const d1 = Math.min(a[5], b[5]);
  return p0 <= p1 && s0 <= s1 && d0 <= d1 ? [p0, p1, s0, s1, d0, d1] : null;
}

/** a minus b: at most six boxes. */
function boxMinus(a: SvcBox, b: SvcBox): SvcBox[] {
  if (!boxIntersect(a, b)) return [a];
  const out: SvcBox[] = [];
  const cur = [...a] as [number, number, number, number, number, number];
  for (let d = 0; d < 6; d += 2) {
    if (cur[d]! < b[d]!) {
      const piece = [...cur] as [number, number, number, number, number, number];
      piece[d + 1] = b[d]! - 1;
      out.push(piece);
      cur[d] = b[d]!;
    }
    if (cur[d + 1]! > b[d + 1]!) {
      const piece = [...cur] as [number, number, number, number, number, number];
      piece[d] = b[d + 1]! + 1;
      out.push(piece);
      cur[d + 1] = b[d + 1]!;
    }
  }
  return out;
}

export function svcIntersect(a: readonly SvcBox[], b: readonly SvcBox[]): SvcBox[] {
  const out: SvcBox[] = [];
  for (const x of a)
    for (const y of b) {
      const z = boxIntersect(x, y);
      if (z) out.push(z);
    }
  return out;
}

export function svcSubtract(a: readonly SvcBox[], b: readonly SvcBox[]): SvcBox[] {
  let pieces: SvcBox[] = [...a];
  for (const y of b) {
    const next: SvcBox[] = [];
    for (const x of pieces) next.push(...boxMinus(x, y));
    pieces = next;
    if (pieces.length === 0) break;
  }
  return pieces;
}

export function svcOverlaps(a: readonly SvcBox[], b: readonly SvcBox[]): boolean {
  for (const x of a) for (const y of b) if (boxIntersect(x, y)) return true;
  return false;
}

/** Does the cube's family hold nothing? (Families never meet: an IPv4 cube and an IPv6 cube are disjoint.) */
export function cubeIntersect(a: Cube, b: Cube): Cube | null {
  if (a.fam !== b.fam) return null;
  const state = a.state & b.state;
  if (state === 0) return null;
  const inIf = iv.intersect(a.inIf, b.inIf);
  if (inIf.length === 0) return null;
  const outIf = iv.intersect(a.outIf, b.outIf);
  if (outIf.length === 0) return null;
  const src = iv.intersect(a.src, b.src);
  if (src.length === 0) return null;
  const dst = iv.intersect(a.dst, b.dst);
  if (dst.length === 0) return null;
  const svc = svcIntersect(a.svc, b.svc);
  if (svc.length === 0) return null;
  return { fam: a.fam, state, inIf, outIf, svc, src, dst };
}

export function cubesOverlap(a: Cube, b: Cube): boolean {
  return (
    a.fam === b.fam &&
    (a.state & b.state) !== 0 &&
    iv.overlaps(a.src, b.src) &&
    iv.overlaps(a.dst, b.dst) &&
    iv.overlaps(a.inIf, b.inIf) &&
    iv.overlaps(a.outIf, b.outIf) &&
    svcOverlaps(a.svc, b.svc)
  );
}

/** a minus b as disjoint cubes: the part outside b in the first dimension, then inside it and outside in the next, ... */
export function cubeMinus(a: Cube, b: Cube): Cube[] {
  if (!cubesOverlap(a, b)) return [a];
  const out: Cube[] = [];
  let cur: Cube = a;
  const stateOut = cur.state & ~b.state;
  if (stateOut) out.push({ ...cur, state: stateOut });
  cur = { ...cur, state: cur.state & b.state };
  const inOut = iv.subtract(cur.inIf, b.inIf);
  if (inOut.length) out.push({ ...cur, inIf: inOut });
  cur = { ...cur, inIf: iv.intersect(cur.inIf, b.inIf) };
  const outOut = iv.subtract(cur.outIf, b.outIf);
  if (outOut.length) out.push({ ...cur, outIf: outOut });
  cur = { ...cur, outIf: iv.intersect(cur.outIf, b.outIf) };
  // Addresses before services: a rule usually differs from another in its hosts, and cutting those first keeps
  // the services of the untouched hosts whole (what a report shows).
  const srcOut = iv.subtract(cur.src, b.src);
  if (srcOut.length) out.push({ ...cur, src: srcOut });
  cur = { ...cur, src: iv.intersect(cur.src, b.src) };
  const dstOut = iv.subtract(cur.dst, b.dst);
  if (dstOut.length) out.push({ ...cur, dst: dstOut });
  cur = { ...cur, dst: iv.intersect(cur.dst, b.dst) };
  const svcOut = svcSubtract(cur.svc, b.svc);
  if (svcOut.length) out.push({ ...cur, svc: svcOut });
  return out;
}

export function subtractAll(a: readonly Cube[], b: readonly Cube[]): Cube[] {
  let pieces: Cube[] = [...a];
  for (const y of b) {
    const next: Cube[] = [];
    for (const x of pieces) for (const p of cubeMinus(x, y)) next.push(p);
    pieces = next;
    if (pieces.length === 0) break;
  }
  return pieces;
}

export function intersectAll(a: readonly Cube[], b: readonly Cube[]): Cube[] {
  const out: Cube[] = [];
  for (const x of a)
    for (const y of b) {
      const z = cubeIntersect(x, y);
      if (z) out.push(z);
    }
  return out;
}

export function anyOverlap(a: readonly Cube[], b: readonly Cube[]): boolean {
  for (const x of a) for (const y of b) if (cubesOverlap(x, y)) return true;
  return false;
}

export interface Restriction {
  src?: AddressRanges;
  dst?: AddressRanges;
  svc?: readonly SvcBox[];
  state?: number;
}

export function familyPart(a: AddressRanges, fam: 4 | 6): Addr {
  return fam === 4 ? a.v4 : a.v6;
}

/** Restricts dimensions of every cube (used to ask "of this set, the part to these destinations"). */
export function restrict(cubes: readonly Cube[], mask: Restriction): Cube[] {
  const out: Cube[] = [];
  for (const c of cubes) {
    const src = mask.src ? iv.intersect(c.src, familyPart(mask.src, c.fam)) : c.src;
    const dst = mask.dst ? iv.intersect(c.dst, familyPart(mask.dst, c.fam)) : c.dst;
    const svc = mask.svc ? svcIntersect(c.svc, mask.svc) : c.svc;
    const state = mask.state !== undefined ? c.state & mask.state : c.state;
    if (src.length && dst.length && svc.length && state) out.push({ ...c, src, dst, svc, state });
  }
  return out;
}
