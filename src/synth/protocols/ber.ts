/** Minimal BER (X.690) encoding for SNMP messages: definite lengths, integers, strings, OIDs. */
import { ByteWriter } from "../byte-writer.js";

export function tlv(tag: number, content: Uint8Array): Uint8Array {
  const w = new ByteWriter(content.length + 4).u8(tag);
  if (content.length < 0x80) w.u8(content.length);
  else if (content.length < 0x100) w.u8(0x81).u8(content.length);
  else w.u8(0x82).u16(content.length);
  return w.raw(content).bytes();
}

export function integer(v: number, tag = 0x02): Uint8Array {
  const bytes: number[] = [];
  let n = v;
  do {
    bytes.unshift(n & 0xff);
    n = Math.floor(n / 256);
  } while (n > 0);
  if (bytes[0] & 0x80) bytes.unshift(0);
  return tlv(tag, Uint8Array.from(bytes));
}

export const octets = (s: string): Uint8Array => tlv(0x04, new ByteWriter(s.length).ascii(s).bytes());
export const nullValue = (): Uint8Array => Uint8Array.of(0x05, 0x00);

export function oid(dotted: string): Uint8Array {
  const arcs = dotted.split(".").map(Number);
  const out: number[] = [arcs[0] * 40 + arcs[1]];
  for (const arc of arcs.slice(2)) {
    const septets: number[] = [];
    let n = arc;
    do {
      septets.unshift(n & 0x7f);
      n = Math.floor(n / 128);
    } while (n > 0);
    for (let i = 0; i < septets.length - 1; i++) septets[i] |= 0x80;
    out.push(...septets);
  }
  return tlv(0x06, Uint8Array.from(out));
}

export function sequence(tag: number, parts: readonly Uint8Array[]): Uint8Array {
  const w = new ByteWriter(128);
  for (const p of parts) w.raw(p);
  return tlv(tag, w.bytes());
}
