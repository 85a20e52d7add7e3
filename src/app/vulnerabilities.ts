/**
 * Vulnerability identification without a plant model: `otaudit vulns --inventory` matches an asset register
 * against advisories. (A plant folder's advisories/ and scans/ are read by readPlantEvidence.)
 */
import { existsSync } from "node:fs";
import { relative } from "node:path";
import { exposureModel } from "../analysis/vulnerabilities/exposure.js";
import { type ReportAsset, vulnerabilityReport } from "../analysis/vulnerabilities/report.js";
import { type InputProblem, problemAt, WHOLE_FILE } from "../model/problem.js";
import type { RegisterRow, VulnerabilityReport } from "../model/vulnerability.js";
import { advisoryFilesIn, readAdvisoryFiles } from "../sources/advisory-files.js";
import { readInventoryCsv } from "../sources/inventory-csv.js";

export interface RegisterOptions {
  /** inventory.csv */
  inventory: string;
  /** A folder of CSAF advisories (and possibly a KEV catalog), or one file. */
  advisories: string;
  /** A KEV catalog; overrides one found among the advisories. */
  kev?: string;
}

/** Matches an asset register against advisories. Without a zone model, exposure is "unknown". */
export function vulnerabilitiesOfRegister(options: RegisterOptions): {
  report: VulnerabilityReport;
  problems: InputProblem[];
  /** False when the register could not be read at all (no header, missing columns). */
  readable: boolean;
} {
  const display = (p: string) => relative(process.cwd(), p) || p;
  const { rows, problems } = readInventoryCsv(options.inventory, display(options.inventory));
  const advisories = readAdvisoryFiles(advisoryFilesIn(options.advisories));
  problems.push(...advisories.problems);
  let kev = advisories.kev;
  if (options.kev) {
    const read = readAdvisoryFiles([{ absolute: options.kev, display: display(options.kev) }]);
    problems.push(...read.problems);
    if (!read.kev && existsSync(options.kev))
      problems.push(problemAt(display(options.kev), WHOLE_FILE, "unsupported-format", "not a KEV catalog"));
    kev = read.kev ?? kev;
  }
  const report = vulnerabilityReport({
    assets: rows.map(registerAsset),
    advisories: advisories.advisories,
    kev,
    scans: [],
    scanFindings: [],
    exposure: exposureModel(null, null),
  });
  const readable =
    rows.length > 0 || !problems.some((p) => p.severity === "error" && p.file === display(options.inventory));
  return { report, problems, readable };
}

function registerAsset(row: RegisterRow): ReportAsset {
  return {
    id: row.id,
    name: row.name,
    zone: row.extra.zone ?? null,
    ips: (row.extra.ip ?? row.extra.ips ?? "").split(/[\s;,]+/).filter(Boolean),
    vendor: row.vendor,
    product: row.product,
    model: row.model,
    firmware: row.firmware,
    firmwareSource: `${row.evidence.file}:${row.evidence.line}`,
    evidence: [row.evidence],
  };
}
