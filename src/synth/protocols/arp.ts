/** ARP for IPv4 over Ethernet (RFC 826). */
import { ByteWriter } from "../byte-writer.js";

export function arp(
  op: 1 | 2,
  senderMac: Uint8Array,
  senderIp: number,
  targetMac: Uint8Array,
  targetIp: number,
) {
  return new ByteWriter(28)
    .u16(1)
    .u16(0x0800)
    .u8(6)
    .u8(4)
    .u16(op)
    .raw(senderMac)
    .u32(senderIp)
    .raw(targetMac)
    .u32(targetIp)
    .bytes();
}
