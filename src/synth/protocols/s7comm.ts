/**
 * S7comm PDUs (protocol id 0x32), with the header, parameter and data layouts Wireshark's s7comm dissector
 * reads: job / ack-data / userdata, setup communication, read and write var, SZL reads, block download
 * (request download, download block, download ended), block upload (start upload, upload, end upload) and PLC
 * stop.
 */
import { ByteWriter } from "../byte-writer.js";

const ROSCTR_JOB = 1;
const ROSCTR_ACK_DATA = 3;
const ROSCTR_USERDATA = 7;

export const S7_SETUP = 0xf0;
export const S7_READ_VAR = 0x04;
export const S7_WRITE_VAR = 0x05;
export const S7_REQUEST_DOWNLOAD = 0x1a;
export const S7_DOWNLOAD_BLOCK = 0x1b;
export const S7_DOWNLOAD_ENDED = 0x1c;
export const S7_START_UPLOAD = 0x1d;
export const S7_UPLOAD = 0x1e;
export const S7_END_UPLOAD = 0x1f;
export const S7_PLC_STOP = 0x29;

export const AREA_DB = 0x84;
export const AREA_FLAGS = 0x83;

/** Transport sizes of a request item (S7ANY) and of returned data. */
export const TS_BYTE = 0x02;
export const TS_REAL = 0x08;
const DATA_TS_BYTE_WORD_DWORD = 0x04;
const DATA_TS_REAL = 0x07;
const DATA_TS_OCTET_STRING = 0x09;

function header(rosctr: number, pduRef: number, param: Uint8Array, data: Uint8Array): Uint8Array {
  const ack = rosctr === ROSCTR_ACK_DATA;
  const w = new ByteWriter(12 + param.length + data.length)
    .u8(0x32)
    .u8(rosctr)
    .u16(0)
    .u16(pduRef)
    .u16(param.length)
    .u16(data.length);
  if (ack) w.u8(0).u8(0); // error class, error code
  return w.raw(param).raw(data).bytes();
}

export const job = (pduRef: number, param: Uint8Array, data: Uint8Array = EMPTY) =>
  header(ROSCTR_JOB, pduRef, param, data);
export const ackData = (pduRef: number, param: Uint8Array, data: Uint8Array = EMPTY) =>
  header(ROSCTR_ACK_DATA, pduRef, param, data);

export function setupCommunication(pduLength: number): Uint8Array {
  return new ByteWriter(8).u8(S7_SETUP).u8(0).u16(1).u16(1).u16(pduLength).bytes();
}

export interface S7Item {
  area: number;
  db: number;
  /** Byte offset in the area. */
  start: number;
  /** Count of elements of `transport` size. */
  count: number;
  transport: number;
}

function itemSpec(w: ByteWriter, item: S7Item): void {
  const bitAddress = item.start * 8;
  w.u8(0x12).u8(10).u8(0x10).u8(item.transport).u16(item.count).u16(item.db).u8(item.area).u24(bitAddress);
}

export function readVarParam(items: readonly S7Item[]): Uint8Array {
  const w = new ByteWriter(2 + items.length * 12).u8(S7_READ_VAR).u8(items.length);
  for (const item of items) itemSpec(w, item);
  return w.bytes();
}

/** Each value is returned with return code 0xff; odd-length values are padded except the last. */
export function readVarData(values: readonly Uint8Array[], real: boolean): Uint8Array {
  const w = new ByteWriter(64);
  values.forEach((v, i) => {
    w.u8(0xff)
      .u8(real ? DATA_TS_REAL : DATA_TS_BYTE_WORD_DWORD)
      .u16(real ? v.length : v.length * 8)
      .raw(v);
    if (v.length % 2 === 1 && i < values.length - 1) w.u8(0);
  });
  return w.bytes();
}

export function writeVarParam(item: S7Item): Uint8Array {
  const w = new ByteWriter(14).u8(S7_WRITE_VAR).u8(1);
  itemSpec(w, item);
  return w.bytes();
}

export function writeVarData(value: Uint8Array): Uint8Array {
  return new ByteWriter(4 + value.length)
    .u8(0x00)
    .u8(DATA_TS_BYTE_WORD_DWORD)
    .u16(value.length * 8)
    .raw(value)
    .bytes();
}

/** Ack-data of read/write var: function and item count. */
export const varAckParam = (fn: number, items: number): Uint8Array => Uint8Array.of(fn, items);
export const writeVarAckData = (): Uint8Array => Uint8Array.of(0xff);

/** Userdata request: CPU functions (group 4), read SZL (subfunction 1). */
export function szlRequest(pduRef: number, sequence: number, szlId: number, index: number): Uint8Array {
  const param = Uint8Array.of(0x00, 0x01, 0x12, 0x04, 0x11, 0x44, 0x01, sequence);
  const data = new ByteWriter(8).u8(0xff).u8(DATA_TS_OCTET_STRING).u16(4).u16(szlId).u16(index).bytes();
  return header(ROSCTR_USERDATA, pduRef, param, data);
}

/** Userdata response carrying a complete SZL partial list of equally sized records. */
export function szlResponse(
  pduRef: number,
  sequence: number,
  szlId: number,
  index: number,
  records: readonly Uint8Array[],
): Uint8Array {
  const recordLength = records.length > 0 ? records[0].length : 0;
  const param = Uint8Array.of(0x00, 0x01, 0x12, 0x08, 0x12, 0x84, 0x01, sequence, 0x00, 0x00, 0x00, 0x00);
  const body = new ByteWriter(8 + recordLength * records.length)
    .u16(szlId)
    .u16(index)
    .u16(recordLength)
    .u16(records.length);
  for (const r of records) body.raw(r);
  const list = body.bytes();
  const data = new ByteWriter(4 + list.length)
    .u8(0xff)
    .u8(DATA_TS_OCTET_STRING)
    .u16(list.length)
    .raw(list)
    .bytes();
  return header(ROSCTR_USERDATA, pduRef, param, data);
}

/** SZL 0x0011 record: index, 20-character order number (MLFB), module type, version words. */
export function moduleIdRecord(
  index: number,
  orderNumber: string,
  bgType: number,
  ausbg: number,
  ausbe: number,
) {
  return new ByteWriter(28)
    .u16(index)
    .ascii(orderNumber.padEnd(20, " ").slice(0, 20))
    .u16(bgType)
    .u16(ausbg)
    .u16(ausbe)
    .bytes();
}

/** SZL 0x0011 index 0x0007 (basic firmware): 'V' and major in Ausbg, minor and patch in Ausbe. */
export function firmwareRecord(major: number, minor: number, patch: number): Uint8Array {
  return moduleIdRecord(0x0007, "", 0x0000, 0x5600 | major, (minor << 8) | patch);
}

/** Block file names as the PG sends them: `_` + block type (08 OB, 0A DB, 0C FC, 0E FB) + number + `P`. */
export function blockFileName(type: "OB" | "DB" | "FC" | "FB", number: number): string {
  const code = { OB: "08", DB: "0A", FC: "0C", FB: "0E" }[type];
  return `_${code}${String(number).padStart(5, "0")}P`;
}

export function requestDownloadParam(fileName: string, loadLength: number, mc7Length: number): Uint8Array {
  const part2 = `1${String(loadLength).padStart(6, "0")}${String(mc7Length).padStart(6, "0")}`;
  return new ByteWriter(32)
    .u8(S7_REQUEST_DOWNLOAD)
    .u8(0x00)
    .u16(0x0100)
    .u32(0)
    .u8(fileName.length)
    .ascii(fileName)
    .u8(part2.length)
    .ascii(part2)
    .bytes();
}

/** Download block and download ended jobs (sent by the PLC to the PG) name the block file. */
export function blockJobParam(
  fn: typeof S7_DOWNLOAD_BLOCK | typeof S7_DOWNLOAD_ENDED,
  fileName: string,
): Uint8Array {
  return new ByteWriter(18).u8(fn).u8(0x00).u16(0x0000).u32(0).u8(fileName.length).ascii(fileName).bytes();
}

/** The PG's answer to download block: status (more data follows or not) and the block bytes. */
export function downloadBlockAck(pduRef: number, block: Uint8Array, more: boolean): Uint8Array {
  const param = Uint8Array.of(S7_DOWNLOAD_BLOCK, more ? 0x01 : 0x00);
  const data = new ByteWriter(4 + block.length).u16(block.length).u16(0x00fb).raw(block).bytes();
  return ackData(pduRef, param, data);
}

/** Start upload as the PG sends it: function, status, 2 unknown, 4 upload id (0), file name length and name. */
export function startUploadParam(fileName: string): Uint8Array {
  return new ByteWriter(18)
    .u8(S7_START_UPLOAD)
    .u8(0x00)
    .u16(0x0000)
    .u32(0)
    .u8(fileName.length)
    .ascii(fileName)
    .bytes();
}

/** The PLC's answer to start upload: the upload id the following upload jobs name, and the block's length. */
export function startUploadAck(uploadId: number, length: number): Uint8Array {
  const len = String(length).padStart(7, "0");
  return new ByteWriter(16)
    .u8(S7_START_UPLOAD)
    .u8(0x00)
    .u16(0x0100)
    .u32(uploadId)
    .u8(len.length)
    .ascii(len)
    .bytes();
}

/** Upload and end upload jobs (PG to PLC): function, status, 2 unknown, 4 upload id. */
export function uploadJobParam(fn: typeof S7_UPLOAD | typeof S7_END_UPLOAD, uploadId: number): Uint8Array {
  return new ByteWriter(8).u8(fn).u8(0x00).u16(0x0000).u32(uploadId).bytes();
}

/** The PLC's answer to upload: status (more data follows or not) and the block bytes. */
export function uploadAck(pduRef: number, block: Uint8Array, more: boolean): Uint8Array {
  const param = Uint8Array.of(S7_UPLOAD, more ? 0x01 : 0x00);
  const data = new ByteWriter(4 + block.length).u16(block.length).u16(0x00fb).raw(block).bytes();
  return ackData(pduRef, param, data);
}

export function plcStopParam(): Uint8Array {
  return new ByteWriter(16).u8(S7_PLC_STOP).zeros(5).u8(9).ascii("P_PROGRAM").bytes();
}

const EMPTY = new Uint8Array(0);
