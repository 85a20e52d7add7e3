/**
 * Which capture files of a watched folder are complete. tcpdump (`-G`, `-C`) and dumpcap (`-b`) write one
 * file at a time and close it before they open the next, so:
 *  1. files are taken oldest first: by modification time, then by name (digit runs as numbers), which is
 *     also the writing order for a ring buffer (`tcpdump -C -W`) that reuses names;
 *  2. every file but the newest is complete: the writer has moved on to another;
 *  3. the newest is complete once nothing has written to it for the settle time: the capture has stopped.
 * Files are the ones `otaudit capture <folder>` reads (capture names or a capture magic; dot-files are skipped,
 * so a copy made under a dot-name and renamed when done is never read half-written).
 */
import { statSync } from "node:fs";
import { resolve } from "node:path";
import { expandInputs } from "../capture/readers/inputs.js";

export interface CaptureFile {
  /** Absolute path. */
  path: string;
  size: number;
  mtimeMs: number;
}

const naturalOrder = new Intl.Collator("en", { numeric: true, sensitivity: "variant" }).compare;

/** The folder's capture files, oldest first. Throws `CaptureFileError` when the folder does not exist. */
export function listCaptureFiles(folder: string): CaptureFile[] {
  const files: CaptureFile[] = [];
  for (const input of expandInputs([folder])) {
    // A file rotated away (deleted) since the listing is simply gone.
    const s = statSync(input.file, { throwIfNoEntry: false });
    if (s?.isFile()) files.push({ path: resolve(input.file), size: s.size, mtimeMs: Math.floor(s.mtimeMs) });
  }
  return files.sort((a, b) => a.mtimeMs - b.mtimeMs || naturalOrder(a.path, b.path));
}

export interface Completion {
  complete: CaptureFile[];
  /** The newest file while it is still being written. */
  writing: CaptureFile | null;
}

/** Splits oldest-first files into the complete ones and the one still being written. */
export function completion(files: readonly CaptureFile[], nowMs: number, settleMs: number): Completion {
  const newest = files.at(-1);
  if (newest === undefined || nowMs - newest.mtimeMs >= settleMs)
    return { complete: [...files], writing: null };
  return { complete: files.slice(0, -1), writing: newest };
}
