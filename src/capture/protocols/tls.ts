/**
 * TLS (and SSL 3.0) record and handshake framing on TCP 443 and wherever a handshake record opens a stream. The
 * ClientHello is a session request: its SNI names the server, its versions say what the client accepts. The
 * ServerHello answers it with the negotiated version and cipher suite; versions below TLS 1.2 and weak suites are
 * insecure channels. Once both hellos are seen the rest is encrypted and passed over. AnyDesk is recognised by its
 * relay names (*.net.anydesk.com) and, as its own dissector, on TCP 7070. SSLv2-format hellos are not read.
 */
import { ascii, u16be } from "../bytes.js";
import type { Direction, Dissector, DissectorSink, ProbeResult } from "../dissector.js";
import { doneAfterBothSides, TO_SERVER } from "../dissector.js";
import { WEAK_CIPHER_SUITES } from "./tls-weak-ciphers.js";

const RECORD_HEADER = 5;
/** Largest record: 2^14 plaintext plus the 2048 bytes of expansion TLS allows. */
export const MAX_RECORD = 16384 + 2048;
const HANDSHAKE = 22;
const ALERT = 21;
const CLIENT_HELLO = 1;
const SERVER_HELLO = 2;
const EXT_SERVER_NAME = 0;
const EXT_SUPPORTED_VERSIONS = 43;
const TLS12 = 0x0303;
const MAX_TEXT = 255;

const VERSION_NAMES: Record<number, string> = {
  768: "SSL 3.0",
  769: "TLS 1.0",
  770: "TLS 1.1",
  771: "TLS 1.2",
  772: "TLS 1.3",
};
function versionName(v: number): string {
  return VERSION_NAMES[v] ?? `version 0x${v.toString(16).padStart(4, "0")}`;
}

/** GREASE values (RFC 8701) are sent to keep peers tolerant; they are not versions. */
function isGrease(v: number): boolean {
  return (v & 0x0f0f) === 0x0a0a && v >> 8 === (v & 0xff);
}

export interface Hello {
  type: typeof CLIENT_HELLO | typeof SERVER_HELLO;
  /** Client: the highest version offered; server: the version chosen. */
  version: number;
  serverName?: string;
  /** Server only: the chosen cipher suite. */
  cipherSuite?: number;
}

/** Reads a ClientHello or ServerHello body at b[o, end); null when malformed. */
export function parseHello(b: Uint8Array, type: number, o: number, end: number): Hello | null {
  if ((type !== CLIENT_HELLO && type !== SERVER_HELLO) || o + 35 > end) return null;
  const h: Hello = { type, version: u16be(b, o) };
  let p = o + 34;
  p += 1 + b[p];
  if (type === CLIENT_HELLO) {
    if (p + 2 > end) return null;
    p += 2 + u16be(b, p);
    if (p + 1 > end) return null;
    p += 1 + b[p];
  } else {
    if (p + 3 > end) return null;
    h.cipherSuite = u16be(b, p);
    p += 3;
  }
  if (p > end) return null;
  if (p + 2 > end) return h;
  const extEnd = Math.min(end, p + 2 + u16be(b, p));
  for (p += 2; p + 4 <= extEnd; ) {
    const ext = u16be(b, p);
    const len = u16be(b, p + 2);
    const v = p + 4;
    if (v + len > extEnd) break;
    if (ext === EXT_SERVER_NAME && type === CLIENT_HELLO && len >= 5 && b[v + 2] === 0) {
      const nameLen = u16be(b, v + 3);
      if (v + 5 + nameLen <= v + len) h.serverName = ascii(b, v + 5, Math.min(nameLen, MAX_TEXT));
    } else if (ext === EXT_SUPPORTED_VERSIONS) {
      if (type === SERVER_HELLO && len === 2) h.version = u16be(b, v);
      else if (type === CLIENT_HELLO && len >= 1) {
        for (let i = v + 1; i + 2 <= Math.min(v + 1 + b[v], v + len); i += 2) {
          const ver = u16be(b, i);
          if (!isGrease(ver) && ver > h.version) h.version = ver;
        }
      }
    }
    p = v + len;
  }
  return h;
}

export interface TlsState {
  /** Per direction: the hello was seen (or the stream is encrypted), the rest is passed over. */
  done: [boolean, boolean];
  asked: boolean;
}

export function isAnyDeskRelay(name: string): boolean {
  const n = name.toLowerCase();
  return n === "net.anydesk.com" || n.endsWith(".net.anydesk.com");
}

function isAddressLiteral(name: string): boolean {
  return /^[\d.]+$/.test(name) || name.includes(":");
}

function onHello(h: Hello, s: TlsState, sink: DissectorSink, remoteTool: string | null): void {
  if (h.type === CLIENT_HELLO) {
    s.asked = true;
    sink.request(CLIENT_HELLO, "client hello", "session");
    if (h.serverName && !isAddressLiteral(h.serverName)) sink.hostname("dst", h.serverName);
    if (h.version < TLS12)
      sink.observe("insecure-channel", "src", `TLS client offers at most ${versionName(h.version)}`);
    if (remoteTool) sink.observe("remote-access", "dst", `${remoteTool} direct connection`);
    else if (h.serverName && isAnyDeskRelay(h.serverName)) {
      sink.observe("remote-access", "src", `AnyDesk connection to relay ${h.serverName}`);
    }
    return;
  }
  if (s.asked) sink.response(CLIENT_HELLO, false);
  if (h.version < TLS12) sink.observe("insecure-channel", "src", `${versionName(h.version)} negotiated`);
  const weak = h.cipherSuite === undefined ? undefined : WEAK_CIPHER_SUITES.get(h.cipherSuite);
  if (weak) sink.observe("insecure-channel", "src", `weak cipher suite ${weak} negotiated`);
}

export function probeTls(data: Uint8Array): ProbeResult {
  if (data.length > 0 && data[0] !== HANDSHAKE) return "reject";
  if (data.length < 3) return "needMore";
  return data[1] === 3 && data[2] <= 4 ? "match" : "reject";
}

function parseTls(
  s: TlsState,
  dir: Direction,
  b: Uint8Array,
  sink: DissectorSink,
  remoteTool: string | null,
): number {
  let o = 0;
  while (!s.done[dir]) {
    if (o + RECORD_HEADER > b.length) return o;
    const type = b[o];
    const len = u16be(b, o + 3);
    if (b[o + 1] !== 3 || type < 20 || type > 24 || len > MAX_RECORD) {
      sink.anomaly("bad-record", `not a TLS record (type ${type}, ${len} bytes)`);
      return -1;
    }
    if (o + RECORD_HEADER + len > b.length) return o;
    const body = o + RECORD_HEADER;
    if (type === HANDSHAKE && body + 4 <= body + len) {
      const hello = parseHello(
        b,
        b[body],
        body + 4,
        Math.min(body + len, body + 4 + ((b[body + 1] << 16) | u16be(b, body + 2))),
      );
      if (hello !== null) onHello(hello, s, sink, remoteTool);
      else if (b[body] === CLIENT_HELLO || b[body] === SERVER_HELLO)
        sink.anomaly("bad-hello", "TLS hello cut short");
      s.done[dir] = true;
    } else if (type === ALERT && dir !== TO_SERVER && s.asked && len >= 2 && b[body] === 2) {
      // A fatal alert instead of a ServerHello refuses the handshake.
      sink.response(CLIENT_HELLO, true);
      s.done[dir] = true;
    } else if (type !== ALERT) {
      s.done[dir] = true;
    }
    o = body + len;
  }
  return b.length;
}

function tlsDissector(
  name: string,
  ports: number[],
  heuristic: boolean,
  remoteTool: string | null,
): Dissector<TlsState> {
  return {
    name,
    transport: "tcp",
    defaultPorts: ports,
    heuristic,
    limits: { maxPdu: RECORD_HEADER + MAX_RECORD, maxPending: 1 },
    probe: probeTls,
    newState: () => ({ done: [false, false], asked: false }),
    parse: doneAfterBothSides((s, dir, b, sink) => parseTls(s, dir, b, sink, remoteTool)),
    gap(s, dir) {
      s.done[dir] = true;
    },
  };
}

export const tls = tlsDissector("tls", [443], true, null);
/** AnyDesk's direct (LAN) connections: TLS on TCP 7070. */
export const anydesk = tlsDissector("anydesk", [7070], false, "AnyDesk");
