/** The comparison of an assessment with an earlier one, carried in the assessment JSON and shown by `otaudit diff`. */
import type { Comparison, PreviousRun } from "../../model/assessment.js";
import { type ProgramRating, ratedByPerson } from "../../model/verdicts.js";
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
  program: readonly (Pick<ProgramRating, "element" | "maturity"> &
    Partial<Pick<ProgramRating, "rated" | "reasons">>)[];
  risks?: readonly { id: string; residual: { score: number } }[];
}

const rated = (program: RunVerdicts["program"]) =>
  program.map((p) => ({ element: p.element, maturity: ratedByPerson(p) ? p.maturity : null }));

/**
 * Compares `current` with `previous`; `chosen` says which review the previous run was (its label) and how it was
 * chosen, for the comparison to name it.
 */
export function compareRuns(
  previous: (RunVerdicts & { id: string; finishedAt: string }) | undefined,
  current: RunVerdicts,
  chosen: Pick<PreviousRun, "label" | "basis"> = {},
): Comparison | null {
  if (!previous) return null;
  return {
    previous: {
      id: previous.id,
      finishedAt: previous.finishedAt,
      ...(chosen.label !== undefined ? { label: chosen.label } : {}),
      ...(chosen.basis ? { basis: chosen.basis } : {}),
    },
    findings: findingChanges(previous.findings, current.findings),
    slAchieved: levelChanges(previous.zones, current.zones),
    requirements: resultChanges(previous.zones, current.zones),
    // Only a person's rating is a maturity: a stored run's records-only level is not rated.
    maturity: maturityChanges(rated(previous.program), rated(current.program)),
    ...(previous.risks && current.risks ? { risks: riskChanges(previous.risks, current.risks) } : {}),
  };
}
