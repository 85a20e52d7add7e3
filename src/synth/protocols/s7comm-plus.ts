/**
 * S7comm-plus frames (protocol id 0x72) as S7-1200/1500 CPUs exchange them with TIA Portal and HMIs:
 * header (id, version, length), an integrity digest from version 3 on, opcode and function, and the
 * trailer (id, version, zero length). The object payload is opaque here: only framing is reproduced.
 */
import { ByteWriter } from "../byte-writer.js";

export const OPCODE_REQUEST = 0x31;
export const OPCODE_RESPONSE = 0x32;
export const FN_CREATE_OBJECT = 0x04ca;
export const FN_GET_MULTI_VARIABLES = 0x054c;

export function s7plusFrame(
  version: 1 | 3,
  opcode: number,
  fn: number,
  sequence: number,
  session: number,
  body: Uint8Array,
  digest?: Uint8Array,
): Uint8Array {
  const inner = new ByteWriter(16 + body.length)
    .u8(opcode)
    .u16(0x0000)
    .u16(fn)
    .u16(0x0000)
    .u16(sequence)
    .u32(session)
    .u8(0x36) // transport flags
    .raw(body)
    .bytes();
  const w = new ByteWriter(40 + inner.length).u8(0x72).u8(version);
  const lengthAt = w.length;
  w.u16(0);
  if (version === 3 && digest) w.u8(digest.length).raw(digest);
  w.raw(inner);
  w.setU16(lengthAt, w.length - 4);
  return w.u8(0x72).u8(version).u16(0).bytes();
}
