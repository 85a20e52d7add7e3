/**
 * The control evidence of a plant folder, each file read by the importer of its format:
 *
 *   accounts/<system>.csv          Get-LocalUser or Get-ADUser exports, or generic account lists
 *   hardening/<system>.*.inf       secedit /export security templates
 *   hardening/<system>.*.csv       auditpol /r and Get-HotFix exports, told apart by header
 *   network/<device>.*             Cisco IOS / IOS-XE running-configs
 *   backup-register.csv            the backup register, beside plant.yaml's backups
 *   backups/                       backup files, hashed and compared with the register
 *   leavers.csv                    people who left
 *   baseline.yaml                  the site's baseline, over otaudit's default
 *
 * The system a file describes is its name up to the first dot. Notes (README.md, *.txt in accounts/ and
 * hardening/) are left alone. Every problem names its file and line; no file stops the others.
 */
import { existsSync } from "node:fs";
import { join } from "node:path";
import { DEFAULT_BASELINE } from "../model/baseline.js";
import type { ControlEvidence } from "../model/controls.js";
import { type InputProblem, problemAt, WHOLE_FILE } from "../model/problem.js";
import { readAccountFile, systemOfFile } from "./accounts/account-files.js";
import { append } from "./append.js";
import { readBackupRegister } from "./backup-register-csv.js";
import { readBaseline } from "./baseline-yaml.js";
import { readFailureCode } from "./bounded-read.js";
import { readCsvTable } from "./csv-table.js";
import { readLeavers } from "./leavers-csv.js";
import { readCiscoIos } from "./network/cisco-ios.js";
import { readText } from "./text-decode.js";
import { isAuditpolExport, readAuditpol } from "./windows/auditpol-csv.js";
import { isHotfixExport, readHotfixes } from "./windows/hotfix-csv.js";
import { readSeceditInf } from "./windows/secedit-inf.js";

export interface PlantFile {
  /** Relative to the plant folder, with forward slashes: `accounts/ews-01.csv`. */
  path: string;
  absolute: string;
}

export interface HashedFile {
  path: string;
  sha256: string;
  bytes: number;
}

const NOTES = /\.(md|txt)$/i;

export function readControlFiles(
  plantDir: string,
  files: readonly PlantFile[],
  hashes: readonly HashedFile[],
): { controls: ControlEvidence; problems: InputProblem[] } {
  const problems: InputProblem[] = [];
  const controls: ControlEvidence = {
    baseline: DEFAULT_BASELINE,
    accounts: [],
    policies: [],
    auditPolicies: [],
    hotfixes: [],
    networkConfigs: [],
    backupRegister: [],
    backupFiles: existsSync(join(plantDir, "backups")) ? [] : null,
    leavers: null,
  };
  const skipped = (f: PlantFile, message: string) =>
    problems.push(problemAt(f.path, WHOLE_FILE, "unsupported-format", message, "warning"));

  for (const f of files) {
    const path = f.path.replace(/\\/g, "/");
    const folder = path.includes("/") ? path.slice(0, path.indexOf("/")) : "";
    if (path === "baseline.yaml") {
      const read = readBaseline(f.absolute, path);
      controls.baseline = read.baseline;
      append(problems, read.problems);
    } else if (path === "leavers.csv") {
      controls.leavers = readLeavers(f.absolute, path, problems);
    } else if (path === "backup-register.csv") {
      append(controls.backupRegister, readBackupRegister(f.absolute, path, problems));
    } else if (folder === "accounts") {
      if (NOTES.test(path)) continue;
      if (!/\.csv$/i.test(path)) skipped(f, "accounts/ holds CSV files: skipped");
      else append(controls.accounts, readAccountFile(f.absolute, path, problems));
    } else if (folder === "hardening") {
      if (!NOTES.test(path)) readHardeningFile(f, path, controls, problems);
    } else if (folder === "network") {
      if (/\.md$/i.test(path)) continue;
      const text = readOrReport(f, path, problems);
      if (text !== null) controls.networkConfigs.push(readCiscoIos(text, systemOfFile(path), path, problems));
    } else if (folder === "backups" && controls.backupFiles) {
      const hashed = hashes.find((h) => h.path.replace(/\\/g, "/") === path);
      if (hashed)
        controls.backupFiles.push({
          path: path.slice("backups/".length),
          sha256: hashed.sha256,
          bytes: hashed.bytes,
        });
    }
  }
  return { controls, problems };
}

function readHardeningFile(
  f: PlantFile,
  path: string,
  controls: ControlEvidence,
  problems: InputProblem[],
): void {
  const text = readOrReport(f, path, problems);
  if (text === null) return;
  const system = systemOfFile(path);
  if (/\.inf$/i.test(path)) {
    controls.policies.push(readSeceditInf(text, system, path, problems));
    return;
  }
  if (!/\.csv$/i.test(path)) {
    problems.push(
      problemAt(
        path,
        WHOLE_FILE,
        "unsupported-format",
        "hardening/ holds secedit .inf and auditpol or Get-HotFix .csv files: skipped",
        "warning",
      ),
    );
    return;
  }
  const table = readCsvTable(text, path, problems);
  if (!table) return;
  if (isAuditpolExport(table.columns))
    controls.auditPolicies.push(readAuditpol(table, system, path, problems));
  else if (isHotfixExport(table.columns)) controls.hotfixes.push(readHotfixes(table, system, path, problems));
  else
    problems.push(
      problemAt(
        path,
        { line: table.headerLine },
        "unsupported-format",
        "neither an auditpol /r export (Subcategory, Inclusion Setting) nor a Get-HotFix export (HotFixID)",
      ),
    );
}

function readOrReport(f: PlantFile, path: string, problems: InputProblem[]): string | null {
  try {
    return readText(f.absolute).text;
  } catch (err) {
    problems.push(
      problemAt(path, WHOLE_FILE, readFailureCode(err), `cannot be read: ${(err as Error).message}`),
    );
    return null;
  }
}
