/**
 * IEC 60870-5-104 (TCP 2404): APCI (start 0x68, length, 4-byte control field: I, S or U format) and, in
 * I-frames, the ASDU header (type id, variable structure qualifier, cause of transmission with its test and
 * negative bits, originator address, common address) with the standard 104 field sizes.
 *
 * Counting (code = type id):
 * - a request is an ASDU in the control direction: a command, parameter or system type (type id >= 45) with
 *   cause activation (6), deactivation (8) or request (5), or a file transfer ASDU (F_*, 120-127) sent by
 *   the side that opened the connection (the controlling station). Monitoring ASDUs (M_*, from the
 *   outstation) are never requests: Zeek and tshark list every ASDU, we count only what was asked.
 * - an activation/deactivation confirmation (7, 9) answers the request of its type; with the negative bit,
 *   or with causes 44-47 (unknown type, cause, common address or object), it failed. Activation
 *   termination (10) ends a command already answered and is not counted again.
 * - U-frames (STARTDT, STOPDT, TESTFR) and S-frames manage the link, not the process: not operations.
 */
import type { OperationCategory } from "../../model/capture.js";
import type { Direction, Dissector, DissectorSink, ProbeResult } from "../dissector.js";
import { TO_SERVER } from "../dissector.js";

const START = 0x68;
const MIN_APDU_LENGTH = 4;
const ASDU_HEADER = 6;
/** U-frame functions: STARTDT act/con, STOPDT act/con, TESTFR act/con (one bit each). */
const U_FUNCTIONS = [0x04, 0x08, 0x10, 0x20, 0x40, 0x80];

const COT_REQUEST = 5;
const COT_ACTIVATION = 6;
const COT_ACTIVATION_CON = 7;
const COT_DEACTIVATION = 8;
const COT_DEACTIVATION_CON = 9;
const COT_FILE_TRANSFER = 13;
const COT_UNKNOWN_FIRST = 44;
const COT_UNKNOWN_LAST = 47;
const COT_NEGATIVE = 0x40;

const FIRST_CONTROL_TYPE = 45;
const M_EI_NA_1 = 70;
const C_RP_NA_1 = 105;
const FIRST_FILE_TYPE = 120;

const NAMES: string[] = [];
const CATEGORIES: OperationCategory[] = [];
const KNOWN = new Uint8Array(256);
for (let t = 0; t < 256; t++) {
  NAMES.push(`unknown-${t}`);
  // Effect unknown: counted as a write so a possible change is never hidden.
  CATEGORIES.push("write");
}
function types(first: number, names: string, category: OperationCategory): void {
  names.split(" ").forEach((name, i) => {
    NAMES[first + i] = name;
    CATEGORIES[first + i] = category;
    KNOWN[first + i] = 1;
  });
}
// Monitoring direction (never requests; named for anomalies and tests).
types(1, "M_SP_NA_1 M_SP_TA_1 M_DP_NA_1 M_DP_TA_1 M_ST_NA_1 M_ST_TA_1 M_BO_NA_1 M_BO_TA_1 M_ME_NA_1", "read");
types(
  10,
  "M_ME_TA_1 M_ME_NB_1 M_ME_TB_1 M_ME_NC_1 M_ME_TC_1 M_IT_NA_1 M_IT_TA_1 M_EP_TA_1 M_EP_TB_1",
  "read",
);
types(19, "M_EP_TC_1 M_PS_NA_1 M_ME_ND_1", "read");
types(
  30,
  "M_SP_TB_1 M_DP_TB_1 M_ST_TB_1 M_BO_TB_1 M_ME_TD_1 M_ME_TE_1 M_ME_TF_1 M_IT_TB_1 M_EP_TD_1",
  "read",
);
types(39, "M_EP_TE_1 M_EP_TF_1", "read");
types(M_EI_NA_1, "M_EI_NA_1", "read");
// Control direction: process commands, with and without time tag.
types(45, "C_SC_NA_1 C_DC_NA_1 C_RC_NA_1 C_SE_NA_1 C_SE_NB_1 C_SE_NC_1 C_BO_NA_1", "control");
types(58, "C_SC_TA_1 C_DC_TA_1 C_RC_TA_1 C_SE_TA_1 C_SE_TB_1 C_SE_TC_1 C_BO_TA_1", "control");
// System commands.
types(100, "C_IC_NA_1 C_CI_NA_1 C_RD_NA_1", "read");
types(103, "C_CS_NA_1 C_TS_NA_1", "diagnostic");
types(C_RP_NA_1, "C_RP_NA_1", "control");
types(106, "C_CD_NA_1 C_TS_TA_1", "diagnostic");
// Parameters and file transfer.
types(110, "P_ME_NA_1 P_ME_NB_1 P_ME_NC_1 P_AC_NA_1", "write");
types(
  FIRST_FILE_TYPE,
  "F_FR_NA_1 F_SR_NA_1 F_SC_NA_1 F_LS_NA_1 F_AF_NA_1 F_SG_NA_1 F_DR_TA_1 F_SC_NB_1",
  "program",
);

export interface Iec104State {
  /** Requests of each type id not yet confirmed: a confirmation counts only against an open request. */
  open: Uint16Array;
  /** Bytes without an APCI start were reported and are being skipped, per direction. */
  lost: [boolean, boolean];
}

/**
 * An APDU is at most 255 bytes: start, length (<= 253) and the rest. Open requests are counted per type id
 * (a fixed array of 256 counters), each saturating at `maxPending`.
 */
export const iec104Limits = { maxPdu: 255, maxPending: 0xffff };

function validControl(b: Uint8Array, o: number, len: number): boolean {
  const c0 = b[o + 2];
  if ((c0 & 0x01) === 0) return len >= MIN_APDU_LENGTH + ASDU_HEADER;
  if ((c0 & 0x03) === 0x01) return len === MIN_APDU_LENGTH && c0 === 0x01;
  return len === MIN_APDU_LENGTH && U_FUNCTIONS.includes(c0 & 0xfc);
}

function probe(data: Uint8Array): ProbeResult {
  if (data.length >= 1 && data[0] !== START) return "reject";
  if (data.length >= 2 && (data[1] < MIN_APDU_LENGTH || data[1] > 253)) return "reject";
  if (data.length < 3) return "needMore";
  if (!validControl(data, 0, data[1])) return "reject";
  // An I-frame's type id must be a defined one, and its cause of transmission (1-47) too.
  if ((data[2] & 0x01) === 0) {
    if (data.length < 9) return "needMore";
    const cause = data[8] & 0x3f;
    if (!KNOWN[data[6]] || cause === 0 || cause > COT_UNKNOWN_LAST) return "reject";
  }
  return "match";
}

function newState(): Iec104State {
  return { open: new Uint16Array(256), lost: [false, false] };
}

function parse(state: Iec104State, dir: Direction, data: Uint8Array, sink: DissectorSink): number {
  let o = 0;
  while (data.length - o >= 2) {
    const len = data[o + 1];
    const framed = data[o] === START && len >= MIN_APDU_LENGTH && len <= 253;
    if (framed && data.length - o < 3) break;
    // While resynchronising, a start byte only counts when a valid control field follows it.
    if (!framed || (state.lost[dir] && !validControl(data, o, len))) {
      if (!state.lost[dir]) sink.anomaly("bad-start", "bytes without an IEC 104 APCI skipped");
      state.lost[dir] = true;
      o = nextStart(data, o + 1);
      continue;
    }
    if (data.length - o < 2 + len) break;
    state.lost[dir] = false;
    if (!validControl(data, o, len))
      sink.anomaly("bad-control", `IEC 104 control field 0x${data[o + 2].toString(16)}`);
    else if ((data[o + 2] & 0x01) === 0) onAsdu(state, dir, data, o + 6, o + 2 + len, sink);
    o += 2 + len;
  }
  return o;
}

function nextStart(b: Uint8Array, from: number): number {
  for (let o = from; o < b.length; o++) if (b[o] === START) return o;
  return b.length;
}

/** ASDU header: type id, VSQ, cause (T | P/N | cause), originator address, common address (2 bytes). */
function onAsdu(
  state: Iec104State,
  dir: Direction,
  b: Uint8Array,
  a: number,
  end: number,
  sink: DissectorSink,
): void {
  const type = b[a];
  const cot = b[a + 2];
  const cause = cot & 0x3f;
  if (!KNOWN[type]) sink.anomaly("unknown-type", `IEC 104 ASDU type id ${type}`);
  if (end - a === ASDU_HEADER)
    sink.anomaly("short-asdu", `IEC 104 ${NAMES[type]} without information objects`);
  if (type < FIRST_CONTROL_TYPE || type === M_EI_NA_1) return;
  const isFile = type >= FIRST_FILE_TYPE && type < FIRST_FILE_TYPE + 8;
  if (
    isFile
      ? dir === TO_SERVER && (cause === COT_FILE_TRANSFER || cause === COT_REQUEST)
      : isRequestCause(cause)
  ) {
    sink.request(type, NAMES[type], CATEGORIES[type]);
    if (state.open[type] < iec104Limits.maxPending) state.open[type]++;
    if (type === C_RP_NA_1 && end - a >= ASDU_HEADER + 4) {
      sink.observe("controller-restart", "dst", `IEC 104 reset process command (qualifier ${b[a + 9]})`);
    }
    return;
  }
  const confirmation = cause === COT_ACTIVATION_CON || cause === COT_DEACTIVATION_CON;
  const unknown = cause >= COT_UNKNOWN_FIRST && cause <= COT_UNKNOWN_LAST;
  if ((confirmation || unknown) && state.open[type] > 0) {
    state.open[type]--;
    sink.response(type, unknown || (cot & COT_NEGATIVE) !== 0);
  }
}

function isRequestCause(cause: number): boolean {
  return cause === COT_ACTIVATION || cause === COT_DEACTIVATION || cause === COT_REQUEST;
}

export const iec104: Dissector<Iec104State> = {
  name: "iec104",
  transport: "tcp",
  defaultPorts: [2404],
  heuristic: false,
  limits: iec104Limits,
  probe,
  newState,
  parse,
  gap(state, dir) {
    // The next bytes may start mid-APDU: skip them quietly up to the next valid APCI.
    state.lost[dir] = true;
  },
};
