/** DHCP (RFC 2131/2132) over BOOTP: fixed header, magic cookie and options. */
import { ByteWriter } from "../byte-writer.js";

export const DISCOVER = 1;
export const OFFER = 2;
export const REQUEST = 3;
export const ACK = 5;

export interface DhcpMessage {
  type: number;
  xid: number;
  mac: Uint8Array;
  clientIp?: number;
  yourIp?: number;
  serverIp?: number;
  hostname?: string;
  vendorClass?: string;
  requestedIp?: number;
  leaseSeconds?: number;
  router?: number;
  dns?: number;
  domain?: string;
}

function option(w: ByteWriter, code: number, value: Uint8Array): void {
  w.u8(code).u8(value.length).raw(value);
}

const u32 = (v: number): Uint8Array => new ByteWriter(4).u32(v).bytes();
const text = (s: string): Uint8Array => new ByteWriter(s.length).ascii(s).bytes();

export function dhcpMessage(m: DhcpMessage): Uint8Array {
  const reply = m.type === OFFER || m.type === ACK;
  const w = new ByteWriter(320)
    .u8(reply ? 2 : 1)
    .u8(1)
    .u8(6)
    .u8(0)
    .u32(m.xid)
    .u16(0)
    .u16(0)
    .u32(m.clientIp ?? 0)
    .u32(m.yourIp ?? 0)
    .u32(reply ? (m.serverIp ?? 0) : 0)
    .u32(0)
    .raw(m.mac)
    .zeros(10 + 64 + 128)
    .u32(0x63825363);
  option(w, 53, Uint8Array.of(m.type));
  if (!reply) option(w, 61, new ByteWriter(7).u8(1).raw(m.mac).bytes());
  if (m.requestedIp !== undefined) option(w, 50, u32(m.requestedIp));
  if (reply && m.serverIp !== undefined) option(w, 54, u32(m.serverIp));
  if (m.hostname !== undefined) option(w, 12, text(m.hostname));
  if (m.vendorClass !== undefined) option(w, 60, text(m.vendorClass));
  if (!reply) option(w, 55, Uint8Array.of(1, 3, 6, 15, 31, 33, 43, 44, 46, 47, 119, 121, 249, 252));
  if (reply) {
    option(w, 51, u32(m.leaseSeconds ?? 691200));
    option(w, 1, u32(0xffffff00));
    if (m.router !== undefined) option(w, 3, u32(m.router));
    if (m.dns !== undefined) option(w, 6, u32(m.dns));
    if (m.domain !== undefined) option(w, 15, text(m.domain));
  }
  w.u8(255);
  return w.bytes();
}
