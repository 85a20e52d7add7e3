/**
 * An output folder that always holds one whole run's set. A run writes its set into a staging folder beside the
 * output folder, ends it with the marker, and swaps it in by renames. A folder that is not empty cannot be
 * renamed over, so the swap takes two: the old folder goes aside, the new one takes its name, and only then is
 * the old one removed. A run killed before the swap leaves the old set in place; one killed between the two
 * renames leaves it aside, and the next run puts it back before anything else.
 *
 * The marker lists what otaudit wrote. Whatever else a marked folder holds (watch's alerts.jsonl, a person's
 * notes) is carried into the new folder by hard links, so nothing is copied or lost; a folder that holds files
 * otaudit did not write and carries no marker is refused, never swapped away.
 */
import { createHash } from "node:crypto";
import {
  closeSync,
  copyFileSync,
  existsSync,
  fsyncSync,
  linkSync,
  lstatSync,
  mkdirSync,
  openSync,
  readdirSync,
  readFileSync,
  readlinkSync,
  realpathSync,
  renameSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from "node:fs";
import { basename, dirname, isAbsolute, join, relative, resolve } from "node:path";
import { OutputMarker } from "../model/output-set.js";
import { RequestError } from "./errors.js";

export const MARKER = ".otaudit-outputs.json";

/** What otaudit wrote into an output folder before sets had a marker: a folder of only these is otaudit's. */
const UNMARKED_OUTPUTS = new Set([
  "report.html",
  "report.pdf",
  "report.docx",
  "actions.xlsx",
  "assessment.json",
  "findings.csv",
  "assets.csv",
  "gaps.csv",
  "risks.csv",
]);
/** A file of an earlier version's write, left by a kill (`report.html.4242.tmp`). */
const UNMARKED_TEMPORARY = /\.\d+\.tmp$/;
/** `otaudit watch` appends its alerts here by default: not part of a set, but otaudit's, and kept. */
const ALERTS_FILE = "alerts.jsonl";

type Aside = "staging" | "previous";

/** The folders a run keeps beside the output folder, named so the next run finds what a killed one left. */
function asidePath(dir: string, kind: Aside, pid = process.pid): string {
  return join(dirname(dir), `.${basename(dir)}.otaudit-${kind}-${pid}`);
}

interface Ownership {
  /** Entries of the current set, replaced by the new one. */
  ours: Set<string>;
  /** Everything else: carried into the new folder. */
  carried: string[];
}

export interface RunIdentity {
  id: string;
  site: string;
  finishedAt: string;
  tool: { name: string; version: string };
}

/** One run's set under construction. */
export class OutputSet {
  private readonly files: OutputMarker["files"] = [];

  private constructor(
    /** The output folder, symbolic links resolved: the swap renames the real folder, never a link to it. */
    readonly dir: string,
    private readonly staging: string,
  ) {}

  /** Puts back what a killed run left, checks the folder is otaudit's to replace, and starts the staging folder. */
  static begin(outDir: string): OutputSet {
    const dir = realFolder(outDir);
    recover(dir);
    ownership(outDir, dir);
    const staging = asidePath(dir, "staging");
    mkdirSync(dirname(dir), { recursive: true });
    rmSync(staging, { recursive: true, force: true });
    mkdirSync(staging);
    return new OutputSet(dir, staging);
  }

  /** The set's files in the order they were put. */
  get names(): string[] {
    return this.files.map((f) => f.name);
  }

  put(name: string, content: string | Uint8Array): void {
    const bytes = typeof content === "string" ? Buffer.from(content) : content;
    writeDurably(join(this.staging, name), bytes);
    this.files.push({
      name,
      bytes: bytes.length,
      sha256: createHash("sha256").update(bytes).digest("hex"),
    });
  }

  /** Ends the set with its marker and swaps it in; the output folder then holds it whole. */
  commit(run: RunIdentity): void {
    const marker: OutputMarker = {
      tool: `${run.tool.name} ${run.tool.version}`,
      runId: run.id,
      site: run.site,
      finishedAt: run.finishedAt,
      files: this.files,
    };
    writeDurably(join(this.staging, MARKER), Buffer.from(`${JSON.stringify(marker, null, 2)}\n`));
    // Asked again: the folder may have changed while the set was written.
    const { ours, carried } = ownership(this.dir, this.dir);
    for (const name of carried) carry(join(this.dir, name), join(this.staging, name));
    syncFolder(this.staging);
    swap(this.dir, this.staging, ours);
  }

  /** Removes the staging folder of a set that will not be committed. */
  abandon(): void {
    rmSync(this.staging, { recursive: true, force: true });
  }
}

/**
 * Refuses (RequestError) an output folder otaudit may not replace: a file, a folder holding the current one, or a
 * folder with files otaudit did not write and no marker. Changes nothing.
 */
export function checkOutputFolder(outDir: string): void {
  ownership(outDir, realFolder(outDir));
}

function realFolder(outDir: string): string {
  const dir = resolve(outDir);
  try {
    return realpathSync(dir);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === "ENOENT") return dir;
    throw err;
  }
}

/** Which entries of `dir` belong to its set and which are carried; throws RequestError when it is not ours. */
function ownership(shown: string, dir: string): Ownership {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === "ENOENT") return { ours: new Set(), carried: [] };
    if (code === "ENOTDIR") throw new RequestError(`${shown} is a file, not a folder for the outputs`);
    throw err;
  }
  const within = relative(dir, process.cwd());
  if (within === "" || (!within.startsWith("..") && !isAbsolute(within)))
    throw new RequestError(`${shown} holds the current folder; choose a folder of its own for the outputs`);
  const marker = readMarker(dir);
  if (marker !== null) {
    const ours = new Set([MARKER, ...marker.files.map((f) => f.name)]);
    return { ours, carried: names.filter((n) => !ours.has(n)) };
  }
  const foreign = names.filter(
    (n) => !UNMARKED_OUTPUTS.has(n) && !UNMARKED_TEMPORARY.test(n) && n !== ALERTS_FILE,
  );
  if (foreign.length > 0) {
    const listed =
      foreign.slice(0, 5).join(", ") + (foreign.length > 5 ? `, and ${foreign.length - 5} more` : "");
    throw new RequestError(
      `${shown} holds files otaudit did not write (${listed}); choose a new or empty folder for the outputs`,
    );
  }
  return {
    ours: new Set(names.filter((n) => n !== ALERTS_FILE)),
    carried: names.filter((n) => n === ALERTS_FILE),
  };
}

function readMarker(dir: string): OutputMarker | null {
  try {
    return OutputMarker.parse(JSON.parse(readFileSync(join(dir, MARKER), "utf8")));
  } catch {
    return null;
  }
}

/**
 * Puts back a set a killed run left aside (it died between its two renames) and removes the staging and
 * previous folders of runs that are gone. Folders of a run still going are left to it.
 */
function recover(dir: string): void {
  const prefix = `.${basename(dir)}.otaudit-`;
  let names: string[];
  try {
    names = readdirSync(dirname(dir));
  } catch {
    return;
  }
  const left = names.flatMap((name) => {
    const m = name.startsWith(prefix) ? /^(staging|previous)-(\d+)$/.exec(name.slice(prefix.length)) : null;
    if (!m || running(Number(m[2]))) return [];
    return [{ path: join(dirname(dir), name), previous: m[1] === "previous" }];
  });
  left.sort((a, b) => Number(b.previous) - Number(a.previous));
  for (const l of left) {
    if (l.previous && !existsSync(dir)) renameSync(l.path, dir);
    else rmSync(l.path, { recursive: true, force: true });
  }
}

function running(pid: number): boolean {
  if (pid === process.pid) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === "EPERM";
  }
}

/** Swaps `staging` in as `dir`, then removes the old folder (after saving anything that arrived meanwhile). */
function swap(dir: string, staging: string, ours: Set<string>): void {
  if (!existsSync(dir)) {
    renameSync(staging, dir);
    syncFolder(dirname(dir));
    return;
  }
  const previous = asidePath(dir, "previous");
  renameSync(dir, previous);
  renameSync(staging, dir);
  syncFolder(dirname(dir));
  // A file created in the old folder after it was carried (watch's first alert) moves over rather than going.
  for (const name of readdirSync(previous)) {
    if (!ours.has(name) && !existsSync(join(dir, name))) renameSync(join(previous, name), join(dir, name));
  }
  rmSync(previous, { recursive: true, force: true });
}

/** Gives `to` the entry at `from`: a hard link to each file (the same file, not a copy), folders recreated. */
function carry(from: string, to: string): void {
  const stat = lstatSync(from);
  if (stat.isDirectory()) {
    mkdirSync(to);
    for (const name of readdirSync(from)) carry(join(from, name), join(to, name));
  } else if (stat.isSymbolicLink()) {
    symlinkSync(readlinkSync(from), to);
  } else {
    try {
      linkSync(from, to);
    } catch {
      // File systems without hard links: a copy, which misses what is appended to the original meanwhile.
      copyFileSync(from, to);
    }
  }
}

/** Writes a new file and flushes it, so a rename that shows it never shows it half written. */
function writeDurably(path: string, bytes: Uint8Array): void {
  const fd = openSync(path, "wx");
  try {
    writeFileSync(fd, bytes);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/** Flushes a folder's entries (the renames); where folders cannot be opened (Windows), the rename stands alone. */
function syncFolder(dir: string): void {
  let fd: number;
  try {
    fd = openSync(dir, "r");
  } catch {
    return;
  }
  try {
    fsyncSync(fd);
  } catch {
    // Some file systems refuse fsync on a folder; the renames are done either way.
  } finally {
    closeSync(fd);
  }
}
