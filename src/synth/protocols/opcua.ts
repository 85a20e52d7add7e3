/**
 * OPC UA binary (Part 6): HEL/ACK, OpenSecureChannel with policy None (readable) or with an asymmetric
 * policy (header readable, body encrypted), and MSG chunks with a Read request and response.
 */
import { ByteWriter } from "../byte-writer.js";

export const POLICY_NONE = "http://opcfoundation.org/UA/SecurityPolicy#None";
export const POLICY_BASIC256SHA256 = "http://opcfoundation.org/UA/SecurityPolicy#Basic256Sha256";
export const MODE_NONE = 1;

const OPEN_SECURE_CHANNEL_REQUEST = 446;
const OPEN_SECURE_CHANNEL_RESPONSE = 449;
const READ_REQUEST = 631;
const READ_RESPONSE = 634;

/** OPC UA DateTime: 100 ns ticks since 1601-01-01. */
export function uaDateTime(unixMicros: number): bigint {
  return (BigInt(Math.round(unixMicros)) + 11644473600000000n) * 10n;
}

function chunk(type: string, body: Uint8Array): Uint8Array {
  return new ByteWriter(8 + body.length)
    .ascii(type)
    .u8(0x46) // 'F': final chunk
    .u32le(8 + body.length)
    .raw(body)
    .bytes();
}

function uaString(w: ByteWriter, s: string | null): void {
  if (s === null) w.i32le(-1);
  else w.i32le(s.length).ascii(s);
}

function byteString(w: ByteWriter, b: Uint8Array | null): void {
  if (b === null) w.i32le(-1);
  else w.i32le(b.length).raw(b);
}

/** Four-byte NodeId (namespace 0) used for service type ids. */
function serviceId(w: ByteWriter, id: number): void {
  w.u8(0x01).u8(0).u16le(id);
}

function requestHeader(w: ByteWriter, when: number, handle: number): void {
  w.u8(0x00)
    .u8(0x00) // authentication token: null two-byte NodeId
    .u64leBig(uaDateTime(when))
    .u32le(handle)
    .u32le(0); // return diagnostics
  uaString(w, null); // audit entry id
  w.u32le(10000) // timeout hint
    .u8(0x00)
    .u8(0x00)
    .u8(0x00); // additional header: null ExtensionObject
}

function responseHeader(w: ByteWriter, when: number, handle: number): void {
  w.u64leBig(uaDateTime(when))
    .u32le(handle)
    .u32le(0) // service result: Good
    .u8(0x00) // diagnostic info: empty
    .i32le(-1) // string table: null array
    .u8(0x00)
    .u8(0x00)
    .u8(0x00);
}

export function hello(endpointUrl: string): Uint8Array {
  const w = new ByteWriter(64).u32le(0).u32le(65536).u32le(65536).u32le(0).u32le(0);
  uaString(w, endpointUrl);
  return chunk("HEL", w.bytes());
}

export function acknowledge(): Uint8Array {
  return chunk(
    "ACK",
    new ByteWriter(20).u32le(0).u32le(65536).u32le(65536).u32le(16777216).u32le(5000).bytes(),
  );
}

export interface OpenOptions {
  channelId: number;
  sequence: number;
  requestId: number;
  when: number;
  handle: number;
  nonce: Uint8Array | null;
}

/** OpenSecureChannel request in the clear: policy None, the given security mode. */
export function openRequestNone(o: OpenOptions, mode: number): Uint8Array {
  const w = new ByteWriter(160).u32le(o.channelId);
  uaString(w, POLICY_NONE);
  byteString(w, null);
  byteString(w, null);
  w.u32le(o.sequence).u32le(o.requestId);
  serviceId(w, OPEN_SECURE_CHANNEL_REQUEST);
  requestHeader(w, o.when, o.handle);
  w.u32le(0) // client protocol version
    .u32le(0) // request type: issue
    .u32le(mode);
  byteString(w, o.nonce);
  w.u32le(3600000); // requested lifetime
  return chunk("OPN", w.bytes());
}

export function openResponseNone(o: OpenOptions, tokenId: number): Uint8Array {
  const w = new ByteWriter(160).u32le(o.channelId);
  uaString(w, POLICY_NONE);
  byteString(w, null);
  byteString(w, null);
  w.u32le(o.sequence).u32le(o.requestId);
  serviceId(w, OPEN_SECURE_CHANNEL_RESPONSE);
  responseHeader(w, o.when, o.handle);
  w.u32le(0) // server protocol version
    .u32le(o.channelId)
    .u32le(tokenId)
    .u64leBig(uaDateTime(o.when))
    .u32le(3600000);
  byteString(w, o.nonce);
  return chunk("OPN", w.bytes());
}

/**
 * OpenSecureChannel under an asymmetric policy: the security header (policy URI, sender certificate,
 * receiver thumbprint) is in the clear, the rest is encrypted with the receiver's public key.
 */
export function openSecured(
  channelId: number,
  certificate: Uint8Array,
  thumbprint: Uint8Array,
  cipher: Uint8Array,
) {
  const w = new ByteWriter(256 + certificate.length + cipher.length).u32le(channelId);
  uaString(w, POLICY_BASIC256SHA256);
  byteString(w, certificate);
  byteString(w, thumbprint);
  w.raw(cipher);
  return chunk("OPN", w.bytes());
}

/** A symmetric MSG chunk whose body is encrypted: only channel id and token id are readable. */
export function messageSecured(channelId: number, tokenId: number, cipher: Uint8Array): Uint8Array {
  return chunk("MSG", new ByteWriter(8 + cipher.length).u32le(channelId).u32le(tokenId).raw(cipher).bytes());
}

export interface MessageOptions {
  channelId: number;
  tokenId: number;
  sequence: number;
  requestId: number;
  when: number;
  handle: number;
}

/** Read of the Value attribute (13) of string NodeIds in namespace 2. */
export function readRequest(m: MessageOptions, nodes: readonly string[]): Uint8Array {
  const w = new ByteWriter(256).u32le(m.channelId).u32le(m.tokenId).u32le(m.sequence).u32le(m.requestId);
  serviceId(w, READ_REQUEST);
  requestHeader(w, m.when, m.handle);
  w.f64le(0) // max age
    .u32le(2) // timestamps to return: both
    .i32le(nodes.length);
  for (const node of nodes) {
    w.u8(0x03).u16le(2);
    uaString(w, node);
    w.u32le(13);
    uaString(w, null); // index range
    w.u16le(0);
    uaString(w, null); // data encoding
  }
  return chunk("MSG", w.bytes());
}

export function readResponse(m: MessageOptions, values: readonly number[]): Uint8Array {
  const w = new ByteWriter(256).u32le(m.channelId).u32le(m.tokenId).u32le(m.sequence).u32le(m.requestId);
  serviceId(w, READ_RESPONSE);
  responseHeader(w, m.when, m.handle);
  w.i32le(values.length);
  for (const v of values) {
    w.u8(0x05) // DataValue mask: value and source timestamp
      .u8(0x0b) // Variant: Double
      .f64le(v)
      .u64leBig(uaDateTime(m.when));
  }
  w.i32le(-1); // diagnostic infos
  return chunk("MSG", w.bytes());
}
