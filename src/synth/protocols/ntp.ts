/** NTPv4 client request and server reply (RFC 5905), 48 bytes, timestamps in seconds since 1900. */
import { ByteWriter } from "../byte-writer.js";

const NTP_EPOCH_OFFSET = 2208988800;

function timestamp(w: ByteWriter, unixMicros: number): void {
  const seconds = Math.floor(unixMicros / 1e6);
  const fraction = Math.floor(((unixMicros - seconds * 1e6) / 1e6) * 4294967296);
  w.u32(seconds + NTP_EPOCH_OFFSET).u32(fraction);
}

export function ntpRequest(now: number): Uint8Array {
  const w = new ByteWriter(48).u8(0x23).u8(0).u8(6).u8(0xe9).u32(0).u32(0).u32(0);
  w.zeros(24);
  timestamp(w, now);
  return w.bytes();
}

export function ntpReply(requestSent: number, received: number, sent: number, refId: number): Uint8Array {
  const w = new ByteWriter(48).u8(0x24).u8(2).u8(6).u8(0xe9).u32(0x00000a3c).u32(0x00001b2d).u32(refId);
  timestamp(w, received - 64e6);
  timestamp(w, requestSent);
  timestamp(w, received);
  timestamp(w, sent);
  return w.bytes();
}
