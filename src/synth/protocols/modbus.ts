/** Modbus/TCP application data units (MBAP header + PDU), as in the Modbus Application Protocol v1.1b3. */
import { ByteWriter } from "../byte-writer.js";

export const FC_READ_COILS = 1;
export const FC_READ_HOLDING = 3;
export const FC_READ_INPUT = 4;
export const FC_WRITE_SINGLE_REGISTER = 6;
export const FC_WRITE_MULTIPLE_REGISTERS = 16;
export const FC_ENCAPSULATED = 43;
export const MEI_READ_DEVICE_ID = 0x0e;

/** MBAP header: transaction id, protocol 0, length of unit id + PDU, unit id. */
export function mbap(transaction: number, unit: number, pdu: Uint8Array): Uint8Array {
  return new ByteWriter(7 + pdu.length)
    .u16(transaction)
    .u16(0)
    .u16(pdu.length + 1)
    .u8(unit)
    .raw(pdu)
    .bytes();
}

/** Read coils/holding/input: function, start address, quantity. */
export function readRequest(fc: number, address: number, quantity: number): Uint8Array {
  return new ByteWriter(5).u8(fc).u16(address).u16(quantity).bytes();
}

export function readRegistersResponse(fc: number, values: readonly number[]): Uint8Array {
  const w = new ByteWriter(2 + values.length * 2).u8(fc).u8(values.length * 2);
  for (const v of values) w.u16(v);
  return w.bytes();
}

export function readCoilsResponse(bits: readonly boolean[]): Uint8Array {
  const bytes = Math.ceil(bits.length / 8);
  const w = new ByteWriter(2 + bytes).u8(FC_READ_COILS).u8(bytes);
  for (let i = 0; i < bytes; i++) {
    let b = 0;
    for (let j = 0; j < 8 && i * 8 + j < bits.length; j++) if (bits[i * 8 + j]) b |= 1 << j;
    w.u8(b);
  }
  return w.bytes();
}

/** FC 6: the response echoes the request. */
export function writeSingleRegister(address: number, value: number): Uint8Array {
  return new ByteWriter(5).u8(FC_WRITE_SINGLE_REGISTER).u16(address).u16(value).bytes();
}

export function writeMultipleRequest(address: number, values: readonly number[]): Uint8Array {
  const w = new ByteWriter(6 + values.length * 2)
    .u8(FC_WRITE_MULTIPLE_REGISTERS)
    .u16(address)
    .u16(values.length)
    .u8(values.length * 2);
  for (const v of values) w.u16(v);
  return w.bytes();
}

export function writeMultipleResponse(address: number, quantity: number): Uint8Array {
  return new ByteWriter(5).u8(FC_WRITE_MULTIPLE_REGISTERS).u16(address).u16(quantity).bytes();
}

/** Exception response: function code with the high bit set, then the exception code (2 = illegal address). */
export function exception(fc: number, code: number): Uint8Array {
  return Uint8Array.of(fc | 0x80, code);
}

/** FC 43 / MEI 14, read device id code 1 (basic), starting at object 0. */
export function deviceIdRequest(): Uint8Array {
  return Uint8Array.of(FC_ENCAPSULATED, MEI_READ_DEVICE_ID, 0x01, 0x00);
}

/** Basic identification: objects 0 VendorName, 1 ProductCode, 2 MajorMinorRevision. */
export function deviceIdResponse(vendor: string, product: string, revision: string): Uint8Array {
  const objects = [vendor, product, revision];
  const w = new ByteWriter(64)
    .u8(FC_ENCAPSULATED)
    .u8(MEI_READ_DEVICE_ID)
    .u8(0x01) // read device id code: basic
    .u8(0x01) // conformity level: basic identification, stream access only
    .u8(0x00) // more follows: no
    .u8(0x00) // next object id
    .u8(objects.length);
  objects.forEach((text, id) => {
    w.u8(id).u8(text.length).ascii(text);
  });
  return w.bytes();
}
