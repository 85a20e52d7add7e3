/** Turns the paths a user gives (files and folders of rotated captures) into the ordered list of files to read. */
import { readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { sniffCapture } from "./capture-magic.js";
import { CaptureFileError } from "./open-capture.js";

export interface CaptureInput {
  /** Where the file is, for reading. */
  file: string;
  /** How the report names it: the caller's path, or the caller's folder joined with the file name. */
  display: string;
  size: number;
}

const CAPTURE_NAME = /\.(pcap|pcapng|cap|dmp)\d*(\.gz)?$/i;

/**
 * Rotated files sort by name with digit runs compared as numbers: `c.pcap2` before `c.pcap10`. Built on first
 * use: creating the collator costs more than reading a small capture.
 */
let collator: Intl.Collator | undefined;
function naturalOrder(a: string, b: string): number {
  collator ??= new Intl.Collator("en", { numeric: true, sensitivity: "variant" });
  return collator.compare(a, b);
}

/**
 * Files given by name are always read; in a folder (and its subfolders), only files named like captures
 * (`*.pcap`, `*.pcapng.gz`, `*.pcap3`, ...) or starting with a pcap/pcapng magic (tcpdump -C rotation).
 */
export function expandInputs(paths: readonly string[]): CaptureInput[] {
  const inputs: CaptureInput[] = [];
  for (const path of paths) {
    let stat: ReturnType<typeof statSync>;
    try {
      stat = statSync(path);
    } catch {
      throw new CaptureFileError(path, "no such file or folder");
    }
    if (!stat.isDirectory()) {
      inputs.push({ file: path, display: path, size: stat.size });
      continue;
    }
    collectFolder(path, inputs, 0);
  }
  return inputs;
}

/** Folders nest (a day per folder) but not without bound. */
const MAX_FOLDER_DEPTH = 8;

/** Files of a folder in natural name order, each subfolder's files where its name sorts. */
function collectFolder(folder: string, inputs: CaptureInput[], depth: number): void {
  const names = readdirSync(folder)
    .filter((n) => !n.startsWith("."))
    .sort(naturalOrder);
  for (const name of names) {
    const file = join(folder, name);
    const s = statSync(file, { throwIfNoEntry: false });
    if (s?.isDirectory()) {
      if (depth < MAX_FOLDER_DEPTH) collectFolder(file, inputs, depth + 1);
      continue;
    }
    if (!s?.isFile() || !(CAPTURE_NAME.test(name) || sniffCapture(file).capture)) continue;
    inputs.push({ file, display: file, size: s.size });
  }
}
