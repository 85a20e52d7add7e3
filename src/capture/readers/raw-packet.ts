/**
 * One captured frame as a reader hands it out. The object is reused for every packet: `buf` is the reader's
 * chunk buffer and the frame is `buf[off, off + caplen)`, valid only until the reader is asked for the next
 * packet.
 */
export class RawPacket {
  buf: Uint8Array = new Uint8Array(0);
  off = 0;
  /** Bytes captured (may be less than `wirelen` when the capture's snaplen cut the frame). */
  caplen = 0;
  /** Bytes the frame had on the wire. */
  wirelen = 0;
  /** Capture time in milliseconds since the Unix epoch (fractional part keeps sub-millisecond precision). */
  tsMs = 0;
  /** libpcap LINKTYPE_ value of the interface the frame was captured on. */
  linkType = 0;
  /** Frame number, counted from 1 per file as Wireshark counts. */
  frame = 0;
}
