/** What every scanner importer returns: the report (null when the file is not one) and the problems. */
import type { InputProblem } from "../model/problem.js";
import type { ScanReport } from "../model/vulnerability.js";

export interface ScanResult {
  report: ScanReport | null;
  problems: InputProblem[];
}

export function xmlProblem(
  file: string,
  line: number,
  column: number,
  message: string,
  severity: InputProblem["severity"] = "error",
): InputProblem {
  return { severity, file, line, column, path: "", message };
}
