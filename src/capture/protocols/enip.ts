/**
 * EtherNet/IP encapsulation (TCP and UDP 44818): a 24-byte little-endian header (command, length, session handle,
 * status, sender context, options) and the command data. CIP rides in the common packet format (CPF) items of
 * SendRRData (unconnected data item 0xB2) and SendUnitData (connected data item 0xB1, led by a sequence count);
 * cip.ts counts it.
 *
 * Operation codes: a CIP request is counted under its CIP service code (0x00-0x7F) and a PCCC command under
 * 0x2xxxx (pccc.ts); the encapsulation commands that are operations of their own (List Identity, List Services,
 * List Interfaces, Register/UnRegister Session, Indicate Status, Cancel) are counted under 0x10000 + command, so
 * List Identity is 0x10063. NOP is a keep-alive and is not counted. A non-zero encapsulation status fails the
 * request it answers.
 *
 * Requests and replies are told apart by content where the protocol allows it (a CIP reply has the 0x80 bit, a
 * List reply has data), so the same code serves TCP and the UDP broadcasts of List Identity.
 */
import { u16le, u32le, utf8At } from "../bytes.js";
import type { Direction, Dissector, DissectorSink } from "../dissector.js";
import { TO_CLIENT } from "../dissector.js";
import { type CipCodes, cipReply, cipRequest, emptyCodes, SERVICE_UNCONNECTED_SEND } from "./cip.js";
import { cipDeviceTypeName, cipVendorName } from "./cip-vendors.js";
import { PCCC_CODE_BASE } from "./pccc.js";
import { PendingRequests } from "./pending-requests.js";

export const ENIP_CODE_BASE = 0x10000;
const HEADER = 24;
const CMD_NOP = 0x00;
const CMD_LIST_SERVICES = 0x04;
const CMD_LIST_IDENTITY = 0x63;
const CMD_LIST_INTERFACES = 0x64;
const CMD_REGISTER_SESSION = 0x65;
const CMD_SEND_RR_DATA = 0x6f;
const CMD_SEND_UNIT_DATA = 0x70;
const ITEM_CIP_IDENTITY = 0x0c;
const ITEM_CONNECTED_DATA = 0xb1;
const ITEM_UNCONNECTED_DATA = 0xb2;
/** CPF messages carry two to four items; more is not EtherNet/IP. */
const MAX_ITEMS = 8;

const limits = { maxPdu: HEADER + 0xffff, maxPending: 32 };

interface EncapCommand {
  name: string;
  category: "identify" | "session";
}

function byCommand(
  entries: [number, EncapCommand | null][],
  size: number,
): (EncapCommand | null | undefined)[] {
  const table: (EncapCommand | null | undefined)[] = new Array(size).fill(undefined);
  for (const [code, command] of entries) table[code] = command;
  return table;
}

/** Encapsulation commands by code (all below 0x74): null for those that are no operation of their own. */
const COMMANDS: readonly (EncapCommand | null | undefined)[] = byCommand(
  [
    [CMD_NOP, null],
    [CMD_LIST_SERVICES, { name: "List Services", category: "identify" }],
    [CMD_LIST_IDENTITY, { name: "List Identity", category: "identify" }],
    [CMD_LIST_INTERFACES, { name: "List Interfaces", category: "identify" }],
    [CMD_REGISTER_SESSION, { name: "Register Session", category: "session" }],
    [0x66, { name: "UnRegister Session", category: "session" }],
    [CMD_SEND_RR_DATA, null],
    [CMD_SEND_UNIT_DATA, null],
    [0x72, { name: "Indicate Status", category: "session" }],
    [0x73, { name: "Cancel", category: "session" }],
  ],
  0x74,
);

function isCommand(code: number): boolean {
  return code < COMMANDS.length && COMMANDS[code] !== undefined;
}

/**
 * Outstanding CIP requests, keyed by sender context (SendRRData, echoed by the target) or by the connected
 * sequence count (SendUnitData), remembering what each carried (see packCodes).
 */
export interface EnipState {
  unconnected: PendingRequests;
  connected: PendingRequests;
  codes: CipCodes;
}

/** service (8 bits) | outer Unconnected Send (bit 8) | PCCC present (bit 9) | PCCC CMD/FNC (bits 10-25). */
function packCodes(c: CipCodes): number {
  let v = c.service & 0xff;
  if (c.outer >= 0) v |= 1 << 8;
  if (c.pccc >= 0) v |= (1 << 9) | ((c.pccc & 0xffff) << 10);
  return v;
}

function unpackCodes(v: number, into: CipCodes): CipCodes {
  into.service = v & 0xff;
  into.outer = v & (1 << 8) ? SERVICE_UNCONNECTED_SEND : -1;
  into.pccc = v & (1 << 9) ? PCCC_CODE_BASE | ((v >> 10) & 0xffff) : -1;
  return into;
}

function contextKey(b: Uint8Array, o: number): number {
  return (u32le(b, o + 12) ^ Math.imul(u32le(b, o + 16), 0x9e3779b1)) | 0;
}

/** Parses one whole encapsulation message b[o, o + 24 + length). */
export function parseEncapsulation(
  state: EnipState,
  dir: Direction,
  b: Uint8Array,
  o: number,
  sink: DissectorSink,
): void {
  const command = u16le(b, o);
  const end = o + HEADER + u16le(b, o + 2);
  const status = u32le(b, o + 8);
  const encap = command < COMMANDS.length ? COMMANDS[command] : undefined;
  if (encap === undefined) {
    sink.anomaly("enip-unknown-command", `unknown encapsulation command 0x${command.toString(16)}`);
    return;
  }
  if (command === CMD_SEND_RR_DATA || command === CMD_SEND_UNIT_DATA) {
    sendData(state, command, b, o, end, status, sink);
    return;
  }
  if (encap === null) return;
  const code = ENIP_CODE_BASE + command;
  // List replies carry items, list requests none; session commands go by direction.
  const isList =
    command === CMD_LIST_IDENTITY || command === CMD_LIST_SERVICES || command === CMD_LIST_INTERFACES;
  const isReply = isList ? end > o + HEADER : dir === TO_CLIENT;
  if (!isReply) {
    sink.request(code, encap.name, encap.category);
    return;
  }
  sink.response(code, status !== 0);
  if (command === CMD_LIST_IDENTITY && status === 0) listIdentity(b, o + HEADER, end, sink);
}

function sendData(
  state: EnipState,
  command: number,
  b: Uint8Array,
  o: number,
  end: number,
  status: number,
  sink: DissectorSink,
): void {
  const connected = command === CMD_SEND_UNIT_DATA;
  const pending = connected ? state.connected : state.unconnected;
  // Interface handle (4), timeout (2), item count (2), then the items.
  let p = o + HEADER + 8;
  if (p > end) {
    if (status !== 0) failPending(pending, contextKey(b, o), state.codes, sink);
    else sink.anomaly("enip-truncated", "SendRRData/SendUnitData without its CPF header");
    return;
  }
  const count = u16le(b, p - 2);
  if (count > MAX_ITEMS) {
    sink.anomaly("enip-bad-cpf", `CPF with ${count} items`);
    return;
  }
  for (let i = 0; i < count; i++) {
    if (p + 4 > end) {
      sink.anomaly("enip-truncated", "CPF item header runs past the message");
      return;
    }
    const type = u16le(b, p);
    const start = p + 4;
    const stop = start + u16le(b, p + 2);
    if (stop > end) {
      sink.anomaly("enip-truncated", "CPF item runs past the message");
      return;
    }
    if (type === ITEM_UNCONNECTED_DATA || (type === ITEM_CONNECTED_DATA && stop >= start + 2)) {
      const cip = connected ? start + 2 : start;
      const key = connected ? u16le(b, start) : contextKey(b, o);
      if (cip < stop && b[cip] & 0x80) cipReply(b, cip, stop, sink, takeCodes(pending, key, state.codes));
      else if (cipRequest(b, cip, stop, sink, state.codes)) remember(pending, key, state.codes, sink);
      return;
    }
    p = stop;
  }
  // An error reply (bad session, unsupported command) may carry no CIP at all: it fails what it answers.
  if (status !== 0) failPending(pending, contextKey(b, o), state.codes, sink);
}

function remember(pending: PendingRequests, key: number, codes: CipCodes, sink: DissectorSink): void {
  if (!pending.add(key, packCodes(codes)))
    sink.anomaly("enip-pending-overflow", `more than ${pending.capacity} unanswered CIP requests`);
}

function takeCodes(pending: PendingRequests, key: number, into: CipCodes): CipCodes | null {
  const v = pending.take(key);
  return v < 0 ? null : unpackCodes(v, into);
}

function failPending(pending: PendingRequests, key: number, into: CipCodes, sink: DissectorSink): void {
  const codes = takeCodes(pending, key, into);
  if (codes === null) return;
  if (codes.outer >= 0) sink.response(codes.outer, true);
  sink.response(codes.service, true);
  if (codes.pccc >= 0) sink.response(codes.pccc, true);
}

/** List Identity reply: CPF items, of which the CIP Identity item (0x0C) describes the device. */
function listIdentity(b: Uint8Array, o: number, end: number, sink: DissectorSink): void {
  if (o + 2 > end) return;
  const count = Math.min(u16le(b, o), MAX_ITEMS);
  let p = o + 2;
  for (let i = 0; i < count && p + 4 <= end; i++) {
    const type = u16le(b, p);
    const start = p + 4;
    const stop = start + u16le(b, p + 2);
    if (stop > end) break;
    if (type === ITEM_CIP_IDENTITY) identityItem(b, start, stop, sink);
    p = stop;
  }
}

/**
 * Identity item: encapsulation version (2), socket address (16, big-endian), vendor id, device type, product
 * code (2 each), revision major.minor, status (2), serial number (4), product name (length-prefixed), state.
 */
function identityItem(b: Uint8Array, o: number, end: number, sink: DissectorSink): void {
  if (o + 33 > end) {
    sink.anomaly("enip-bad-identity", "List Identity item shorter than its fixed fields");
    return;
  }
  const nameLength = Math.min(b[o + 32], end - (o + 33));
  sink.identity("src", {
    vendor: cipVendorName(u16le(b, o + 18)),
    deviceType: cipDeviceTypeName(u16le(b, o + 20)),
    model: `product code ${u16le(b, o + 22)}`,
    firmware: `${b[o + 24]}.${b[o + 25]}`,
    serial: `0x${u32le(b, o + 28)
      .toString(16)
      .padStart(8, "0")}`,
    product: utf8At(b, o + 33, nameLength),
  });
}

export const enip: Dissector<EnipState> = {
  name: "enip",
  transport: "both",
  defaultPorts: [44818],
  heuristic: false,
  limits,
  probe(data) {
    if (data.length < 2) return "needMore";
    if (!isCommand(u16le(data, 0))) return "reject";
    if (data.length < HEADER) return "needMore";
    // Options are reserved and zero in every message a conforming device sends.
    return u32le(data, 20) === 0 ? "match" : "reject";
  },
  newState: () => ({
    unconnected: new PendingRequests(limits.maxPending),
    connected: new PendingRequests(limits.maxPending),
    codes: emptyCodes(),
  }),
  parse(state, dir, data, sink) {
    let o = 0;
    while (data.length - o >= HEADER) {
      if (!isCommand(u16le(data, o))) {
        // No marker to find the next header by: the stream cannot be followed further.
        sink.anomaly(
          "enip-unknown-command",
          `unknown encapsulation command 0x${u16le(data, o).toString(16)}`,
        );
        return -1;
      }
      const total = HEADER + u16le(data, o + 2);
      if (data.length - o < total) break;
      parseEncapsulation(state, dir, data, o, sink);
      o += total;
    }
    return o;
  },
  gap(state) {
    state.unconnected.clear();
    state.connected.clear();
  },
};
