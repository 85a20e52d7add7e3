/**
 * NetBIOS name service (RFC 1001/1002) on UDP 137. Windows hosts register and refresh their names by broadcast
 * and answer queries and node-status requests: each gives a name for an address. Names are 15 characters plus
 * a suffix byte; only unique workstation (0x00) and server (0x20) names are host names, group names are
 * workgroups and domains.
 */
import { u16be } from "../bytes.js";
import type { Dissector, DissectorSink } from "../dissector.js";
import { probeDnsHeader } from "./dns.js";
import { parseDnsMessage } from "./dns-message.js";
import { ipv4At } from "./ip-text.js";

const TYPE_NB = 0x20;
const TYPE_NBSTAT = 0x21;
/** NB_FLAGS group bit: the name belongs to a group (workgroup, domain), not to one host. */
const GROUP = 0x8000;
/** Names read from one node-status answer. */
const MAX_STATUS_NAMES = 32;

const OPCODES: Record<number, string> = {
  0: "name query",
  5: "name registration",
  6: "name release",
  7: "wait for acknowledgement",
  8: "name refresh",
  9: "name refresh",
  15: "multi-homed name registration",
};

/** A first-level encoded NetBIOS name (`EOGFGLGPCACACACA...`) as its text and suffix byte; null when not encoded. */
export function decodeNetbiosName(wire: string): { name: string; suffix: number } | null {
  const label = wire.split(".")[0];
  if (label.length !== 32) return null;
  let name = "";
  let suffix = 0;
  for (let i = 0; i < 32; i += 2) {
    const hi = label.charCodeAt(i) - 0x41;
    const lo = label.charCodeAt(i + 1) - 0x41;
    if (hi < 0 || hi > 15 || lo < 0 || lo > 15) return null;
    const c = (hi << 4) | lo;
    if (i === 30) suffix = c;
    else name += c >= 0x20 && c < 0x7f ? String.fromCharCode(c) : "?";
  }
  return { name: name.trimEnd(), suffix };
}

function isHostName(n: { name: string; suffix: number }): boolean {
  return n.name !== "" && !n.name.startsWith("*") && (n.suffix === 0x00 || n.suffix === 0x20);
}

/** Node status answer: a count, 18 bytes per name (15 characters, suffix, flags), then statistics. */
function emitNodeStatus(b: Uint8Array, rdata: number, rdlength: number, sink: DissectorSink): void {
  if (rdlength < 1) return;
  const count = Math.min(b[rdata], MAX_STATUS_NAMES);
  const seen = new Set<string>();
  for (let i = 0; i < count; i++) {
    const o = rdata + 1 + i * 18;
    if (o + 18 > rdata + rdlength) return;
    if ((u16be(b, o + 16) & GROUP) !== 0) continue;
    let name = "";
    for (let j = 0; j < 15; j++)
      name += b[o + j] >= 0x20 && b[o + j] < 0x7f ? String.fromCharCode(b[o + j]) : "?";
    const entry = { name: name.trimEnd(), suffix: b[o + 15] };
    if (isHostName(entry) && !seen.has(entry.name)) {
      seen.add(entry.name);
      sink.hostname("src", entry.name);
    }
  }
}

function parseNbns(b: Uint8Array, sink: DissectorSink): boolean {
  const m = parseDnsMessage(b);
  if (m === null) return false;
  const name = OPCODES[m.opcode] ?? `opcode ${m.opcode}`;
  if (!m.response) sink.request(m.opcode, name, "identify");
  else if (m.opcode !== 7) sink.response(m.opcode, m.rcode !== 0);
  if (m.response && m.rcode !== 0) return true;
  const emitted = new Set<string>();
  for (const r of m.records) {
    // A node status answer lists the responder's own names, whatever name was asked (usually "*").
    if (r.type === TYPE_NBSTAT && m.response) {
      emitNodeStatus(b, r.rdata, r.rdlength, sink);
      continue;
    }
    const decoded = decodeNetbiosName(r.name);
    // Registrations and refreshes carry the address in an additional record; positive answers in the answer.
    if (r.type !== TYPE_NB || decoded === null || !isHostName(decoded)) continue;
    for (let o = r.rdata; o + 6 <= r.rdata + r.rdlength; o += 6) {
      if ((u16be(b, o) & GROUP) !== 0) continue;
      const ip = ipv4At(b, o + 2);
      const key = `${ip} ${decoded.name}`;
      if (ip === "0.0.0.0" || emitted.has(key)) continue;
      emitted.add(key);
      sink.hostname({ ip }, decoded.name);
    }
  }
  return true;
}

export const nbns: Dissector<null> = {
  name: "netbios-ns",
  transport: "udp",
  defaultPorts: [137],
  heuristic: false,
  limits: { maxPdu: 1500, maxPending: 32 },
  probe: (data) => (probeDnsHeader(data, 0) ? "match" : "reject"),
  newState: () => null,
  parse(_state, _dir, data, sink) {
    if (!parseNbns(data, sink))
      sink.anomaly("bad-nbns", "NetBIOS name service header or question runs past the datagram");
    return data.length;
  },
};
