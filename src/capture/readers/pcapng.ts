/**
 * pcapng files: several sections (each with its own byte order), several interfaces per section each with its
 * own link type, `if_tsresol` and `if_tsoffset`; Enhanced, Simple and obsolete Packet blocks. Other blocks are
 * skipped.
 */
import type { ByteSource } from "./byte-source.js";
import { CaptureReader, MAX_RECORD } from "./capture-reader.js";
import type { RawPacket } from "./raw-packet.js";

const SHB = 0x0a0d0d0a;
const IDB = 1;
const OPB = 2;
const SPB = 3;
const EPB = 6;
const BYTE_ORDER_MAGIC = 0x1a2b3c4d;
/** Block types of the pcapng specification, for the resynchronisation scan. */
const KNOWN_BLOCKS = new Set([SHB, IDB, OPB, SPB, 4, 5, EPB, 7, 9, 10, 0xbad, 0x40000bad]);
const OPT_TSRESOL = 9;
const OPT_TSOFFSET = 14;

interface Interface {
  linkType: number;
  snaplen: number;
  unitsPerMs: number;
  offsetMs: number;
}

export function isPcapng(b: Uint8Array): boolean {
  return b.length >= 4 && b[0] === 0x0a && b[1] === 0x0d && b[2] === 0x0d && b[3] === 0x0a;
}

/**
 * Timestamp units per millisecond for an `if_tsresol` byte (units of 10^-n or, with the top bit set, 2^-n
 * seconds). Dividing by it is exact for the usual micro- and nanosecond resolutions.
 */
export function tsUnitsPerMs(tsresol: number): number {
  const n = tsresol & 0x7f;
  return tsresol & 0x80 ? 2 ** n / 1000 : n >= 3 ? 10 ** (n - 3) : 1 / 10 ** (3 - n);
}

export class PcapngReader extends CaptureReader {
  readonly format = "pcapng";
  protected readonly align = 4;
  private le = true;
  private interfaces: Interface[] = [];

  constructor(source: ByteSource, path: string, buf: Uint8Array, length: number) {
    super(source, path, buf, length);
  }

  private u32(o: number): number {
    const b = this.buf;
    return this.le
      ? (b[o] | (b[o + 1] << 8) | (b[o + 2] << 16) | (b[o + 3] << 24)) >>> 0
      : ((b[o] << 24) | (b[o + 1] << 16) | (b[o + 2] << 8) | b[o + 3]) >>> 0;
  }

  private u16(o: number): number {
    const b = this.buf;
    return this.le ? b[o] | (b[o + 1] << 8) : (b[o] << 8) | b[o + 1];
  }

  next(pkt: RawPacket): boolean {
    if (this.stopped) return false;
    if (this.scanning && !this.scan()) return false;
    for (;;) {
      const p = this.pos;
      const avail = this.end - p;
      if (avail < 12) {
        this.need = 12;
        return false;
      }
      const type = this.u32(p);
      if (type === SHB && !this.readByteOrder(p)) {
        this.corrupt("section header block (unknown byte-order magic)");
        if (!this.scan()) return false;
        continue;
      }
      const len = this.u32(p + 4);
      if (len < 12 || len % 4 !== 0 || len > MAX_RECORD) {
        this.corrupt(`block header (type ${type}, length ${len})`);
        if (!this.scan()) return false;
        continue;
      }
      if (avail < len) {
        this.need = len;
        return false;
      }
      if (this.u32(p + len - 4) !== len) {
        this.corrupt(`block (type ${type}: leading and trailing lengths differ)`);
        if (!this.scan()) return false;
        continue;
      }
      this.pos = p + len;
      if (type === EPB || type === OPB || type === SPB) {
        if (this.packet(pkt, type, p, len)) return true;
      } else if (type === SHB) {
        this.interfaces = [];
      } else if (type === IDB) {
        this.addInterface(p, len);
      }
    }
  }

  /** Sets the section's byte order from the SHB at `p`; false when the magic is neither order. */
  private readByteOrder(p: number): boolean {
    const b = this.buf;
    const bom = ((b[p + 8] << 24) | (b[p + 9] << 16) | (b[p + 10] << 8) | b[p + 11]) >>> 0;
    if (bom === BYTE_ORDER_MAGIC) this.le = false;
    else if (bom === 0x4d3c2b1a) this.le = true;
    else return false;
    return true;
  }

  private addInterface(p: number, len: number): void {
    if (len < 20) {
      this.warn(`interface description block too short at offset ${this.base + p}`, this.base + p);
      return;
    }
    const iface: Interface = {
      linkType: this.u16(p + 8),
      snaplen: this.u32(p + 12),
      unitsPerMs: 1000,
      offsetMs: 0,
    };
    const end = p + len - 4;
    for (let o = p + 16; o + 4 <= end; ) {
      const code = this.u16(o);
      const optLen = this.u16(o + 2);
      if (code === 0 || o + 4 + optLen > end) break;
      if (code === OPT_TSRESOL && optLen >= 1) iface.unitsPerMs = tsUnitsPerMs(this.buf[o + 4]);
      else if (code === OPT_TSOFFSET && optLen >= 8) iface.offsetMs = this.i64(o + 4) * 1000;
      o += 4 + ((optLen + 3) & ~3);
    }
    this.interfaces.push(iface);
    this.linkTypes.add(iface.linkType);
  }

  private i64(o: number): number {
    const hi = this.le ? this.u32(o + 4) | 0 : this.u32(o) | 0;
    const lo = this.le ? this.u32(o) : this.u32(o + 4);
    return hi * 4294967296 + lo;
  }

  private packet(pkt: RawPacket, type: number, p: number, len: number): boolean {
    let ifId: number;
    let dataOff: number;
    let caplen: number;
    let wirelen: number;
    let tsHigh = 0;
    let tsLow = 0;
    if (type === SPB) {
      if (len < 16) return this.badPacket(p, "simple packet block too short");
      ifId = 0;
      dataOff = p + 12;
      wirelen = this.u32(p + 8);
      caplen = Math.min(wirelen, len - 16);
    } else {
      if (len < 32) return this.badPacket(p, "packet block too short");
      if (type === EPB) {
        ifId = this.u32(p + 8);
        tsHigh = this.u32(p + 12);
        tsLow = this.u32(p + 16);
      } else {
        ifId = this.u16(p + 8);
        tsHigh = this.u32(p + 12);
        tsLow = this.u32(p + 16);
      }
      caplen = this.u32(p + 20);
      wirelen = this.u32(p + 24);
      dataOff = p + 28;
      if (caplen > len - 32) return this.badPacket(p, `captured length ${caplen} exceeds its block`);
    }
    const iface = this.interfaces[ifId];
    if (iface === undefined) return this.badPacket(p, `packet for undeclared interface ${ifId}`);
    if (type === SPB && iface.snaplen > 0 && caplen > iface.snaplen) caplen = iface.snaplen;
    pkt.buf = this.buf;
    pkt.off = dataOff;
    pkt.caplen = caplen;
    pkt.wirelen = Math.max(wirelen, caplen);
    pkt.tsMs = (tsHigh * 4294967296 + tsLow) / iface.unitsPerMs + iface.offsetMs;
    pkt.linkType = iface.linkType;
    pkt.frame = ++this.frame;
    return true;
  }

  /** A malformed packet block is skipped and not numbered: the frames after it keep their own numbers. */
  private badPacket(p: number, what: string): boolean {
    this.warn(`${what} at offset ${this.base + p} (after frame ${this.frame}); block skipped`, this.base + p);
    return false;
  }

  protected plausibleAt(p: number): number {
    if (this.end - p < 12) return -1;
    const type = this.u32(p);
    if (!KNOWN_BLOCKS.has(type)) return 0;
    if (type === SHB) return this.readByteOrder(p) ? 1 : 0;
    const len = this.u32(p + 4);
    if (len < 12 || len % 4 !== 0 || len > MAX_RECORD) return 0;
    if (this.end - p < len) return -1;
    return this.u32(p + len - 4) === len ? 1 : 0;
  }
}
