/**
 * BACnet/IP (ASHRAE 135 Annex J): BVLC header, NPDU and APDU with application- and context-tagged values:
 * Who-Is, I-Am, ReadProperty and its ComplexACK.
 */
import { ByteWriter } from "../byte-writer.js";

export const OBJECT_ANALOG_INPUT = 0;
export const OBJECT_BINARY_INPUT = 3;
export const OBJECT_DEVICE = 8;
export const PROP_PRESENT_VALUE = 85;
export const PROP_OBJECT_NAME = 77;
export const SERVICE_READ_PROPERTY = 0x0c;

const BVLC_UNICAST = 0x0a;
const BVLC_BROADCAST = 0x0b;

function bvlc(broadcast: boolean, npdu: Uint8Array): Uint8Array {
  return new ByteWriter(4 + npdu.length)
    .u8(0x81)
    .u8(broadcast ? BVLC_BROADCAST : BVLC_UNICAST)
    .u16(4 + npdu.length)
    .raw(npdu)
    .bytes();
}

/** NPDU to the global broadcast network (DNET 0xFFFF, DLEN 0, hop count 255). */
const NPDU_GLOBAL = Uint8Array.of(0x01, 0x20, 0xff, 0xff, 0x00, 0xff);
const NPDU_EXPECTING_REPLY = Uint8Array.of(0x01, 0x04);
const NPDU_PLAIN = Uint8Array.of(0x01, 0x00);

const objectId = (type: number, instance: number): number => ((type << 22) | (instance & 0x3fffff)) >>> 0;

export function whoIs(): Uint8Array {
  return bvlc(true, new ByteWriter(8).raw(NPDU_GLOBAL).u8(0x10).u8(0x08).bytes());
}

export function iAm(deviceInstance: number, vendorId: number): Uint8Array {
  const apdu = new ByteWriter(20)
    .u8(0x10)
    .u8(0x00)
    .u8(0xc4)
    .u32(objectId(OBJECT_DEVICE, deviceInstance))
    .u8(0x22)
    .u16(1476) // max APDU length accepted
    .u8(0x91)
    .u8(0x03) // segmentation: no-segmentation
    .u8(0x21)
    .u8(vendorId)
    .bytes();
  return bvlc(true, new ByteWriter(32).raw(NPDU_GLOBAL).raw(apdu).bytes());
}

export function readPropertyRequest(
  invokeId: number,
  type: number,
  instance: number,
  property: number,
): Uint8Array {
  const apdu = new ByteWriter(12)
    .u8(0x00) // confirmed request, unsegmented
    .u8(0x05) // max segments unspecified, max APDU 1476
    .u8(invokeId)
    .u8(SERVICE_READ_PROPERTY)
    .u8(0x0c)
    .u32(objectId(type, instance))
    .u8(0x19)
    .u8(property)
    .bytes();
  return bvlc(false, new ByteWriter(16).raw(NPDU_EXPECTING_REPLY).raw(apdu).bytes());
}

/** ComplexACK for ReadProperty; `value` is already application-tagged. */
export function readPropertyAck(
  invokeId: number,
  type: number,
  instance: number,
  property: number,
  value: Uint8Array,
) {
  const apdu = new ByteWriter(24)
    .u8(0x30)
    .u8(invokeId)
    .u8(SERVICE_READ_PROPERTY)
    .u8(0x0c)
    .u32(objectId(type, instance))
    .u8(0x19)
    .u8(property)
    .u8(0x3e)
    .raw(value)
    .u8(0x3f)
    .bytes();
  return bvlc(false, new ByteWriter(32).raw(NPDU_PLAIN).raw(apdu).bytes());
}

export const realValue = (v: number): Uint8Array => new ByteWriter(5).u8(0x44).f32(v).bytes();

export const enumeratedValue = (v: number): Uint8Array => Uint8Array.of(0x91, v);

/** Character string (application tag 7), UTF-8 encoding byte first. */
export function stringValue(s: string): Uint8Array {
  return new ByteWriter(4 + s.length)
    .u8(0x75)
    .u8(s.length + 1)
    .u8(0x00)
    .ascii(s)
    .bytes();
}
