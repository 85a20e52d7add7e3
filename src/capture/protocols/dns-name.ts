/** Domain names in DNS wire format (RFC 1035 4.1.4), shared by DNS, mDNS, LLMNR and NetBIOS name service. */
import { ascii } from "../bytes.js";

/** A name is at most 255 bytes on the wire; beyond that it is malformed. */
export const MAX_NAME_BYTES = 255;
/** Compression pointers followed per name; a loop of pointers ends here. */
export const MAX_POINTER_JUMPS = 16;

export interface WireName {
  /** Labels joined with dots, without the trailing dot; "" is the root. */
  name: string;
  /** Offset just past the name where it started (after its first pointer, if compressed). */
  next: number;
}

/** Reads the name at `o` in message `msg`, following compression pointers; null when malformed. */
export function readName(msg: Uint8Array, o: number): WireName | null {
  let name = "";
  let next = -1;
  let jumps = 0;
  let bytes = 0;
  let p = o;
  for (;;) {
    if (p >= msg.length) return null;
    const len = msg[p];
    if (len === 0) {
      if (next < 0) next = p + 1;
      return { name, next };
    }
    if ((len & 0xc0) === 0xc0) {
      if (p + 1 >= msg.length || ++jumps > MAX_POINTER_JUMPS) return null;
      if (next < 0) next = p + 2;
      p = ((len & 0x3f) << 8) | msg[p + 1];
      continue;
    }
    if (len > 63 || p + 1 + len > msg.length) return null;
    bytes += len + 1;
    if (bytes > MAX_NAME_BYTES) return null;
    name += (name ? "." : "") + ascii(msg, p + 1, len);
    p += 1 + len;
  }
}

/** Offset just past the name at `o` without building it, or -1 when malformed. */
export function skipName(msg: Uint8Array, o: number): number {
  let p = o;
  for (let labels = 0; labels < 128; labels++) {
    if (p >= msg.length) return -1;
    const len = msg[p];
    if (len === 0) return p + 1;
    if ((len & 0xc0) === 0xc0) return p + 2 <= msg.length ? p + 2 : -1;
    if (len > 63) return -1;
    p += 1 + len;
  }
  return -1;
}
