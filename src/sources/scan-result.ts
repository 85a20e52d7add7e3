/** What every scanner importer returns: the report (null when the file is not one) and the problems. */
import type { EvidenceSpan } from "../model/assessment.js";
import { type InputProblem, type ProblemCode, problemAt } from "../model/problem.js";
import type { ScanReport } from "../model/vulnerability.js";
import type { RootElement } from "./xml-stream.js";

export interface ScanResult {
  report: ScanReport | null;
  problems: InputProblem[];
  /** When the scan ran, as the report records it; null when it does not. */
  span?: EvidenceSpan | null;
}

/** Seconds since the epoch as scanners write them (`start="1795511523"`), as ISO 8601; undefined otherwise. */
export function epochSeconds(text: string | undefined): string | undefined {
  if (text === undefined || !/^\d{1,12}$/.test(text.trim())) return undefined;
  const ms = Number(text.trim()) * 1000;
  return ms > 0 && ms < 8.64e15 ? new Date(ms).toISOString() : undefined;
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
