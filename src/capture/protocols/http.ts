/**
 * HTTP/1.x on TCP 80 and 8080, and wherever a request line or status line opens a stream. Each request is an
 * operation coded by its method (table below); responses pair in order and fail with 4xx/5xx. The Host header names
 * the server, User-Agent names the client's OS and Server the server's software, Basic authorization is a cleartext
 * credential (the user masked, the password never decoded). Bodies are skipped by Content-Length or chunks;
 * after an upgrade or a CONNECT tunnel the stream is no longer HTTP and is passed over.
 */
import type { OperationCategory } from "../../model/capture.js";
import { ascii } from "../bytes.js";
import type { Dissector, DissectorSink, ProbeResult } from "../dissector.js";
import { TO_SERVER } from "../dissector.js";
import { basicAuthUser, userAgentOs } from "./http-headers.js";
import { PendingRequests } from "./pending-requests.js";
import { CR, indexOfByte, LF, lineEnd, lineLength, startsWith, startsWithUpper, trimSpaces } from "./text.js";

/** Largest request or response header block; beyond it the framework drops the stream as a gap. */
export const MAX_HEADER_BYTES = 16384;
/** Requests awaiting their response (pipelining); past it the oldest are forgotten. */
export const MAX_PENDING = 32;
/** Distinct Basic-authorization users reported per flow. */
const MAX_USERS = 8;
const MAX_TEXT = 128;

/** Request codes: methods of RFC 9110 (1-8), PATCH (RFC 5789) and WebDAV (RFC 4918); 0 is any other method. */
export const METHODS: readonly { name: string; code: number; category: OperationCategory }[] = [
  { name: "GET", code: 1, category: "read" },
  { name: "HEAD", code: 2, category: "read" },
  { name: "POST", code: 3, category: "write" },
  { name: "PUT", code: 4, category: "write" },
  { name: "DELETE", code: 5, category: "write" },
  { name: "CONNECT", code: 6, category: "session" },
  { name: "OPTIONS", code: 7, category: "read" },
  { name: "TRACE", code: 8, category: "read" },
  { name: "PATCH", code: 9, category: "write" },
  { name: "PROPFIND", code: 10, category: "read" },
  { name: "PROPPATCH", code: 11, category: "write" },
  { name: "MKCOL", code: 12, category: "write" },
  { name: "COPY", code: 13, category: "write" },
  { name: "MOVE", code: 14, category: "write" },
  { name: "LOCK", code: 15, category: "write" },
  { name: "UNLOCK", code: 16, category: "write" },
];
const HEAD = 2;
const STATUS_PREFIX = "HTTP/1.";
const CONNECT = 6;

enum Mode {
  Headers,
  Body,
  ChunkSize,
  ChunkData,
  Trailers,
  /** A response without length runs to the end of the connection; tunnels and upgrades are not HTTP. */
  Opaque,
}

interface Side {
  mode: Mode;
  remaining: number;
}

export interface HttpState {
  sides: [Side, Side];
  pending: PendingRequests;
  sent: number;
  answered: number;
  /** The client side opened a CONNECT or an upgrade: once the server agrees, both sides become opaque. */
  switching: boolean;
  named: boolean;
  userAgent: boolean;
  server: boolean;
  users: Set<string>;
}

function methodAt(b: Uint8Array): (typeof METHODS)[number] | undefined {
  const sp = indexOfByte(b, 0x20, 0, 10);
  if (sp < 3) return undefined;
  for (const m of METHODS) if (m.name.length === sp && startsWith(b, 0, m.name)) return m;
  return undefined;
}

/** Cheap test of the first bytes: a known method and a space, or `HTTP/1.` from the server. */
export function probeHttp(data: Uint8Array, dir: number): ProbeResult {
  if (dir === TO_SERVER) {
    const c = data[0];
    if (data.length > 0 && "GHPDCOTMLU".indexOf(String.fromCharCode(c)) < 0) return "reject";
    if (data.length < 10 && indexOfByte(data, 0x20, 0, data.length) < 0) return "needMore";
    return methodAt(data) ? "match" : "reject";
  }
  const n = Math.min(data.length, STATUS_PREFIX.length);
  for (let i = 0; i < n; i++) if (data[i] !== STATUS_PREFIX.charCodeAt(i)) return "reject";
  return n < STATUS_PREFIX.length ? "needMore" : "match";
}

/** Offset just past the blank line ending the header block that starts at `o`, or -1. */
function headerEnd(b: Uint8Array, o: number): number {
  const limit = Math.min(b.length, o + MAX_HEADER_BYTES);
  for (let i = o; i < limit; i++) {
    if (b[i] !== LF) continue;
    if (i + 1 < limit && b[i + 1] === LF) return i + 2;
    if (i + 2 < limit && b[i + 1] === CR && b[i + 2] === LF) return i + 3;
  }
  return -1;
}

interface Headers {
  contentLength: number;
  chunked: boolean;
  upgrade: boolean;
}

/** Walks header lines in [from, end), handing interesting ones to `onHeader`. */
function readHeaders(
  b: Uint8Array,
  from: number,
  end: number,
  onHeader: (name: string, vFrom: number, vTo: number) => void,
): Headers {
  const h: Headers = { contentLength: -1, chunked: false, upgrade: false };
  for (let o = from; o < end; ) {
    const lf = lineEnd(b, o, end);
    if (lf < 0) break;
    const len = lineLength(b, o, lf);
    const colon = indexOfByte(b, 0x3a, o, o + len);
    if (colon > o) {
      const [vFrom, vTo] = trimSpaces(b, colon + 1, o + len);
      const nameLen = colon - o;
      if (nameLen === 14 && startsWithUpper(b, o, "CONTENT-LENGTH")) {
        const n = Number(ascii(b, vFrom, Math.min(vTo - vFrom, 16)));
        h.contentLength = Number.isSafeInteger(n) && n >= 0 ? n : -1;
      } else if (nameLen === 17 && startsWithUpper(b, o, "TRANSFER-ENCODING")) {
        h.chunked = /chunked/i.test(ascii(b, vFrom, Math.min(vTo - vFrom, 64)));
      } else if (nameLen === 7 && startsWithUpper(b, o, "UPGRADE")) {
        h.upgrade = true;
      } else if (nameLen === 4 || nameLen === 6 || nameLen === 10 || nameLen === 13 || nameLen === 19) {
        onHeader(ascii(b, o, nameLen).toLowerCase(), vFrom, vTo);
      }
    }
    o = lf + 1;
  }
  return h;
}

function bodyMode(side: Side, h: Headers): void {
  if (h.chunked) side.mode = Mode.ChunkSize;
  else if (h.contentLength > 0) {
    side.mode = Mode.Body;
    side.remaining = h.contentLength;
  } else side.mode = Mode.Headers;
}

/** The host of a Host header value without port; null for address literals, which name nothing. */
function hostOf(v: string): string | null {
  if (v.startsWith("[")) return null;
  const host = v.replace(/:\d+$/, "").toLowerCase();
  if (host === "" || /^\d+\.\d+\.\d+\.\d+$/.test(host)) return null;
  return host;
}

function parseRequest(s: HttpState, b: Uint8Array, o: number, end: number, sink: DissectorSink): boolean {
  const lf = lineEnd(b, o, end);
  const len = lineLength(b, o, lf);
  const sp = indexOfByte(b, 0x20, o, o + len);
  const sp2 = sp < 0 ? -1 : indexOfByte(b, 0x20, sp + 1, o + len);
  if (sp <= o || sp2 < 0 || !startsWith(b, sp2 + 1, "HTTP/")) return false;
  const methodName = ascii(b, o, Math.min(sp - o, 16));
  const method = METHODS.find((m) => m.name === methodName);
  sink.request(method?.code ?? 0, method?.name ?? "other method", method?.category ?? "read");
  // A request through a proxy names its target in absolute form: the Host header then names another server.
  const originForm = b[sp + 1] === 0x2f || b[sp + 1] === 0x2a;
  const h = readHeaders(b, lf + 1, end, (name, vFrom, vTo) => {
    if (name === "host" && originForm && !s.named) {
      const host = hostOf(ascii(b, vFrom, Math.min(vTo - vFrom, MAX_TEXT)));
      if (host !== null) {
        s.named = true;
        sink.hostname("dst", host);
      }
    } else if (name === "user-agent" && !s.userAgent) {
      // A User-Agent names client software (a browser, curl), not the device: only its OS is identity.
      s.userAgent = true;
      const os = userAgentOs(ascii(b, vFrom, Math.min(vTo - vFrom, MAX_TEXT)));
      if (os) sink.identity("src", { os });
    } else if (name === "authorization" || name === "proxy-authorization") {
      const user = basicAuthUser(b, vFrom, vTo);
      if (user !== null && !s.users.has(user) && s.users.size < MAX_USERS) {
        s.users.add(user);
        sink.observe("cleartext-credentials", "dst", `HTTP Basic ${name}, user ${user}`);
      }
    }
  });
  const code = method?.code ?? 0;
  if (!s.pending.add(s.sent++, code))
    sink.anomaly("too-many-pending", "HTTP request forgotten unanswered (pipelining)");
  if (code === CONNECT || h.upgrade) s.switching = true;
  bodyMode(s.sides[0], h);
  return true;
}

function parseResponse(s: HttpState, b: Uint8Array, o: number, end: number, sink: DissectorSink): boolean {
  if (!startsWith(b, o, "HTTP/") || o + 12 > end) return false;
  const status = Number(ascii(b, o + 9, 3));
  if (!Number.isInteger(status) || status < 100) return false;
  const h = readHeaders(b, lineEnd(b, o, end) + 1, end, (name, vFrom, vTo) => {
    if (name === "server" && !s.server) {
      s.server = true;
      sink.identity("src", { software: ascii(b, vFrom, Math.min(vTo - vFrom, MAX_TEXT)) });
    }
  });
  const side = s.sides[1];
  // 1xx responses other than 101 are interim: the final response to the same request follows.
  if (status < 200 && status !== 101) {
    side.mode = Mode.Headers;
    return true;
  }
  const code = s.answered < s.sent ? s.pending.take(s.answered++) : -1;
  if (code >= 0) sink.response(code, status >= 400);
  if ((status === 101 || (code === CONNECT && status < 300)) && s.switching) {
    s.sides[0].mode = Mode.Opaque;
    side.mode = Mode.Opaque;
  } else if (code === HEAD || status === 204 || status === 304) side.mode = Mode.Headers;
  else if (h.chunked || h.contentLength >= 0) bodyMode(side, h);
  else side.mode = Mode.Opaque;
  return true;
}

/** Consumes chunked-body framing and data from `o`; returns the new offset (unchanged when a line is incomplete). */
function skipChunks(side: Side, b: Uint8Array, o: number, sink: DissectorSink): number {
  while (o < b.length) {
    if (side.mode === Mode.ChunkData) {
      const n = Math.min(side.remaining, b.length - o);
      o += n;
      side.remaining -= n;
      if (side.remaining > 0) return o;
      side.mode = Mode.ChunkSize;
      continue;
    }
    const lf = lineEnd(b, o, o + 1024);
    if (lf < 0) {
      if (b.length - o >= 1024) {
        sink.anomaly("bad-chunk", "HTTP chunk line longer than 1024 bytes");
        side.mode = Mode.Opaque;
        return b.length;
      }
      return o;
    }
    const len = lineLength(b, o, lf);
    if (side.mode === Mode.Trailers) {
      o = lf + 1;
      if (len === 0) {
        side.mode = Mode.Headers;
        return o;
      }
      continue;
    }
    const size = Number.parseInt(ascii(b, o, Math.min(len, 16)), 16);
    if (!Number.isSafeInteger(size) || size < 0) {
      sink.anomaly("bad-chunk", "HTTP chunk size is not hexadecimal");
      side.mode = Mode.Opaque;
      return b.length;
    }
    o = lf + 1;
    if (size === 0) side.mode = Mode.Trailers;
    else {
      side.mode = Mode.ChunkData;
      // The chunk data is followed by CRLF, consumed with it.
      side.remaining = size + 2;
    }
  }
  return o;
}

export const http: Dissector<HttpState> = {
  name: "http",
  transport: "tcp",
  defaultPorts: [80, 8080],
  heuristic: true,
  limits: { maxPdu: MAX_HEADER_BYTES, maxPending: MAX_PENDING },
  probe: probeHttp,
  newState: () => ({
    sides: [
      { mode: Mode.Headers, remaining: 0 },
      { mode: Mode.Headers, remaining: 0 },
    ],
    pending: new PendingRequests(MAX_PENDING),
    sent: 0,
    answered: 0,
    switching: false,
    named: false,
    userAgent: false,
    server: false,
    users: new Set<string>(),
  }),
  parse(s, dir, b, sink) {
    const side = s.sides[dir];
    let o = 0;
    while (o < b.length) {
      if (side.mode === Mode.Opaque) return b.length;
      if (side.mode === Mode.Body) {
        const n = Math.min(side.remaining, b.length - o);
        o += n;
        side.remaining -= n;
        if (side.remaining === 0) side.mode = Mode.Headers;
        continue;
      }
      if (side.mode !== Mode.Headers) {
        const next = skipChunks(side, b, o, sink);
        if (next === o) return o;
        o = next;
        continue;
      }
      while (o < b.length && (b[o] === CR || b[o] === LF)) o++;
      if (o === b.length) return o;
      const end = headerEnd(b, o);
      if (end < 0) return o;
      const ok = dir === TO_SERVER ? parseRequest(s, b, o, end, sink) : parseResponse(s, b, o, end, sink);
      if (!ok) {
        sink.anomaly("bad-http", dir === TO_SERVER ? "not an HTTP request line" : "not an HTTP status line");
        return -1;
      }
      o = end;
    }
    return o;
  },
  gap(s, dir) {
    // Lost bytes may hold a body boundary: pass over the rest of this direction rather than misread it.
    s.sides[dir].mode = Mode.Opaque;
  },
};
