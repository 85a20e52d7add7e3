/**
 * The SL-T a zone's risk calls for (ZCR 5.6): per foundational requirement, the level the highest unmitigated
 * risk among the scenarios whose countermeasures fall in that FR calls for; SL 1 where no scenario bears on it.
 */
import type { Risk, RiskMatrix } from "../../model/risk.js";
import type { SlVector } from "../../model/security-level.js";
import { threatScenario } from "../../standard/threats.js";
import { levelForScore } from "./matrix.js";

/** `SR 5.2 RE 1` -> 4 (FR5 at index 4). */
function frIndexOf(requirement: string): number {
  return Number(requirement.match(/^SR (\d)\./)?.[1] ?? 0) - 1;
}

export function recommendedLevels(matrix: RiskMatrix, zoneRisks: readonly Risk[]): SlVector {
  const levels: SlVector = [1, 1, 1, 1, 1, 1, 1];
  for (const risk of zoneRisks) {
    const level = levelForScore(matrix, risk.unmitigated.score);
    for (const requirement of threatScenario(risk.scenario)?.countermeasures ?? []) {
      const fr = frIndexOf(requirement);
      if (fr >= 0 && fr < 7) levels[fr] = Math.max(levels[fr]!, level);
    }
  }
  return levels;
}
