/**
 * Assessor overrides (plant.yaml `riskOverrides`): a justified unmitigated likelihood, impact or residual likelihood
 * replaces what otaudit rated, and the reasons keep both.
 */
import type { Evidence } from "../../model/evidence.js";
import type { Plant } from "../../model/plant.js";
import { type InputProblem, problemAt } from "../../model/problem.js";
import { declaredAt } from "../plant-lookup.js";

export interface Judged {
  likelihood: number;
  impact: number;
  reasons: string[];
  evidence: Evidence[];
  /** The index of the override applied, or null. */
  override: number | null;
  /** The assessor's residual likelihood, when the override gives one. */
  residualLikelihood: number | null;
}

export function applyOverride(
  plant: Plant,
  scenario: string,
  zone: string,
  rated: { likelihood: number; impact: number; reasons: string[] },
): Judged {
  const index = plant.spec.riskOverrides.findIndex((o) => o.scenario === scenario && o.zone === zone);
  if (index < 0) return { ...rated, evidence: [], override: null, residualLikelihood: null };
  const o = plant.spec.riskOverrides[index]!;
  const at = declaredAt(plant, "riskOverrides", index, "assessor override");
  const changes = [
    o.likelihood === undefined ? null : `unmitigated likelihood ${rated.likelihood} -> ${o.likelihood}`,
    o.impact === undefined ? null : `impact ${rated.impact} -> ${o.impact}`,
    o.residualLikelihood === undefined ? null : `residual likelihood set to ${o.residualLikelihood}`,
  ].filter(Boolean);
  return {
    likelihood: o.likelihood ?? rated.likelihood,
    impact: o.impact ?? rated.impact,
    reasons: [
      `assessor override${o.assessor ? ` by ${o.assessor}` : ""} (${at.file}:${at.line}): ${changes.join(", ")}, because ${o.justification}`,
      ...rated.reasons.map((r) => `rated before the override: ${r}`),
    ],
    evidence: [at],
    override: index,
    residualLikelihood: o.residualLikelihood ?? null,
  };
}

export function unusedOverrideProblems(plant: Plant, used: ReadonlySet<number>): InputProblem[] {
  return plant.spec.riskOverrides.flatMap((o, i): InputProblem[] =>
    used.has(i)
      ? []
      : [
          problemAt(
            plant.file,
            { line: declaredAt(plant, "riskOverrides", i).line, column: 1, path: `riskOverrides.${i}` },
            "unknown-reference",
            `override of ${o.scenario} in zone ${o.zone} matches no assessed risk: the scenario does not exist or does not apply to that zone`,
            "warning",
          ),
        ],
  );
}
