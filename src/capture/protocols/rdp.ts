/**
 * RDP connection setup (MS-RDPBCGR 2.2.1.1 and 2.2.1.2) on TCP 3389: a TPKT-framed X.224 Connection Request
 * carrying the client's `Cookie: mstshash=<user>` and the security protocols it asks for, answered by a
 * Connection Confirm with the protocol the server chose. The request is a session request and a remote-access
 * observation on the server, with the cookie's user masked; standard RDP security (no TLS, no CredSSP) is an
 * insecure channel. Everything after the confirm is TLS or encrypted RDP and is passed over.
 */
import { u16be, u32le } from "../bytes.js";
import type { Dissector, DissectorSink, ProbeResult } from "../dissector.js";
import { doneAfterBothSides, TO_SERVER } from "../dissector.js";
import { maskSecret } from "./mask.js";
import { indexOfByte, startsWith } from "./text.js";

const TPKT_HEADER = 4;
const X224_CR = 0xe0;
const X224_CC = 0xd0;
/** Offset of the variable part after TPKT (4), length indicator (1), code (1), references (4) and class (1). */
const VARIABLE = 11;
const COOKIE = "Cookie: mstshash=";
const NEG_REQ = 1;
const NEG_RSP = 2;
const NEG_FAILURE = 3;
/** A Connection Request is small; anything bigger is not the start of RDP. */
export const MAX_FIRST_PDU = 1024;

const PROTOCOLS: [number, string][] = [
  [0x1, "TLS"],
  [0x2, "CredSSP"],
  [0x4, "RDSTLS"],
  [0x8, "CredSSP early user auth"],
  [0x10, "RDSAAD"],
];

export function protocolNames(flags: number): string {
  if (flags === 0) return "standard RDP security";
  return (
    PROTOCOLS.filter(([bit]) => flags & bit)
      .map(([, name]) => name)
      .join(", ") || `0x${flags.toString(16)}`
  );
}

interface ConnectionRequest {
  user?: string;
  requested?: number;
}

/** Reads the variable part of a Connection Request in b[VARIABLE, end). */
function parseConnectionRequest(b: Uint8Array, end: number): ConnectionRequest {
  const r: ConnectionRequest = {};
  let o = VARIABLE;
  if (startsWith(b, o, "Cookie: ")) {
    const lf = indexOfByte(b, 0x0a, o, end);
    const stop = lf < 0 ? end : lf;
    if (startsWith(b, o, COOKIE)) {
      const from = o + COOKIE.length;
      const to = stop > from && b[stop - 1] === 0x0d ? stop - 1 : stop;
      r.user = maskSecret(String.fromCharCode(...b.subarray(from, Math.min(to, from + 256))));
    }
    o = lf < 0 ? end : lf + 1;
  }
  if (o + 8 <= end && b[o] === NEG_REQ) r.requested = u32le(b, o + 4);
  return r;
}

export function probeRdp(data: Uint8Array, dir: number): ProbeResult {
  if (data.length < 6) return data.length > 0 && data[0] !== 3 ? "reject" : "needMore";
  const type = dir === TO_SERVER ? X224_CR : X224_CC;
  return data[0] === 3 && data[1] === 0 && u16be(data, 2) <= MAX_FIRST_PDU && (data[5] & 0xf0) === type
    ? "match"
    : "reject";
}

export interface RdpState {
  done: [boolean, boolean];
}

function onRequest(r: ConnectionRequest, sink: DissectorSink): void {
  sink.request(X224_CR, "connection request", "session");
  const user = r.user ? `, user ${r.user}` : "";
  const asked = r.requested === undefined ? "" : `, asks for ${protocolNames(r.requested)}`;
  sink.observe("remote-access", "dst", `RDP connection request${user}${asked}`);
}

function onConfirm(b: Uint8Array, end: number, sink: DissectorSink): void {
  const o = VARIABLE;
  const type = o + 8 <= end ? b[o] : 0;
  sink.response(X224_CR, type === NEG_FAILURE);
  // Without a negotiation response the server speaks standard RDP security (MS-RDPBCGR 2.2.1.2).
  const selected = type === NEG_RSP ? u32le(b, o + 4) : type === 0 ? 0 : -1;
  if (selected === 0)
    sink.observe("insecure-channel", "src", "RDP standard security negotiated (no TLS, no CredSSP)");
}

export const rdp: Dissector<RdpState> = {
  name: "rdp",
  transport: "tcp",
  defaultPorts: [3389],
  heuristic: false,
  limits: { maxPdu: MAX_FIRST_PDU, maxPending: 1 },
  probe: probeRdp,
  newState: () => ({ done: [false, false] }),
  parse: doneAfterBothSides((s, dir, b, sink) => {
    if (s.done[dir]) return b.length;
    if (b.length < TPKT_HEADER) return 0;
    const len = u16be(b, 2);
    if (b[0] !== 3 || len < VARIABLE || len > MAX_FIRST_PDU) {
      sink.anomaly("bad-tpkt", "RDP stream does not start with a TPKT-framed X.224 PDU");
      s.done[dir] = true;
      return b.length;
    }
    if (b.length < len) return 0;
    const code = b[5] & 0xf0;
    if (dir === TO_SERVER && code === X224_CR) onRequest(parseConnectionRequest(b, len), sink);
    else if (dir !== TO_SERVER && code === X224_CC) onConfirm(b, len, sink);
    else sink.anomaly("bad-x224", `unexpected X.224 TPDU 0x${code.toString(16)} at connection start`);
    s.done[dir] = true;
    return b.length;
  }),
  gap(s, dir) {
    s.done[dir] = true;
  },
};
