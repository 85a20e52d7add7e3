/** The comparison of an assessment with an earlier one, carried in the assessment JSON and shown by `otaudit diff`. */
import type { Comparison } from "../../model/assessment.js";
import type { ProgramRating } from "../../model/verdicts.js";
import { riskChanges } from "../risk/risk-changes.js";
import {
  findingChanges,
  levelChanges,
  maturityChanges,
  resultChanges,
  type ZoneLevels,
  type ZoneResults,
} from "./changes.js";

/** What a run's verdicts need to be compared: the shape both a stored Assessment and fresh verdicts have. */
export interface RunVerdicts {
  findings: readonly { id: string }[];
  zones: readonly (ZoneLevels & ZoneResults)[];
  program: readonly Pick<ProgramRating, "element" | "maturity">[];
  risks?: readonly { id: string; residual: { score: number } }[];
}

export function compareRuns(
  previous: (RunVerdicts & { id: string; finishedAt: string }) | undefined,
  current: RunVerdicts,
): Comparison | null {
  if (!previous) return null;
  return {
    previous: { id: previous.id, finishedAt: previous.finishedAt },
    findings: findingChanges(previous.findings, current.findings),
    slAchieved: levelChanges(previous.zones, current.zones),
    requirements: resultChanges(previous.zones, current.zones),
    maturity: maturityChanges(previous.program, current.program),
    ...(previous.risks && current.risks ? { risks: riskChanges(previous.risks, current.risks) } : {}),
  };
}
