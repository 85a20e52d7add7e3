/** Risk-matrix arithmetic: a cell's score and tolerability, the impact a zone's ratings give, the SL-T a score calls for. */
import type { Plant } from "../../model/plant.js";
import { type ConsequenceKind, type Consequences, RiskMatrix, type RiskPoint } from "../../model/risk.js";

export const DEFAULT_RISK_MATRIX: RiskMatrix = RiskMatrix.parse({});

export function matrixOf(plant: Plant): RiskMatrix {
  return plant.spec.riskMatrix ?? DEFAULT_RISK_MATRIX;
}

/** Clamps a level to the matrix's scale, so a 5-step override still lands on a 3-step matrix. */
export function clampLevel(level: number, steps: number): number {
  return Math.min(Math.max(Math.round(level), 1), steps);
}

export function riskPoint(matrix: RiskMatrix, likelihood: number, impact: number): RiskPoint {
  const l = clampLevel(likelihood, matrix.likelihood.length);
  const i = clampLevel(impact, matrix.impact.length);
  return { likelihood: l, impact: i, score: l * i, tolerable: l * i <= matrix.tolerable };
}

/** A 1-5 rating placed on the matrix's impact scale: 5 is always the top step, 1 the bottom. */
export function ratingOnScale(rating: number, steps: number): number {
  return clampLevel(1 + ((rating - 1) * (steps - 1)) / 4, steps);
}

const BY_CRITICALITY = { low: 2, medium: 3, high: 4, critical: 5 } as const;

/** The worst rating among the kinds of consequence a scenario can cause, and the kind it comes from. */
export function worstConsequence(
  consequences: Consequences | undefined,
  criticality: keyof typeof BY_CRITICALITY,
  kinds: readonly ConsequenceKind[],
): { rating: number; reason: string } {
  if (!consequences) {
    const rating = BY_CRITICALITY[criticality];
    return {
      rating,
      reason: `impact ${rating} from the zone's criticality (${criticality}); plant.yaml gives no consequence ratings`,
    };
  }
  const worst = kinds.reduce((a, k) => (consequences[k] > consequences[a] ? k : a), kinds[0]!);
  return {
    rating: consequences[worst],
    reason: `impact from the zone's ${worst} consequence rating ${consequences[worst]}`,
  };
}

/** SL 1 for a score at or below the first threshold, one more above each further threshold. */
export function levelForScore(matrix: RiskMatrix, score: number): number {
  return 1 + matrix.securityLevelAbove.filter((t) => score > t).length;
}
