/** Cisco Discovery Protocol version 2, carried in LLC/SNAP (OUI 00000c, PID 0x2000). */
import { ByteWriter } from "../byte-writer.js";
import { checksum } from "../checksum.js";
import { parseMac } from "../network.js";

export const CDP_MULTICAST = parseMac("01:00:0c:cc:cc:cc");
export const CISCO_OUI = 0x00000c;
export const CDP_PID = 0x2000;

export interface CdpInfo {
  deviceId: string;
  softwareVersion: string;
  platform: string;
  portId: string;
  ip: number;
  nativeVlan: number;
}

function tlv(w: ByteWriter, type: number, value: Uint8Array): void {
  w.u16(type)
    .u16(4 + value.length)
    .raw(value);
}

const text = (s: string): Uint8Array => new ByteWriter(s.length).ascii(s).bytes();

function addresses(ip: number): Uint8Array {
  // One address: protocol type NLPID, length 1, protocol 0xCC (IPv4), address length 4.
  return new ByteWriter(13).u32(1).u8(1).u8(1).u8(0xcc).u16(4).u32(ip).bytes();
}

export function cdpPdu(info: CdpInfo): Uint8Array {
  const body = new ByteWriter(512);
  tlv(body, 0x0001, text(info.deviceId));
  tlv(body, 0x0002, addresses(info.ip));
  tlv(body, 0x0003, text(info.portId));
  tlv(body, 0x0004, new ByteWriter(4).u32(0x00000028).bytes()); // switch, IGMP capable
  tlv(body, 0x0006, text(info.platform));
  tlv(body, 0x000a, new ByteWriter(2).u16(info.nativeVlan).bytes());
  tlv(body, 0x000b, Uint8Array.of(0x01)); // full duplex
  tlv(body, 0x0016, addresses(info.ip));
  // Keep the PDU an even number of bytes: Cisco computes the checksum of odd lengths differently.
  const version =
    (4 + body.length + 4 + info.softwareVersion.length) % 2 === 1
      ? `${info.softwareVersion}\n`
      : info.softwareVersion;
  tlv(body, 0x0005, text(version));
  const w = new ByteWriter(4 + body.length).u8(2).u8(180).u16(0).raw(body.bytes());
  const pdu = w.bytes();
  const sum = checksum(pdu);
  pdu[2] = sum >>> 8;
  pdu[3] = sum & 0xff;
  return pdu;
}
