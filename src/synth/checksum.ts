/** The Internet checksum (RFC 1071): one's-complement sum of 16-bit words. */

/** Adds b[start, end) as big-endian 16-bit words to `sum` (not folded). */
export function sumWords(b: Uint8Array, start: number, end: number, sum = 0): number {
  let i = start;
  for (; i + 1 < end; i += 2) sum += (b[i] << 8) | b[i + 1];
  if (i < end) sum += b[i] << 8;
  return sum;
}

/** Folds a running sum into the final 16-bit checksum. */
export function finish(sum: number): number {
  while (sum > 0xffff) sum = (sum & 0xffff) + Math.floor(sum / 0x10000);
  return ~sum & 0xffff;
}

export function checksum(b: Uint8Array, start = 0, end = b.length): number {
  return finish(sumWords(b, start, end));
}
