/**
 * Walks the object headers of a DNP3 application fragment (IEEE 1815-2012, 4.2.2.7): group, variation,
 * qualifier (object prefix code in bits 4-6, range specifier code in bits 0-3), range, then the objects.
 * Objects are skipped by their size; the walk stops, without error, at the first group/variation whose
 * size this table does not know, since the headers after it cannot be found.
 */
import { u16le, u32le } from "../bytes.js";

export const WALK_OK = 0;
/** Group 120 (secure authentication) was among the headers. */
export const WALK_AUTH = 1;
/** A header or its objects run past the fragment, or a qualifier is reserved. */
export const WALK_MALFORMED = 2;

/** Bits per object of fixed-size variations carried in requests (bit-packed ones are 1 or 2 bits). */
const BITS = new Map<number, number>();
function size(group: number, variation: number, bytes: number): void {
  BITS.set((group << 8) | variation, bytes * 8);
}
BITS.set((1 << 8) | 1, 1);
BITS.set((3 << 8) | 1, 2);
BITS.set((10 << 8) | 1, 1);
BITS.set((80 << 8) | 1, 1);
size(12, 1, 11); // control relay output block
size(12, 2, 11); // pattern control block
size(34, 1, 2); // analog input deadbands
size(34, 2, 4);
size(34, 3, 4);
size(41, 1, 5); // analog output blocks
size(41, 2, 3);
size(41, 3, 5);
size(41, 4, 9);
size(50, 1, 6); // absolute time
size(50, 3, 6);
size(50, 4, 11);
size(51, 1, 6);
size(51, 2, 6);
size(52, 1, 2);
size(52, 2, 2);

/** Octet-string groups whose variation is the object's size in bytes. */
function variationSized(group: number): boolean {
  return group === 110 || group === 111 || group === 112 || group === 113;
}

const PREFIX_BYTES = [0, 1, 2, 4, 1, 2, 4, 0];

/**
 * Walks the headers of `b[o, end)`. `withData` is false for functions whose requests name objects without
 * carrying their values (read, freeze, unsolicited control, assign class). Returns WALK_* flags.
 */
export function walkObjectHeaders(b: Uint8Array, o: number, end: number, withData: boolean): number {
  let flags = WALK_OK;
  while (o < end) {
    if (o + 3 > end) return flags | WALK_MALFORMED;
    const group = b[o];
    const variation = b[o + 1];
    const qualifier = b[o + 2];
    if (group === 120) flags |= WALK_AUTH;
    const prefixCode = (qualifier >> 4) & 0x07;
    const range = qualifier & 0x0f;
    o += 3;
    let count: number;
    if (range <= 2) {
      const n = 1 << range;
      if (o + 2 * n > end) return flags | WALK_MALFORMED;
      const start = readUint(b, o, n);
      const stop = readUint(b, o + n, n);
      if (stop < start) return flags | WALK_MALFORMED;
      count = stop - start + 1;
      o += 2 * n;
    } else if (range === 6) {
      count = 0;
    } else if (range >= 7 && range <= 9) {
      const n = 1 << (range - 7);
      if (o + n > end) return flags | WALK_MALFORMED;
      count = readUint(b, o, n);
      o += n;
    } else if (range === 0x0b) {
      if (o + 1 > end) return flags | WALK_MALFORMED;
      count = b[o];
      o += 1;
    } else {
      // Virtual addresses (3-5) are for the obsolete physical address mode; 0x0a and 0x0c-0x0f are reserved.
      return flags | WALK_MALFORMED;
    }
    if (prefixCode === 7) return flags | WALK_MALFORMED;
    const prefix = PREFIX_BYTES[prefixCode];
    if (prefixCode >= 4) {
      // Each object is preceded by its size.
      for (let i = 0; i < count; i++) {
        if (o + prefix > end) return flags | WALK_MALFORMED;
        o += prefix + readUint(b, o, prefix);
      }
      if (o > end) return flags | WALK_MALFORMED;
      continue;
    }
    if (!withData || group === 60) {
      o += count * prefix;
      continue;
    }
    const bits = variationSized(group) ? variation * 8 : (BITS.get((group << 8) | variation) ?? -1);
    if (bits < 0) return flags;
    o += bits >= 8 ? count * (prefix + bits / 8) : count * prefix + Math.ceil((count * bits) / 8);
  }
  return o > end ? flags | WALK_MALFORMED : flags;
}

function readUint(b: Uint8Array, o: number, n: number): number {
  return n === 1 ? b[o] : n === 2 ? u16le(b, o) : u32le(b, o);
}
