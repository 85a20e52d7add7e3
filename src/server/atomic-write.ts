/** Writes a file so that a crash leaves either the old or the new content, never half of it. */

import { randomBytes } from "node:crypto";
import { closeSync, fchmodSync, fsyncSync, openSync, renameSync, rmSync, statSync, writeSync } from "node:fs";
import { basename, dirname, join } from "node:path";

export function writeFileAtomic(path: string, text: string): void {
  // Same folder as the target, so the rename stays on one file system and is atomic.
  const temp = join(dirname(path), `.${basename(path)}.${randomBytes(6).toString("hex")}.tmp`);
  // The replacement keeps the permissions of the file it replaces: a 600 answers.yaml must not become readable.
  const mode = statSync(path, { throwIfNoEntry: false })?.mode;
  const fd = openSync(temp, "wx", mode === undefined ? 0o644 : 0o600);
  try {
    if (mode !== undefined) fchmodSync(fd, mode & 0o7777);
    writeSync(fd, text);
    fsyncSync(fd);
  } catch (err) {
    closeSync(fd);
    rmSync(temp, { force: true });
    throw err;
  }
  closeSync(fd);
  renameSync(temp, path);
}
