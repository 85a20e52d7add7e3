/**
 * The SL-T a zone's unmitigated risk calls for (ZCR 5.6), per foundational requirement, with its reasoning and the
 * declared level beside it. An FR takes the level the highest unmitigated risk among the scenarios whose
 * countermeasures fall in it calls for; an FR that no scenario of the library addresses takes the zone's highest,
 * rather than a low level nobody chose. Only a declared level below the recommended one is a disagreement: a higher
 * one is the owner's stricter choice.
 */
import type { Risk, RiskMatrix, SlRationale } from "../../model/risk.js";
import type { SlVector } from "../../model/security-level.js";
import { threatScenario } from "../../standard/threats.js";
import { levelForScore } from "./matrix.js";

/** `SR 5.2 RE 1` -> 4 (FR5 at index 4). */
function frIndexOf(requirement: string): number {
  return Number(requirement.match(/^SR (\d)\./)?.[1] ?? 0) - 1;
}

export interface Recommendation {
  levels: SlVector;
  rationale: SlRationale[];
}

function drivenBy(matrix: RiskMatrix, r: Risk): string {
  const level = levelForScore(matrix, r.unmitigated.score);
  const threshold = level > 1 ? matrix.securityLevelAbove[level - 2]! : null;
  return `${r.scenario} ${r.title}, unmitigated ${r.unmitigated.likelihood}x${r.unmitigated.impact} = ${r.unmitigated.score}${threshold === null ? `, at or below ${matrix.securityLevelAbove[0]}` : `, above ${threshold}`}`;
}

export function recommendedLevels(
  matrix: RiskMatrix,
  zoneRisks: readonly Risk[],
  declared: SlVector,
): Recommendation {
  const worst = [...zoneRisks].sort((a, b) => b.unmitigated.score - a.unmitigated.score)[0];
  const rationale = declared.map((declaredLevel, f): SlRationale => {
    const fr = f + 1;
    const touching = zoneRisks.filter((r) =>
      (threatScenario(r.scenario)?.countermeasures ?? []).some((req) => frIndexOf(req) === f),
    );
    const driver = [...touching].sort((a, b) => b.unmitigated.score - a.unmitigated.score)[0];
    let recommended: number;
    let reason: string;
    if (driver) {
      recommended = levelForScore(matrix, driver.unmitigated.score);
      reason = `SL ${recommended} for ${drivenBy(matrix, driver)}`;
    } else if (worst) {
      recommended = levelForScore(matrix, worst.unmitigated.score);
      reason = `SL ${recommended}: no threat scenario's countermeasures fall in FR${fr}, so the zone's highest unmitigated risk stands for it (${drivenBy(matrix, worst)})`;
    } else {
      recommended = 1;
      reason = "SL 1: no threat scenario of the library applies to the zone's assets";
    }
    const disagreement =
      declaredLevel < recommended
        ? `FR${fr}: plant.yaml declares SL-T ${declaredLevel}, below the ${recommended} the unmitigated risk calls for (${driver ? drivenBy(matrix, driver) : "the zone's highest risk"}). Raise the target, or state in riskOverrides why the likelihood or impact is lower than rated.`
        : null;
    return {
      fr,
      recommended,
      declared: declaredLevel,
      reason:
        declaredLevel > recommended
          ? `${reason}; the declared ${declaredLevel} is stricter than the risk asks, which is the owner's choice`
          : reason,
      disagreement,
    };
  });
  return { levels: rationale.map((r) => r.recommended) as SlVector, rationale };
}
