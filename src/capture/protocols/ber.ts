/** The few BER (X.690) reads SNMP needs: single-byte tags, definite lengths, small integers. */

export interface Tlv {
  tag: number;
  /** Offset of the value. */
  value: number;
  /** Offset just past the value. */
  end: number;
}

/** The TLV at `o`, which must end by `limit`; null when malformed (long tags, indefinite or oversized lengths). */
export function readTlv(b: Uint8Array, o: number, limit: number): Tlv | null {
  if (o + 2 > limit) return null;
  const tag = b[o];
  if ((tag & 0x1f) === 0x1f) return null;
  let len = b[o + 1];
  let value = o + 2;
  if (len & 0x80) {
    const n = len & 0x7f;
    if (n === 0 || n > 3 || value + n > limit) return null;
    len = 0;
    for (let i = 0; i < n; i++) len = len * 256 + b[value + i];
    value += n;
  }
  const end = value + len;
  return end <= limit ? { tag, value, end } : null;
}

/** A signed INTEGER of up to 4 bytes; null for longer ones. */
export function readInt(b: Uint8Array, t: Tlv): number | null {
  const n = t.end - t.value;
  if (n < 1 || n > 4) return null;
  let v = b[t.value] & 0x80 ? -1 : 0;
  for (let i = t.value; i < t.end; i++) v = (v << 8) | b[i];
  return v;
}

/** True when the value bytes equal `bytes`. */
export function valueEquals(b: Uint8Array, t: Tlv, bytes: readonly number[]): boolean {
  if (t.end - t.value !== bytes.length) return false;
  for (let i = 0; i < bytes.length; i++) if (b[t.value + i] !== bytes[i]) return false;
  return true;
}
