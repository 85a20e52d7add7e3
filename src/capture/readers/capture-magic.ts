/**
 * Tells a capture from any other file by its first bytes, whatever its name: pcap or pcapng, either of them
 * gzip-compressed (the compressed ones are looked into). A plant's captures folder holds notes too.
 */
import { closeSync, openSync, readSync } from "node:fs";
import { constants, gunzipSync } from "node:zlib";
import { pcapMagic } from "./pcap.js";
import { isPcapng } from "./pcapng.js";

/** Compressed bytes read to see the capture header inside a gzip stream; its header may carry a file name. */
const GZIP_PEEK = 64 * 1024;

export type CaptureSniff = { capture: true } | { capture: false; reason: string };

export function sniffCapture(file: string): CaptureSniff {
  let head: Buffer;
  try {
    head = readHead(file, GZIP_PEEK);
  } catch (err) {
    return { capture: false, reason: `cannot be read (${(err as NodeJS.ErrnoException).code ?? "error"})` };
  }
  if (head.length === 0) return { capture: false, reason: "empty file, not a capture" };
  if (isCapture(head)) return { capture: true };
  if (head[0] !== 0x1f || head[1] !== 0x8b) return notCapture(head, "");
  let inner: Buffer;
  try {
    // Only the start of the stream is here: inflate what there is instead of failing on the cut.
    inner = gunzipSync(head, { finishFlush: constants.Z_SYNC_FLUSH });
  } catch (err) {
    return {
      capture: false,
      reason: `gzip-compressed, but the stream is damaged (${(err as Error).message})`,
    };
  }
  return isCapture(inner) ? { capture: true } : notCapture(inner, " after gzip decompression");
}

function isCapture(head: Uint8Array): boolean {
  return pcapMagic(head) !== null || isPcapng(head);
}

function notCapture(head: Uint8Array, where: string): CaptureSniff {
  const magic = Array.from(head.subarray(0, 4), (b) => b.toString(16).padStart(2, "0")).join(" ");
  return { capture: false, reason: `not a pcap or pcapng capture (starts with ${magic}${where})` };
}

function readHead(file: string, length: number): Buffer {
  const fd = openSync(file, "r");
  try {
    const buf = Buffer.alloc(length);
    let n = 0;
    while (n < length) {
      const got = readSync(fd, buf, n, length - n, n);
      if (got === 0) break;
      n += got;
    }
    return buf.subarray(0, n);
  } finally {
    closeSync(fd);
  }
}
