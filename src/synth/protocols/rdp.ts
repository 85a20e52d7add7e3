/**
 * RDP connection start (MS-RDPBCGR 2.2.1.1/2.2.1.2): X.224 connection request with the mstshash cookie and
 * an RDP negotiation request, and the confirm selecting CredSSP; TLS follows on the same connection.
 */
import { ByteWriter } from "../byte-writer.js";
import { cotpConnectWithData, tpkt } from "./tpkt.js";

const PROTOCOL_SSL = 0x00000001;
const PROTOCOL_HYBRID = 0x00000002;

export function connectionRequest(user: string): Uint8Array {
  const data = new ByteWriter(64)
    .ascii(`Cookie: mstshash=${user}\r\n`)
    .u8(0x01) // TYPE_RDP_NEG_REQ
    .u8(0x00)
    .u16le(8)
    .u32le(PROTOCOL_SSL | PROTOCOL_HYBRID)
    .bytes();
  return tpkt(cotpConnectWithData("request", 0, data));
}

export function connectionConfirm(): Uint8Array {
  const data = new ByteWriter(8)
    .u8(0x02) // TYPE_RDP_NEG_RSP
    .u8(0x1f) // extended client data, graphics pipeline, restricted admin, redirected auth supported
    .u16le(8)
    .u32le(PROTOCOL_HYBRID)
    .bytes();
  return tpkt(cotpConnectWithData("confirm", 0x1234, data));
}
