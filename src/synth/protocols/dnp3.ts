/**
 * DNP3 (IEEE 1815) frames: data link layer with a CRC after the header and after every 16 bytes of user
 * data, one transport header octet, and application requests and responses with object headers.
 */
import { ByteWriter } from "../byte-writer.js";

export const FC_READ = 0x01;
export const FC_DIRECT_OPERATE = 0x05;
export const FC_RESPONSE = 0x81;

/** Link control: master to outstation (DIR=1, PRM=1) or back (DIR=0, PRM=1), unconfirmed user data. */
export const LINK_FROM_MASTER = 0xc4;
export const LINK_FROM_OUTSTATION = 0x44;

const CRC_TABLE = (() => {
  const table = new Uint16Array(256);
  for (let i = 0; i < 256; i++) {
    let c = i;
    for (let k = 0; k < 8; k++) c = c & 1 ? (c >>> 1) ^ 0xa6bc : c >>> 1;
    table[i] = c;
  }
  return table;
})();

/** CRC-16/DNP: polynomial 0x3D65 reflected, initial 0, complemented, sent low byte first. */
export function dnpCrc(b: Uint8Array, start: number, end: number): number {
  let crc = 0;
  for (let i = start; i < end; i++) crc = (crc >>> 8) ^ CRC_TABLE[(crc ^ b[i]) & 0xff];
  return ~crc & 0xffff;
}

/** One link-layer frame around `userData` (transport header + application fragment, at most 250 bytes). */
export function linkFrame(
  control: number,
  destination: number,
  source: number,
  userData: Uint8Array,
): Uint8Array {
  if (userData.length > 250) throw new Error("DNP3 link frame carries at most 250 bytes of user data");
  const head = new ByteWriter(10)
    .u8(0x05)
    .u8(0x64)
    .u8(5 + userData.length)
    .u8(control)
    .u16le(destination)
    .u16le(source)
    .bytes();
  const w = new ByteWriter(10 + userData.length + 2 * Math.ceil(userData.length / 16));
  w.raw(head.subarray(0, 8)).u16le(dnpCrc(head, 0, 8));
  for (let o = 0; o < userData.length; o += 16) {
    const end = Math.min(userData.length, o + 16);
    w.raw(userData.subarray(o, end)).u16le(dnpCrc(userData, o, end));
  }
  return w.bytes();
}

/** A single-fragment application message: transport header FIN|FIR with its sequence number. */
export function transport(sequence: number, fragment: Uint8Array): Uint8Array {
  return new ByteWriter(1 + fragment.length)
    .u8(0xc0 | (sequence & 0x3f))
    .raw(fragment)
    .bytes();
}

/** Application control: FIR|FIN and the sequence; `confirm` asks the master to confirm. */
function appControl(sequence: number, confirm = false): number {
  return 0xc0 | (confirm ? 0x20 : 0) | (sequence & 0x0f);
}

/** Read of class 1, 2, 3 and 0 data (object group 60 variations 2, 3, 4, 1, qualifier 0x06 "all"). */
export function readClassesRequest(sequence: number): Uint8Array {
  return Uint8Array.of(appControl(sequence), FC_READ, 60, 2, 0x06, 60, 3, 0x06, 60, 4, 0x06, 60, 1, 0x06);
}

/**
 * Class 0 response: binary inputs with flags (g1v2) and 32-bit analog inputs with flags (g30v1), each
 * with an 8-bit start/stop range.
 */
export function classResponse(
  sequence: number,
  binaries: readonly boolean[],
  analogs: readonly number[],
): Uint8Array {
  const w = new ByteWriter(64).u8(appControl(sequence)).u8(FC_RESPONSE).u8(0x00).u8(0x00);
  w.u8(1)
    .u8(2)
    .u8(0x00)
    .u8(0)
    .u8(binaries.length - 1);
  for (const b of binaries) w.u8(b ? 0x81 : 0x01);
  w.u8(30)
    .u8(1)
    .u8(0x00)
    .u8(0)
    .u8(analogs.length - 1);
  for (const a of analogs) w.u8(0x01).i32le(a);
  return w.bytes();
}

/**
 * Direct operate on one control relay output block (g12v1, qualifier 0x28: 16-bit count, 16-bit index);
 * the response echoes it with the status.
 */
export function crobMessage(
  sequence: number,
  fc: typeof FC_DIRECT_OPERATE | typeof FC_RESPONSE,
  index: number,
  code: number,
  onTimeMs: number,
  status = 0,
): Uint8Array {
  const w = new ByteWriter(32).u8(appControl(sequence)).u8(fc);
  if (fc === FC_RESPONSE) w.u8(0x00).u8(0x00);
  return w
    .u8(12)
    .u8(1)
    .u8(0x28)
    .u16le(1)
    .u16le(index)
    .u8(code)
    .u8(1)
    .u32le(onTimeMs)
    .u32le(0)
    .u8(status)
    .bytes();
}
