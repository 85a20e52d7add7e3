/**
 * A list of files read as a plant's advisories/ folder is (by the registry's importers, importers.ts): each
 * JSON file is a CSAF advisory or a KEV catalog, told apart by content. A file that is neither, or is not
 * JSON, is reported and skipped; other file types (a README beside the advisories) are left alone.
 */
import { readdirSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import type { InputProblem } from "../model/problem.js";
import type { Advisory, KevCatalog } from "../model/vulnerability.js";
import { importFilesSync, newestKev } from "./plant-evidence.js";

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
  const { records, problems } = importFilesSync(
    "advisories/",
    files.map((f) => ({ path: f.display, absolute: f.absolute })),
  );
  return { advisories: records.advisories, kev: newestKev(records.kevCatalogs), problems };
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
