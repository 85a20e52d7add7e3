/**
 * `auditpol /get /category:* /r`: Machine Name, Policy Target, Subcategory, Subcategory GUID, Inclusion
 * Setting, Exclusion Setting; a blank line may precede the header. The GUID identifies the subcategory on
 * every display language; the inclusion setting is read in English (`No Auditing`, `Success`, `Failure`,
 * `Success and Failure`): a row in another language is reported and skipped.
 */
import type { AuditSetting } from "../../model/baseline.js";
import type { AuditPolicy } from "../../model/controls.js";
import { type InputProblem, problemAt } from "../../model/problem.js";
import type { CsvTable } from "../csv-table.js";

export function isAuditpolExport(columns: readonly string[]): boolean {
  return columns.includes("subcategory") && columns.includes("inclusionsetting");
}

const SETTINGS: Record<string, AuditSetting> = {
  "no auditing": "none",
  success: "success",
  failure: "failure",
  "success and failure": "success-and-failure",
};

export function readAuditpol(
  table: CsvTable,
  system: string,
  file: string,
  problems: InputProblem[],
): AuditPolicy {
  const settings: AuditPolicy["settings"] = [];
  for (const row of table.rows) {
    const subcategory = row.cells.subcategory ?? "";
    const raw = row.cells.inclusionsetting ?? "";
    const setting = SETTINGS[raw.toLowerCase()];
    if (!subcategory || setting === undefined) {
      problems.push(
        problemAt(
          file,
          { line: row.line },
          subcategory ? "invalid-value" : "schema",
          subcategory
            ? `${subcategory}: inclusion setting "${raw.slice(0, 40)}" is not No Auditing, Success, Failure or Success and Failure: skipped`
            : "row skipped: no subcategory",
          "warning",
        ),
      );
      continue;
    }
    const guid = row.cells.subcategoryguid?.toUpperCase() || null;
    settings.push({ subcategory, guid, setting, line: row.line });
  }
  return { system, file, settings };
}
