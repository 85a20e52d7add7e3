/**
 * A plant's advisories/ folder (or any list of files): each JSON file is a CSAF advisory or a KEV catalog,
 * told apart by content. A file that is neither, or is not JSON, is reported and skipped; other file types
 * (a README beside the advisories) are left alone.
 */
import { readdirSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { type InputProblem, type ProblemCode, problemAt, WHOLE_FILE } from "../model/problem.js";
import type { Advisory, KevCatalog } from "../model/vulnerability.js";
import { append } from "./append.js";
import { readFailureCode } from "./bounded-read.js";
import { isCsaf, readCsaf } from "./csaf.js";
import { isKevCatalog, readKev } from "./kev.js";
import { readText } from "./text-decode.js";

export interface AdvisoryFile {
  absolute: string;
  /** The name used in evidence and problems. */
  display: string;
}

export interface AdvisoryFiles {
  advisories: Advisory[];
  /** The newest catalog when several are given. */
  kev: KevCatalog | null;
  problems: InputProblem[];
}

export function readAdvisoryFiles(files: readonly AdvisoryFile[]): AdvisoryFiles {
  const advisories: Advisory[] = [];
  const catalogs: KevCatalog[] = [];
  const problems: InputProblem[] = [];
  const seen = new Map<string, string>();
  for (const f of files) {
    if (!f.absolute.toLowerCase().endsWith(".json")) continue;
    const whole = (code: ProblemCode, message: string, severity: InputProblem["severity"] = "error") =>
      problemAt(f.display, WHOLE_FILE, code, message, severity);
    let text: string;
    try {
      text = readText(f.absolute).text;
    } catch (err) {
      problems.push(whole(readFailureCode(err), `cannot be read: ${(err as Error).message}`));
      continue;
    }
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch (err) {
      problems.push(whole("json-syntax", `not readable as JSON: ${(err as Error).message}`));
      continue;
    }
    if (isKevCatalog(json)) {
      const { kev, problems: p } = readKev(json, f.display);
      append(problems, p);
      if (kev) catalogs.push(kev);
    } else if (isCsaf(json)) {
      const { advisory, problems: p } = readCsaf(json, f.display);
      append(problems, p);
      if (!advisory) continue;
      const earlier = seen.get(advisory.id);
      if (earlier) {
        problems.push(
          whole(
            "duplicate-id",
            `advisory ${advisory.id} already read from ${earlier}; this copy is skipped`,
            "warning",
          ),
        );
        continue;
      }
      seen.set(advisory.id, f.display);
      advisories.push(advisory);
    } else {
      problems.push(
        whole("unsupported-format", "neither a CSAF advisory nor a KEV catalog; skipped", "warning"),
      );
    }
  }
  const kev = catalogs.sort((a, b) => b.version.localeCompare(a.version))[0] ?? null;
  return { advisories, kev, problems };
}

/** Every file under `dir`, named relative to `base` (the plant folder, or the current directory). */
export function advisoryFilesIn(dir: string, base = process.cwd()): AdvisoryFile[] {
  const stat = statSync(dir);
  const paths = stat.isDirectory()
    ? readdirSync(dir, { withFileTypes: true, recursive: true })
        .filter((e) => e.isFile() && !e.name.startsWith("."))
        .map((e) => join(e.parentPath, e.name))
        .sort()
    : [dir];
  return paths.map((absolute) => ({ absolute, display: relative(base, absolute) || absolute }));
}
