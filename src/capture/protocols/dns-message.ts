/** The DNS message format (RFC 1035 4.1), shared by DNS, mDNS (RFC 6762) and LLMNR (RFC 4795). */
import { u16be } from "../bytes.js";
import { readName, skipName } from "./dns-name.js";
import { ipv4At, ipv6At } from "./ip-text.js";

export const HEADER_BYTES = 12;
/** Resource records read per message, all sections together; the rest are left unread. */
export const MAX_RECORDS = 64;

export const TYPE_A = 1;
export const TYPE_CNAME = 5;
export const TYPE_PTR = 12;
export const TYPE_AAAA = 28;

const TYPE_NAMES: Record<number, string> = {
  1: "A",
  2: "NS",
  5: "CNAME",
  6: "SOA",
  12: "PTR",
  15: "MX",
  16: "TXT",
  28: "AAAA",
  33: "SRV",
  35: "NAPTR",
  41: "OPT",
  43: "DS",
  46: "RRSIG",
  47: "NSEC",
  48: "DNSKEY",
  64: "SVCB",
  65: "HTTPS",
  251: "IXFR",
  252: "AXFR",
  255: "ANY",
  257: "CAA",
};

export function typeName(type: number): string {
  return TYPE_NAMES[type] ?? `type ${type}`;
}

export interface DnsRecord {
  /** 1 answer, 2 authority, 3 additional. */
  section: 1 | 2 | 3;
  name: string;
  type: number;
  rdata: number;
  rdlength: number;
}

export interface DnsMessage {
  id: number;
  response: boolean;
  opcode: number;
  rcode: number;
  question?: { name: string; type: number };
  records: DnsRecord[];
}

/** Parses a whole DNS message; null when the header or the question is malformed. Records past a malformed one are dropped. */
export function parseDnsMessage(b: Uint8Array): DnsMessage | null {
  if (b.length < HEADER_BYTES) return null;
  const flags = u16be(b, 2);
  const qd = u16be(b, 4);
  const counts = [u16be(b, 6), u16be(b, 8), u16be(b, 10)];
  const m: DnsMessage = {
    id: u16be(b, 0),
    response: (flags & 0x8000) !== 0,
    opcode: (flags >> 11) & 0xf,
    rcode: flags & 0xf,
    records: [],
  };
  let o = HEADER_BYTES;
  for (let i = 0; i < qd; i++) {
    if (i === 0) {
      const q = readName(b, o);
      if (q === null || q.next + 4 > b.length) return null;
      m.question = { name: q.name, type: u16be(b, q.next) };
      o = q.next + 4;
    } else {
      const next = skipName(b, o);
      if (next < 0 || next + 4 > b.length) return m;
      o = next + 4;
    }
  }
  for (let s = 0; s < 3; s++) {
    for (let i = 0; i < counts[s]; i++) {
      if (m.records.length >= MAX_RECORDS) return m;
      const n = readName(b, o);
      if (n === null || n.next + 10 > b.length) return m;
      const rdlength = u16be(b, n.next + 8);
      const rdata = n.next + 10;
      if (rdata + rdlength > b.length) return m;
      m.records.push({
        section: (s + 1) as 1 | 2 | 3,
        name: n.name,
        type: u16be(b, n.next),
        rdata,
        rdlength,
      });
      o = rdata + rdlength;
    }
  }
  return m;
}

/** The address of an A or AAAA record, or null for other types and bad lengths. */
export function recordAddress(b: Uint8Array, r: DnsRecord): string | null {
  if (r.type === TYPE_A && r.rdlength === 4) return ipv4At(b, r.rdata);
  if (r.type === TYPE_AAAA && r.rdlength === 16) return ipv6At(b, r.rdata);
  return null;
}

/** The address a reverse-lookup owner name stands for (`20.1.168.192.in-addr.arpa` is 192.168.1.20), or null. */
export function reverseNameAddress(name: string): string | null {
  const lower = name.toLowerCase();
  if (lower.endsWith(".in-addr.arpa")) {
    const parts = lower.slice(0, -13).split(".");
    if (parts.length !== 4 || !parts.every((p) => /^\d{1,3}$/.test(p) && Number(p) < 256)) return null;
    return parts.reverse().join(".");
  }
  if (lower.endsWith(".ip6.arpa")) {
    const nibbles = lower.slice(0, -9).split(".");
    if (nibbles.length !== 32 || !nibbles.every((n) => /^[0-9a-f]$/.test(n))) return null;
    const bytes = new Uint8Array(16);
    for (let i = 0; i < 16; i++) bytes[i] = Number.parseInt(nibbles[31 - 2 * i] + nibbles[30 - 2 * i], 16);
    return ipv6At(bytes, 0);
  }
  return null;
}
