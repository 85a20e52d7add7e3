import { z } from "zod";

/**
 * What kind of defect an input has: one code per way a person fixes it, stable so that tools and tests match on it
 * instead of on the message.
 */
export const PROBLEM_CODES = {
  unreadable: "the file cannot be read: missing, not a regular file, or the system refused it",
  "unsupported-format": "the file is not of a format read here (not a capture, CSAF, KEV, account list, ...)",
  "size-limit": "the file or a value in it is larger than the bound it is read with",
  "depth-limit": "nesting or alias expansion deeper than the bound it is followed to",
  "yaml-syntax": "the YAML does not parse",
  "json-syntax": "the JSON does not parse",
  "xml-syntax": "the XML does not parse (or breaks a bound of the XML reader); what came before it is kept",
  schema: "a value of the wrong type or shape, or a required one missing",
  "unknown-key": "a key the schema does not know (a misspelling, usually)",
  "unknown-reference": "an id that names no zone, conduit, asset, vendor or requirement of the file",
  "duplicate-id": "an id used twice",
  "subnet-overlap": "two zones claim the same addresses",
  "outside-zone":
    "an asset placed where its zone does not hold it (an address outside its subnets, an answer under another zone or a conduit that does not reach it)",
  "missing-column": "a CSV header lacks a column the file needs",
  "invalid-value": "a value in a line, cell or element that does not parse as what it should be",
  "unparsed-line": "a line or element a parser could not read",
  "unresolved-name": "a name (object, group, chain, map) that the file uses but never defines",
  "not-modelled": "valid input whose meaning otaudit does not follow; what depends on it is unknown",
  "no-effect":
    "a rule, chain, group, answer or disposition that can never match or apply as written (a disposition of a finding this run did not raise is stale)",
  expired:
    "an accepted risk past its last day (dispositions.yaml expires): the finding counts again until the acceptance is renewed or the risk treated",
  "capture-damaged": "a capture file with truncated or malformed records",
  "secret-column":
    "a CSV column that may hold passwords or hashes; ignored, never read, better left out of the export",
  "tool-reported": "the tool that produced the file reported an error in it",
  "no-evidence": "a claim without the evidence it needs, or a command without the inputs it reads",
  "old-evidence":
    "evidence taken longer before the assessment date than plant.yaml's evidence.maxAgeDays (or otaudit's default) allows: take it again",
  "later-evidence":
    "evidence taken after the assessment date (assess --as-of): a review as of a date cannot rest on what was seen later",
} as const;
export type ProblemCode = keyof typeof PROBLEM_CODES;
export const ProblemCode = z.enum(Object.keys(PROBLEM_CODES) as [ProblemCode, ...ProblemCode[]]);

/** Something wrong with an input file, located precisely enough for a person to fix it. */
export const InputProblem = z.strictObject({
  severity: z.enum(["error", "warning"]),
  code: ProblemCode,
  file: z.string(),
  /** 1-based; 0 when the problem concerns the file as a whole. */
  line: z.number().int().nonnegative(),
  column: z.number().int().nonnegative(),
  /** `zones[2].slTarget`, or empty when the problem is not about one value. */
  path: z.string(),
  message: z.string(),
});
export type InputProblem = z.infer<typeof InputProblem>;

/** Where in a file: line 0 for the file as a whole; column 0 when only the line is known. */
export interface ProblemPos {
  line: number;
  column?: number;
  path?: string;
}

/** The one way to build a problem, so that none lacks a code. */
export function problemAt(
  file: string,
  pos: ProblemPos,
  code: ProblemCode,
  message: string,
  severity: InputProblem["severity"] = "error",
): InputProblem {
  return { severity, code, file, line: pos.line, column: pos.column ?? 0, path: pos.path ?? "", message };
}

/** A reporter for one file's line problems into `problems`, for readers that report many. */
export function lineProblems(
  file: string,
  problems: InputProblem[],
  severity: InputProblem["severity"] = "error",
): (line: number, code: ProblemCode, message: string, severity?: InputProblem["severity"]) => void {
  return (line, code, message, s = severity) => {
    problems.push(problemAt(file, { line }, code, message, s));
  };
}

/** The file as a whole. */
export const WHOLE_FILE: ProblemPos = { line: 0 };

export function formatProblem(p: InputProblem): string {
  const where = p.line > 0 ? `${p.file}:${p.line}:${p.column}` : p.file;
  return `${where} ${p.path ? `${p.path}: ` : ""}${p.message}`;
}

/** Problems grouped by code, codes in order of first appearance, each group in the given order. */
export function problemsByCode(problems: readonly InputProblem[]): Map<ProblemCode, InputProblem[]> {
  const groups = new Map<ProblemCode, InputProblem[]>();
  for (const p of problems) {
    const group = groups.get(p.code);
    if (group) group.push(p);
    else groups.set(p.code, [p]);
  }
  return groups;
}

/** `["zones", 2, "slTarget"]` -> `zones[2].slTarget` */
export function formatPath(path: readonly PropertyKey[]): string {
  let out = "";
  for (const part of path) {
    if (typeof part === "number") out += `[${part}]`;
    else out += out ? `.${String(part)}` : String(part);
  }
  return out;
}
