/**
 * IEC 60870-5-104 APDUs: APCI (start 0x68, length, four control octets in I, S or U format) and ASDUs
 * with a one-octet type id, VSQ, two-octet cause of transmission, two-octet common address and
 * three-octet information object addresses.
 */
import { ByteWriter } from "../byte-writer.js";

export const U_STARTDT_ACT = 0x07;
export const U_STARTDT_CON = 0x0b;
export const U_TESTFR_ACT = 0x43;
export const U_TESTFR_CON = 0x83;

export const M_SP_NA_1 = 1;
export const M_ME_NC_1 = 13;
export const C_SC_NA_1 = 45;
export const C_IC_NA_1 = 100;

export const COT_SPONTANEOUS = 3;
export const COT_ACTIVATION = 6;
export const COT_ACTIVATION_CON = 7;
export const COT_ACTIVATION_TERM = 10;
export const COT_INTERROGATED = 20;

export const uFrame = (fn: number): Uint8Array => Uint8Array.of(0x68, 4, fn, 0, 0, 0);

export const sFrame = (receiveSeq: number): Uint8Array =>
  Uint8Array.of(0x68, 4, 0x01, 0x00, (receiveSeq << 1) & 0xfe, (receiveSeq >>> 7) & 0xff);

export function iFrame(sendSeq: number, receiveSeq: number, asdu: Uint8Array): Uint8Array {
  return new ByteWriter(6 + asdu.length)
    .u8(0x68)
    .u8(4 + asdu.length)
    .u16le((sendSeq << 1) & 0xfffe)
    .u16le((receiveSeq << 1) & 0xfffe)
    .raw(asdu)
    .bytes();
}

export interface InfoObject {
  ioa: number;
  /** Information element bytes (without the address). */
  element: Uint8Array;
}

export function asdu(
  type: number,
  cause: number,
  commonAddress: number,
  objects: readonly InfoObject[],
): Uint8Array {
  const w = new ByteWriter(16)
    .u8(type)
    .u8(objects.length & 0x7f) // VSQ: SQ=0, number of objects
    .u8(cause)
    .u8(0) // originator address
    .u16le(commonAddress);
  for (const o of objects) w.u24le(o.ioa).raw(o.element);
  return w.bytes();
}

/** QOI 20: station interrogation. */
export const interrogation = (cause: number, ca: number) =>
  asdu(C_IC_NA_1, cause, ca, [{ ioa: 0, element: Uint8Array.of(20) }]);

/** Short floating point measured value with quality descriptor (QDS 0: good). */
export function floatElement(value: number): Uint8Array {
  return new ByteWriter(5).f32le(value).u8(0).bytes();
}

/** Single command: SCS in bit 0, S/E in bit 7 (select) with QU 0. */
export const singleCommandElement = (on: boolean, select: boolean): Uint8Array =>
  Uint8Array.of((on ? 1 : 0) | (select ? 0x80 : 0));

/** Single point information with quality (SIQ): SPI in bit 0. */
export const singlePointElement = (on: boolean): Uint8Array => Uint8Array.of(on ? 1 : 0);
