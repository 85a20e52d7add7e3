/**
 * DNP3 (IEEE 1815) over TCP and UDP 20000: link layer (start 0x0564, length, control, destination, source,
 * header CRC; user data in 16-byte blocks each followed by a CRC), transport layer (FIR/FIN/sequence,
 * reassembled per direction up to `MAX_FRAGMENT`), application layer.
 *
 * Who asks: only the master sends requests; it is told by the link-layer DIR bit, not by who opened the
 * connection or sent the first datagram, so a request may arrive in either flow direction. One request per
 * master application fragment with function code < 128, code = function code. Confirm (0) is counted too,
 * as a `session` operation: Zeek logs it as a request. A solicited response (129) pairs with the request
 * outstanding to its outstation (a master asks one thing at a time; a response whose application sequence
 * differs is still paired, with an anomaly, as real outstations do answer so) and fails when IIN2 reports
 * function code not supported, object unknown or parameter error. Unsolicited responses (130) answer no request and are not counted.
 * Categories: enable/disable unsolicited and assign class are `session` (they set up what the outstation
 * reports on this association); delay measure and record current time are `diagnostic`.
 */
import type { ObservationKind, OperationCategory } from "../../model/capture.js";
import { u16le } from "../bytes.js";
import type { Direction, Dissector, DissectorSink, ProbeResult } from "../dissector.js";
import { crcDnp } from "./dnp3-crc.js";
import { WALK_AUTH, WALK_MALFORMED, walkObjectHeaders } from "./dnp3-objects.js";
import { PendingRequests } from "./pending-requests.js";

const START_0 = 0x05;
const START_1 = 0x64;
const HEADER = 10;
const BLOCK = 16;
const CTRL_DIR = 0x80;
const CTRL_PRM = 0x40;
const LINK_CONFIRMED_USER_DATA = 3;
const LINK_UNCONFIRMED_USER_DATA = 4;
const TH_FIN = 0x80;
const TH_FIR = 0x40;
const AC_FIR = 0x80;
/** Largest application fragment joined from transport segments (IEEE 1815 recommends 2048). */
const MAX_FRAGMENT = 4096;
/** Largest link frame: 10-byte header, 250 user bytes, 16 block CRCs. */
const MAX_FRAME = 292;

const FC_CONFIRM = 0;
const FC_RESPONSE = 129;
const FC_UNSOLICITED = 130;
const FC_AUTH_RESPONSE = 131;
/** IIN2 bits: function code not supported, object unknown, parameter error. */
const IIN2_FAILED = 0x07;

const NAMES: string[] = [];
const CATEGORIES: OperationCategory[] = [];
const KNOWN = new Uint8Array(128);
/** Requests that are never answered by a response, so nothing waits for one. */
const NO_RESPONSE = new Uint8Array(128);
/** Requests whose objects are named by ranges only, without values. */
const WITHOUT_DATA = new Uint8Array(128);
const OBSERVED = new Map<number, [ObservationKind, string]>();
for (let fc = 0; fc < 128; fc++) {
  NAMES.push(`unknown-${fc}`);
  // Effect unknown: counted as a write so that a possible change is never hidden.
  CATEGORIES.push("write");
}
function fn(code: number, name: string, category: OperationCategory): void {
  NAMES[code] = name;
  CATEGORIES[code] = category;
  KNOWN[code] = 1;
}
fn(0, "confirm", "session");
fn(1, "read", "read");
fn(2, "write", "write");
fn(3, "select", "control");
fn(4, "operate", "control");
fn(5, "direct-operate", "control");
fn(6, "direct-operate-no-ack", "control");
fn(7, "immediate-freeze", "control");
fn(8, "immediate-freeze-no-ack", "control");
fn(9, "freeze-clear", "control");
fn(10, "freeze-clear-no-ack", "control");
fn(11, "freeze-at-time", "control");
fn(12, "freeze-at-time-no-ack", "control");
fn(13, "cold-restart", "control");
fn(14, "warm-restart", "control");
fn(15, "initialize-data", "control");
fn(16, "initialize-application", "control");
fn(17, "start-application", "control");
fn(18, "stop-application", "control");
fn(19, "save-configuration", "program");
fn(20, "enable-unsolicited", "session");
fn(21, "disable-unsolicited", "session");
fn(22, "assign-class", "session");
fn(23, "delay-measure", "diagnostic");
fn(24, "record-current-time", "diagnostic");
fn(25, "open-file", "program");
fn(26, "close-file", "program");
fn(27, "delete-file", "program");
fn(28, "get-file-info", "program");
fn(29, "authenticate-file", "program");
fn(30, "abort-file", "program");
fn(31, "activate-config", "program");
fn(32, "authenticate-request", "session");
fn(33, "authenticate-request-no-ack", "session");
for (const code of [0, 6, 8, 10, 12, 33]) NO_RESPONSE[code] = 1;
for (const code of [1, 7, 8, 9, 10, 11, 12, 20, 21, 22]) WITHOUT_DATA[code] = 1;
OBSERVED.set(13, ["controller-restart", "DNP3 cold restart"]);
OBSERVED.set(14, ["controller-restart", "DNP3 warm restart"]);
OBSERVED.set(17, ["controller-start", "DNP3 start application"]);
OBSERVED.set(18, ["controller-stop", "DNP3 stop application"]);
OBSERVED.set(31, ["program-download", "DNP3 activate configuration"]);

interface Reassembly {
  buf: Uint8Array | null;
  len: number;
  /** A fragment is being joined: its source address and the next transport sequence expected. */
  active: boolean;
  src: number;
  nextSeq: number;
}

export interface Dnp3State {
  segments: [Reassembly, Reassembly];
  /** The request waiting for a response per outstation address: its sequence << 8 | function code. */
  pending: PendingRequests;
  /** Bytes without a link header were reported and are being skipped, per direction. */
  lost: [boolean, boolean];
  secureAuthentication: boolean;
}

export const dnp3Limits = { maxPdu: MAX_FRAME, maxPending: 64 };

/** One link frame's user data without its block CRCs; parsing is synchronous, so one buffer serves all flows. */
const userData = new Uint8Array(250);

/** Bytes of a link frame whose length field is `len` (control, addresses and user data). */
function frameSize(len: number): number {
  const user = len - 5;
  return HEADER + user + 2 * Math.ceil(user / BLOCK);
}

function probe(data: Uint8Array): ProbeResult {
  if (data.length >= 1 && data[0] !== START_0) return "reject";
  if (data.length >= 2 && data[1] !== START_1) return "reject";
  if (data.length < HEADER) return "needMore";
  if (data[2] < 5 || crcDnp(data, 0, 8) !== u16le(data, 8)) return "reject";
  return "match";
}

function newReassembly(): Reassembly {
  return { buf: null, len: 0, active: false, src: 0, nextSeq: 0 };
}

function newState(): Dnp3State {
  return {
    segments: [newReassembly(), newReassembly()],
    pending: new PendingRequests(dnp3Limits.maxPending),
    lost: [false, false],
    secureAuthentication: false,
  };
}

function parse(state: Dnp3State, dir: Direction, data: Uint8Array, sink: DissectorSink): number {
  let o = 0;
  while (data.length - o >= 2) {
    if (data[o] !== START_0 || data[o + 1] !== START_1) {
      if (!state.lost[dir]) sink.anomaly("bad-start", "bytes without a DNP3 link header skipped");
      state.lost[dir] = true;
      o = nextStart(data, o + 1);
      continue;
    }
    if (data.length - o < HEADER) break;
    const len = data[o + 2];
    if (crcDnp(data, o, 8) !== u16le(data, o + 8) || len < 5) {
      if (!state.lost[dir])
        sink.anomaly("bad-header-crc", "DNP3 link header with a wrong CRC or length skipped");
      state.lost[dir] = true;
      o = nextStart(data, o + 1);
      continue;
    }
    const size = frameSize(len);
    if (data.length - o < size) break;
    state.lost[dir] = false;
    onFrame(state, dir, data, o, len, sink);
    o += size;
  }
  return o;
}

/** Offset of the next 0x05 0x64 at or after `from`, or of a trailing 0x05 that may start one. */
function nextStart(b: Uint8Array, from: number): number {
  for (let o = from; o + 1 < b.length; o++) if (b[o] === START_0 && b[o + 1] === START_1) return o;
  return b.length > from && b[b.length - 1] === START_0 ? b.length - 1 : Math.max(from, b.length);
}

function onFrame(
  state: Dnp3State,
  dir: Direction,
  b: Uint8Array,
  o: number,
  len: number,
  sink: DissectorSink,
): void {
  const ctrl = b[o + 3];
  const linkFn = ctrl & 0x0f;
  if (
    (ctrl & CTRL_PRM) === 0 ||
    (linkFn !== LINK_CONFIRMED_USER_DATA && linkFn !== LINK_UNCONFIRMED_USER_DATA)
  )
    return;
  const fromMaster = (ctrl & CTRL_DIR) !== 0;
  const dst = u16le(b, o + 4);
  const src = u16le(b, o + 6);
  // Copy the user data out of its CRC-separated blocks, checking each block.
  let p = o + HEADER;
  let n = 0;
  for (let remaining = len - 5; remaining > 0; ) {
    const block = Math.min(remaining, BLOCK);
    if (crcDnp(b, p, block) !== u16le(b, p + block)) {
      sink.anomaly("bad-crc", `DNP3 data block CRC mismatch (link source ${src})`);
      return;
    }
    for (let i = 0; i < block; i++) userData[n++] = b[p + i];
    p += block + 2;
    remaining -= block;
  }
  if (n < 1) return;
  const th = userData[0];
  const seq = th & 0x3f;
  const seg = state.segments[dir];
  if ((th & TH_FIR) !== 0 && (th & TH_FIN) !== 0) {
    seg.active = false;
    onFragment(state, fromMaster, src, dst, userData, 1, n, sink);
    return;
  }
  if ((th & TH_FIR) !== 0) {
    seg.active = true;
    seg.len = 0;
    seg.src = src;
  } else if (!seg.active || seq !== seg.nextSeq || src !== seg.src) {
    if (seg.active)
      sink.anomaly("transport-sequence", `DNP3 transport segment ${seq} out of sequence; fragment dropped`);
    seg.active = false;
    return;
  }
  seg.nextSeq = (seq + 1) & 0x3f;
  if (seg.len + n - 1 > MAX_FRAGMENT) {
    sink.anomaly("fragment-too-large", `DNP3 application fragment over ${MAX_FRAGMENT} bytes dropped`);
    seg.active = false;
    return;
  }
  if (!seg.buf) seg.buf = new Uint8Array(MAX_FRAGMENT);
  seg.buf.set(userData.subarray(1, n), seg.len);
  seg.len += n - 1;
  if ((th & TH_FIN) !== 0) {
    seg.active = false;
    onFragment(state, fromMaster, src, dst, seg.buf, 0, seg.len, sink);
  }
}

/** One application fragment `b[s, e)`: control, function code, (IIN for responses), object headers. */
function onFragment(
  state: Dnp3State,
  fromMaster: boolean,
  src: number,
  dst: number,
  b: Uint8Array,
  s: number,
  e: number,
  sink: DissectorSink,
): void {
  if (e - s < 2) {
    sink.anomaly("short-fragment", "DNP3 application fragment without a function code");
    return;
  }
  const ac = b[s];
  const code = b[s + 1];
  if (code < 128) {
    if (!fromMaster) {
      sink.anomaly("request-from-outstation", `DNP3 request (function ${code}) from an outstation`);
      return;
    }
    sink.request(code, NAMES[code], CATEGORIES[code]);
    if (!KNOWN[code]) sink.anomaly("unknown-function", `DNP3 function code ${code}`);
    const observed = OBSERVED.get(code);
    if (observed) sink.observe(observed[0], "dst", observed[1]);
    const walk = walkObjectHeaders(b, s + 2, e, !WITHOUT_DATA[code]);
    if (walk & WALK_MALFORMED)
      sink.anomaly("bad-object-header", `DNP3 ${NAMES[code]} request with malformed object headers`);
    if (code === 32 || code === 33 || walk & WALK_AUTH) secureAuthentication(state, sink, "dst");
    if (code !== FC_CONFIRM && !NO_RESPONSE[code]) {
      // A master has one request outstanding per outstation: a new one means the last went unanswered.
      state.pending.take(dst);
      if (!state.pending.add(dst, ((ac & 0x0f) << 8) | code)) {
        sink.anomaly(
          "pending-overflow",
          "too many outstations with unanswered DNP3 requests; oldest forgotten",
        );
      }
    }
    return;
  }
  if (e - s < 4) {
    sink.anomaly("short-fragment", "DNP3 response without internal indications");
    return;
  }
  if (code === FC_AUTH_RESPONSE) {
    secureAuthentication(state, sink, "src");
  } else if (code === FC_RESPONSE) {
    // Only the first fragment of a multi-fragment response carries the request's sequence number.
    if ((ac & AC_FIR) === 0) return;
    const requested = state.pending.take(src);
    if (requested < 0) {
      sink.anomaly("unpaired-response", "DNP3 response to no pending request");
      return;
    }
    if (requested >> 8 !== (ac & 0x0f)) {
      sink.anomaly(
        "sequence-mismatch",
        `DNP3 response sequence ${ac & 0x0f} to a request with ${requested >> 8}`,
      );
    }
    sink.response(requested & 0xff, (b[s + 3] & IIN2_FAILED) !== 0);
  } else if (code !== FC_UNSOLICITED) {
    sink.anomaly("unknown-function", `DNP3 response function code ${code}`);
  }
}

function secureAuthentication(state: Dnp3State, sink: DissectorSink, party: "src" | "dst"): void {
  if (state.secureAuthentication) return;
  state.secureAuthentication = true;
  sink.observe("secure-authentication", party, "DNP3 Secure Authentication in use");
}

function gap(state: Dnp3State, dir: Direction): void {
  state.segments[dir].active = false;
}

export const dnp3: Dissector<Dnp3State> = {
  name: "dnp3",
  transport: "both",
  defaultPorts: [20000],
  heuristic: true,
  limits: dnp3Limits,
  probe,
  newState,
  parse,
  gap,
};
