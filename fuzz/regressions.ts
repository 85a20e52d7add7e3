/**
 * Inputs that once crashed or hung a target, kept in fuzz/regressions/<target>/ as `<kind>-<hash>.input` with a
 * one-line description in `<kind>-<hash>.txt`; the replay test runs every one and expects it to pass. Those not
 * fixed yet wait in fuzz/regressions/pending/<target>/, replayed and shown as to-do.
 */
import { createHash } from "node:crypto";
import {
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmdirSync,
  writeFileSync,
} from "node:fs";
import { basename, dirname, join } from "node:path";
import type { ErrorInfo } from "./worker.js";

export const REGRESSIONS = "fuzz/regressions";
export const PENDING = "pending";

export type FindingKind = "crash" | "hang" | "oom";

export interface Regression {
  target: string;
  /** The .input file. */
  path: string;
  description: string;
  pending: boolean;
}

function inputsIn(dir: string, target: string, pending: boolean): Regression[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((f) => f.endsWith(".input"))
    .sort()
    .map((f) => {
      const path = join(dir, f);
      const notes = path.replace(/\.input$/, ".txt");
      const description = existsSync(notes) ? (readFileSync(notes, "utf8").split("\n")[0] ?? "") : "";
      return { target, path, description, pending };
    });
}

/** Every regression input, fixed ones first, each target's in name order. */
export function listRegressions(root = REGRESSIONS): Regression[] {
  if (!existsSync(root)) return [];
  const targets = (dir: string) =>
    existsSync(dir)
      ? readdirSync(dir, { withFileTypes: true })
          .filter((e) => e.isDirectory() && e.name !== PENDING)
          .map((e) => e.name)
          .sort()
      : [];
  return [
    ...targets(root).flatMap((t) => inputsIn(join(root, t), t, false)),
    ...targets(join(root, PENDING)).flatMap((t) => inputsIn(join(root, PENDING, t), t, true)),
  ];
}

/** Where a target's regressions go: `root/<target>`, or `root/pending/<target>`. */
export function regressionDir(root: string, target: string, pending = false): string {
  return pending ? join(root, PENDING, target) : join(root, target);
}

/** Saves the input with its description; an input already kept (same bytes) is not written twice. */
export function saveRegression(
  dir: string,
  kind: FindingKind,
  data: Uint8Array,
  description: string,
): string {
  mkdirSync(dir, { recursive: true });
  const name = `${kind}-${createHash("sha256").update(data).digest("hex").slice(0, 16)}`;
  const path = join(dir, `${name}.input`);
  if (!existsSync(path)) {
    writeFileSync(path, data);
    writeFileSync(join(dir, `${name}.txt`), `${description.replace(/\s*\n\s*/g, " ")}\n`);
  }
  return path;
}

/** Moves a regression between the replayed folder and pending/. */
export function moveRegression(r: Regression, root: string, pending: boolean): string {
  const dir = regressionDir(root, r.target, pending);
  mkdirSync(dir, { recursive: true });
  const to = join(dir, basename(r.path));
  renameSync(r.path, to);
  const notes = r.path.replace(/\.input$/, ".txt");
  if (existsSync(notes)) renameSync(notes, to.replace(/\.input$/, ".txt"));
  if (readdirSync(dirname(r.path)).length === 0) rmdirSync(dirname(r.path));
  return to;
}

/** The first stack frame in the project's own code (src/), else the first frame: `fn (src/x.ts:12)`. */
export function topFrame(stack: string): string {
  const frames = stack
    .split("\n")
    .filter((l) => /^\s+at /.test(l))
    .map((l) => l.trim().slice(3));
  const own = frames.find((f) => /[\\/]src[\\/]/.test(f) && !f.includes("node_modules")) ?? frames[0] ?? "";
  // Absolute paths and URLs shortened to the repository's.
  return own.replace(/(file:\/\/)?[^\s(]*?[\\/](dist[\\/])?(src|fuzz|node_modules)[\\/]/, "$3/");
}

/** One line: kind, error and where it was thrown (a broken contract is the target's check: its words say it). */
export function describeFinding(kind: FindingKind, error: ErrorInfo | null, note = ""): string {
  const head = error ? `${error.name}: ${error.message.split("\n")[0]!.slice(0, 240)}` : note;
  const frame = error && error.name !== "ContractBroken" ? topFrame(error.stack) : "";
  return `${kind}: ${head}${frame ? ` @ ${frame}` : ""}${error && note ? ` (${note})` : ""}`;
}

/**
 * What makes two findings the same bug: the kind, the start of the message with its numbers and quoted words
 * blanked (its tail often quotes the input), and the function and file of the frame without line numbers,
 * which move as the code changes.
 */
export function signature(description: string): string {
  const at = description.lastIndexOf(" @ ");
  const head = (at < 0 ? description : description.slice(0, at))
    .replace(/ \((?:\d+ ms|[^)]*MB heap[^)]*)\)$/, "")
    .replace(/"[^"]*"|'[^']*'|`[^`]*`/g, '"…"')
    .replace(/\d+/g, "N")
    .slice(0, 100);
  const frame = at < 0 ? "" : description.slice(at + 3).replace(/:\d+(:\d+)?\)?$/, "");
  return `${head} @ ${frame}`;
}
