/**
 * SNMP v1/v2c (RFC 1157, RFC 3416) on UDP 161 and 162. The community string is the password of these versions
 * and travels in clear: it is reported masked (first character and length) on the agent, except the well-known
 * defaults `public` and `private`, which are named because the default itself is the finding. Gets are reads, sets
 * writes, traps and informs diagnostics; responses pair with requests by request id and fail on a non-zero error
 * status. sysDescr and sysName in responses identify the agent. SNMPv3 messages are left alone: no community.
 */

import { ascii } from "../bytes.js";
import type { Dissector, DissectorSink } from "../dissector.js";
import { readInt, readTlv, type Tlv, valueEquals } from "./ber.js";
import { maskSecret } from "./mask.js";
import { PendingRequests } from "./pending-requests.js";

const SEQUENCE = 0x30;
const INTEGER = 0x02;
const OCTET_STRING = 0x04;
const OID = 0x06;
/** PDU tags are context-specific constructed 0xa0-0xa8; the low bits are the PDU type, our request code. */
const PDU_BASE = 0xa0;
const RESPONSE = 2;
const TRAP_V1 = 4;
const PDU_TYPES: readonly { name: string; category: "read" | "write" | "diagnostic" }[] = [
  { name: "get", category: "read" },
  { name: "get-next", category: "read" },
  { name: "response", category: "read" },
  { name: "set", category: "write" },
  { name: "trap", category: "diagnostic" },
  { name: "get-bulk", category: "read" },
  { name: "inform", category: "diagnostic" },
  { name: "trap", category: "diagnostic" },
  { name: "report", category: "diagnostic" },
];
const VERSIONS: Record<number, string> = { 0: "SNMPv1", 1: "SNMPv2c" };
const DEFAULT_COMMUNITIES = new Set(["public", "private"]);
/** Distinct communities reported per flow. */
export const MAX_COMMUNITIES = 8;
/** Requests awaiting their response, by request id. */
export const MAX_PENDING = 64;
/** Variable bindings looked at per PDU. */
const MAX_VARBINDS = 64;
const MAX_TEXT = 256;
/** sysDescr.0 and sysName.0 (1.3.6.1.2.1.1.1.0 and 1.3.6.1.2.1.1.5.0) as encoded OID bytes. */
const SYS_DESCR = [0x2b, 6, 1, 2, 1, 1, 1, 0];
const SYS_NAME = [0x2b, 6, 1, 2, 1, 1, 5, 0];

export interface SnmpMessage {
  version: number;
  community: string;
  pduType: number;
  requestId: number;
  errorStatus: number;
  sysDescr?: string;
  sysName?: string;
}

/** Parses a v1/v2c message; null when it is not one (SNMPv3 included). */
export function parseSnmp(b: Uint8Array): SnmpMessage | null {
  const msg = readTlv(b, 0, b.length);
  if (msg === null || msg.tag !== SEQUENCE) return null;
  const ver = readTlv(b, msg.value, msg.end);
  if (ver === null || ver.tag !== INTEGER) return null;
  const version = readInt(b, ver);
  if (version !== 0 && version !== 1) return null;
  const comm = readTlv(b, ver.end, msg.end);
  if (comm === null || comm.tag !== OCTET_STRING) return null;
  const pdu = readTlv(b, comm.end, msg.end);
  if (pdu === null || pdu.tag < PDU_BASE || pdu.tag > PDU_BASE + 8) return null;
  const m: SnmpMessage = {
    version,
    community: ascii(b, comm.value, comm.end - comm.value),
    pduType: pdu.tag - PDU_BASE,
    requestId: 0,
    errorStatus: 0,
  };
  // A v1 trap has no request id: enterprise, agent address, generic and specific trap, time stamp, bindings.
  if (m.pduType === TRAP_V1) return m;
  const id = readTlv(b, pdu.value, pdu.end);
  const status = id && readTlv(b, id.end, pdu.end);
  const index = status && readTlv(b, status.end, pdu.end);
  const bindings = index && readTlv(b, index.end, pdu.end);
  if (!id || !status || !index || !bindings || id.tag !== INTEGER || status.tag !== INTEGER) return null;
  m.requestId = readInt(b, id) ?? 0;
  m.errorStatus = readInt(b, status) ?? 0;
  if (m.pduType === RESPONSE && bindings.tag === SEQUENCE) readSystemBindings(b, bindings, m);
  return m;
}

function readSystemBindings(b: Uint8Array, list: Tlv, m: SnmpMessage): void {
  let o = list.value;
  for (let n = 0; n < MAX_VARBINDS && o < list.end; n++) {
    const vb = readTlv(b, o, list.end);
    if (vb === null || vb.tag !== SEQUENCE) return;
    const name = readTlv(b, vb.value, vb.end);
    const value = name && readTlv(b, name.end, vb.end);
    if (name?.tag === OID && value?.tag === OCTET_STRING) {
      const len = Math.min(value.end - value.value, MAX_TEXT);
      if (valueEquals(b, name, SYS_DESCR)) m.sysDescr = ascii(b, value.value, len).trim();
      else if (valueEquals(b, name, SYS_NAME)) m.sysName = ascii(b, value.value, len).trim();
    }
    o = vb.end;
  }
}

export interface SnmpState {
  pending: PendingRequests;
  reported: Set<string>;
}

function reportCommunity(m: SnmpMessage, state: SnmpState, sink: DissectorSink): void {
  if (state.reported.has(m.community) || state.reported.size >= MAX_COMMUNITIES) return;
  state.reported.add(m.community);
  // The community belongs to the agent: the receiver of a request, the sender of anything else.
  const agent = m.pduType === RESPONSE || m.pduType === TRAP_V1 || m.pduType >= 6 ? "src" : "dst";
  const version = VERSIONS[m.version];
  if (DEFAULT_COMMUNITIES.has(m.community)) {
    sink.observe("default-credentials", agent, `${version} default community "${m.community}"`);
  } else {
    sink.observe("snmp-community", agent, `${version} community ${maskSecret(m.community)}`);
  }
}

function emit(m: SnmpMessage, state: SnmpState, sink: DissectorSink): void {
  reportCommunity(m, state, sink);
  if (m.pduType === RESPONSE) {
    const code = state.pending.take(m.requestId & 0x7fffffff);
    if (code >= 0) sink.response(code, m.errorStatus !== 0);
    if (m.sysDescr || m.sysName) {
      sink.identity("src", {
        ...(m.sysDescr && { product: m.sysDescr }),
        ...(m.sysName && { name: m.sysName }),
      });
    }
    if (m.sysName) sink.hostname("src", m.sysName);
    return;
  }
  const type = PDU_TYPES[m.pduType];
  sink.request(m.pduType, type.name, type.category);
  if (m.pduType === TRAP_V1 || m.pduType === 7) return;
  if (!state.pending.add(m.requestId & 0x7fffffff, m.pduType)) {
    sink.anomaly("too-many-pending", "SNMP request forgotten unanswered to make room for a newer one");
  }
}

export const snmp: Dissector<SnmpState> = {
  name: "snmp",
  transport: "udp",
  defaultPorts: [161, 162],
  heuristic: false,
  limits: { maxPdu: 65535, maxPending: MAX_PENDING },
  probe: (data) => (data.length >= 2 && data[0] === SEQUENCE ? "match" : "reject"),
  newState: () => ({ pending: new PendingRequests(MAX_PENDING), reported: new Set<string>() }),
  parse(state, _dir, data, sink) {
    const m = parseSnmp(data);
    if (m !== null) emit(m, state, sink);
    else if (!isSnmpV3(data)) sink.anomaly("bad-snmp", "not an SNMP v1/v2c message");
    return data.length;
  },
};

function isSnmpV3(b: Uint8Array): boolean {
  const msg = readTlv(b, 0, b.length);
  const ver = msg && readTlv(b, msg.value, msg.end);
  return ver?.tag === INTEGER && readInt(b, ver) === 3;
}
