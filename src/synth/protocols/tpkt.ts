/** TPKT (RFC 1006) and the ISO 8073 COTP TPDUs carried in it, shared by S7comm and RDP. */
import { ByteWriter } from "../byte-writer.js";

export function tpkt(payload: Uint8Array): Uint8Array {
  return new ByteWriter(4 + payload.length)
    .u8(3)
    .u8(0)
    .u16(4 + payload.length)
    .raw(payload)
    .bytes();
}

/** COTP data TPDU with end-of-transmission set, carrying one S7 PDU. */
export function cotpData(payload: Uint8Array): Uint8Array {
  return new ByteWriter(3 + payload.length).u8(2).u8(0xf0).u8(0x80).raw(payload).bytes();
}

/** COTP connection request or confirm with TPDU size 1024 and the calling/called TSAPs (S7). */
export function cotpConnect(
  kind: "request" | "confirm",
  dstRef: number,
  srcRef: number,
  srcTsap: number,
  dstTsap: number,
): Uint8Array {
  const w = new ByteWriter(18)
    .u8(17)
    .u8(kind === "request" ? 0xe0 : 0xd0)
    .u16(dstRef)
    .u16(srcRef)
    .u8(0x00) // class 0
    .u8(0xc0)
    .u8(1)
    .u8(0x0a) // TPDU size 1024
    .u8(0xc1)
    .u8(2)
    .u16(srcTsap)
    .u8(0xc2)
    .u8(2)
    .u16(dstTsap);
  return w.bytes();
}

/** COTP connection request/confirm with no parameters and a user-data tail (RDP's X.224 variant). */
export function cotpConnectWithData(
  kind: "request" | "confirm",
  srcRef: number,
  data: Uint8Array,
): Uint8Array {
  return new ByteWriter(7 + data.length)
    .u8(6 + data.length)
    .u8(kind === "request" ? 0xe0 : 0xd0)
    .u16(0)
    .u16(srcRef)
    .u8(0)
    .raw(data)
    .bytes();
}

/** S7 PDU wrapped in COTP DT and TPKT: what goes on TCP port 102. */
export const isoOnTcp = (s7pdu: Uint8Array): Uint8Array => tpkt(cotpData(s7pdu));
