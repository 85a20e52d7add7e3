/**
 * EtherNet/IP encapsulation (little-endian, 24-byte header) and the CIP messages carried in SendRRData:
 * Logix tag reads and writes by symbolic path, and Forward Open to the connection manager.
 */
import { ByteWriter } from "../byte-writer.js";

export const CMD_LIST_IDENTITY = 0x0063;
export const CMD_REGISTER_SESSION = 0x0065;
export const CMD_SEND_RR_DATA = 0x006f;

export const CIP_READ_TAG = 0x4c;
export const CIP_WRITE_TAG = 0x4d;
export const CIP_FORWARD_OPEN = 0x54;

export const CIP_DINT = 0x00c4;
export const CIP_REAL = 0x00ca;

export function encapsulation(
  command: number,
  session: number,
  context: Uint8Array,
  data: Uint8Array,
): Uint8Array {
  return new ByteWriter(24 + data.length)
    .u16le(command)
    .u16le(data.length)
    .u32le(session)
    .u32le(0) // status: success
    .raw(context)
    .u32le(0) // options
    .raw(data)
    .bytes();
}

export const registerSessionData = (): Uint8Array => Uint8Array.of(0x01, 0x00, 0x00, 0x00);

export interface EnipIdentity {
  vendorId: number;
  deviceType: number;
  productCode: number;
  revision: [number, number];
  serial: number;
  productName: string;
  ip: number;
}

/** List Identity reply: one CIP Identity item (type 0x0C). The socket address fields are big-endian. */
export function listIdentityReplyData(id: EnipIdentity): Uint8Array {
  const item = new ByteWriter(64)
    .u16le(1) // encapsulation protocol version
    .u16(2) // sin_family AF_INET
    .u16(44818)
    .u32(id.ip)
    .zeros(8)
    .u16le(id.vendorId)
    .u16le(id.deviceType)
    .u16le(id.productCode)
    .u8(id.revision[0])
    .u8(id.revision[1])
    .u16le(0x0060) // status: configured, run mode bits as a Logix controller reports them
    .u32le(id.serial)
    .u8(id.productName.length)
    .ascii(id.productName)
    .u8(0x03) // state: operational
    .bytes();
  return new ByteWriter(8 + item.length).u16le(1).u16le(0x000c).u16le(item.length).raw(item).bytes();
}

/** SendRRData: interface handle 0, timeout, a null address item and an unconnected data item. */
export function sendRRData(cip: Uint8Array, timeout = 10): Uint8Array {
  return new ByteWriter(16 + cip.length)
    .u32le(0)
    .u16le(timeout)
    .u16le(2)
    .u16le(0x0000)
    .u16le(0)
    .u16le(0x00b2)
    .u16le(cip.length)
    .raw(cip)
    .bytes();
}

/** ANSI extended symbolic segment (0x91) naming a tag, padded to a whole word. */
function symbolicPath(tag: string): Uint8Array {
  const w = new ByteWriter(2 + tag.length + 1).u8(0x91).u8(tag.length).ascii(tag);
  if (tag.length % 2 === 1) w.u8(0);
  return w.bytes();
}

function request(service: number, path: Uint8Array, data: Uint8Array): Uint8Array {
  return new ByteWriter(2 + path.length + data.length)
    .u8(service)
    .u8(path.length / 2)
    .raw(path)
    .raw(data)
    .bytes();
}

function reply(service: number, status: number, data: Uint8Array): Uint8Array {
  return new ByteWriter(4 + data.length)
    .u8(service | 0x80)
    .u8(0)
    .u8(status)
    .u8(0)
    .raw(data)
    .bytes();
}

export const readTagRequest = (tag: string, elements = 1): Uint8Array =>
  request(CIP_READ_TAG, symbolicPath(tag), Uint8Array.of(elements & 0xff, elements >>> 8));

export function readTagReply(type: number, value: number): Uint8Array {
  const w = new ByteWriter(8).u16le(type);
  if (type === CIP_REAL) w.f32le(value);
  else w.i32le(value);
  return reply(CIP_READ_TAG, 0, w.bytes());
}

export function writeTagRequest(tag: string, type: number, value: number): Uint8Array {
  const w = new ByteWriter(8).u16le(type).u16le(1);
  if (type === CIP_REAL) w.f32le(value);
  else w.i32le(value);
  return request(CIP_WRITE_TAG, symbolicPath(tag), w.bytes());
}

export const writeTagReply = (status = 0): Uint8Array => reply(CIP_WRITE_TAG, status, new Uint8Array(0));

export interface ForwardOpen {
  otConnectionId: number;
  toConnectionId: number;
  serial: number;
  vendorId: number;
  originatorSerial: number;
  rpiUs: number;
}

/** Forward Open to the connection manager (class 6, instance 1) for a class 3 connection to the message router. */
export function forwardOpenRequest(f: ForwardOpen): Uint8Array {
  const connectionPath = Uint8Array.of(0x01, 0x00, 0x20, 0x02, 0x24, 0x01); // port 1 slot 0, message router
  const data = new ByteWriter(48)
    .u8(0x0a) // priority/time tick
    .u8(0x0e) // timeout ticks
    .u32le(f.otConnectionId)
    .u32le(f.toConnectionId)
    .u16le(f.serial)
    .u16le(f.vendorId)
    .u32le(f.originatorSerial)
    .u8(0x03) // timeout multiplier x32
    .zeros(3)
    .u32le(f.rpiUs)
    .u16le(0x43f4) // O->T: point to point, low priority, variable, 500 bytes
    .u32le(f.rpiUs)
    .u16le(0x43f4)
    .u8(0xa3) // server, application trigger, class 3
    .u8(connectionPath.length / 2)
    .raw(connectionPath)
    .bytes();
  return request(CIP_FORWARD_OPEN, Uint8Array.of(0x20, 0x06, 0x24, 0x01), data);
}

export function forwardOpenReply(f: ForwardOpen): Uint8Array {
  const data = new ByteWriter(26)
    .u32le(f.otConnectionId)
    .u32le(f.toConnectionId)
    .u16le(f.serial)
    .u16le(f.vendorId)
    .u32le(f.originatorSerial)
    .u32le(f.rpiUs)
    .u32le(f.rpiUs)
    .u8(0)
    .u8(0)
    .bytes();
  return reply(CIP_FORWARD_OPEN, 0, data);
}
