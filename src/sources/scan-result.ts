/** What every scanner importer returns: the report (null when the file is not one) and the problems. */
import { type InputProblem, type ProblemCode, problemAt } from "../model/problem.js";
import type { ScanReport } from "../model/vulnerability.js";
import type { RootElement } from "./xml-stream.js";

export interface ScanResult {
  report: ScanReport | null;
  problems: InputProblem[];
}

/** The result for a file that is not the report a reader expects: unreadable, or of another root element. */
export function notReport(file: string, root: RootElement, expected: string): ScanResult {
  const problem =
    "unreadable" in root
      ? xmlProblem(file, 0, 0, "unreadable", `cannot be read: ${root.unreadable}`)
      : xmlProblem(
          file,
          0,
          0,
          "unsupported-format",
          `not ${expected} (root element <${root.name ?? "none"}>)`,
        );
  return { report: null, problems: [problem] };
}

export function xmlProblem(
  file: string,
  line: number,
  column: number,
  code: ProblemCode,
  message: string,
  severity: InputProblem["severity"] = "error",
): InputProblem {
  return problemAt(file, { line, column }, code, message, severity);
}
