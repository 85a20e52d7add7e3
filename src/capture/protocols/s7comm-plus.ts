/**
 * Siemens S7comm-plus (protocol id 0x72) over TPKT/COTP, TCP 102: S7-1200/1500 and TIA Portal.
 *
 * Recognised, not decoded: header (id, protocol version, data length), for version 3 the integrity part
 * (digest length + digest), then opcode (0x31 request, 0x32 response, 0x33 notification), function and
 * sequence number. A request is counted with code = its function (0x04f2 SetVariable, ...); a response pairs
 * with it by sequence number and fails when it is an Error (0x04b1/0x05a9) response. Notifications (pushed
 * by the PLC) and system events (version 0xfe) are not requests. Once the session switches to TLS (after
 * InitSsl) the payloads are TLS records and are only counted as such.
 */
import type { OperationCategory } from "../../model/capture.js";
import { u16be } from "../bytes.js";
import type { Direction, Dissector, DissectorSink, ProbeResult } from "../dissector.js";
import { PendingRequests } from "./pending-requests.js";
import {
  firstTsduByte,
  newTpktCotpState,
  parseTpktCotp,
  type TpktCotpState,
  tpktCotpGap,
} from "./tpkt-cotp.js";

export const S7COMM_PLUS_ID = 0x72;

const VERSION_3 = 0x03;
const VERSION_SYSTEM_EVENT = 0xfe;
const OPCODE_REQUEST = 0x31;
const OPCODE_RESPONSE = 0x32;
const OPCODE_NOTIFICATION = 0x33;
const OPCODE_RESPONSE_2 = 0x02;
/** Opcode, reserved (2), function (2), reserved (2), sequence number (2). */
const OP_HEADER = 9;
const FN_ERROR = 0x04b1;
const FN_ERROR_2 = 0x05a9;
const FN_BEGIN_SEQUENCE = 0x0556;
const FN_INVOKE = 0x056b;

/** TLS record content types 20..23 (change cipher spec, alert, handshake, application data). */
const TLS_FIRST = 0x14;
const TLS_LAST = 0x17;

const FUNCTIONS = new Map<number, [string, OperationCategory]>([
  [0x04bb, ["explore", "read"]],
  [0x04ca, ["create-object", "session"]],
  [0x04d4, ["delete-object", "session"]],
  [0x04f2, ["set-variable", "write"]],
  [0x04fc, ["get-variable", "read"]],
  [0x0506, ["add-link", "session"]],
  [0x051a, ["remove-link", "session"]],
  [0x0524, ["get-link", "read"]],
  [0x0542, ["set-multi-variables", "write"]],
  [0x054c, ["get-multi-variables", "read"]],
  // A sequence brackets changes made by the engineering tool (program and configuration downloads).
  [FN_BEGIN_SEQUENCE, ["begin-sequence", "program"]],
  [0x0560, ["end-sequence", "program"]],
  // Invoke calls a method on a PLC object, e.g. to change the operating state.
  [FN_INVOKE, ["invoke", "control"]],
  [0x057c, ["set-var-substreamed", "write"]],
  [0x0586, ["get-var-substreamed", "read"]],
  [0x0590, ["get-variables-address", "read"]],
  [0x059a, ["abort", "session"]],
  [0x05b3, ["init-ssl", "session"]],
]);

export interface S7commPlusState {
  framing: TpktCotpState;
  /** Requests waiting for their response, keyed by sequence number. */
  pending: PendingRequests;
  /** TLS records seen since InitSsl: the session is encrypted from here on. */
  tlsRecords: number;
  /** Per direction: the last TSDU did not end with the trailer, so the next one continues its PDU. */
  fragmented: [boolean, boolean];
}

export const s7commPlusLimits = { maxPdu: 65535, maxPending: 64 };

function probe(data: Uint8Array): ProbeResult {
  const id = firstTsduByte(data);
  if (id === "needMore") return "needMore";
  return id === S7COMM_PLUS_ID ? "match" : "reject";
}

function newState(): S7commPlusState {
  return {
    framing: newTpktCotpState(),
    pending: new PendingRequests(s7commPlusLimits.maxPending),
    tlsRecords: 0,
    fragmented: [false, false],
  };
}

function parse(state: S7commPlusState, dir: Direction, data: Uint8Array, sink: DissectorSink): number {
  return parseTpktCotp(state.framing, state, dir, data, sink, onPdu, s7commPlusLimits.maxPdu);
}

function onPdu(
  state: S7commPlusState,
  dir: Direction,
  b: Uint8Array,
  start: number,
  end: number,
  sink: DissectorSink,
): void {
  const first = b[start];
  if (first !== S7COMM_PLUS_ID) {
    if (first >= TLS_FIRST && first <= TLS_LAST && end - start >= 3 && b[start + 1] === 0x03)
      state.tlsRecords++;
    else
      sink.anomaly(
        "not-s7comm-plus",
        `COTP payload with protocol id 0x${first.toString(16)} in an S7comm-plus flow`,
      );
    return;
  }
  if (end - start < 4) {
    sink.anomaly("short-pdu", "S7comm-plus PDU shorter than its header");
    return;
  }
  // A long PDU is sent as several TSDUs, each with its own 4-byte header; only the first holds the
  // operation, and the last ends with the trailer (id, version, zero length).
  if (state.fragmented[dir]) {
    state.fragmented[dir] = !endsWithTrailer(b, start, end);
    return;
  }
  const version = b[start + 1];
  if (version === VERSION_SYSTEM_EVENT) return;
  state.fragmented[dir] = !endsWithTrailer(b, start, end);
  let o = start + 4;
  // Version 3 starts its data with the integrity part: digest length and digest.
  if (version === VERSION_3 && o < end) o += 1 + b[o];
  if (o + OP_HEADER > end) {
    sink.anomaly("short-pdu", "S7comm-plus PDU without a whole operation header");
    return;
  }
  const opcode = b[o];
  const fn = u16be(b, o + 3);
  const seq = u16be(b, o + 7);
  if (opcode === OPCODE_REQUEST) {
    const known = FUNCTIONS.get(fn);
    if (known) sink.request(fn, known[0], known[1]);
    else {
      sink.request(fn, `unknown-0x${fn.toString(16).padStart(4, "0")}`, "write");
      sink.anomaly("unknown-function", `S7comm-plus function 0x${fn.toString(16)}`);
    }
    if (!state.pending.add(seq, fn))
      sink.anomaly("pending-overflow", "too many unanswered S7comm-plus requests; oldest forgotten");
  } else if (opcode === OPCODE_RESPONSE || opcode === OPCODE_RESPONSE_2) {
    const requested = state.pending.take(seq);
    if (requested < 0)
      sink.anomaly("unpaired-response", `S7comm-plus response with sequence number ${seq} to no request`);
    else sink.response(requested, fn === FN_ERROR || fn === FN_ERROR_2);
  } else if (opcode !== OPCODE_NOTIFICATION) {
    sink.anomaly("unknown-opcode", `S7comm-plus opcode 0x${opcode.toString(16)}`);
  }
}

function endsWithTrailer(b: Uint8Array, start: number, end: number): boolean {
  return end - start >= 8 && b[end - 4] === S7COMM_PLUS_ID && b[end - 2] === 0 && b[end - 1] === 0;
}

export const s7commPlus: Dissector<S7commPlusState> = {
  name: "s7comm-plus",
  transport: "tcp",
  defaultPorts: [102],
  heuristic: true,
  limits: s7commPlusLimits,
  probe,
  newState,
  parse,
  gap(state, dir) {
    tpktCotpGap(state.framing, dir);
    state.fragmented[dir] = false;
  },
};
