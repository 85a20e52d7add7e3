/** Assessor overrides (plant.yaml `riskOverrides`): a justified likelihood or impact replaces what the evidence gave. */
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
}

export function applyOverride(
  plant: Plant,
  scenario: string,
  zone: string,
  evidenced: { likelihood: number; impact: number; reasons: string[] },
): Judged {
  const index = plant.spec.riskOverrides.findIndex((o) => o.scenario === scenario && o.zone === zone);
  if (index < 0) return { ...evidenced, evidence: [], override: null };
  const o = plant.spec.riskOverrides[index]!;
  const at = declaredAt(plant, "riskOverrides", index, "assessor override");
  const changes = [
    o.likelihood === undefined ? null : `likelihood ${evidenced.likelihood} -> ${o.likelihood}`,
    o.impact === undefined ? null : `impact ${evidenced.impact} -> ${o.impact}`,
  ].filter(Boolean);
  return {
    likelihood: o.likelihood ?? evidenced.likelihood,
    impact: o.impact ?? evidenced.impact,
    reasons: [
      `assessor override${o.assessor ? ` by ${o.assessor}` : ""} (${at.file}:${at.line}): ${changes.join(", ")}, because ${o.justification}`,
      ...evidenced.reasons.map((r) => `evidence before the override: ${r}`),
    ],
    evidence: [at],
    override: index,
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
