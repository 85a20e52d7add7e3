/** Test support: the CLI run as a person runs it, in a process of its own, and copies of the example plant. */
import { spawnSync } from "node:child_process";
import { cpSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

/** main.ts under tsx, the compiled main.js under `npm test`: whichever this file is. */
export const MAIN = fileURLToPath(new URL("./main.js", import.meta.url));

export interface CliRun {
  code: number | null;
  out: string;
  err: string;
}

export function otaudit(args: string[], cwd = process.cwd()): CliRun {
  const r = spawnSync(process.execPath, [...process.execArgv, MAIN, ...args], {
    cwd,
    encoding: "utf8",
    env: { ...process.env, NO_COLOR: "1" },
    timeout: 120_000,
    maxBuffer: 256 * 1024 * 1024,
  });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

const copies: string[] = [];

/** A copy of examples/water-treatment without its outputs and workspace, at `<tmp>/plant`. */
export function copyOfExample(): string {
  const dir = join(mkdtempSync(join(tmpdir(), "otaudit-cli-")), "plant");
  copies.push(dirname(dir));
  cpSync("examples/water-treatment", dir, {
    recursive: true,
    filter: (src) => !src.endsWith("/out") && !src.includes(".otaudit"),
  });
  return dir;
}

/** Removes the copies made so far (a test file's `after`). */
export function removeCopies(): void {
  for (const dir of copies.splice(0)) rmSync(dir, { recursive: true, force: true });
}
