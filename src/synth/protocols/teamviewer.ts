/**
 * TeamViewer over TCP 5938. The protocol is proprietary; what passive tools key on is public: each side's
 * first message is a 37-byte CMD_IDENTIFY starting 17 24 0a 20, and later packets start with the 17 24
 * (v1) or 11 30 (v2) magic followed by a command and an opaque, encrypted body.
 */
import { ByteWriter } from "../byte-writer.js";

export function identify(clientId: number, filler: Uint8Array): Uint8Array {
  return new ByteWriter(37)
    .u8(0x17)
    .u8(0x24)
    .u8(0x0a)
    .u8(0x20)
    .u32le(clientId)
    .raw(filler.subarray(0, 29))
    .bytes();
}

/** A v2 data packet: magic, command, 4-byte little-endian body length, body. */
export function dataPacket(command: number, body: Uint8Array): Uint8Array {
  return new ByteWriter(8 + body.length)
    .u8(0x11)
    .u8(0x30)
    .u8(command)
    .u8(0x00)
    .u32le(body.length)
    .raw(body)
    .bytes();
}
