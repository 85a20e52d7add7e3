/**
 * Modbus/TCP (MBAP header + PDU), TCP port 502 and by heuristic on the MBAP header.
 *
 * Operations: one request per client PDU, code = function code. Responses pair with their request by
 * transaction id and unit (a bounded ring, `limits.maxPending`); an exception response (function | 0x80)
 * adds to that request's exceptions. Read Device Identification (43/14) responses give the server's identity.
 * Function 90 is Schneider Electric's UMAS (Unity/EcoStruxure engineering): counted as `program`, and its
 * download/upload/start/stop sub-functions become observations.
 */
import type { IdentityFacts, ObservationKind, OperationCategory } from "../../model/capture.js";
import { ascii, u16be } from "../bytes.js";
import type { Direction, Dissector, DissectorSink, ProbeResult } from "../dissector.js";
import { TO_SERVER } from "../dissector.js";
import { PendingRequests } from "./pending-requests.js";

const MBAP_LEN = 7;
/** MBAP length counts the unit id and the PDU: at most 1 + 253 (Modbus Application Protocol v1.1b3, 4.1). */
const MAX_MBAP_LENGTH = 254;
const MIN_MBAP_LENGTH = 2;

const FC_MEI = 43;
const MEI_CANOPEN = 13;
const MEI_DEVICE_ID = 14;
const FC_UMAS = 90;

// Anything not defined below is reported as `unknown-<n>`; its effect is unknown, so it is counted as a
// write: a possible change is never hidden.
const NAMES: string[] = [];
const CATEGORIES: OperationCategory[] = [];
const KNOWN = new Uint8Array(256);
for (let fc = 0; fc < 256; fc++) {
  NAMES.push(`unknown-${fc}`);
  CATEGORIES.push("write");
}
/** Public function codes (Modbus Application Protocol v1.1b3, 6.x) and their category. */
function define(fc: number, name: string, category: OperationCategory): void {
  NAMES[fc] = name;
  CATEGORIES[fc] = category;
  KNOWN[fc] = 1;
}
define(1, "read-coils", "read");
define(2, "read-discrete-inputs", "read");
define(3, "read-holding-registers", "read");
define(4, "read-input-registers", "read");
define(5, "write-single-coil", "write");
define(6, "write-single-register", "write");
define(7, "read-exception-status", "diagnostic");
define(8, "diagnostics", "diagnostic");
define(11, "get-comm-event-counter", "diagnostic");
define(12, "get-comm-event-log", "diagnostic");
define(15, "write-multiple-coils", "write");
define(16, "write-multiple-registers", "write");
define(17, "report-server-id", "identify");
define(20, "read-file-record", "read");
define(21, "write-file-record", "write");
define(22, "mask-write-register", "write");
// 23 reads and writes in one PDU: the write is what matters for an assessment.
define(23, "read-write-multiple-registers", "write");
define(24, "read-fifo-queue", "read");
define(FC_MEI, "encapsulated-interface-transport", "write");
define(FC_UMAS, "schneider-umas", "program");

/** UMAS sub-functions that copy or change the program, or start and stop the controller. */
const UMAS_OBSERVATIONS = new Map<number, [ObservationKind, string]>([
  [0x30, ["program-upload", "UMAS initialize upload"]],
  [0x33, ["program-download", "UMAS initialize download"]],
  [0x40, ["controller-start", "UMAS start PLC"]],
  [0x41, ["controller-stop", "UMAS stop PLC"]],
]);

export interface ModbusState {
  pending: PendingRequests;
  /** Set by a gap: the next bytes may start mid-PDU, so look for a plausible header first. */
  resync: [boolean, boolean];
}

export const modbusLimits = { maxPdu: MBAP_LEN - 1 + MAX_MBAP_LENGTH, maxPending: 64 };

/** A plausible MBAP header and function code at `o`: -1 too few bytes to tell, 0 no, 1 yes. */
function plausibleHeader(b: Uint8Array, o: number, dir: Direction): -1 | 0 | 1 {
  if (b.length - o < MBAP_LEN + 1) return -1;
  if (b[o + 2] !== 0 || b[o + 3] !== 0) return 0;
  const len = u16be(b, o + 4);
  if (len < MIN_MBAP_LENGTH || len > MAX_MBAP_LENGTH) return 0;
  const fc = b[o + 7];
  if (fc === 0) return 0;
  if (dir === TO_SERVER) return fc < 0x80 ? 1 : 0;
  return fc !== 0x80 ? 1 : 0;
}

function probe(data: Uint8Array, dir: Direction): ProbeResult {
  const first = plausibleHeader(data, 0, dir);
  if (first === -1) return data.length >= 4 && (data[2] !== 0 || data[3] !== 0) ? "reject" : "needMore";
  if (first === 0) return "reject";
  // When a second PDU follows in the same bytes it must be plausible too: a cheap guard for the heuristic.
  const next = MBAP_LEN - 1 + u16be(data, 4);
  if (data.length > next && plausibleHeader(data, next, dir) === 0) return "reject";
  return "match";
}

function newState(): ModbusState {
  return { pending: new PendingRequests(modbusLimits.maxPending), resync: [false, false] };
}

/** Offset of the first plausible header at or after `from`, or of the last bytes that might still start one. */
function findHeader(b: Uint8Array, dir: Direction, from: number): number {
  for (let o = from; o + MBAP_LEN < b.length; o++) if (plausibleHeader(b, o, dir) === 1) return o;
  return Math.max(from, b.length - MBAP_LEN);
}

function parse(state: ModbusState, dir: Direction, data: Uint8Array, sink: DissectorSink): number {
  let o = 0;
  for (;;) {
    if (state.resync[dir]) {
      o = findHeader(data, dir, o);
      if (plausibleHeader(data, o, dir) !== 1) return o;
      state.resync[dir] = false;
    }
    if (data.length - o < MBAP_LEN) return o;
    const len = u16be(data, o + 4);
    if (data[o + 2] !== 0 || data[o + 3] !== 0 || len < MIN_MBAP_LENGTH || len > MAX_MBAP_LENGTH) {
      // Modbus has no sync marker: skip to the next plausible header rather than give up on the flow.
      sink.anomaly(
        "bad-header",
        `MBAP protocol id ${u16be(data, o + 2)}, length ${len}: skipped to the next header`,
      );
      state.resync[dir] = true;
      o++;
      continue;
    }
    const end = o + MBAP_LEN - 1 + len;
    if (end > data.length) return o;
    const key = (data[o + 6] << 16) | u16be(data, o);
    if (dir === TO_SERVER) onRequest(state, data, o + MBAP_LEN, end, key, sink);
    else onResponse(state, data, o + MBAP_LEN, end, key, sink);
    o = end;
  }
}

function onRequest(
  state: ModbusState,
  b: Uint8Array,
  p: number,
  end: number,
  key: number,
  sink: DissectorSink,
): void {
  const fc = b[p];
  if (fc === FC_MEI && end - p >= 2 && b[p + 1] === MEI_DEVICE_ID) {
    sink.request(fc, "read-device-identification", "identify");
  } else if (fc === FC_MEI && end - p >= 2 && b[p + 1] === MEI_CANOPEN) {
    // A CANopen general reference may read or write objects: counted as a write so a change is never hidden.
    sink.request(fc, "canopen-general-reference", "write");
  } else {
    sink.request(fc, NAMES[fc], CATEGORIES[fc]);
    if (fc === FC_UMAS) observeUmas(b, p, end, sink);
    else if (fc === FC_MEI) sink.anomaly("unknown-mei-type", `Modbus function 43 with MEI type ${b[p + 1]}`);
    else if (!KNOWN[fc]) sink.anomaly("unknown-function", `Modbus function code ${fc}`);
  }
  if (!state.pending.add(key, fc))
    sink.anomaly("pending-overflow", "too many unanswered Modbus requests; oldest forgotten");
}

/** UMAS request: function 90, session key, UMAS sub-function, data. */
function observeUmas(b: Uint8Array, p: number, end: number, sink: DissectorSink): void {
  if (end - p < 3) return;
  const what = UMAS_OBSERVATIONS.get(b[p + 2]);
  if (what) sink.observe(what[0], "dst", what[1]);
}

function onResponse(
  state: ModbusState,
  b: Uint8Array,
  p: number,
  end: number,
  key: number,
  sink: DissectorSink,
): void {
  const fc = b[p];
  const requested = state.pending.take(key);
  if (requested < 0) {
    sink.anomaly("unpaired-response", `Modbus response (function ${fc}) to no pending request`);
    return;
  }
  if ((fc & 0x7f) !== requested) {
    sink.anomaly(
      "response-mismatch",
      `Modbus response function ${fc} to a request with function ${requested}`,
    );
  }
  const failed = (fc & 0x80) !== 0;
  sink.response(requested, failed);
  if (!failed && fc === FC_MEI && end - p >= 2 && b[p + 1] === MEI_DEVICE_ID)
    readDeviceIdentification(b, p, end, sink);
}

/**
 * Read Device Identification response: MEI type, read code, conformity level, more follows, next object id,
 * object count, then (id, length, value) objects (Modbus Application Protocol v1.1b3, 6.21).
 */
function readDeviceIdentification(b: Uint8Array, p: number, end: number, sink: DissectorSink): void {
  if (end - p < 7) {
    sink.anomaly("short-pdu", "Read Device Identification response too short");
    return;
  }
  const count = b[p + 6];
  const facts: IdentityFacts = {};
  let productCode: string | undefined;
  let o = p + 7;
  for (let i = 0; i < count; i++) {
    if (o + 2 > end || o + 2 + b[o + 1] > end) {
      sink.anomaly("short-pdu", "Read Device Identification object runs past the PDU");
      break;
    }
    const id = b[o];
    const value = ascii(b, o + 2, b[o + 1]).trim();
    if (value) {
      if (id === 0) facts.vendor = value;
      else if (id === 1) productCode = value;
      else if (id === 2) facts.firmware = value;
      else if (id === 4) facts.product = value;
      else if (id === 5) facts.model = value;
    }
    o += 2 + b[o + 1];
  }
  // The product code is the vendor's order number; it names the model too when no ModelName is given.
  if (productCode) {
    facts.orderNumber = productCode;
    facts.model ??= productCode;
  }
  if (Object.keys(facts).length > 0) sink.identity("src", facts);
}

export const modbus: Dissector<ModbusState> = {
  name: "modbus",
  transport: "tcp",
  defaultPorts: [502],
  heuristic: true,
  limits: modbusLimits,
  probe,
  newState,
  parse,
  gap(state, dir) {
    state.resync[dir] = true;
  },
};
