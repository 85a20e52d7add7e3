/**
 * The alerts JSON-lines file: one raised alert per line, appended and flushed to disk in the order raised.
 * Each line carries the notice's `seq`; on start the last complete line says how far the file got, so a
 * process killed between writing and recording the delivery neither repeats nor loses a line, and a line cut
 * short by the kill is removed before writing resumes.
 */
import {
  closeSync,
  fstatSync,
  fsyncSync,
  ftruncateSync,
  mkdirSync,
  openSync,
  readSync,
  writeSync,
} from "node:fs";
import { dirname } from "node:path";
import type { AlertNotice } from "../../model/alert.js";

const TAIL_BLOCK = 64 * 1024;

export class AlertsFile {
  constructor(readonly path: string) {}

  /** The `seq` of the last complete line (0 when there is none), after cutting off an incomplete last line. */
  lastSeq(): number {
    let fd: number;
    try {
      fd = openSync(this.path, "r+");
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === "ENOENT") return 0;
      throw err;
    }
    try {
      const size = fstatSync(fd).size;
      const end = completeEnd(fd, size);
      if (end < size) ftruncateSync(fd, end);
      const line = lastLine(fd, end);
      if (line === null) return 0;
      try {
        const seq = (JSON.parse(line) as { seq?: unknown }).seq;
        return typeof seq === "number" && Number.isInteger(seq) && seq > 0 ? seq : 0;
      } catch {
        return 0;
      }
    } finally {
      closeSync(fd);
    }
  }

  append(notices: readonly AlertNotice[]): void {
    if (notices.length === 0) return;
    mkdirSync(dirname(this.path), { recursive: true });
    const fd = openSync(this.path, "a");
    try {
      const text = Buffer.from(notices.map((n) => `${JSON.stringify(n)}\n`).join(""));
      let off = 0;
      while (off < text.length) off += writeSync(fd, text, off, text.length - off);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
  }
}

/** Offset just past the last newline (0 when there is none). */
function completeEnd(fd: number, size: number): number {
  const buf = Buffer.alloc(TAIL_BLOCK);
  for (let end = size; end > 0; ) {
    const start = Math.max(0, end - TAIL_BLOCK);
    const n = readSync(fd, buf, 0, end - start, start);
    const i = buf.subarray(0, n).lastIndexOf(10);
    if (i >= 0) return start + i + 1;
    end = start;
  }
  return 0;
}

/** The text of the line ending at `end` (which is just past a newline), or null for an empty file. */
function lastLine(fd: number, end: number): string | null {
  if (end === 0) return null;
  const before = completeEnd(fd, end - 1);
  const buf = Buffer.alloc(end - 1 - before);
  readSync(fd, buf, 0, buf.length, before);
  return buf.toString("utf8");
}
