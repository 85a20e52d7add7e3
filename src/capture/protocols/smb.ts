/**
 * SMB over TCP 445 (direct) and 139 (NetBIOS session service): each SMB1 or SMB2 message is a request or a
 * response, coded by its command (SMB2 0x00-0x12; SMB1 0x100 + its command byte, so the two never collide).
 * The negotiation is the finding: SMB1 chosen, or signing not required, is an insecure channel on the server.
 * SMB1 session setup carries the native OS of both ends, and a port 139 session request the NetBIOS names of
 * both. Only headers (and whole negotiate and session setup messages) are read; file data is skipped, and SMB3
 * encrypted or compressed messages are passed over.
 */
import { u16le, u32le } from "../bytes.js";
import type { Dissector, DissectorSink, ProbeResult } from "../dissector.js";
import { TO_SERVER } from "../dissector.js";
import { decodeNetbiosName } from "./nbns.js";
import { SMB1_COMMANDS, SMB2_COMMANDS, SMB2_DIALECTS } from "./smb-commands.js";

const FRAME_HEADER = 4;
const SMB1_HEADER = 32;
const SMB2_HEADER = 64;
/** Messages read whole (negotiation, session setup, compounds) are at most this long; others only by header. */
export const MAX_WHOLE = 65536;
/** SMB1 dialect names kept from a negotiate request, to name the one the server picks. */
const MAX_DIALECTS = 16;
const MAX_TEXT = 128;

const NBSS_MESSAGE = 0x00;
const NBSS_SESSION_REQUEST = 0x81;
const SMB1_NEGOTIATE = 0x72;
const SMB1_SESSION_SETUP = 0x73;
const SMB1_REPLY = 0x80;
const SMB1_UNICODE = 0x8000;
const SMB1_EXTENDED_SECURITY = 0x0800;
const SMB2_RESPONSE = 0x1;
const SMB2_ASYNC = 0x2;
const SMB2_NEGOTIATE = 0;
const SIGNING_REQUIRED = 0x2;
const STATUS_PENDING = 0x103;
const STATUS_MORE_PROCESSING_REQUIRED = 0xc0000016;
const SMB1_OFFSET = 0x100;

export interface SmbState {
  skip: [number, number];
  /** After a gap: look for the next frame header before reading again. */
  resync: [boolean, boolean];
  dialects: string[];
}

function magic(b: Uint8Array, o: number): number {
  return b[o + 1] === 0x53 && b[o + 2] === 0x4d && b[o + 3] === 0x42 ? b[o] : -1;
}

export function probeSmb(data: Uint8Array): ProbeResult {
  if (data.length === 0) return "needMore";
  const t = data[0];
  if (t !== NBSS_MESSAGE && (t < NBSS_SESSION_REQUEST || t > 0x85)) return "reject";
  if (t !== NBSS_MESSAGE) return "match";
  if (data.length < FRAME_HEADER + 4) return "needMore";
  const m = magic(data, FRAME_HEADER);
  return m === 0xff || m === 0xfe || m === 0xfd || m === 0xfc ? "match" : "reject";
}

/** NT status of error severity (top two bits set), except the "more processing" of multi-leg authentication. */
function isError(status: number): boolean {
  return status >>> 30 === 3 && status !== STATUS_MORE_PROCESSING_REQUIRED;
}

/** A NUL-terminated string at `o`, UTF-16LE or 8-bit, bounded by `end`. */
function smbString(b: Uint8Array, o: number, end: number, unicode: boolean): string {
  let s = "";
  if (unicode) {
    for (let i = o; i + 1 < end && s.length < MAX_TEXT; i += 2) {
      const c = u16le(b, i);
      if (c === 0) break;
      s += String.fromCharCode(c);
    }
  } else {
    for (let i = o; i < end && b[i] !== 0 && s.length < MAX_TEXT; i++) s += String.fromCharCode(b[i]);
  }
  return s;
}

function smb2(b: Uint8Array, m: number, end: number, sink: DissectorSink): void {
  for (let hops = 0; hops < 32 && m + SMB2_HEADER <= end && magic(b, m) === 0xfe; hops++) {
    const command = u16le(b, m + 12);
    const flags = u32le(b, m + 16);
    const status = u32le(b, m + 8);
    const entry = SMB2_COMMANDS[command];
    if ((flags & SMB2_RESPONSE) === 0) {
      sink.request(command, entry?.[0] ?? `command 0x${command.toString(16)}`, entry?.[1] ?? "session");
    } else if (!(status === STATUS_PENDING && flags & SMB2_ASYNC)) {
      sink.response(command, isError(status));
      if (command === SMB2_NEGOTIATE && status === 0 && m + SMB2_HEADER + 6 <= end)
        negotiated2(b, m + SMB2_HEADER, sink);
    }
    const next = u32le(b, m + 20);
    if (next < SMB2_HEADER) return;
    m += next;
  }
}

function negotiated2(b: Uint8Array, body: number, sink: DissectorSink): void {
  const dialect = u16le(b, body + 4);
  // 0x02FF answers a multi-protocol SMB1 negotiate: the real negotiation follows.
  if (dialect === 0x02ff) return;
  const name = SMB2_DIALECTS[dialect] ?? `dialect 0x${dialect.toString(16)}`;
  if ((u16le(b, body + 2) & SIGNING_REQUIRED) === 0)
    sink.observe("insecure-channel", "src", `SMB signing not required (${name})`);
}

function smb1(s: SmbState, b: Uint8Array, m: number, end: number, sink: DissectorSink): void {
  const command = b[m + 4];
  const status = u32le(b, m + 5);
  const reply = (b[m + 9] & SMB1_REPLY) !== 0;
  const flags2 = u16le(b, m + 10);
  const code = SMB1_OFFSET + command;
  const p = m + SMB1_HEADER;
  const wc = p < end ? b[p] : 0;
  const bytesAt = p + 3 + 2 * wc;
  const byteEnd = bytesAt <= end ? Math.min(end, bytesAt + u16le(b, bytesAt - 2)) : end;
  if (!reply) {
    const entry = SMB1_COMMANDS.get(command);
    sink.request(code, entry?.[0] ?? `SMB1 command 0x${command.toString(16)}`, entry?.[1] ?? "session");
    if (command === SMB1_NEGOTIATE && bytesAt <= end) s.dialects = dialectList(b, bytesAt, byteEnd);
    // Extended-security session setup request (MS-SMB 2.2.4.6.1): 12 words, the blob length at word 7.
    if (command === SMB1_SESSION_SETUP && wc === 12 && bytesAt <= end) {
      nativeOs(b, m, bytesAt + u16le(b, p + 1 + 14), byteEnd, flags2, sink);
    }
    return;
  }
  sink.response(code, isError(status));
  if (isError(status) || bytesAt > end) return;
  if (command === SMB1_NEGOTIATE && wc >= 1) {
    const index = u16le(b, p + 1);
    if (index !== 0xffff) {
      const name = s.dialects[index] ?? `dialect ${index}`;
      sink.observe("insecure-channel", "src", `SMB1 negotiated (${name})`);
    }
  } else if (command === SMB1_SESSION_SETUP && (wc === 3 || wc === 4)) {
    // Response: 3 words, or 4 with extended security, where word 3 is the security blob length.
    const blob = wc === 4 && flags2 & SMB1_EXTENDED_SECURITY ? u16le(b, p + 1 + 6) : 0;
    nativeOs(b, m, bytesAt + blob, byteEnd, flags2, sink);
  }
}

/** Dialect strings of an SMB1 negotiate request: each 0x02 then a NUL-terminated name. */
function dialectList(b: Uint8Array, o: number, end: number): string[] {
  const out: string[] = [];
  while (o < end && b[o] === 0x02 && out.length < MAX_DIALECTS) {
    const name = smbString(b, o + 1, end, false);
    out.push(name);
    o += 2 + name.length;
  }
  return out;
}

/** NativeOS after the security blob, aligned to 2 from the header when Unicode (NativeLanMan follows, unread). */
function nativeOs(
  b: Uint8Array,
  m: number,
  o: number,
  end: number,
  flags2: number,
  sink: DissectorSink,
): void {
  const unicode = (flags2 & SMB1_UNICODE) !== 0;
  if (unicode && (o - m) & 1) o++;
  if (o >= end) return;
  const os = smbString(b, o, end, unicode);
  if (os === "") return;
  sink.identity("src", { os });
}

/** Port 139 session request: the called (server) and calling (client) NetBIOS names, first-level encoded. */
function sessionRequest(b: Uint8Array, o: number, end: number, sink: DissectorSink): void {
  const names: string[] = [];
  for (let p = o; names.length < 2 && p + 34 <= end && b[p] === 32; p += 34) {
    names.push(String.fromCharCode(...b.subarray(p + 1, p + 33)));
  }
  const [called, calling] = names.map((n) => decodeNetbiosName(n));
  if (called && called.name !== "*SMBSERVER" && !called.name.startsWith("*"))
    sink.hostname("dst", called.name);
  if (calling && !calling.name.startsWith("*")) sink.hostname("src", calling.name);
}

export const smb: Dissector<SmbState> = {
  name: "smb",
  transport: "tcp",
  defaultPorts: [445, 139],
  heuristic: false,
  limits: { maxPdu: FRAME_HEADER + MAX_WHOLE, maxPending: 64 },
  probe: probeSmb,
  newState: () => ({ skip: [0, 0], resync: [false, false], dialects: [] }),
  parse(s, dir, b, sink) {
    let o = 0;
    if (s.resync[dir]) {
      o = nextFrame(b);
      if (o < 0) return Math.max(0, b.length - 7);
      s.resync[dir] = false;
    }
    while (o < b.length) {
      if (s.skip[dir] > 0) {
        const n = Math.min(s.skip[dir], b.length - o);
        s.skip[dir] -= n;
        o += n;
        continue;
      }
      if (b.length - o < FRAME_HEADER) return o;
      const type = b[o];
      const len = (b[o + 1] << 16) | (b[o + 2] << 8) | b[o + 3];
      if (type !== NBSS_MESSAGE) {
        if (type < NBSS_SESSION_REQUEST || type > 0x85) {
          sink.anomaly("bad-frame", `unknown NetBIOS session message type 0x${type.toString(16)}`);
          return -1;
        }
        if (type === NBSS_SESSION_REQUEST && dir === TO_SERVER) {
          if (b.length - o < FRAME_HEADER + Math.min(len, 68)) return o;
          sessionRequest(b, o + FRAME_HEADER, o + FRAME_HEADER + Math.min(len, 68), sink);
        }
        o += FRAME_HEADER;
        s.skip[dir] = len;
        continue;
      }
      const m = o + FRAME_HEADER;
      if (b.length - m < 4) return o;
      const kind = magic(b, m);
      const header = kind === 0xff ? SMB1_HEADER : kind === 0xfe ? SMB2_HEADER : 0;
      if (header === 0 || len < header) {
        // SMB3 encrypted (0xFD) and compressed (0xFC) messages carry nothing we can read.
        if (kind !== 0xfd && kind !== 0xfc)
          sink.anomaly("bad-header", "SMB message without an SMB1 or SMB2 header");
        o = m;
        s.skip[dir] = len;
        continue;
      }
      if (b.length - m < header) return o;
      const whole = len <= MAX_WHOLE && readWhole(b, m, kind);
      const have = whole ? len : header;
      if (b.length - m < have) return o;
      if (kind === 0xfe) smb2(b, m, m + have, sink);
      else smb1(s, b, m, m + have, sink);
      o = m + have;
      s.skip[dir] = len - have;
    }
    return o;
  },
  gap(s, dir) {
    // The lost bytes may have held a frame boundary: resume at the next plausible frame header.
    s.skip[dir] = 0;
    s.resync[dir] = true;
  },
};

/** Whether a message must be read whole: negotiation, SMB1 session setup, SMB2 compounds. */
function readWhole(b: Uint8Array, m: number, kind: number): boolean {
  if (kind === 0xff) return b[m + 4] === SMB1_NEGOTIATE || b[m + 4] === SMB1_SESSION_SETUP;
  return u16le(b, m + 12) === SMB2_NEGOTIATE || u32le(b, m + 20) !== 0;
}

/** Offset of the first plausible frame header (type 0, then an SMB magic), or -1. */
function nextFrame(b: Uint8Array): number {
  for (let i = 0; i + 8 <= b.length; i++) {
    if (b[i] !== NBSS_MESSAGE) continue;
    const k = magic(b, i + FRAME_HEADER);
    if (k === 0xff || k === 0xfe || k === 0xfd || k === 0xfc) return i;
  }
  return -1;
}
