/**
 * NTP (RFC 5905) on UDP 123, with the control (mode 6, RFC 9327) and private (mode 7, ntpdc) messages. Client
 * and symmetric-active packets are requests coded by their mode; server replies answer them, a kiss-of-death
 * (stratum 0) failing. A stratum 1 server names its reference clock (GPS, DCF77, PPS...): a time source asset.
 */
import { u16be } from "../bytes.js";
import type { Dissector, DissectorSink } from "../dissector.js";

const HEADER_BYTES = 48;
const MODE_NAMES = [
  "reserved",
  "symmetric active",
  "symmetric passive",
  "client",
  "server",
  "broadcast",
  "control",
  "private",
];
/** Mode 6 and 7 messages carry a response bit in their second byte, and an error bit beside it. */
const RESPONSE_BIT = 0x80;

export interface NtpPacket {
  version: number;
  mode: number;
  stratum: number;
  /** Reference identifier as text for stratum 1 (a clock source such as `GPS`), else undefined. */
  referenceClock?: string;
  /** Mode 6/7: response bit and error bit. */
  response: boolean;
  error: boolean;
}

export function parseNtp(b: Uint8Array): NtpPacket | null {
  if (b.length < 1) return null;
  const version = (b[0] >> 3) & 7;
  const mode = b[0] & 7;
  if (mode === 6 || mode === 7) {
    if (b.length < 8) return null;
    const error = mode === 6 ? (b[1] & 0x40) !== 0 : (u16be(b, 2) & 0xf000) !== 0;
    return { version, mode, stratum: 0, response: (b[1] & RESPONSE_BIT) !== 0, error };
  }
  if (b.length < HEADER_BYTES || mode === 0) return null;
  const p: NtpPacket = { version, mode, stratum: b[1], response: mode === 2 || mode === 4, error: false };
  if (p.stratum === 1) {
    let clock = "";
    for (let i = 12; i < 16 && b[i] >= 0x20 && b[i] < 0x7f; i++) clock += String.fromCharCode(b[i]);
    if (clock) p.referenceClock = clock;
  }
  return p;
}

function emit(p: NtpPacket, sink: DissectorSink, state: { named: boolean }): void {
  if (p.version < 1 || p.version > 4) sink.anomaly("bad-version", `NTP version ${p.version}`);
  if (p.mode === 6 || p.mode === 7) {
    if (p.response) sink.response(p.mode, p.error);
    else sink.request(p.mode, `${MODE_NAMES[p.mode]} message`, "diagnostic");
    return;
  }
  if (!p.response) {
    sink.request(p.mode, `${MODE_NAMES[p.mode]} (NTPv${p.version})`, "diagnostic");
    return;
  }
  // Server answers client, symmetric passive answers symmetric active; stratum 0 is a kiss-of-death refusal.
  sink.response(p.mode === 4 ? 3 : 1, p.stratum === 0);
  if (p.referenceClock && !state.named) {
    state.named = true;
    sink.identity("src", { deviceType: `NTP stratum 1 time server (${p.referenceClock})` });
  }
}

export const ntp: Dissector<{ named: boolean }> = {
  name: "ntp",
  transport: "udp",
  defaultPorts: [123],
  heuristic: false,
  limits: { maxPdu: 1500, maxPending: 16 },
  probe(data) {
    const p = parseNtp(data);
    return p !== null && p.version >= 1 && p.version <= 4 ? "match" : "reject";
  },
  newState: () => ({ named: false }),
  parse(state, _dir, data, sink) {
    const p = parseNtp(data);
    if (p === null) sink.anomaly("bad-length", `NTP message of ${data.length} bytes`);
    else emit(p, sink, state);
    return data.length;
  },
};
