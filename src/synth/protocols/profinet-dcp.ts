/** PROFINET DCP (ethertype 0x8892) Identify All request and Identify response with its device blocks. */
import { ByteWriter } from "../byte-writer.js";
import { parseMac } from "../network.js";

export const DCP_MULTICAST = parseMac("01:0e:cf:00:00:00");

const FRAME_ID_IDENTIFY_REQUEST = 0xfefe;
const FRAME_ID_IDENTIFY_RESPONSE = 0xfeff;
const SERVICE_IDENTIFY = 0x05;

export function identifyAllRequest(xid: number): Uint8Array {
  return new ByteWriter(16)
    .u16(FRAME_ID_IDENTIFY_REQUEST)
    .u8(SERVICE_IDENTIFY)
    .u8(0x00) // request
    .u32(xid)
    .u16(0x0080) // response delay factor
    .u16(4)
    .u8(0xff)
    .u8(0xff)
    .u16(0) // all selector
    .bytes();
}

export interface DcpDevice {
  typeOfStation: string;
  nameOfStation: string;
  vendorId: number;
  deviceId: number;
  ip: number;
  mask: number;
  gateway: number;
}

function block(w: ByteWriter, option: number, suboption: number, value: Uint8Array): void {
  // Block length counts block info (2) and value, not the pad byte that keeps blocks on even offsets.
  w.u8(option)
    .u8(suboption)
    .u16(2 + value.length)
    .u16(0x0000)
    .raw(value);
  if (value.length % 2 === 1) w.u8(0);
}

export function identifyResponse(xid: number, d: DcpDevice): Uint8Array {
  const blocks = new ByteWriter(128);
  block(blocks, 0x02, 0x01, new ByteWriter(32).ascii(d.typeOfStation).bytes());
  block(blocks, 0x02, 0x02, new ByteWriter(32).ascii(d.nameOfStation).bytes());
  block(blocks, 0x02, 0x03, new ByteWriter(4).u16(d.vendorId).u16(d.deviceId).bytes());
  block(blocks, 0x02, 0x04, Uint8Array.of(0x01, 0x00)); // role: IO device
  block(blocks, 0x02, 0x05, Uint8Array.of(0x02, 0x01, 0x02, 0x02, 0x02, 0x03, 0x02, 0x04, 0x01, 0x02));
  // IP parameter block: block info 0x0001 says the address was set by configuration.
  const ip = new ByteWriter(12).u32(d.ip).u32(d.mask).u32(d.gateway).bytes();
  blocks
    .u8(0x01)
    .u8(0x02)
    .u16(2 + ip.length)
    .u16(0x0001)
    .raw(ip);
  const body = blocks.bytes();
  return new ByteWriter(12 + body.length)
    .u16(FRAME_ID_IDENTIFY_RESPONSE)
    .u8(SERVICE_IDENTIFY)
    .u8(0x01) // response: success
    .u32(xid)
    .u16(0)
    .u16(body.length)
    .raw(body)
    .bytes();
}
