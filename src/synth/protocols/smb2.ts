/**
 * SMB2 over direct TCP (port 445): NetBIOS session framing, the 64-byte SMB2 header, NEGOTIATE, and READ
 * requests and responses for file transfers.
 */
import { ByteWriter } from "../byte-writer.js";
import { oid, sequence, tlv } from "./ber.js";

const NEGOTIATE = 0x0000;
const READ = 0x0008;
const FLAG_RESPONSE = 0x00000001;

export interface Smb2Header {
  command: number;
  response: boolean;
  messageId: number;
  treeId: number;
  sessionId: number;
}

function header(w: ByteWriter, h: Smb2Header): void {
  w.u8(0xfe)
    .ascii("SMB")
    .u16le(64)
    .u16le(h.response ? 0 : 1) // credit charge
    .u32le(0) // status: success
    .u16le(h.command)
    .u16le(h.response ? 32 : 31) // credits requested / granted
    .u32le(h.response ? FLAG_RESPONSE : 0)
    .u32le(0) // next command
    .u64le(h.messageId)
    .u32le(0xfeff) // process id
    .u32le(h.treeId)
    .u64le(h.sessionId)
    .zeros(16); // signature
}

/** Direct-TCP transport: a zero byte and a 24-bit length before each SMB2 message. */
function session(message: Uint8Array): Uint8Array {
  return new ByteWriter(4 + message.length).u8(0).u24(message.length).raw(message).bytes();
}

const DIALECTS = [0x0202, 0x0210, 0x0300, 0x0302];

export function negotiateRequest(messageId: number, clientGuid: Uint8Array): Uint8Array {
  const w = new ByteWriter(128);
  header(w, { command: NEGOTIATE, response: false, messageId, treeId: 0, sessionId: 0 });
  w.u16le(36)
    .u16le(DIALECTS.length)
    .u16le(0x0001) // security mode: signing enabled
    .u16le(0)
    .u32le(0x0000007f) // capabilities
    .raw(clientGuid)
    .u64le(0); // client start time (no SMB 3.1.1 contexts)
  for (const d of DIALECTS) w.u16le(d);
  return session(w.bytes());
}

/** Negotiate response choosing `dialect`, with a SPNEGO blob advertising NTLMSSP and Kerberos. */
export function negotiateResponse(messageId: number, dialect: number, serverGuid: Uint8Array, now: number) {
  const blob = spnegoInit();
  const w = new ByteWriter(256);
  header(w, { command: NEGOTIATE, response: true, messageId, treeId: 0, sessionId: 0 });
  w.u16le(65)
    .u16le(0x0001)
    .u16le(dialect)
    .u16le(0)
    .raw(serverGuid)
    .u32le(0x0000002f)
    .u32le(8388608)
    .u32le(8388608)
    .u32le(8388608)
    .u64leBig(fileTime(now))
    .u64le(0)
    .u16le(64 + 64) // security buffer offset from the start of the SMB2 header
    .u16le(blob.length)
    .u32le(0)
    .raw(blob);
  return session(w.bytes());
}

export function readRequest(
  messageId: number,
  treeId: number,
  sessionId: number,
  fileId: Uint8Array,
  offset: number,
  length: number,
) {
  const w = new ByteWriter(128);
  header(w, { command: READ, response: false, messageId, treeId, sessionId });
  w.u16le(49)
    .u8(0x50)
    .u8(0)
    .u32le(length)
    .u64le(offset)
    .raw(fileId)
    .u32le(1) // minimum count
    .u32le(0) // channel
    .u32le(0) // remaining bytes
    .u16le(0)
    .u16le(0)
    .u8(0);
  return session(w.bytes());
}

export function readResponse(
  messageId: number,
  treeId: number,
  sessionId: number,
  data: Uint8Array,
): Uint8Array {
  const w = new ByteWriter(96 + data.length);
  header(w, { command: READ, response: true, messageId, treeId, sessionId });
  w.u16le(17).u8(0x50).u8(0).u32le(data.length).u32le(0).u32le(0).raw(data);
  return session(w.bytes());
}

/** Windows FILETIME: 100 ns ticks since 1601-01-01. */
function fileTime(unixMicros: number): bigint {
  return (BigInt(Math.round(unixMicros)) + 11644473600000000n) * 10n;
}

/** SPNEGO negTokenInit offering Kerberos (MS and standard OIDs) and NTLMSSP, as Windows servers send it. */
export function spnegoInit(): Uint8Array {
  const mechs = sequence(0x30, [
    oid("1.2.840.48018.1.2.2"),
    oid("1.2.840.113554.1.2.2"),
    oid("1.3.6.1.4.1.311.2.2.10"),
  ]);
  const negTokenInit = tlv(0xa0, sequence(0x30, [tlv(0xa0, mechs)]));
  return sequence(0x60, [oid("1.3.6.1.5.5.2"), negTokenInit]);
}
