/** Helpers for the line-based protocols (HTTP, FTP, SSH banners, Telnet): byte-level, no decoding of whole buffers. */

export const CR = 0x0d;
export const LF = 0x0a;

/** Index of the LF ending the line that starts at `from`, or -1 when none is found before `limit`. */
export function lineEnd(b: Uint8Array, from: number, limit = b.length): number {
  const end = Math.min(limit, b.length);
  for (let i = from; i < end; i++) if (b[i] === LF) return i;
  return -1;
}

/** Length of the line [from, lf) without its trailing CR. */
export function lineLength(b: Uint8Array, from: number, lf: number): number {
  return lf > from && b[lf - 1] === CR ? lf - 1 - from : lf - from;
}

/** True when b[o..] starts with the ASCII `word`, letters compared without case (`word` given in upper case). */
export function startsWithUpper(b: Uint8Array, o: number, word: string): boolean {
  if (o + word.length > b.length) return false;
  for (let i = 0; i < word.length; i++) {
    const c = b[o + i];
    const upper = c >= 0x61 && c <= 0x7a ? c - 0x20 : c;
    if (upper !== word.charCodeAt(i)) return false;
  }
  return true;
}

/** True when b[o..] starts with exactly these ASCII bytes. */
export function startsWith(b: Uint8Array, o: number, word: string): boolean {
  if (o + word.length > b.length) return false;
  for (let i = 0; i < word.length; i++) if (b[o + i] !== word.charCodeAt(i)) return false;
  return true;
}

/** Index of the first occurrence of byte `c` in [from, to), or -1. */
export function indexOfByte(b: Uint8Array, c: number, from: number, to: number): number {
  const end = Math.min(to, b.length);
  for (let i = from; i < end; i++) if (b[i] === c) return i;
  return -1;
}

/** Trims spaces and tabs from both ends of [from, to); returns the new bounds. */
export function trimSpaces(b: Uint8Array, from: number, to: number): [number, number] {
  let s = from;
  let e = to;
  while (s < e && (b[s] === 0x20 || b[s] === 0x09)) s++;
  while (e > s && (b[e - 1] === 0x20 || b[e - 1] === 0x09)) e--;
  return [s, e];
}
