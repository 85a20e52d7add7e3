/**
 * DNS over UDP and TCP 53, and LLMNR (UDP 5355), which shares the DNS message format. Queries become requests
 * (code: the query type; other opcodes 0x10000 + opcode), answers name addresses: A/AAAA records name their owner
 * (and the queried alias when a CNAME chain leads there), PTR records under in-addr.arpa/ip6.arpa name the address.
 */
import { u16be } from "../bytes.js";
import type { Dissector, DissectorSink } from "../dissector.js";
import {
  type DnsMessage,
  HEADER_BYTES,
  parseDnsMessage,
  recordAddress,
  reverseNameAddress,
  TYPE_CNAME,
  TYPE_PTR,
  typeName,
} from "./dns-message.js";
import { readName } from "./dns-name.js";

/** Names handed to the sink per message: a response listing hundreds of addresses adds no more. */
export const MAX_NAMES_PER_MESSAGE = 16;
/** CNAME hops followed from the queried name. */
const MAX_CNAME_HOPS = 8;

const OPCODE_NAMES: Record<number, string> = { 1: "inverse query", 2: "status", 4: "notify", 5: "update" };

/** Request code of a message: the query type for standard queries, 0x10000 + opcode for the others. */
function requestCode(m: DnsMessage): number {
  return m.opcode === 0 ? (m.question?.type ?? 0) : 0x10000 + m.opcode;
}

export function emitQueryOrResponse(m: DnsMessage, sink: DissectorSink, pairResponses: boolean): void {
  const code = requestCode(m);
  if (!m.response) {
    const name =
      m.opcode === 0 ? `query ${typeName(code)}` : (OPCODE_NAMES[m.opcode] ?? `opcode ${m.opcode}`);
    sink.request(code, name, m.opcode === 5 ? "write" : "identify");
  } else if (pairResponses && m.question !== undefined) {
    sink.response(code, m.rcode !== 0);
  }
}

/** Hands the sink the names this message gives to addresses; `sections` lists the record sections to read. */
export function emitAddressNames(m: DnsMessage, b: Uint8Array, sink: DissectorSink, sections: number): void {
  if (!m.response || m.rcode !== 0) return;
  const alias = m.question !== undefined ? aliasTarget(m, b) : null;
  let emitted = 0;
  for (const r of m.records) {
    if (emitted >= MAX_NAMES_PER_MESSAGE) return;
    if (r.section > sections || r.name === "") continue;
    const ip = recordAddress(b, r);
    if (ip !== null) {
      sink.hostname({ ip }, r.name);
      emitted++;
      if (alias !== null && alias.target === r.name.toLowerCase()) {
        sink.hostname({ ip }, alias.name);
        emitted++;
      }
    } else if (r.type === TYPE_PTR) {
      const reversed = reverseNameAddress(r.name);
      const target = reversed === null ? null : readName(b, r.rdata);
      if (reversed !== null && target !== null && target.name !== "") {
        sink.hostname({ ip: reversed }, target.name);
        emitted++;
      }
    }
  }
}

/** The queried name and the name its CNAME chain ends at (lower case), when the answers hold such a chain. */
function aliasTarget(m: DnsMessage, b: Uint8Array): { name: string; target: string } | null {
  const queried = m.question!.name;
  let current = queried.toLowerCase();
  let hops = 0;
  for (let changed = true; changed && hops < MAX_CNAME_HOPS; ) {
    changed = false;
    for (const r of m.records) {
      if (r.section !== 1 || r.type !== TYPE_CNAME || r.name.toLowerCase() !== current) continue;
      const target = readName(b, r.rdata);
      if (target === null) return null;
      current = target.name.toLowerCase();
      hops++;
      changed = true;
      break;
    }
  }
  return hops > 0 ? { name: queried, target: current } : null;
}

/** Plausible DNS header: opcode 0-6, at least one question or record, no absurd counts. */
export function probeDnsHeader(b: Uint8Array, o: number): boolean {
  if (b.length < o + HEADER_BYTES) return false;
  if (((b[o + 2] >> 3) & 0xf) > 6) return false;
  let total = 0;
  for (let i = 4; i < 12; i += 2) total += u16be(b, o + i);
  return total > 0 && total <= 4096;
}

function parseDatagram(data: Uint8Array, sink: DissectorSink, sections: number): void {
  const m = parseDnsMessage(data);
  if (m === null) {
    sink.anomaly("bad-dns", "DNS header or question runs past the message");
    return;
  }
  emitQueryOrResponse(m, sink, true);
  emitAddressNames(m, data, sink, sections);
}

export const dns: Dissector<null> = {
  name: "dns",
  transport: "udp",
  defaultPorts: [53],
  heuristic: false,
  limits: { maxPdu: 65535, maxPending: 64 },
  probe: (data) => (probeDnsHeader(data, 0) ? "match" : "reject"),
  newState: () => null,
  parse(_state, _dir, data, sink) {
    parseDatagram(data, sink, 1);
    return data.length;
  },
};

/** DNS over TCP: each message is preceded by its two-byte length (RFC 1035 4.2.2). */
export const dnsTcp: Dissector<null> = {
  name: "dns",
  transport: "tcp",
  defaultPorts: [53],
  heuristic: false,
  limits: { maxPdu: 65537, maxPending: 64 },
  probe(data) {
    if (data.length < 2 + HEADER_BYTES) return "needMore";
    return u16be(data, 0) >= HEADER_BYTES && probeDnsHeader(data, 2) ? "match" : "reject";
  },
  newState: () => null,
  parse(_state, _dir, data, sink) {
    let o = 0;
    while (o + 2 <= data.length) {
      const len = u16be(data, o);
      if (len < HEADER_BYTES) {
        sink.anomaly("bad-length", `DNS over TCP message of ${len} bytes`);
        return -1;
      }
      if (o + 2 + len > data.length) break;
      parseDatagram(data.subarray(o + 2, o + 2 + len), sink, 1);
      o += 2 + len;
    }
    return o;
  },
};

/** LLMNR (RFC 4795): Windows resolves single-label names by multicast; the answer names the responder. */
export const llmnr: Dissector<null> = {
  name: "llmnr",
  transport: "udp",
  defaultPorts: [5355],
  heuristic: false,
  limits: { maxPdu: 65535, maxPending: 64 },
  probe: (data) => (probeDnsHeader(data, 0) ? "match" : "reject"),
  newState: () => null,
  parse(_state, _dir, data, sink) {
    parseDatagram(data, sink, 1);
    return data.length;
  },
};
