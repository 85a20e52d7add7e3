/** Address formatting and classification, done once per host or flow, never per packet. */

export function macFromBytes(b: Uint8Array, o: number): number {
  return (
    ((b[o] << 8) | b[o + 1]) * 4294967296 +
    (((b[o + 2] << 24) | (b[o + 3] << 16) | (b[o + 4] << 8) | b[o + 5]) >>> 0)
  );
}

export function formatMac(mac: number): string {
  let s = "";
  for (let i = 5; i >= 0; i--) {
    const byte = Math.floor(mac / 2 ** (8 * i)) & 0xff;
    s += (i === 5 ? "" : ":") + byte.toString(16).padStart(2, "0");
  }
  return s;
}

/** Group (multicast or broadcast) MACs have the low bit of the first octet set. */
export function isGroupMac(mac: number): boolean {
  return (Math.floor(mac / 1099511627776) & 1) === 1;
}

/** Locally administered MACs (randomised, virtual) have no registered vendor. */
export function isLocalMac(mac: number): boolean {
  return (Math.floor(mac / 1099511627776) & 2) === 2;
}

export function formatIPv4(a: number): string {
  return `${a >>> 24}.${(a >>> 16) & 255}.${(a >>> 8) & 255}.${a & 255}`;
}

/** RFC 5952 text: lower case, the longest run of two or more zero groups shortened to `::`. */
export function formatIPv6(w0: number, w1: number, w2: number, w3: number): string {
  const g = [w0 >>> 16, w0 & 0xffff, w1 >>> 16, w1 & 0xffff, w2 >>> 16, w2 & 0xffff, w3 >>> 16, w3 & 0xffff];
  if (w0 === 0 && w1 === 0 && w2 === 0xffff) return `::ffff:${formatIPv4(w3)}`;
  let bestStart = -1;
  let bestLen = 1;
  for (let i = 0; i < 8; ) {
    if (g[i] !== 0) {
      i++;
      continue;
    }
    let j = i;
    while (j < 8 && g[j] === 0) j++;
    if (j - i > bestLen) {
      bestStart = i;
      bestLen = j - i;
    }
    i = j;
  }
  const hex = (from: number, to: number) =>
    g
      .slice(from, to)
      .map((x) => x.toString(16))
      .join(":");
  return bestStart < 0 ? hex(0, 8) : `${hex(0, bestStart)}::${hex(bestStart + bestLen, 8)}`;
}

export function formatIp(version: number, w0: number, w1: number, w2: number, w3: number): string {
  return version === 4 ? formatIPv4(w0) : formatIPv6(w0, w1, w2, w3);
}

/** Parses dotted IPv4 or RFC 4291 IPv6 text into [version, w0, w1, w2, w3], or null. */
export function parseIp(text: string): [number, number, number, number, number] | null {
  const v4 = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(text);
  if (v4) {
    const parts = v4.slice(1).map(Number);
    if (parts.some((x) => x > 255)) return null;
    return [4, ((parts[0] << 24) | (parts[1] << 16) | (parts[2] << 8) | parts[3]) >>> 0, 0, 0, 0];
  }
  if (!text.includes(":")) return null;
  let tail: number[] = [];
  let body = text;
  const dotted = /^(.*:)(\d{1,3}\.\d{1,3}\.\d{1,3}\.\d{1,3})$/.exec(text);
  if (dotted) {
    const v = parseIp(dotted[2]);
    if (!v) return null;
    tail = [v[1] >>> 16, v[1] & 0xffff];
    body = dotted[1].endsWith("::") ? dotted[1] : dotted[1].slice(0, -1);
  }
  const halves = body.split("::");
  if (halves.length > 2) return null;
  const parse = (s: string) =>
    s === "" ? [] : s.split(":").map((h) => (/^[0-9a-f]{1,4}$/i.test(h) ? Number.parseInt(h, 16) : -1));
  const head = parse(halves[0]);
  const rest = halves.length === 2 ? parse(halves[1]) : [];
  const fill = 8 - head.length - rest.length - tail.length;
  if ((halves.length === 2 ? fill < 1 : fill !== 0) || [...head, ...rest].some((x) => x < 0)) return null;
  const g = [...head, ...new Array(halves.length === 2 ? fill : 0).fill(0), ...rest, ...tail];
  const w = (i: number) => ((g[i] << 16) | g[i + 1]) >>> 0;
  return [6, w(0), w(2), w(4), w(6)];
}

/** Multicast or broadcast IP addresses: destinations, never hosts. */
export function isGroupIp(version: number, w0: number): boolean {
  if (version === 4) return w0 >>> 28 === 14 || w0 === 0xffffffff;
  return w0 >>> 24 === 0xff;
}

/** Unspecified addresses (0.0.0.0, ::): DHCP clients before they have an address. */
export function isUnspecifiedIp(version: number, w0: number, w1: number, w2: number, w3: number): boolean {
  return version === 4 ? w0 === 0 : (w0 | w1 | w2 | w3) === 0;
}

/** Publicly routable: not private, loopback, link-local, CGNAT, multicast, reserved or documentation space. */
export function isPublicIp(version: number, w0: number): boolean {
  if (version === 4) {
    const a = w0 >>> 24;
    const b = (w0 >>> 16) & 255;
    if (a === 0 || a === 10 || a === 127 || a >= 224) return false;
    if (a === 169 && b === 254) return false;
    if (a === 172 && b >= 16 && b <= 31) return false;
    if (a === 192 && b === 168) return false;
    if (a === 100 && b >= 64 && b <= 127) return false;
    if (a === 192 && b === 0 && ((w0 >>> 8) & 255) === 2) return false;
    if (a === 198 && (b === 18 || b === 19)) return false;
    return true;
  }
  // Global unicast 2000::/3, minus documentation 2001:db8::/32.
  return w0 >>> 29 === 1 && w0 >>> 0 !== 0x20010db8;
}

/**
 * Whether a TTL (or hop limit) is one that stacks start with: a packet carrying it crossed no router, so its
 * sender is on the captured segment. Routed packets arrive decremented (63, 127, 254, ...).
 */
export function isInitialTtl(ttl: number): boolean {
  return ttl === 64 || ttl === 128 || ttl === 255 || ttl === 32 || ttl === 60 || ttl === 30;
}
