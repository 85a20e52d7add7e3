/**
 * Hand-built frames and capture files for the framework's tests: format edge cases (byte orders, pcapng
 * sections and interfaces, cut records) and packet shapes the corpus lacks (VLAN tags, fragments, IPv6
 * extension headers). Checksums are left zero: nothing here verifies them.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

export function concat(...parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let o = 0;
  for (const p of parts) {
    out.set(p, o);
    o += p.length;
  }
  return out;
}

export function u16(v: number): Uint8Array {
  return Uint8Array.of(v >>> 8, v & 255);
}

export function u32(v: number): Uint8Array {
  return Uint8Array.of(v >>> 24, (v >>> 16) & 255, (v >>> 8) & 255, v & 255);
}

export function mac(text: string): Uint8Array {
  return Uint8Array.from(text.split(":"), (h) => Number.parseInt(h, 16));
}

export function ip4(text: string): Uint8Array {
  return Uint8Array.from(text.split("."), Number);
}

/** 16 bytes of an IPv6 address written out in full (eight groups). */
export function ip6(text: string): Uint8Array {
  const out = new Uint8Array(16);
  text.split(":").forEach((g, i) => {
    const v = Number.parseInt(g, 16);
    out[2 * i] = v >>> 8;
    out[2 * i + 1] = v & 255;
  });
  return out;
}

/** An Ethernet frame; `vlans` outer first: 802.1ad service tags, the last an 802.1Q customer tag. */
export function ethernet(
  dst: string,
  src: string,
  type: number,
  payload: Uint8Array,
  vlans: number[] = [],
): Uint8Array {
  const tags = vlans.map((vid, i) => concat(u16(i < vlans.length - 1 ? 0x88a8 : 0x8100), u16(vid)));
  return concat(mac(dst), mac(src), ...tags, u16(type), payload);
}

export interface Ip4Options {
  id?: number;
  ttl?: number;
  moreFragments?: boolean;
  /** Fragment offset in bytes (a multiple of 8). */
  fragmentOffset?: number;
  /** Total length to write instead of the real one. */
  totalLength?: number;
}

export function ipv4(
  src: string,
  dst: string,
  proto: number,
  payload: Uint8Array,
  o: Ip4Options = {},
): Uint8Array {
  const flags = (o.moreFragments ? 0x2000 : 0) | ((o.fragmentOffset ?? 0) >>> 3);
  return concat(
    Uint8Array.of(0x45, 0),
    u16(o.totalLength ?? 20 + payload.length),
    u16(o.id ?? 1),
    u16(flags),
    Uint8Array.of(o.ttl ?? 64, proto),
    u16(0),
    ip4(src),
    ip4(dst),
    payload,
  );
}

/** IPv6 with extension headers given as [type, body] (the body padded to a multiple of 8 with its header). */
export function ipv6(
  src: string,
  dst: string,
  proto: number,
  payload: Uint8Array,
  ext: [number, Uint8Array][] = [],
  hopLimit = 64,
): Uint8Array {
  const types = [...ext.map(([t]) => t), proto];
  const headers = ext.map(([, body], i) => {
    const next = types[i + 1];
    if (types[i] === 44) return concat(Uint8Array.of(next, 0), body);
    const len = Math.ceil((body.length + 2) / 8) * 8;
    const padded = new Uint8Array(len - 2);
    padded.set(body);
    return concat(Uint8Array.of(next, len / 8 - 1), padded);
  });
  const rest = concat(...headers, payload);
  return concat(
    Uint8Array.of(0x60, 0, 0, 0),
    u16(rest.length),
    Uint8Array.of(types[0], hopLimit),
    ip6(src),
    ip6(dst),
    rest,
  );
}

export const FIN = 0x01;
export const SYN = 0x02;
export const RST = 0x04;
export const PSH = 0x08;
export const ACK = 0x10;

export function tcp(
  sport: number,
  dport: number,
  seq: number,
  ack: number,
  flags: number,
  payload: Uint8Array = new Uint8Array(0),
): Uint8Array {
  return concat(
    u16(sport),
    u16(dport),
    u32(seq >>> 0),
    u32(ack >>> 0),
    Uint8Array.of(0x50, flags),
    u16(65535),
    u16(0),
    u16(0),
    payload,
  );
}

export function udp(sport: number, dport: number, payload: Uint8Array): Uint8Array {
  return concat(u16(sport), u16(dport), u16(8 + payload.length), u16(0), payload);
}

export interface Record {
  /** Milliseconds since the epoch. */
  ms: number;
  data: Uint8Array;
  /** Length on the wire when the record is cut (caplen < origlen). */
  wireLen?: number;
}

export interface PcapOptions {
  littleEndian?: boolean;
  nanos?: boolean;
  linkType?: number;
  snaplen?: number;
}

/** A classic pcap file. */
export function pcapFile(records: Record[], o: PcapOptions = {}): Uint8Array {
  const le = o.littleEndian ?? true;
  const w32 = (v: number) => {
    const b = new Uint8Array(4);
    new DataView(b.buffer).setUint32(0, v >>> 0, le);
    return b;
  };
  const w16 = (v: number) => {
    const b = new Uint8Array(2);
    new DataView(b.buffer).setUint16(0, v, le);
    return b;
  };
  const parts: Uint8Array[] = [
    w32(o.nanos ? 0xa1b23c4d : 0xa1b2c3d4),
    w16(2),
    w16(4),
    w32(0),
    w32(0),
    w32(o.snaplen ?? 65535),
    w32(o.linkType ?? 1),
  ];
  for (const r of records) {
    const sec = Math.floor(r.ms / 1000);
    const frac = o.nanos ? Math.round((r.ms - sec * 1000) * 1e6) : Math.round((r.ms - sec * 1000) * 1e3);
    parts.push(w32(sec), w32(frac), w32(r.data.length), w32(r.wireLen ?? r.data.length), r.data);
  }
  return concat(...parts);
}

/** pcapng blocks of one section in one byte order. */
export class PcapngWriter {
  private readonly parts: Uint8Array[] = [];
  constructor(private readonly le = true) {}

  private w32(v: number): Uint8Array {
    const b = new Uint8Array(4);
    new DataView(b.buffer).setUint32(0, v >>> 0, this.le);
    return b;
  }

  private w16(v: number): Uint8Array {
    const b = new Uint8Array(2);
    new DataView(b.buffer).setUint16(0, v, this.le);
    return b;
  }

  /** A block with its type, body (padded to 4 bytes) and both length fields. */
  block(type: number, body: Uint8Array): this {
    const padded = new Uint8Array(Math.ceil(body.length / 4) * 4);
    padded.set(body);
    const len = padded.length + 12;
    this.parts.push(this.w32(type), this.w32(len), padded, this.w32(len));
    return this;
  }

  section(): this {
    return this.block(
      0x0a0d0d0a,
      concat(this.w32(0x1a2b3c4d), this.w16(1), this.w16(0), this.w32(0xffffffff), this.w32(0xffffffff)),
    );
  }

  /** An interface; `tsresol` is the raw if_tsresol byte, `tsoffset` seconds. */
  iface(linkType: number, o: { snaplen?: number; tsresol?: number; tsoffset?: number } = {}): this {
    const opts: Uint8Array[] = [];
    if (o.tsresol !== undefined) opts.push(this.w16(9), this.w16(1), Uint8Array.of(o.tsresol, 0, 0, 0));
    if (o.tsoffset !== undefined) {
      const v = new Uint8Array(8);
      new DataView(v.buffer).setBigInt64(0, BigInt(o.tsoffset), this.le);
      opts.push(this.w16(14), this.w16(8), v);
    }
    if (opts.length > 0) opts.push(this.w16(0), this.w16(0));
    return this.block(1, concat(this.w16(linkType), this.w16(0), this.w32(o.snaplen ?? 0), ...opts));
  }

  /** An Enhanced Packet Block with a raw timestamp in the interface's units. */
  epb(ifId: number, ts: bigint, data: Uint8Array, wireLen = data.length): this {
    return this.block(
      6,
      concat(
        this.w32(ifId),
        this.w32(Number(ts >> 32n)),
        this.w32(Number(ts & 0xffffffffn)),
        this.w32(data.length),
        this.w32(wireLen),
        data,
      ),
    );
  }

  spb(data: Uint8Array, wireLen = data.length): this {
    return this.block(3, concat(this.w32(wireLen), data));
  }

  /** The obsolete Packet Block. */
  opb(ifId: number, ts: bigint, data: Uint8Array): this {
    return this.block(
      2,
      concat(
        this.w16(ifId),
        this.w16(0),
        this.w32(Number(ts >> 32n)),
        this.w32(Number(ts & 0xffffffffn)),
        this.w32(data.length),
        this.w32(data.length),
        data,
      ),
    );
  }

  bytes(): Uint8Array {
    return concat(...this.parts);
  }
}

/** A fresh temporary folder, removed by the returned function. */
export function tempDir(prefix = "otaudit-capture-"): { dir: string; remove: () => void } {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}
