/**
 * The assessor's dispositions (dispositions.yaml) applied to a run's findings, before any verdict is reached: each
 * finding the file names is marked with its disposition, and what became of every entry is recorded. What a mark
 * does is decided where the verdicts are reached, each from the finding itself:
 * - `false-positive`: the finding bears on nothing (`standing` in model/dispositions.ts leaves it out of the gap
 *   assessment, the conduits, the program, the posture and the plan); it stays listed, marked, and the comparison
 *   with the previous run still counts it among the findings raised;
 * - `accepted`: it still counts against its requirements (an accepted risk is still a weakness) but the plan does
 *   not rank it (`inPlan`); past its last day (`expires` before the assessment date) it no longer applies: the
 *   finding is left unmarked and a warning says so;
 * - `compensated`: for the requirements it lists, the finding's evidence gives way to the countermeasure, which
 *   stands as a "met" answer where nobody answered (gap/finding-bearings.ts, gap/decide.ts);
 * - `fixed-pending-verification`: it counts as before, marked.
 * An entry whose finding this run does not raise is stale: a warning at its line, and listed as stale.
 */
import {
  type DispositionRecord,
  type DispositionSet,
  type FindingDisposition,
  STATUS_WORDS,
} from "../../model/dispositions.js";
import { contradicted, type Finding } from "../../model/finding.js";
import { suggest } from "../../model/ids.js";
import { formatPath, type InputProblem, problemAt } from "../../model/problem.js";

export interface DispositionOutcome {
  /** Every finding of the run, in its order; those a disposition applies to carry it. */
  findings: Finding[];
  /** Every entry of the file, in its order, with what became of it. */
  records: DispositionRecord[];
  /** Warnings at the entries' lines: stale entries, expired acceptances, requirements a compensation cannot cover. */
  problems: InputProblem[];
}

/** The day of `now` (UTC) an acceptance is measured against: it holds through the day it expires. */
export function assessmentDay(now: Date): string {
  return now.toISOString().slice(0, 10);
}

export function applyDispositions(
  set: DispositionSet | null,
  findings: readonly Finding[],
  now: Date,
): DispositionOutcome {
  if (!set || set.spec.dispositions.length === 0)
    return { findings: [...findings], records: [], problems: [] };
  const today = assessmentDay(now);
  const byId = new Map(findings.map((f) => [f.id, f]));
  const marks = new Map<string, FindingDisposition>();
  const records: DispositionRecord[] = [];
  const problems: InputProblem[] = [];
  set.spec.dispositions.forEach((entry, i) => {
    const { finding: id, ...rest } = entry;
    const line = set.lines[i] ?? 1;
    const disposition = { ...rest, file: set.file, line } as FindingDisposition;
    const warn = (code: "no-effect" | "expired", message: string) =>
      problems.push(
        problemAt(set.file, { line, path: formatPath(["dispositions", i]) }, code, message, "warning"),
      );
    const finding = byId.get(id);
    if (!finding) {
      const rule = id.slice(0, id.indexOf(":"));
      const sameRule = findings.filter((f) => f.rule === rule).map((f) => f.id);
      warn(
        "no-effect",
        disposition.status === "fixed-pending-verification"
          ? `stale: this run no longer raises "${id}", so the evidence shows the fix (${disposition.reference}); remove the entry${suggest(id, sameRule)}`
          : `stale: this run raises no finding "${id}" (fixed since, or what it is about renamed or moved), so this ${STATUS_WORDS[disposition.status]} applies to nothing; remove or correct the entry${suggest(id, sameRule)}`,
      );
      records.push({ finding: id, state: "stale", disposition });
      return;
    }
    if (disposition.status === "accepted" && disposition.expires < today) {
      warn(
        "expired",
        `the acceptance of "${id}" ended on ${disposition.expires} (owner ${disposition.owner}, approved by ${disposition.approver}), before the assessment date ${today}: the finding counts again and returns to the remediation plan; renew the acceptance or treat the risk`,
      );
      records.push({ finding: id, state: "expired", disposition });
      return;
    }
    if (disposition.status === "compensated") {
      const unmet = contradicted(finding);
      for (const r of disposition.requirements.filter((r) => !unmet.includes(r)))
        warn(
          "no-effect",
          `${r} is not among the requirements "${id}" shows unmet in this run (${unmet.join(", ") || "none"}): the countermeasure is credited for ${r} nowhere`,
        );
    }
    marks.set(id, disposition);
    records.push({ finding: id, state: "applied", disposition });
  });
  return {
    findings: findings.map((f) => {
      const disposition = marks.get(f.id);
      return disposition ? { ...f, disposition } : f;
    }),
    records,
    problems,
  };
}
