/**
 * Siemens S7comm (protocol id 0x32) over TPKT/COTP, TCP 102.
 *
 * Codes: a job's code is its S7 function code (0x04 read var, 0x05 write var, 0x1a..0x1f download and
 * upload, 0x28 PI service, 0x29 PLC stop, 0xf0 setup communication). A userdata request's code is
 * 0x100 * function group + subfunction (so Read SZL, group 4 subfunction 1, is 0x401; Set Clock is 0x702).
 * Group 0 (mode transition) is only ever pushed by the CPU, so both ranges stay disjoint; a group 0 request
 * is reported as an anomaly, not counted. Jobs pair with their Ack/Ack-Data by PDU reference; userdata
 * responses carry their own group and subfunction. A follow-up userdata request (8-byte parameters) that
 * only fetches the next data unit of a long answer is not a new request, and a multi-part answer is one
 * response, counted on its last part. A failed response has a header error class/code, a userdata error
 * code, or a read/write item whose return code is not "success".
 */
import type { IdentityFacts, OperationCategory } from "../../model/capture.js";
import { ascii, u16be } from "../bytes.js";
import type { Direction, Dissector, DissectorSink, ProbeResult } from "../dissector.js";
import { PendingRequests } from "./pending-requests.js";
import {
  firstTsduByte,
  newTpktCotpState,
  parseTpktCotp,
  type TpktCotpState,
  tpktCotpGap,
} from "./tpkt-cotp.js";

export const S7COMM_ID = 0x32;

const ROSCTR_JOB = 1;
const ROSCTR_ACK = 2;
const ROSCTR_ACK_DATA = 3;
const ROSCTR_USERDATA = 7;

const FN_READ_VAR = 0x04;
const FN_WRITE_VAR = 0x05;
const FN_REQUEST_DOWNLOAD = 0x1a;
const FN_START_UPLOAD = 0x1d;
const FN_PI_SERVICE = 0x28;
const FN_PLC_STOP = 0x29;

const ITEM_SUCCESS = 0xff;
const USERDATA_REQUEST = 0x4;
const USERDATA_RESPONSE = 0x8;
const SZL_GROUP = 4;
const SZL_READ = 1;

const JOB_NAMES: string[] = [];
const JOB_CATEGORIES: OperationCategory[] = [];
const JOB_KNOWN = new Uint8Array(256);
for (let fc = 0; fc < 256; fc++) {
  JOB_NAMES.push(`unknown-0x${fc.toString(16).padStart(2, "0")}`);
  // Effect unknown: counted as a write so a possible change is never hidden.
  JOB_CATEGORIES.push("write");
}
function job(fc: number, name: string, category: OperationCategory): void {
  JOB_NAMES[fc] = name;
  JOB_CATEGORIES[fc] = category;
  JOB_KNOWN[fc] = 1;
}
job(0x00, "cpu-services", "diagnostic");
job(FN_READ_VAR, "read-var", "read");
job(FN_WRITE_VAR, "write-var", "write");
job(FN_REQUEST_DOWNLOAD, "request-download", "program");
// After the station's request-download the PLC pulls the blocks: these jobs go from the PLC to the station, and
// counting them as programming would make the station the device being programmed.
job(0x1b, "download-block", "session");
job(0x1c, "download-ended", "session");
// "program" is a transfer of logic either way; the name says which way. An upload reads the logic out and changes
// nothing (ATT&CK for ICS T0845): watch tells it from a download by that name.
job(FN_START_UPLOAD, "start-upload", "program");
job(0x1e, "upload", "program");
job(0x1f, "end-upload", "program");
job(FN_PI_SERVICE, "pi-service", "control");
job(FN_PLC_STOP, "plc-stop", "control");
job(0xf0, "setup-communication", "session");

/** Userdata function groups: name prefix and the category of subfunctions not listed below. */
const GROUPS: [string, OperationCategory][] = [
  ["mode-transition", "diagnostic"],
  ["programmer-commands", "diagnostic"],
  ["cyclic-data", "read"],
  ["block-functions", "diagnostic"],
  ["cpu-functions", "diagnostic"],
  ["security", "session"],
  ["bsend-brecv", "write"],
  ["time-functions", "diagnostic"],
];
const NC_PROGRAMMING = 0xf;
const USERDATA_KNOWN = new Map<number, [string, OperationCategory]>([
  [0x102, ["vartab", "write"]],
  [0x10c, ["erase", "program"]],
  [0x110, ["forces", "write"]],
  [0x301, ["list-blocks", "diagnostic"]],
  [0x302, ["list-blocks-of-type", "diagnostic"]],
  [0x303, ["get-block-info", "diagnostic"]],
  [0x401, ["read-szl", "identify"]],
  [0x402, ["message-service", "session"]],
  [0x40b, ["alarm-ack", "control"]],
  [0x501, ["plc-password", "session"]],
  [0x701, ["read-clock", "diagnostic"]],
  [0x702, ["set-clock", "diagnostic"]],
  [0x703, ["read-clock-following", "diagnostic"]],
  [0x704, ["set-clock", "diagnostic"]],
]);
/** Names of userdata codes, built on first use (16 groups x 256 subfunctions). */
const userdataNames: string[] = [];

function userdataName(code: number): string {
  let name = userdataNames[code];
  if (name === undefined) {
    const group = code >> 8;
    const prefix = group === NC_PROGRAMMING ? "nc-programming" : (GROUPS[group]?.[0] ?? `group-${group}`);
    name = USERDATA_KNOWN.get(code)?.[0] ?? `${prefix}-${code & 0xff}`;
    userdataNames[code] = name;
  }
  return name;
}

function userdataCategory(code: number): OperationCategory {
  const known = USERDATA_KNOWN.get(code);
  if (known) return known[1];
  const group = code >> 8;
  return group === NC_PROGRAMMING ? "program" : (GROUPS[group]?.[1] ?? "write");
}

/** Block types in upload/download file names (`_0A00001P`: DB 1, passive file system). */
const BLOCK_TYPES: Record<string, string> = {
  "08": "OB",
  "0A": "DB",
  "0B": "SDB",
  "0C": "FC",
  "0D": "SFC",
  "0E": "FB",
  "0F": "SFB",
};

const FILE_SYSTEMS: Record<string, string> = { P: "passive", A: "active", B: "active and passive" };

export interface S7commState {
  framing: TpktCotpState;
  /** Jobs waiting for their Ack/Ack-Data, keyed by PDU reference. */
  pending: PendingRequests;
}

export const s7commLimits = { maxPdu: 65535, maxPending: 64 };

function probe(data: Uint8Array): ProbeResult {
  const id = firstTsduByte(data);
  if (id === "needMore") return "needMore";
  return id === S7COMM_ID ? "match" : "reject";
}

function newState(): S7commState {
  return { framing: newTpktCotpState(), pending: new PendingRequests(s7commLimits.maxPending) };
}

function parse(state: S7commState, dir: Direction, data: Uint8Array, sink: DissectorSink): number {
  return parseTpktCotp(state.framing, state, dir, data, sink, onPdu, s7commLimits.maxPdu);
}

/** One S7comm PDU `b[start, end)`: header, parameter part, data part. */
function onPdu(
  state: S7commState,
  _dir: Direction,
  b: Uint8Array,
  start: number,
  end: number,
  sink: DissectorSink,
): void {
  if (b[start] !== S7COMM_ID) {
    sink.anomaly("not-s7comm", `COTP payload with protocol id 0x${b[start].toString(16)} in an S7comm flow`);
    return;
  }
  const rosctr = end - start >= 2 ? b[start + 1] : 0;
  const headerLen = rosctr === ROSCTR_ACK || rosctr === ROSCTR_ACK_DATA ? 12 : 10;
  if (end - start < headerLen) {
    sink.anomaly("short-pdu", `S7comm PDU of ${end - start} bytes has no whole header`);
    return;
  }
  const pduRef = u16be(b, start + 4);
  const parLen = u16be(b, start + 6);
  const datLen = u16be(b, start + 8);
  const par = start + headerLen;
  if (par + parLen + datLen > end) {
    sink.anomaly("bad-length", `S7comm parameter (${parLen}) and data (${datLen}) lengths run past the PDU`);
    return;
  }
  const dat = par + parLen;
  switch (rosctr) {
    case ROSCTR_JOB:
      if (parLen > 0) onJob(state, b, par, dat, pduRef, sink);
      return;
    case ROSCTR_ACK:
    case ROSCTR_ACK_DATA: {
      const code = state.pending.take(pduRef);
      if (code < 0) {
        sink.anomaly(
          "unpaired-response",
          `S7comm acknowledgement of PDU reference ${pduRef} with no pending job`,
        );
        return;
      }
      const headerError = b[start + 10] !== 0 || b[start + 11] !== 0;
      sink.response(code, headerError || itemFailed(code, b, par, parLen, dat, dat + datLen));
      return;
    }
    case ROSCTR_USERDATA:
      onUserdata(b, par, parLen, dat, dat + datLen, sink);
      return;
    default:
      sink.anomaly("unknown-rosctr", `S7comm ROSCTR ${rosctr}`);
  }
}

function onJob(
  state: S7commState,
  b: Uint8Array,
  par: number,
  parEnd: number,
  pduRef: number,
  sink: DissectorSink,
): void {
  const fc = b[par];
  sink.request(fc, JOB_NAMES[fc], JOB_CATEGORIES[fc]);
  if (!JOB_KNOWN[fc]) sink.anomaly("unknown-function", `S7comm job function 0x${fc.toString(16)}`);
  if (!state.pending.add(pduRef, fc))
    sink.anomaly("pending-overflow", "too many unanswered S7comm jobs; oldest forgotten");
  if (fc === FN_REQUEST_DOWNLOAD)
    sink.observe("program-download", "dst", `S7 download of ${blockFile(b, par, parEnd)}`);
  else if (fc === FN_START_UPLOAD)
    sink.observe("program-upload", "dst", `S7 upload of ${blockFile(b, par, parEnd)}`);
  else if (fc === FN_PI_SERVICE) onPiService(b, par, parEnd, sink);
  else if (fc === FN_PLC_STOP)
    sink.observe("controller-stop", "dst", `S7 PLC stop (${piName(b, par + 6, parEnd)})`);
}

/** Request download / start upload parameters: function, status, 2 unknown, 4 id, file name length, name. */
function blockFile(b: Uint8Array, par: number, parEnd: number): string {
  if (par + 9 > parEnd) return "a block";
  const name = ascii(b, par + 9, Math.min(b[par + 8], parEnd - par - 9));
  // `_` + block type (2 hex digits) + number (5 digits) + file system (P passive, A active, B both).
  if (name.length !== 9 || name[0] !== "_") return name || "a block";
  const type = BLOCK_TYPES[name.slice(1, 3)] ?? `block type ${name.slice(1, 3)}`;
  const fs = FILE_SYSTEMS[name[8]] ?? name[8];
  return `${type} ${Number.parseInt(name.slice(3, 8), 10)} (${fs} file system, ${name})`;
}

/** A length-prefixed PI service name at `o`, or "" when it runs past the parameters. */
function piName(b: Uint8Array, o: number, parEnd: number): string {
  if (o >= parEnd || o + 1 + b[o] > parEnd) return "";
  return ascii(b, o + 1, b[o]);
}

/** PI service: function, 7 unknown, parameter block length (2), parameter block, name length, name. */
function onPiService(b: Uint8Array, par: number, parEnd: number, sink: DissectorSink): void {
  if (par + 10 > parEnd) return;
  const blockLen = u16be(b, par + 8);
  const name = piName(b, par + 10 + blockLen, parEnd);
  if (name === "P_PROGRAM") {
    // An empty parameter block asks for a warm (hot) restart; "C " for a cold restart.
    const cold = blockLen >= 1 && b[par + 10] === 0x43;
    sink.observe("controller-start", "dst", `S7 PLC ${cold ? "cold" : "hot"} start (PI service P_PROGRAM)`);
  } else if (name === "_INSE") {
    sink.observe("program-download", "dst", "S7 PI service _INSE: downloaded blocks activated");
  } else if (name === "_DELE") {
    sink.observe("other", "dst", "S7 PI service _DELE: blocks deleted");
  }
}

/** Whether an Ack-Data reports a failed item: read var items (code, size, length, data) or write var codes. */
function itemFailed(
  code: number,
  b: Uint8Array,
  par: number,
  parLen: number,
  dat: number,
  datEnd: number,
): boolean {
  if (parLen < 2 || (code !== FN_READ_VAR && code !== FN_WRITE_VAR)) return false;
  const items = b[par + 1];
  let o = dat;
  for (let i = 0; i < items && o < datEnd; i++) {
    if (b[o] !== ITEM_SUCCESS) return true;
    if (code === FN_WRITE_VAR) {
      o++;
      continue;
    }
    if (o + 4 > datEnd) return false;
    const size = b[o + 1];
    let len = u16be(b, o + 2);
    // Transport sizes 3 (bit), 4 (byte/word/dword) and 5 (integer) give the length in bits.
    if (size === 3 || size === 4 || size === 5) len = (len + 7) >> 3;
    o += 4 + len + (len & 1);
  }
  return false;
}

/**
 * Userdata parameters: head (3), parameter length, method, type/group, subfunction, sequence number and,
 * when the length is 8, data unit reference, last data unit, error code.
 */
function onUserdata(
  b: Uint8Array,
  par: number,
  parLen: number,
  dat: number,
  datEnd: number,
  sink: DissectorSink,
): void {
  if (parLen < 8) {
    sink.anomaly("short-pdu", "S7comm userdata parameters too short");
    return;
  }
  const type = b[par + 5] >> 4;
  const group = b[par + 5] & 0x0f;
  const code = (group << 8) | b[par + 6];
  const long = b[par + 3] >= 8 && parLen >= 12;
  if (type === USERDATA_REQUEST) {
    // A request with the long (8-byte) parameters fetches the next part of an answer already asked for.
    if (long) return;
    if (group === 0) {
      sink.anomaly("unexpected-request", "S7comm userdata request in group 0 (mode transition)");
      return;
    }
    sink.request(code, userdataName(code), userdataCategory(code));
    return;
  }
  if (type !== USERDATA_RESPONSE || group === 0) return;
  if (group === SZL_GROUP && b[par + 6] === SZL_READ) readSzl(b, dat, datEnd, sink);
  // A multi-part answer is counted once, on its last part.
  if (long && b[par + 9] !== 0) return;
  sink.response(code, long && u16be(b, par + 10) !== 0);
}

/** SZL answer data: return code, transport size, length, SZL id, index, record length, record count, records. */
function readSzl(b: Uint8Array, dat: number, datEnd: number, sink: DissectorSink): void {
  if (dat + 12 > datEnd || b[dat] !== ITEM_SUCCESS) return;
  const id = u16be(b, dat + 4) & 0xff;
  const recordLen = u16be(b, dat + 8);
  const count = u16be(b, dat + 10);
  const facts: IdentityFacts = {};
  let o = dat + 12;
  for (let i = 0; i < count && recordLen >= 2 && o + recordLen <= datEnd; i++, o += recordLen) {
    if (id === 0x11 && recordLen >= 28) moduleIdentification(b, o, facts);
    else if (id === 0x1c && recordLen >= 34) componentIdentification(b, o, facts);
  }
  if (Object.keys(facts).length > 0) sink.identity("src", facts);
}

/** SZL 0x0011 record: index, order number (20), module type id, version words (Ausbg, Ausbe). */
function moduleIdentification(b: Uint8Array, o: number, facts: IdentityFacts): void {
  const index = u16be(b, o);
  if (index === 1) {
    const order = ascii(b, o + 2, 20).trim();
    if (order) {
      facts.orderNumber = order;
      if (order.startsWith("6ES7") || order.startsWith("6AG")) facts.vendor ??= "Siemens";
    }
  } else if (index === 7 && b[o + 24] === 0x56) {
    // Firmware record: 'V', major in Ausbg; minor and patch in Ausbe.
    facts.firmware = `V${b[o + 25]}.${b[o + 26]}.${b[o + 27]}`;
  }
}

/** SZL 0x001c record: index, 32 characters (1 station, 2 module name, 4 copyright, 5 serial, 7 module type). */
function componentIdentification(b: Uint8Array, o: number, facts: IdentityFacts): void {
  const text = ascii(b, o + 2, 32).trim();
  if (!text) return;
  switch (u16be(b, o)) {
    case 1:
      facts.name ??= text;
      break;
    case 2:
      facts.name = text;
      break;
    case 4:
      if (text.includes("Siemens")) facts.vendor = "Siemens";
      break;
    case 5:
      facts.serial = text;
      break;
    case 7:
      facts.model = text;
      break;
  }
}

export const s7comm: Dissector<S7commState> = {
  name: "s7comm",
  transport: "tcp",
  defaultPorts: [102],
  heuristic: true,
  limits: s7commLimits,
  probe,
  newState,
  parse,
  gap(state, dir) {
    tpktCotpGap(state.framing, dir);
  },
};
