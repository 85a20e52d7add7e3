/** Test support: every frame of a capture, read with the project's reader, copied out of its chunk buffer. */
import { openCapture } from "../capture/readers/open-capture.js";
import { RawPacket } from "../capture/readers/raw-packet.js";

export async function readFrames(path: string): Promise<Uint8Array[]> {
  const reader = await openCapture(path);
  const raw = new RawPacket();
  const frames: Uint8Array[] = [];
  try {
    for (;;) {
      while (reader.next(raw)) frames.push(raw.buf.slice(raw.off, raw.off + raw.caplen));
      if (!(await reader.refill())) break;
    }
  } finally {
    await reader.close();
  }
  return frames;
}

/** Offset of the TCP payload in an untagged Ethernet/IPv4/TCP frame, and its length from the IP total length. */
export function tcpPayload(frame: Uint8Array): { start: number; end: number } {
  const ihl = (frame[14] & 0x0f) * 4;
  const total = (frame[16] << 8) | frame[17];
  const tcp = 14 + ihl;
  return { start: tcp + (frame[tcp + 12] >> 4) * 4, end: 14 + total };
}
