/** What the targets share: the repository's files as seeds, and a scratch file for importers that read paths. */
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { threadId } from "node:worker_threads";

/**
 * Files under `dir` (relative to the repository root, the working directory) whose names match, sorted; `dir`
 * may also be one file.
 */
export function repoFiles(dir: string, name: RegExp = /./): string[] {
  if (!existsSync(dir)) return [];
  if (statSync(dir).isFile()) return [dir];
  return readdirSync(dir, { recursive: true, encoding: "utf8" })
    .map((f) => join(dir, f))
    .filter((f) => name.test(f) && statSync(f).isFile())
    .sort();
}

export function readSeeds(files: readonly string[]): Uint8Array[] {
  return files.map((f) => new Uint8Array(readFileSync(f)));
}

/** The folder under which this process's workers keep their scratch files (removed by the engine at the end). */
export function scratchRoot(pid = process.pid): string {
  return join(existsSync("/dev/shm") ? "/dev/shm" : tmpdir(), `otaudit-fuzz-${pid}`);
}

/** A folder of this worker thread's own, created on first use. */
export function scratchDir(): string {
  const dir = join(scratchRoot(), `t${threadId}`);
  mkdirSync(dir, { recursive: true });
  return dir;
}

/** Writes the input to `name` in the worker's scratch folder and returns its path. */
export function scratchFile(name: string, data: Uint8Array): string {
  const path = join(scratchDir(), name);
  mkdirSync(join(path, ".."), { recursive: true });
  writeFileSync(path, data);
  return path;
}
