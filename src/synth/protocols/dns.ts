/** DNS queries and answers (RFC 1035) with name compression in answers. */
import { ByteWriter } from "../byte-writer.js";

export const TYPE_A = 1;

function name(w: ByteWriter, fqdn: string): void {
  for (const label of fqdn.split(".")) w.u8(label.length).ascii(label);
  w.u8(0);
}

export function query(id: number, fqdn: string, type = TYPE_A): Uint8Array {
  const w = new ByteWriter(32 + fqdn.length).u16(id).u16(0x0100).u16(1).u16(0).u16(0).u16(0);
  name(w, fqdn);
  return w.u16(type).u16(1).bytes();
}

/** A response with A records for `addresses` (empty: NXDOMAIN), answers pointing at the question name. */
export function answer(id: number, fqdn: string, addresses: readonly number[], ttl = 300): Uint8Array {
  const rcode = addresses.length === 0 ? 3 : 0;
  const w = new ByteWriter(64 + fqdn.length)
    .u16(id)
    .u16(0x8180 | rcode)
    .u16(1)
    .u16(addresses.length)
    .u16(0)
    .u16(0);
  name(w, fqdn);
  w.u16(TYPE_A).u16(1);
  for (const a of addresses) w.u16(0xc00c).u16(TYPE_A).u16(1).u32(ttl).u16(4).u32(a);
  return w.bytes();
}
