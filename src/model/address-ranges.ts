/**
 * IP address sets with exact set algebra: IPv4 as 32-bit numbers, IPv6 as 128-bit bigints, each family a sorted
 * interval list. Text in and out is what firewall configurations and reports use: `10.0.0.0/8`, `192.168.1.5`,
 * `10.1.0.1-10.1.0.100`, `2001:db8::/32`.
 */
import ipaddr from "ipaddr.js";
import * as iv from "./intervals.js";

export interface AddressRanges {
  v4: iv.Intervals<number>;
  v6: iv.Intervals<bigint>;
}

export const V4_MAX = 0xffffffff;
export const V6_MAX = (1n << 128n) - 1n;

export const EMPTY_ADDRESSES: AddressRanges = { v4: [], v6: [] };
export const ANY_V4: AddressRanges = { v4: [0, V4_MAX], v6: [] };
export const ANY_V6: AddressRanges = { v4: [], v6: [0n, V6_MAX] };
export const ANY_ADDRESS: AddressRanges = { v4: [0, V4_MAX], v6: [0n, V6_MAX] };

function v4Number(addr: ipaddr.IPv4): number {
  const [a, b, c, d] = addr.octets;
  return ((a! << 24) >>> 0) + (b! << 16) + (c! << 8) + d!;
}

function v6Number(addr: ipaddr.IPv6): bigint {
  let n = 0n;
  for (const part of addr.parts) n = (n << 16n) | BigInt(part);
  return n;
}

function v4Text(n: number): string {
  return [n >>> 24, (n >>> 16) & 255, (n >>> 8) & 255, n & 255].join(".");
}

function v6Text(n: bigint): string {
  const parts: number[] = [];
  for (let i = 7; i >= 0; i--) parts.push(Number((n >> BigInt(i * 16)) & 0xffffn));
  return new ipaddr.IPv6(parts).toString();
}

const DOTTED_QUAD = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/;

/** A single address as a number (IPv4) or bigint (IPv6), or null when the text is not an address. */
export function addressValue(
  text: string,
): { family: 4; value: number } | { family: 6; value: bigint } | null {
  // Dotted quads are most of what configurations hold: read them without the general parser.
  const quad = DOTTED_QUAD.exec(text);
  if (quad) {
    const [a, b, c, d] = [quad[1], quad[2], quad[3], quad[4]].map(Number) as [number, number, number, number];
    if (a <= 255 && b <= 255 && c <= 255 && d <= 255)
      return { family: 4, value: a * 16777216 + b * 65536 + c * 256 + d };
    return null;
  }
  if (ipaddr.IPv4.isValidFourPartDecimal(text))
    return { family: 4, value: v4Number(ipaddr.IPv4.parse(text)) };
  if (ipaddr.IPv6.isValid(text)) {
    const a = ipaddr.IPv6.parse(text);
    // An IPv4-mapped IPv6 address is that IPv4 address on the wire of a dual-stack socket; keep it as IPv6 here.
    return { family: 6, value: v6Number(a) };
  }
  return null;
}

/** The prefix length of a contiguous IPv4 netmask (`255.255.255.0` -> 24), or null. */
export function maskLength(mask: string): number | null {
  if (!ipaddr.IPv4.isValidFourPartDecimal(mask)) return null;
  const n = v4Number(ipaddr.IPv4.parse(mask));
  const inv = ~n >>> 0;
  if ((inv & (inv + 1)) !== 0) return null;
  return 32 - Math.log2(inv + 1);
}

function v4Prefix(base: number, len: number): iv.Intervals<number> {
  const hostBits = 32 - len;
  const size = 2 ** hostBits;
  const lo = Math.floor(base / size) * size;
  return [lo, lo + size - 1];
}

function v6Prefix(base: bigint, len: number): iv.Intervals<bigint> {
  const hostBits = BigInt(128 - len);
  const lo = (base >> hostBits) << hostBits;
  return [lo, lo | ((1n << hostBits) - 1n)];
}

/**
 * Parses `a.b.c.d`, `a.b.c.d/len`, `a.b.c.d-e.f.g.h`, `a.b.c.d/m.m.m.m` and the IPv6 forms. Host bits of a prefix
 * are ignored, as devices do (`10.1.2.3/8` is `10.0.0.0/8`). Null when the text is none of these.
 */
export function parseAddressRange(text: string): AddressRanges | null {
  const t = text.trim();
  const dash = t.indexOf("-");
  if (dash > 0) {
    const lo = addressValue(t.slice(0, dash));
    const hi = addressValue(t.slice(dash + 1));
    if (!lo || !hi || lo.family !== hi.family) return null;
    if (lo.family === 4) return { v4: iv.fromPairs([[lo.value, hi.value as number]]), v6: [] };
    return { v4: [], v6: iv.fromPairs([[lo.value, hi.value as bigint]]) };
  }
  const slash = t.indexOf("/");
  const addr = addressValue(slash < 0 ? t : t.slice(0, slash));
  if (!addr) return null;
  let len = addr.family === 4 ? 32 : 128;
  if (slash >= 0) {
    const suffix = t.slice(slash + 1);
    const parsed = /^\d{1,3}$/.test(suffix) ? Number(suffix) : addr.family === 4 ? maskLength(suffix) : null;
    if (parsed === null || parsed > len) return null;
    len = parsed;
  }
  if (addr.family === 4) return { v4: v4Prefix(addr.value, len), v6: [] };
  return { v4: [], v6: v6Prefix(addr.value, len) };
}

export function unionAddresses(a: AddressRanges, b: AddressRanges): AddressRanges {
  return { v4: iv.union(a.v4, b.v4), v6: iv.union(a.v6, b.v6) };
}

/**
 * The union of many sets with one sort. Uniting them one by one sorts the growing union again for each: quadratic,
 * and a rule listing 3,000 addresses took half a second to read (again for every jump that inlined it).
 */
export function unionAllAddresses(sets: readonly AddressRanges[]): AddressRanges {
  if (sets.length === 0) return EMPTY_ADDRESSES;
  if (sets.length === 1) return sets[0]!;
  const v4: [number, number][] = [];
  const v6: [bigint, bigint][] = [];
  for (const s of sets) {
    for (let i = 0; i < s.v4.length; i += 2) v4.push([s.v4[i]!, s.v4[i + 1]!]);
    for (let i = 0; i < s.v6.length; i += 2) v6.push([s.v6[i]!, s.v6[i + 1]!]);
  }
  return { v4: iv.fromPairs(v4), v6: iv.fromPairs(v6) };
}

export function intersectAddresses(a: AddressRanges, b: AddressRanges): AddressRanges {
  return { v4: iv.intersect(a.v4, b.v4), v6: iv.intersect(a.v6, b.v6) };
}

export function subtractAddresses(a: AddressRanges, b: AddressRanges): AddressRanges {
  return { v4: iv.subtract(a.v4, b.v4), v6: iv.subtract(a.v6, b.v6) };
}

export function addressesOverlap(a: AddressRanges, b: AddressRanges): boolean {
  return iv.overlaps(a.v4, b.v4) || iv.overlaps(a.v6, b.v6);
}

export function isEmptyAddresses(a: AddressRanges): boolean {
  return a.v4.length === 0 && a.v6.length === 0;
}

/** Parses and unites a list of range texts; the texts that are not addresses are returned in `invalid`. */
export function parseAddressList(texts: readonly string[]): { ranges: AddressRanges; invalid: string[] } {
  const parsed: AddressRanges[] = [];
  const invalid: string[] = [];
  for (const t of texts) {
    const r = parseAddressRange(t);
    if (r) parsed.push(r);
    else invalid.push(t);
  }
  return { ranges: unionAllAddresses(parsed), invalid };
}

/** Cuts [lo, hi] into the fewest aligned prefixes (IPv4 in plain numbers, IPv6 in bigints). */
function prefixesOf<T extends iv.Bound>(lo: T, hi: T, bits: number): [T, number][] {
  if (typeof lo === "number") {
    const out: [number, number][] = [];
    let a: number = lo;
    const b = hi as number;
    while (a <= b) {
      // The largest block aligned at `a`: its lowest set bit (all 2^32 for 0).
      let size = a === 0 ? 2 ** 32 : (a & -a) >>> 0;
      while (a + size - 1 > b) size /= 2;
      out.push([a, bits - Math.log2(size)]);
      a += size;
    }
    return out as [T, number][];
  }
  let a = lo as bigint;
  const b = hi as bigint;
  const out: [bigint, number][] = [];
  while (a <= b) {
    let len = bits;
    while (len > 0) {
      const block = 1n << BigInt(bits - len + 1);
      if (a % block !== 0n || a + block - 1n > b) break;
      len--;
    }
    out.push([a, len]);
    a += 1n << BigInt(bits - len);
  }
  return out as [T, number][];
}

/**
 * Canonical text: one CIDR per aligned interval, `first-last` for an unaligned one that would need more than
 * `maxPrefixes` prefixes; IPv4 first.
 */
export function formatAddresses(a: AddressRanges, maxPrefixes = 4): string[] {
  const out: string[] = [];
  const emit = <T extends iv.Bound>(list: iv.Intervals<T>, bits: number, text: (n: T) => string) => {
    for (let i = 0; i < list.length; i += 2) {
      const prefixes = prefixesOf(list[i]!, list[i + 1]!, bits);
      if (prefixes.length <= maxPrefixes)
        for (const [base, len] of prefixes) out.push(`${text(base)}/${len}`);
      else out.push(`${text(list[i]!)}-${text(list[i + 1]!)}`);
    }
  };
  emit(a.v4, 32, v4Text);
  emit(a.v6, 128, v6Text);
  return out;
}

/** Does the set hold this address (text)? */
export function containsAddress(a: AddressRanges, address: string): boolean {
  const v = addressValue(address);
  if (!v) return false;
  return v.family === 4 ? iv.overlaps(a.v4, [v.value, v.value]) : iv.overlaps(a.v6, [v.value, v.value]);
}

/** RFC 1918, loopback, link-local, CGNAT, unique-local and multicast: addresses that are not "the internet". */
export const NON_PUBLIC: AddressRanges = parseAddressList([
  "0.0.0.0/8",
  "10.0.0.0/8",
  "100.64.0.0/10",
  "127.0.0.0/8",
  "169.254.0.0/16",
  "172.16.0.0/12",
  "192.168.0.0/16",
  "224.0.0.0/3",
  "::1/128",
  "fc00::/7",
  "fe80::/10",
  "ff00::/8",
]).ranges;
