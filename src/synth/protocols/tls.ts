/**
 * TLS 1.3 in middlebox-compatibility form (RFC 8446): ClientHello with SNI, ServerHello, ChangeCipherSpec
 * and application data records whose contents are opaque.
 */
import { ByteWriter } from "../byte-writer.js";

const CONTENT_CCS = 20;
const CONTENT_HANDSHAKE = 22;
const CONTENT_APPLICATION_DATA = 23;

export function record(type: number, body: Uint8Array, version = 0x0303): Uint8Array {
  return new ByteWriter(5 + body.length).u8(type).u16(version).u16(body.length).raw(body).bytes();
}

function extension(w: ByteWriter, type: number, body: Uint8Array): void {
  w.u16(type).u16(body.length).raw(body);
}

function handshake(type: number, body: Uint8Array): Uint8Array {
  return new ByteWriter(4 + body.length).u8(type).u24(body.length).raw(body).bytes();
}

const CIPHER_SUITES = [
  0x1302, 0x1303, 0x1301, 0xc02c, 0xc02b, 0xc030, 0xc02f, 0xc024, 0xc023, 0xc028, 0xc027, 0x009d, 0x009c,
];

/** `random` is 32 bytes, `sessionId` 32 bytes, `keyShare` a 32-byte X25519 public key. */
export function clientHello(
  sni: string,
  random: Uint8Array,
  sessionId: Uint8Array,
  keyShare: Uint8Array,
): Uint8Array {
  const ext = new ByteWriter(256);
  const host = new ByteWriter(5 + sni.length)
    .u16(sni.length + 3)
    .u8(0)
    .u16(sni.length)
    .ascii(sni)
    .bytes();
  extension(ext, 0x0000, host);
  extension(ext, 0x0005, Uint8Array.of(0x01, 0x00, 0x00, 0x00, 0x00)); // status_request
  extension(ext, 0x000a, Uint8Array.of(0x00, 0x08, 0x00, 0x1d, 0x00, 0x17, 0x00, 0x18, 0x00, 0x19));
  extension(ext, 0x000b, Uint8Array.of(0x01, 0x00));
  extension(
    ext,
    0x000d,
    Uint8Array.of(
      0x00,
      0x0e,
      0x08,
      0x04,
      0x08,
      0x05,
      0x08,
      0x06,
      0x04,
      0x01,
      0x05,
      0x01,
      0x04,
      0x03,
      0x05,
      0x03,
    ),
  );
  extension(
    ext,
    0x0010,
    Uint8Array.of(0x00, 0x0c, 0x02, 0x68, 0x32, 0x08, 0x68, 0x74, 0x74, 0x70, 0x2f, 0x31, 0x2e, 0x31),
  );
  extension(ext, 0x0017, new Uint8Array(0)); // extended master secret
  extension(ext, 0x002b, Uint8Array.of(0x04, 0x03, 0x04, 0x03, 0x03));
  extension(ext, 0x002d, Uint8Array.of(0x01, 0x01));
  extension(ext, 0x0033, new ByteWriter(38).u16(36).u16(0x001d).u16(32).raw(keyShare).bytes());
  const extensions = ext.bytes();
  const body = new ByteWriter(128 + extensions.length)
    .u16(0x0303)
    .raw(random)
    .u8(sessionId.length)
    .raw(sessionId);
  body.u16(CIPHER_SUITES.length * 2);
  for (const c of CIPHER_SUITES) body.u16(c);
  body.u8(1).u8(0).u16(extensions.length).raw(extensions);
  return record(CONTENT_HANDSHAKE, handshake(1, body.bytes()), 0x0301);
}

/** ServerHello choosing TLS 1.3 and TLS_AES_256_GCM_SHA384, followed by ChangeCipherSpec. */
export function serverHello(random: Uint8Array, sessionId: Uint8Array, keyShare: Uint8Array): Uint8Array {
  const ext = new ByteWriter(64);
  extension(ext, 0x0033, new ByteWriter(36).u16(0x001d).u16(32).raw(keyShare).bytes());
  extension(ext, 0x002b, Uint8Array.of(0x03, 0x04));
  const extensions = ext.bytes();
  const body = new ByteWriter(128)
    .u16(0x0303)
    .raw(random)
    .u8(sessionId.length)
    .raw(sessionId)
    .u16(0x1302)
    .u8(0)
    .u16(extensions.length)
    .raw(extensions)
    .bytes();
  const hello = record(CONTENT_HANDSHAKE, handshake(2, body));
  const ccs = record(CONTENT_CCS, Uint8Array.of(1));
  const out = new Uint8Array(hello.length + ccs.length);
  out.set(hello);
  out.set(ccs, hello.length);
  return out;
}

export const changeCipherSpec = (): Uint8Array => record(CONTENT_CCS, Uint8Array.of(1));

/** Encrypted application data (opaque bytes, as a passive observer sees them). */
export const applicationData = (cipher: Uint8Array): Uint8Array => record(CONTENT_APPLICATION_DATA, cipher);

/** Cuts `cipher` into application data records of at most 16 KiB + AEAD overhead. */
export function applicationRecords(cipher: Uint8Array, maxRecord = 16401): Uint8Array {
  const count = Math.ceil(cipher.length / maxRecord);
  const out = new Uint8Array(cipher.length + count * 5);
  let o = 0;
  for (let i = 0; i < cipher.length; i += maxRecord) {
    const part = cipher.subarray(i, Math.min(cipher.length, i + maxRecord));
    out[o] = CONTENT_APPLICATION_DATA;
    out[o + 1] = 0x03;
    out[o + 2] = 0x03;
    out[o + 3] = part.length >>> 8;
    out[o + 4] = part.length & 0xff;
    out.set(part, o + 5);
    o += 5 + part.length;
  }
  return out;
}
