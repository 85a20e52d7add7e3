/** Bounds-unchecked readers over byte views: callers check lengths first (dissectors must). */

export function u16be(b: Uint8Array, o: number): number {
  return (b[o] << 8) | b[o + 1];
}

export function u16le(b: Uint8Array, o: number): number {
  return b[o] | (b[o + 1] << 8);
}

export function u32be(b: Uint8Array, o: number): number {
  return ((b[o] << 24) | (b[o + 1] << 16) | (b[o + 2] << 8) | b[o + 3]) >>> 0;
}

export function u32le(b: Uint8Array, o: number): number {
  return (b[o] | (b[o + 1] << 8) | (b[o + 2] << 16) | (b[o + 3] << 24)) >>> 0;
}

/** Printable ASCII of b[o, o+len), stopping at the first NUL; other bytes become '?'. */
export function ascii(b: Uint8Array, o: number, len: number): string {
  const end = Math.min(b.length, o + len);
  let s = "";
  for (let i = o; i < end; i++) {
    const c = b[i];
    if (c === 0) break;
    s += c >= 0x20 && c < 0x7f ? String.fromCharCode(c) : "?";
  }
  return s;
}

/** Same bytes as UTF-8 text (for protocols that carry UTF-8 strings). */
const utf8 = new TextDecoder("utf-8", { fatal: false });
export function utf8At(b: Uint8Array, o: number, len: number): string {
  return utf8.decode(b.subarray(o, Math.min(b.length, o + len)));
}

export function hex(b: Uint8Array, o = 0, len = b.length - o): string {
  let s = "";
  for (let i = o; i < Math.min(b.length, o + len); i++) s += b[i].toString(16).padStart(2, "0");
  return s;
}
