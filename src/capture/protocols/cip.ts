/**
 * CIP (Common Industrial Protocol) explicit messages as EtherNet/IP carries them: a request is service, path size
 * (words), path, data; a reply is service | 0x80, reserved, general status, extended status size (words), extended
 * status, data. A non-zero general status fails the request.
 *
 * Counting follows the ICSNPP cip.log: a Multiple Service Packet (0x0A) counts once for itself and once per service
 * it carries, and so does an Unconnected Send (0x52 on the Connection Manager) for its embedded request, and an
 * Execute PCCC (0x4B) for the PCCC command inside (see pccc.ts). Those wrappers are transport, so their category
 * is `session`; the services they carry say what was done.
 *
 * Some service codes mean different things per class (CIP leaves 0x4B-0x63 to each object class): the class in
 * the request path decides, e.g. 0x4E is Forward Close on the Connection Manager (class 6) and Read Modify Write
 * Tag on a Logix tag.
 */
import type { OperationCategory } from "../../model/capture.js";
import { u16le } from "../bytes.js";
import type { DissectorSink } from "../dissector.js";
import { PCCC_CODE_BASE, pcccCode, pcccCommand, pcccHeaderEnd } from "./pccc.js";

export const SERVICE_MULTIPLE = 0x0a;
export const SERVICE_EXECUTE_PCCC = 0x4b;
export const SERVICE_UNCONNECTED_SEND = 0x52;
const REPLY_BIT = 0x80;
const CLASS_IDENTITY = 0x01;
const CLASS_CONNECTION_MANAGER = 0x06;
const CLASS_PCCC = 0x67;
/** The request path names a tag (ANSI extended symbol segment) rather than a class. */
const SYMBOLIC = -2;
const NO_CLASS = -1;
/** Nesting we follow: an Unconnected Send carrying a Multiple Service Packet is two levels. */
const MAX_DEPTH = 2;

interface ServiceInfo {
  name: string;
  category: OperationCategory;
}

function info(name: string, category: OperationCategory): ServiceInfo {
  return { name, category };
}

/** A table indexed by service code (0x00-0x7F): one array read per request. */
function byService(entries: [number, ServiceInfo][]): readonly (ServiceInfo | undefined)[] {
  const table: (ServiceInfo | undefined)[] = new Array(0x80).fill(undefined);
  for (const [code, svc] of entries) table[code] = svc;
  return table;
}

/** Services whose meaning is the same on every class (CIP Vol. 1, Appendix A). */
const COMMON = byService([
  [0x01, info("Get Attributes All", "read")],
  [0x02, info("Set Attributes All", "write")],
  [0x03, info("Get Attribute List", "read")],
  [0x04, info("Set Attribute List", "write")],
  [0x05, info("Reset", "control")],
  [0x06, info("Start", "control")],
  [0x07, info("Stop", "control")],
  [0x08, info("Create", "write")],
  [0x09, info("Delete", "write")],
  [0x0a, info("Multiple Service Packet", "session")],
  [0x0d, info("Apply Attributes", "write")],
  [0x0e, info("Get Attribute Single", "read")],
  [0x10, info("Set Attribute Single", "write")],
  [0x11, info("Find Next Object Instance", "read")],
  [0x15, info("Restore", "write")],
  [0x16, info("Save", "write")],
  [0x17, info("No Operation", "diagnostic")],
  [0x18, info("Get Member", "read")],
  [0x19, info("Set Member", "write")],
  [0x1a, info("Insert Member", "write")],
  [0x1b, info("Remove Member", "write")],
  [0x1c, info("Group Sync", "diagnostic")],
]);

const CONNECTION_MANAGER = byService([
  [0x4e, info("Forward Close", "session")],
  [0x52, info("Unconnected Send", "session")],
  [0x54, info("Forward Open", "session")],
  [0x56, info("Get Connection Data", "read")],
  [0x57, info("Search Connection Data", "read")],
  [0x5a, info("Get Connection Owner", "read")],
  [0x5b, info("Large Forward Open", "session")],
]);

/** Logix tag services, used on symbolic paths and on the symbol/template classes. */
const TAG = byService([
  [0x4c, info("Read Tag", "read")],
  [0x4d, info("Write Tag", "write")],
  [0x4e, info("Read Modify Write Tag", "write")],
  [0x52, info("Read Tag Fragmented", "read")],
  [0x53, info("Write Tag Fragmented", "write")],
  [0x55, info("Get Instance Attribute List", "read")],
]);

const EXECUTE_PCCC = info("Execute PCCC", "session");

/** Codes for 0x00-0x7F that no table names, built once so that naming never allocates. */
const UNNAMED: readonly ServiceInfo[] = Array.from({ length: 0x80 }, (_, s) =>
  info(`Service 0x${s.toString(16).padStart(2, "0")}`, "diagnostic"),
);

export function cipService(service: number, cls: number): ServiceInfo {
  const common = COMMON[service];
  if (common) return common;
  if (cls === CLASS_CONNECTION_MANAGER) return CONNECTION_MANAGER[service] ?? UNNAMED[service];
  if (service === SERVICE_EXECUTE_PCCC && (cls === CLASS_PCCC || cls === NO_CLASS)) return EXECUTE_PCCC;
  return TAG[service] ?? UNNAMED[service];
}

/** Codes of one request, kept by the caller to pair its reply; -1 where absent. */
export interface CipCodes {
  /** 0x52 when the request came wrapped in an Unconnected Send. */
  outer: number;
  service: number;
  /** The PCCC command code (pccc.ts) when the request is an Execute PCCC. */
  pccc: number;
}

export function emptyCodes(): CipCodes {
  return { outer: -1, service: -1, pccc: -1 };
}

/** Class of the request path's first logical segment, SYMBOLIC for a tag name, NO_CLASS otherwise. */
function pathClass(b: Uint8Array, o: number, end: number): number {
  if (o + 2 > end) return NO_CLASS;
  const seg = b[o];
  if (seg === 0x20) return b[o + 1];
  if (seg === 0x21 && o + 4 <= end) return u16le(b, o + 2);
  if (seg === 0x91) return SYMBOLIC;
  return NO_CLASS;
}

/**
 * Counts the CIP request in b[o, end) (and what it carries); fills `codes` for the reply. False when it is
 * malformed (an anomaly has been reported).
 */
export function cipRequest(
  b: Uint8Array,
  o: number,
  end: number,
  sink: DissectorSink,
  codes: CipCodes,
): boolean {
  codes.outer = -1;
  codes.pccc = -1;
  codes.service = -1;
  return request(b, o, end, sink, codes, 0);
}

function request(
  b: Uint8Array,
  o: number,
  end: number,
  sink: DissectorSink,
  codes: CipCodes,
  depth: number,
): boolean {
  if (o + 2 > end) {
    sink.anomaly("cip-truncated", "CIP request shorter than its service and path size");
    return false;
  }
  const service = b[o];
  if (service & REPLY_BIT) {
    sink.anomaly("cip-unexpected-reply", "CIP reply where a request was expected");
    return false;
  }
  const pathStart = o + 2;
  const dataStart = pathStart + 2 * b[o + 1];
  if (dataStart > end) {
    sink.anomaly("cip-truncated", "CIP request path runs past the message");
    return false;
  }
  const cls = pathClass(b, pathStart, dataStart);
  const svc = cipService(service, cls);
  sink.request(service, svc.name, svc.category);
  if (depth === 0) codes.service = service;
  observeControl(service, cls, sink);
  if (depth >= MAX_DEPTH) return true;
  if (service === SERVICE_MULTIPLE) return multipleRequest(b, dataStart, end, sink, codes, depth);
  if (service === SERVICE_UNCONNECTED_SEND && cls === CLASS_CONNECTION_MANAGER)
    return unconnectedSend(b, dataStart, end, sink, codes, depth);
  if (svc === EXECUTE_PCCC) {
    const p = afterRequestorId(b, dataStart, end);
    const headerEnd = p < 0 ? -1 : pcccHeaderEnd(b, p, end);
    if (headerEnd < 0) {
      sink.anomaly("pccc-truncated", "Execute PCCC without a whole PCCC command");
      return false;
    }
    const code = pcccCode(b, p);
    const cmd = pcccCommand(code);
    sink.request(code, cmd.name, cmd.category);
    codes.pccc = code;
    if (cmd.category === "control")
      sink.observe("other", "dst", `${cmd.name} (mode change) sent to the controller`);
  }
  return true;
}

/** Identity Reset restarts the device; Start and Stop run or halt the object they address. */
function observeControl(service: number, cls: number, sink: DissectorSink): void {
  if (service === 0x05 && cls === CLASS_IDENTITY)
    sink.observe("controller-restart", "dst", "CIP Reset of the Identity object");
  else if (service === 0x06) sink.observe("controller-start", "dst", "CIP Start service");
  else if (service === 0x07) sink.observe("controller-stop", "dst", "CIP Stop service");
}

function multipleRequest(
  b: Uint8Array,
  base: number,
  end: number,
  sink: DissectorSink,
  codes: CipCodes,
  depth: number,
): boolean {
  if (base + 2 > end) {
    sink.anomaly("cip-truncated", "Multiple Service Packet without its service count");
    return false;
  }
  const count = u16le(b, base);
  if (base + 2 + 2 * count > end) {
    sink.anomaly("cip-truncated", "Multiple Service Packet offsets run past the message");
    return false;
  }
  for (let i = 0; i < count; i++) {
    const start = base + u16le(b, base + 2 + 2 * i);
    const stop = i + 1 < count ? base + u16le(b, base + 4 + 2 * i) : end;
    if (start >= stop || stop > end) {
      sink.anomaly("cip-bad-offset", `Multiple Service Packet service ${i + 1} has a bad offset`);
      return false;
    }
    if (!request(b, start, stop, sink, codes, depth + 1)) return false;
  }
  return true;
}

/** Unconnected Send data: priority/tick, timeout ticks, message size, the embedded request, then the route. */
function unconnectedSend(
  b: Uint8Array,
  o: number,
  end: number,
  sink: DissectorSink,
  codes: CipCodes,
  depth: number,
): boolean {
  if (o + 4 > end) {
    sink.anomaly("cip-truncated", "Unconnected Send without its embedded message size");
    return false;
  }
  const size = u16le(b, o + 2);
  if (o + 4 + size > end) {
    sink.anomaly("cip-truncated", "Unconnected Send embedded message runs past the message");
    return false;
  }
  if (depth === 0) codes.outer = SERVICE_UNCONNECTED_SEND;
  const ok = request(b, o + 4, o + 4 + size, sink, codes, depth + 1);
  if (depth === 0) codes.service = b[o + 4];
  return ok;
}

/** Execute PCCC data starts with the requestor id, whose first byte is its own length. */
function afterRequestorId(b: Uint8Array, o: number, end: number): number {
  if (o >= end || b[o] < 1) return -1;
  const p = o + b[o];
  return p < end ? p : -1;
}

/**
 * Reports the CIP reply in b[o, end) as responses. `codes` is what the matching request carried, when the caller
 * could pair it (it then also answers the wrappers whose replies do not name them).
 */
export function cipReply(
  b: Uint8Array,
  o: number,
  end: number,
  sink: DissectorSink,
  codes: CipCodes | null,
): void {
  reply(b, o, end, sink, codes, 0);
}

function reply(
  b: Uint8Array,
  o: number,
  end: number,
  sink: DissectorSink,
  codes: CipCodes | null,
  depth: number,
): void {
  if (o + 4 > end) {
    sink.anomaly("cip-truncated", "CIP reply shorter than its header");
    return;
  }
  const service = b[o] & 0x7f;
  const failed = b[o + 2] !== 0;
  const dataStart = o + 4 + 2 * b[o + 3];
  if (codes !== null && codes.outer === SERVICE_UNCONNECTED_SEND) {
    // A routing failure comes back as an Unconnected Send reply; success returns the embedded reply itself.
    if (service === SERVICE_UNCONNECTED_SEND) {
      sink.response(SERVICE_UNCONNECTED_SEND, true);
      if (codes.service >= 0) sink.response(codes.service, true);
      if (codes.pccc >= 0) sink.response(codes.pccc, true);
      return;
    }
    sink.response(SERVICE_UNCONNECTED_SEND, false);
  }
  sink.response(service, failed);
  if (depth >= MAX_DEPTH || dataStart > end) return;
  if (service === SERVICE_MULTIPLE) multipleReply(b, dataStart, end, sink, depth);
  else if (service === SERVICE_EXECUTE_PCCC && codes !== null && codes.pccc >= PCCC_CODE_BASE) {
    const p = afterRequestorId(b, dataStart, end);
    // PCCC reply: CMD | 0x40, STS, TNS; a non-zero STS is a PCCC error.
    const pcccFailed = failed || p < 0 || p + 2 > end || b[p + 1] !== 0;
    sink.response(codes.pccc, pcccFailed);
  }
}

function multipleReply(b: Uint8Array, base: number, end: number, sink: DissectorSink, depth: number): void {
  if (base + 2 > end) return;
  const count = u16le(b, base);
  if (base + 2 + 2 * count > end) {
    sink.anomaly("cip-truncated", "Multiple Service Packet reply offsets run past the message");
    return;
  }
  for (let i = 0; i < count; i++) {
    const start = base + u16le(b, base + 2 + 2 * i);
    const stop = i + 1 < count ? base + u16le(b, base + 4 + 2 * i) : end;
    if (start >= stop || stop > end) {
      sink.anomaly("cip-bad-offset", `Multiple Service Packet reply ${i + 1} has a bad offset`);
      return;
    }
    reply(b, start, stop, sink, null, depth + 1);
  }
}
