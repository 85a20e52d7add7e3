/**
 * OPC UA binary (UA TCP, port 4840; OPC UA Part 6): 8-byte message header (HEL/ACK/ERR/RHE/OPN/MSG/CLO, chunk
 * type F/C/A, little-endian size), then for OPN the asymmetric security header (SecurityPolicyUri, sender
 * certificate, receiver thumbprint) and for MSG/CLO the token id; then the sequence header (sequence number,
 * request id) and the body, which starts with the node id of its type's binary encoding.
 *
 * Operations: OPN counts as OpenSecureChannel (446) and CLO as CloseSecureChannel (452) from the message type
 * alone; a MSG counts under its request type id (services in opcua-services.ts) when its body is readable, that
 * is when the channel's policy is None or the message is only signed. An encrypted body decodes to no known type
 * id (the chance that ciphertext spells one is about 1e-8 per message), so it is skipped rather than guessed.
 * Responses pair by request id; a ServiceFault or a Bad service result fails the request.
 *
 * Findings: SecurityPolicy None (hence SecurityMode None) or a deprecated policy is an `insecure-channel`; a
 * UserName identity token whose password travels unencrypted is `cleartext-credentials` (user name masked).
 * Both are about the server ("dst" of the request), once per flow.
 *
 * After lost bytes the parser finds the next message header by scanning for a message type and chunk type.
 */
import type { ObservationKind } from "../../model/capture.js";
import { ascii, u16le, u32le, utf8At } from "../bytes.js";
import type { Direction, Dissector, DissectorSink } from "../dissector.js";
import { TO_SERVER } from "../dissector.js";
import { maskSecret } from "./mask.js";
import {
  ACTIVATE_SESSION,
  answeredRequest,
  CLOSE_SECURE_CHANNEL,
  OPEN_SECURE_CHANNEL,
  SERVICE_FAULT,
  SERVICES,
  USER_NAME_IDENTITY_TOKEN,
} from "./opcua-services.js";
import { PendingRequests } from "./pending-requests.js";

const HEADER = 8;
const POLICY_PREFIX = "http://opcfoundation.org/UA/SecurityPolicy#";
/** Deprecated by the OPC Foundation: SHA-1 signatures and RSA PKCS#1 v1.5 key wrapping. */
const DEPRECATED_POLICIES = new Set(["Basic128Rsa15", "Basic256"]);
/** Policy URIs and user names are short; longer text is cut. */
const MAX_TEXT = 256;
const NONE = -1;

const limits = { maxPdu: 1 << 20, maxPending: 64 };

/** What the client's OpenSecureChannel said of the channel's SecurityPolicy. */
const POLICY_UNKNOWN = 0;
const POLICY_NONE = 1;
const POLICY_SECURED = 2;

/** Once-per-flow findings, by bit. */
const SEEN_POLICY_NONE = 1;
const SEEN_DEPRECATED = 2;
const SEEN_CREDENTIALS = 4;
const SEEN_RESYNC = 8;

export interface OpcuaState {
  /** Request id -> request type id of outstanding requests. */
  pending: PendingRequests;
  policy: number;
  seen: number;
  /** Per direction, the request id of a message whose later chunks are still to come (their body is no start). */
  continuing: [number, number];
}

function msgType(b: Uint8Array, o: number): number {
  return (b[o] << 16) | (b[o + 1] << 8) | b[o + 2];
}

const HEL = msgType(new TextEncoder().encode("HEL"), 0);
const ACK = msgType(new TextEncoder().encode("ACK"), 0);
const ERR = msgType(new TextEncoder().encode("ERR"), 0);
const RHE = msgType(new TextEncoder().encode("RHE"), 0);
const OPN = msgType(new TextEncoder().encode("OPN"), 0);
const MSG = msgType(new TextEncoder().encode("MSG"), 0);
const CLO = msgType(new TextEncoder().encode("CLO"), 0);
const CHUNK_FINAL = 0x46; // F
const CHUNK_PART = 0x43; // C
const CHUNK_ABORT = 0x41; // A

/** Whether b[o..o+8) is a plausible message header (type, chunk type, size within limits). */
function isHeader(b: Uint8Array, o: number): boolean {
  const type = msgType(b, o);
  const chunk = b[o + 3];
  const size = u32le(b, o + 4);
  if (size < HEADER || size > limits.maxPdu) return false;
  if (type === MSG || type === OPN || type === CLO)
    return (chunk === CHUNK_FINAL || chunk === CHUNK_PART || chunk === CHUNK_ABORT) && size >= 24;
  return (type === HEL || type === ACK || type === ERR || type === RHE) && chunk === CHUNK_FINAL;
}

/** Offset just past the String/ByteString at o (Int32 length, -1 for null), or -1 when it does not fit. */
function skipString(b: Uint8Array, o: number, end: number): number {
  if (o + 4 > end) return -1;
  const len = u32le(b, o) | 0;
  if (len < 0) return o + 4;
  return o + 4 + len <= end ? o + 4 + len : -1;
}

/** Offset just past the NodeId at o, or -1. Scratch: the numeric id of a namespace-0 numeric node id. */
let nodeNumeric = NONE;
function skipNodeId(b: Uint8Array, o: number, end: number): number {
  nodeNumeric = NONE;
  if (o >= end) return -1;
  switch (b[o]) {
    case 0x00:
      if (o + 2 > end) return -1;
      nodeNumeric = b[o + 1];
      return o + 2;
    case 0x01:
      if (o + 4 > end) return -1;
      if (b[o + 1] === 0) nodeNumeric = u16le(b, o + 2);
      return o + 4;
    case 0x02:
      if (o + 7 > end) return -1;
      if (u16le(b, o + 1) === 0) nodeNumeric = u32le(b, o + 3);
      return o + 7;
    case 0x03:
    case 0x05:
      return skipString(b, o + 3, end);
    case 0x04:
      return o + 19 <= end ? o + 19 : -1;
    default:
      return -1;
  }
}

/** Offset past an ExtensionObject (type id, encoding byte, optional Int32-length body), or -1. */
function skipExtensionObject(b: Uint8Array, o: number, end: number): number {
  const p = skipNodeId(b, o, end);
  if (p < 0 || p >= end) return -1;
  return b[p] === 0 ? p + 1 : skipString(b, p + 1, end);
}

/** RequestHeader: authentication token, timestamp, handle, diagnostics, audit entry, timeout, additional header. */
function skipRequestHeader(b: Uint8Array, o: number, end: number): number {
  let p = skipNodeId(b, o, end);
  if (p < 0) return -1;
  p = skipString(b, p + 16, end);
  if (p < 0) return -1;
  return skipExtensionObject(b, p + 4, end);
}

function observeOnce(
  state: OpcuaState,
  bit: number,
  kind: ObservationKind,
  detail: string,
  sink: DissectorSink,
): void {
  if (state.seen & bit) return;
  state.seen |= bit;
  sink.observe(kind, "dst", detail);
}

/** Parses one whole message b[o, o + size). */
function message(
  state: OpcuaState,
  dir: Direction,
  b: Uint8Array,
  o: number,
  end: number,
  sink: DissectorSink,
): void {
  const type = msgType(b, o);
  if (type === HEL) {
    hello(b, o, end, sink);
    return;
  }
  if (type !== OPN && type !== MSG && type !== CLO) return;
  let p = o + 12;
  if (type === OPN) {
    p = openHeader(state, dir, b, p, end, sink);
    if (p < 0) return;
  } else p += 4;
  // Sequence header: sequence number, request id.
  if (p + 8 > end) return;
  const requestId = u32le(b, p + 4) | 0;
  const body = p + 8;
  const chunk = b[o + 3];
  const first = state.continuing[dir] !== requestId;
  state.continuing[dir] = chunk === CHUNK_PART ? requestId : NONE;
  if (chunk === CHUNK_ABORT) {
    if (dir !== TO_SERVER) respond(state, requestId, NONE, true, sink);
    return;
  }
  if (!first) return;
  if (type === OPN) {
    if (dir === TO_SERVER) {
      sink.request(OPEN_SECURE_CHANNEL, "OpenSecureChannel", "session");
      if (!state.pending.add(requestId, OPEN_SECURE_CHANNEL)) overflow(sink);
    } else {
      // With a security policy the reply's body is encrypted: only None lets its service result be read.
      const failed = state.policy !== POLICY_SECURED && serviceFailed(b, body, end);
      respond(state, requestId, OPEN_SECURE_CHANNEL, failed, sink);
    }
    return;
  }
  if (type === CLO) {
    if (dir === TO_SERVER) sink.request(CLOSE_SECURE_CHANNEL, "CloseSecureChannel", "session");
    return;
  }
  const q = skipNodeId(b, body, end);
  if (q < 0 || nodeNumeric === NONE) return;
  const id = nodeNumeric;
  if (dir === TO_SERVER) {
    const svc = SERVICES.get(id);
    if (svc === undefined) return;
    sink.request(id, svc.name, svc.category);
    if (!state.pending.add(requestId, id)) overflow(sink);
    if (id === ACTIVATE_SESSION && state.policy !== POLICY_SECURED) activateSession(state, b, q, end, sink);
    return;
  }
  if (id === SERVICE_FAULT) respond(state, requestId, NONE, true, sink);
  else {
    const answered = answeredRequest(id);
    if (answered !== NONE) respond(state, requestId, answered, serviceFailed(b, q, end), sink);
  }
}

function overflow(sink: DissectorSink): void {
  sink.anomaly("opcua-pending-overflow", `more than ${limits.maxPending} unanswered OPC UA requests`);
}

/** Answers the request with this id; `fallback` is the code to answer when it was not seen (mid-stream). */
function respond(
  state: OpcuaState,
  requestId: number,
  fallback: number,
  failed: boolean,
  sink: DissectorSink,
): void {
  const code = state.pending.take(requestId);
  if (code !== NONE) sink.response(code, failed);
  else if (fallback !== NONE) sink.response(fallback, failed);
}

/** ResponseHeader after the type id: timestamp (8), request handle (4), service result; Bad has the top bit set. */
function serviceFailed(b: Uint8Array, o: number, end: number): boolean {
  if (o + 16 > end) return false;
  return (u32le(b, o + 12) & 0x80000000) !== 0;
}

/** Asymmetric security header of OPN: returns the offset of the sequence header, or -1. */
function openHeader(
  state: OpcuaState,
  dir: Direction,
  b: Uint8Array,
  o: number,
  end: number,
  sink: DissectorSink,
): number {
  const afterPolicy = skipString(b, o, end);
  if (afterPolicy < 0) {
    sink.anomaly("opcua-truncated", "OpenSecureChannel security header runs past the message");
    return -1;
  }
  const len = afterPolicy - o - 4;
  if (len > 0 && dir === TO_SERVER) {
    const uri = ascii(b, o + 4, Math.min(len, MAX_TEXT));
    const policy = uri.startsWith(POLICY_PREFIX) ? uri.slice(POLICY_PREFIX.length) : uri;
    state.policy = policy === "None" ? POLICY_NONE : POLICY_SECURED;
    if (policy === "None")
      observeOnce(
        state,
        SEEN_POLICY_NONE,
        "insecure-channel",
        "OPC UA SecurityMode None (SecurityPolicy None)",
        sink,
      );
    else if (DEPRECATED_POLICIES.has(policy))
      observeOnce(
        state,
        SEEN_DEPRECATED,
        "insecure-channel",
        `OPC UA deprecated SecurityPolicy ${policy}`,
        sink,
      );
  }
  const afterCertificate = skipString(b, afterPolicy, end);
  const afterThumbprint = afterCertificate < 0 ? -1 : skipString(b, afterCertificate, end);
  if (afterThumbprint < 0)
    sink.anomaly("opcua-truncated", "OpenSecureChannel security header runs past the message");
  return afterThumbprint;
}

/**
 * ActivateSessionRequest after its type id: RequestHeader, ClientSignature (algorithm, signature), client software
 * certificates (array of two ByteStrings), locale ids (array of String), UserIdentityToken (ExtensionObject).
 * A UserNameIdentityToken is policy id, user name, password, encryption algorithm.
 */
function activateSession(
  state: OpcuaState,
  b: Uint8Array,
  o: number,
  end: number,
  sink: DissectorSink,
): void {
  let p = skipRequestHeader(b, o, end);
  if (p >= 0) p = skipString(b, p, end);
  if (p >= 0) p = skipString(b, p, end);
  p = skipArray(b, p, end, 2);
  p = skipArray(b, p, end, 1);
  if (p < 0) return;
  const body = skipNodeId(b, p, end);
  if (body < 0 || nodeNumeric !== USER_NAME_IDENTITY_TOKEN || body + 5 > end || b[body] !== 1) return;
  const policyId = body + 5;
  const user = skipString(b, policyId, end);
  const afterUser = user < 0 ? -1 : skipString(b, user, end);
  const afterPassword = afterUser < 0 ? -1 : skipString(b, afterUser, end);
  const afterAlgorithm = afterPassword < 0 ? -1 : skipString(b, afterPassword, end);
  if (afterAlgorithm < 0) return;
  // An empty encryption algorithm means the password is in the token as typed.
  if (afterAlgorithm - afterPassword > 4) return;
  const userLength = afterUser - user - 4;
  const name = userLength > 0 ? utf8At(b, user + 4, Math.min(userLength, MAX_TEXT)) : "";
  observeOnce(
    state,
    SEEN_CREDENTIALS,
    "cleartext-credentials",
    `OPC UA ActivateSession UserName token with an unencrypted password: user ${maskSecret(name)}`,
    sink,
  );
}

/** Offset past an array of `strings`-tuples of String/ByteString (Int32 count, -1 for null), or -1. */
function skipArray(b: Uint8Array, o: number, end: number, strings: number): number {
  if (o < 0 || o + 4 > end) return -1;
  const count = u32le(b, o) | 0;
  let p = o + 4;
  for (let i = 0; i < count * strings && p >= 0; i++) p = skipString(b, p, end);
  return p;
}

/** Hello: five UInt32 then the endpoint URL, whose host names the server when it is a name. */
function hello(b: Uint8Array, o: number, end: number, sink: DissectorSink): void {
  const url = o + HEADER + 20;
  const after = skipString(b, url, end);
  if (after < 0) {
    sink.anomaly("opcua-truncated", "Hello endpoint URL runs past the message");
    return;
  }
  const text = ascii(b, url + 4, Math.min(after - url - 4, MAX_TEXT));
  const host = /^opc\.tcp:\/\/([A-Za-z][A-Za-z0-9.-]*)(?::\d+)?(?:\/|$)/.exec(text)?.[1];
  if (host && host !== "localhost" && !/^[\d.]+$/.test(host)) sink.hostname("dst", host);
}

export const opcua: Dissector<OpcuaState> = {
  name: "opcua",
  transport: "tcp",
  defaultPorts: [4840],
  heuristic: true,
  limits,
  probe(data) {
    if (data.length < HEADER) return "needMore";
    return isHeader(data, 0) ? "match" : "reject";
  },
  newState: () => ({
    pending: new PendingRequests(limits.maxPending),
    policy: POLICY_UNKNOWN,
    seen: 0,
    continuing: [NONE, NONE],
  }),
  parse(state, dir, data, sink) {
    let o = 0;
    while (data.length - o >= HEADER) {
      if (!isHeader(data, o)) {
        // Lost sync (after a gap, or garbage): skip to the next plausible header.
        if (!(state.seen & SEEN_RESYNC)) {
          state.seen |= SEEN_RESYNC;
          sink.anomaly("opcua-resync", "bytes that are no OPC UA message header were skipped");
        }
        o++;
        while (data.length - o >= HEADER && !isHeader(data, o)) o++;
        continue;
      }
      const size = u32le(data, o + 4);
      if (data.length - o < size) break;
      message(state, dir, data, o, o + size, sink);
      o += size;
    }
    return o;
  },
  gap(state, dir) {
    state.continuing[dir] = NONE;
    state.pending.clear();
  },
};
