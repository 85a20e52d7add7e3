/** Classic libpcap files: both byte orders, micro- and nanosecond magic, and the Kuznetsov (modified) variant. */
import type { ByteSource } from "./byte-source.js";
import { CaptureReader, MAX_RECORD } from "./capture-reader.js";
import type { RawPacket } from "./raw-packet.js";

const MAGIC_US = 0xa1b2c3d4;
const MAGIC_NS = 0xa1b23c4d;
const MAGIC_MODIFIED = 0xa1b2cd34;
const FILE_HEADER = 24;
/** Largest caplen Wireshark accepts whatever the snaplen says (its WTAP_MAX_PACKET_SIZE_STANDARD). */
const MAX_STANDARD_CAPLEN = 262144;

/** The magic as read big-endian, if `b` starts a classic pcap file; returns [nanoseconds, littleEndian, modified]. */
export function pcapMagic(b: Uint8Array): { nanos: boolean; le: boolean; modified: boolean } | null {
  if (b.length < 4) return null;
  const be = ((b[0] << 24) | (b[1] << 16) | (b[2] << 8) | b[3]) >>> 0;
  const le = ((b[3] << 24) | (b[2] << 16) | (b[1] << 8) | b[0]) >>> 0;
  for (const [value, little] of [
    [be, false],
    [le, true],
  ] as const) {
    if (value === MAGIC_US) return { nanos: false, le: little, modified: false };
    if (value === MAGIC_NS) return { nanos: true, le: little, modified: false };
    if (value === MAGIC_MODIFIED) return { nanos: false, le: little, modified: true };
  }
  return null;
}

export class PcapReader extends CaptureReader {
  readonly format = "pcap";
  protected readonly align = 1;
  private readonly le: boolean;
  private readonly fracToMs: number;
  private readonly fracLimit: number;
  private readonly recordHeader: number;
  private readonly linkType: number;
  private readonly maxCaplen: number;
  private lastSec = -1;

  constructor(source: ByteSource, path: string, buf: Uint8Array, length: number) {
    super(source, path, buf, length);
    const magic = pcapMagic(buf)!;
    this.le = magic.le;
    this.fracToMs = magic.nanos ? 1e-6 : 1e-3;
    this.fracLimit = magic.nanos ? 1e9 : 1e6;
    this.recordHeader = magic.modified ? 24 : 16;
    if (length < FILE_HEADER) {
      this.need = FILE_HEADER;
      this.linkType = -1;
      this.maxCaplen = MAX_STANDARD_CAPLEN;
      this.warn(`file header cut short: ${length} of ${FILE_HEADER} bytes`, 0);
      this.stopped = true;
      return;
    }
    const snaplen = this.u32(16);
    // The upper bits of the link-type field carry FCS information (pcap-linktype(7)).
    this.linkType = this.u32(20) & 0x03ffffff;
    this.linkTypes.add(this.linkType);
    this.maxCaplen = Math.min(MAX_RECORD, Math.max(snaplen, MAX_STANDARD_CAPLEN));
    this.pos = FILE_HEADER;
  }

  private u32(o: number): number {
    const b = this.buf;
    return this.le
      ? (b[o] | (b[o + 1] << 8) | (b[o + 2] << 16) | (b[o + 3] << 24)) >>> 0
      : ((b[o] << 24) | (b[o + 1] << 16) | (b[o + 2] << 8) | b[o + 3]) >>> 0;
  }

  next(pkt: RawPacket): boolean {
    if (this.stopped) return false;
    if (this.scanning && !this.scan()) return false;
    const hdr = this.recordHeader;
    for (;;) {
      const p = this.pos;
      const avail = this.end - p;
      if (avail < hdr) {
        this.need = hdr;
        return false;
      }
      const caplen = this.u32(p + 8);
      const frac = this.u32(p + 4);
      if (caplen > this.maxCaplen || frac >= this.fracLimit) {
        this.corrupt(
          caplen > this.maxCaplen
            ? `record header (captured length ${caplen} > ${this.maxCaplen})`
            : `record header (fractional timestamp ${frac} out of range)`,
        );
        if (!this.scan()) return false;
        continue;
      }
      if (avail < hdr + caplen) {
        this.need = hdr + caplen;
        return false;
      }
      const sec = this.u32(p);
      pkt.buf = this.buf;
      pkt.off = p + hdr;
      pkt.caplen = caplen;
      pkt.wirelen = Math.max(this.u32(p + 12), caplen);
      pkt.tsMs = sec * 1000 + frac * this.fracToMs;
      pkt.linkType = this.linkType;
      pkt.frame = ++this.frame;
      this.lastSec = sec;
      this.pos = p + hdr + caplen;
      return true;
    }
  }

  /** A record header whose lengths and timestamp fit, followed by another one (or the end of the buffer). */
  protected plausibleAt(p: number): number {
    const hdr = this.recordHeader;
    if (this.end - p < hdr) return -1;
    const caplen = this.u32(p + 8);
    const wirelen = this.u32(p + 12);
    if (
      caplen > this.maxCaplen ||
      wirelen < caplen ||
      wirelen > MAX_RECORD ||
      this.u32(p + 4) >= this.fracLimit
    ) {
      return 0;
    }
    // Within a day of the last good packet: rotated captures never jump further inside one file.
    if (this.lastSec >= 0 && Math.abs(this.u32(p) - this.lastSec) > 86400) return 0;
    const nextRecord = p + hdr + caplen;
    if (this.end - nextRecord < hdr) return this.end - p >= hdr + caplen ? 1 : -1;
    const nextCaplen = this.u32(nextRecord + 8);
    return nextCaplen <= this.maxCaplen && this.u32(nextRecord + 12) >= nextCaplen ? 1 : 0;
  }
}
