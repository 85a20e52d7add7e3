/**
 * Every file an importer reads goes through here, so that no input can make a read run forever or take all
 * memory: a device, pipe or directory is refused (`/dev/zero` never ends, a FIFO blocks), and so is a file over
 * the limit for its kind. A refusal is an Error whose message says what was found and what was expected; the
 * importers report it as "cannot be read: <message>".
 */
import { closeSync, fstatSync, openSync, readSync, type Stats, statSync } from "node:fs";
import type { ProblemCode } from "../model/problem.js";

const MiB = 1024 * 1024;

/**
 * YAML (plant.yaml, answers.yaml, baseline.yaml, normative texts): the yaml library keeps about 150 bytes per
 * byte of a file while it parses (130,000 assets, 9.5 MB, took 1.4 GB), so 32 MiB, room for 400,000 assets,
 * already needs several GB.
 */
export const MAX_YAML_BYTES = 32 * MiB;
/** CSV exports, JSON advisories and catalogs, configurations read whole: ten times the largest we have seen. */
export const MAX_WHOLE_FILE_BYTES = 256 * MiB;
/**
 * XML scanner reports are streamed with memory bounded per host, so size costs time, not memory; the limit
 * stops a read that cannot end (a file still growing) and reports a file far past any real scan.
 */
export const MAX_STREAMED_BYTES = 16 * 1024 * MiB;

/** Size with its unit, as the problem shows it. */
export function formatBytes(n: number): string {
  if (n >= 1024 * MiB) return `${(n / (1024 * MiB)).toFixed(1)} GiB`;
  if (n >= MiB) return `${(n / MiB).toFixed(1)} MiB`;
  return `${n} bytes`;
}

function refuse(stat: Stats, limit: number): string | null {
  if (!stat.isFile()) {
    const kind = stat.isDirectory()
      ? "a directory"
      : stat.isFIFO()
        ? "a pipe"
        : stat.isCharacterDevice() || stat.isBlockDevice()
          ? "a device"
          : "not a file";
    return `${kind}, expected a regular file; not read`;
  }
  if (stat.size > limit)
    return `${formatBytes(stat.size)}, over the ${formatBytes(limit)} limit for this kind of file; not read`;
  return null;
}

/** Throws unless `path` is a regular file of at most `limit` bytes; for readers that stream the file themselves. */
export function checkReadable(path: string, limit: number): void {
  const refused = refuse(statSync(path), limit);
  if (refused) throw new Error(refused);
}

/**
 * The bytes of `path`, at most `limit` of them. The path is checked before it is opened (opening a FIFO blocks);
 * the open file is checked again, and the read stops past `limit` even if the file grows meanwhile.
 */
export function readBounded(path: string, limit: number): Buffer {
  checkReadable(path, limit);
  const fd = openSync(path, "r");
  try {
    const refused = refuse(fstatSync(fd), limit);
    if (refused) throw new Error(refused);
    const chunks: Buffer[] = [];
    let total = 0;
    for (;;) {
      const chunk = Buffer.allocUnsafe(Math.min(MiB, limit + 1 - total));
      const n = readSync(fd, chunk, 0, chunk.length, null);
      if (n === 0) break;
      chunks.push(chunk.subarray(0, n));
      total += n;
      if (total > limit)
        throw new Error(
          `grew past the ${formatBytes(limit)} limit for this kind of file while read; not read`,
        );
    }
    return Buffer.concat(chunks, total);
  } finally {
    closeSync(fd);
  }
}

/** Why a read failed, as a problem code: over its size bound, or unreadable (missing, a device, refused). */
export function readFailureCode(err: unknown): ProblemCode {
  return /limit for this kind of file/.test((err as Error).message ?? "") ? "size-limit" : "unreadable";
}
