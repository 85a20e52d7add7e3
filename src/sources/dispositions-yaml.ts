/**
 * Loads dispositions.yaml: the schema check (each status with what it needs, no unknown key), then checks against
 * otaudit's rules and the IEC 62443-3-3 catalogue, and the line of every entry. An id whose rule does not exist is
 * an error here; whether the run raises the finding is known only after the rules ran (a disposition of a finding
 * the run does not raise is stale: analysis/dispositions, a warning).
 */
import { type DispositionSet, DispositionsFile } from "../model/dispositions.js";
import type { RuleInfo } from "../model/finding.js";
import { suggest } from "../model/ids.js";
import { formatPath, type InputProblem } from "../model/problem.js";
import { systemRequirement } from "../standard/requirements.js";
import { loadYamlFile, type ReferenceProblem, type YamlFile } from "./yaml-file.js";

export interface DispositionsLoad {
  dispositions: DispositionSet | undefined;
  /** Every problem of the file, errors and warnings, in line order. */
  problems: InputProblem[];
}

export function loadDispositionsFile(
  path: string,
  rules: readonly RuleInfo[],
  displayName = path,
): DispositionsLoad {
  const { loaded, problems } = loadYamlFile(
    path,
    displayName,
    DispositionsFile,
    (value) => checkDispositionReferences(value, rules),
    entryLines,
  );
  if (!loaded) return { dispositions: undefined, problems };
  const lines = loaded.spec.dispositions.map((_, i) => loaded.lines[`dispositions.${i}`] ?? 1);
  return { dispositions: { file: loaded.file, spec: loaded.spec, lines }, problems };
}

function entryLines(yaml: YamlFile): Record<string, number> {
  const lines: Record<string, number> = {};
  // An empty file reads as null: nothing disposed of yet.
  const entries = ((yaml.value ?? {}) as { dispositions?: unknown }).dispositions;
  if (Array.isArray(entries))
    entries.forEach((_, i) => {
      lines[`dispositions.${i}`] = yaml.locate(["dispositions", i]).line;
    });
  return lines;
}

type Raw = Record<string, unknown>;
const str = (v: unknown): string | undefined => (typeof v === "string" ? v : undefined);
const DAY = /^\d{4}-\d{2}-\d{2}$/;
// Ids that do not look like one are the schema's to report; these checks only ask whether they exist.
const LOOKS_LIKE_FINDING = /^([A-Z]+-\d+):.+$/;
const LOOKS_LIKE_REQUIREMENT = /^SR \d\.\d{1,2}( RE \d{1,2})?$/;

/**
 * Checks over the raw value, so one run reports every problem: the rule a finding id names must exist, a finding is
 * disposed of once, an acceptance must not end before the day it was given, and a compensated finding's
 * requirements must be catalogue requirements its rule bears on.
 */
export function checkDispositionReferences(value: unknown, rules: readonly RuleInfo[]): ReferenceProblem[] {
  if (!value || typeof value !== "object") return [];
  const entries = (value as Raw).dispositions;
  if (!Array.isArray(entries)) return [];
  const byId = new Map(rules.map((r) => [r.id, r]));
  const problems: ReferenceProblem[] = [];
  const err = (path: PropertyKey[], code: ReferenceProblem["code"], message: string) =>
    problems.push({ path, code, message, severity: "error" });
  const seen = new Map<string, number>();
  entries.forEach((raw: unknown, i) => {
    const e = raw && typeof raw === "object" ? (raw as Raw) : {};
    const at = (field: string): PropertyKey[] => ["dispositions", i, field];
    const finding = str(e.finding);
    const ruleId = finding?.match(LOOKS_LIKE_FINDING)?.[1];
    const rule = ruleId === undefined ? undefined : byId.get(ruleId);
    if (ruleId !== undefined && !rule)
      err(
        at("finding"),
        "unknown-reference",
        `unknown rule "${ruleId}" in finding id "${finding}": no rule of otaudit has this id (otaudit rules lists them)${suggest(ruleId, byId.keys())}`,
      );
    if (finding !== undefined) {
      const first = seen.get(finding);
      if (first !== undefined)
        err(
          at("finding"),
          "duplicate-id",
          `"${finding}" is disposed of twice; first at ${formatPath(["dispositions", first])}`,
        );
      else seen.set(finding, i);
    }
    const [date, expires] = [str(e.date), str(e.expires)];
    if (e.status === "accepted" && date && expires && DAY.test(date) && DAY.test(expires) && expires < date)
      err(
        at("expires"),
        "invalid-value",
        `the acceptance expires on ${expires}, before the day it was recorded (${date}): an acceptance must run past the day it is given`,
      );
    if (e.status === "compensated" && Array.isArray(e.requirements)) {
      const cited = rule ? [...rule.contradicts, ...rule.related] : undefined;
      e.requirements.forEach((r: unknown, j) => {
        if (typeof r !== "string" || !LOOKS_LIKE_REQUIREMENT.test(r)) return;
        const path = ["dispositions", i, "requirements", j];
        if (!systemRequirement(r))
          err(path, "unknown-reference", `unknown requirement "${r}": not an SR or RE of IEC 62443-3-3`);
        else if (rule && cited && !cited.includes(r))
          err(
            path,
            "invalid-value",
            `${rule.id} does not bear on ${r}${cited.length ? ` (it cites ${cited.join(", ")})` : ""}: a countermeasure is credited only for requirements its finding bears on`,
          );
      });
    }
  });
  return problems;
}
