/**
 * Classic libpcap file writer (little-endian, microsecond stamps). Records are packed into one large
 * buffer that is flushed when full, so a capture of any size is written in constant memory.
 */
import { closeSync, openSync, writeSync } from "node:fs";

export const LINKTYPE_ETHERNET = 1;
const PCAP_MAGIC = 0xa1b2c3d4;
const RECORD_HEADER = 16;

export class PcapWriter {
  private readonly fd: number;
  private readonly chunk: Uint8Array;
  private readonly view: DataView;
  private used = 0;
  /** Bytes in the file so far, headers included. */
  bytes = 0;
  packets = 0;

  constructor(
    path: string,
    readonly snaplen = 65535,
    chunkBytes = 4 << 20,
  ) {
    this.fd = openSync(path, "w");
    this.chunk = new Uint8Array(chunkBytes);
    this.view = new DataView(this.chunk.buffer);
    this.view.setUint32(0, PCAP_MAGIC, true);
    this.view.setUint16(4, 2, true);
    this.view.setUint16(6, 4, true);
    this.view.setInt32(8, 0, true);
    this.view.setUint32(12, 0, true);
    this.view.setUint32(16, snaplen, true);
    this.view.setUint32(20, LINKTYPE_ETHERNET, true);
    this.used = 24;
    this.bytes = 24;
  }

  /** Appends one frame stamped `micros` microseconds after the Unix epoch. */
  write(micros: number, frame: Uint8Array): void {
    const captured = Math.min(frame.length, this.snaplen);
    const need = RECORD_HEADER + captured;
    if (this.used + need > this.chunk.length) this.flush();
    if (need > this.chunk.length) throw new Error(`frame of ${frame.length} bytes exceeds the write buffer`);
    const seconds = Math.floor(micros / 1e6);
    this.view.setUint32(this.used, seconds, true);
    this.view.setUint32(this.used + 4, micros - seconds * 1e6, true);
    this.view.setUint32(this.used + 8, captured, true);
    this.view.setUint32(this.used + 12, frame.length, true);
    this.chunk.set(
      captured === frame.length ? frame : frame.subarray(0, captured),
      this.used + RECORD_HEADER,
    );
    this.used += need;
    this.bytes += need;
    this.packets++;
  }

  private flush(): void {
    let off = 0;
    while (off < this.used) off += writeSync(this.fd, this.chunk, off, this.used - off);
    this.used = 0;
  }

  close(): void {
    this.flush();
    closeSync(this.fd);
  }
}
