/**
 * Runs a command and measures it: wall time from this process's clock; CPU time and peak resident set size
 * from GNU time (`/usr/bin/time -f "%M %U %S"`: the kernel's rusage of the child, which Node cannot read for
 * a child process). CPU time stays meaningful when other work shares the machine; wall time does not.
 */
import { spawn } from "node:child_process";
import { accessSync, constants, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { delimiter, join } from "node:path";

const GNU_TIME = "/usr/bin/time";

export interface Measurement {
  seconds: number;
  /** User + system CPU seconds of the child, or null when GNU time is not available. */
  cpuSeconds: number | null;
  /** Peak RSS in bytes, or null when GNU time is not available. */
  peakRss: number | null;
}

/** The absolute path of `tool` on PATH, or null when it is not installed. */
export function findTool(tool: string): string | null {
  for (const dir of (process.env.PATH ?? "").split(delimiter)) {
    if (dir === "") continue;
    const candidate = join(dir, tool);
    try {
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {
      // not in this directory
    }
  }
  return null;
}

const hasGnuTime = (() => {
  try {
    accessSync(GNU_TIME, constants.X_OK);
    return true;
  } catch {
    return false;
  }
})();

/** Runs `argv` with output discarded; rejects when it exits non-zero. */
export async function measure(argv: readonly string[]): Promise<Measurement> {
  const dir = mkdtempSync(join(tmpdir(), "otaudit-measure-"));
  const timeFile = join(dir, "time.txt");
  const command = hasGnuTime ? [GNU_TIME, "-f", "%M %U %S", "-o", timeFile, ...argv] : [...argv];
  const started = process.hrtime.bigint();
  try {
    await new Promise<void>((resolve, reject) => {
      const child = spawn(command[0], command.slice(1), { stdio: ["ignore", "ignore", "pipe"] });
      let err = "";
      child.stderr.on("data", (d: Buffer) => {
        if (err.length < 4000) err += d.toString();
      });
      child.on("error", reject);
      child.on("close", (code) =>
        code === 0 ? resolve() : reject(new Error(`${argv.join(" ")} exited ${code}: ${err.trim()}`)),
      );
    });
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    if (!hasGnuTime) return { seconds, cpuSeconds: null, peakRss: null };
    // GNU time prints "Command exited with non-zero status" lines before the format on failure; ours is last.
    const fields = (readFileSync(timeFile, "utf8").trim().split("\n").pop() ?? "").split(" ").map(Number);
    const [rssKb, user, system] = fields;
    return {
      seconds,
      cpuSeconds: Number.isFinite(user + system) ? user + system : null,
      peakRss: Number.isFinite(rssKb) ? rssKb * 1024 : null,
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
