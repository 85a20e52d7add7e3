/**
 * Which way each change since the previous review went. Levels and maturity are better higher (not rated
 * counts as 0); results rank met and not applicable above partial, partial above unknown (not a known
 * failure), unknown above not met; a risk improves only when its residual score falls. A change that goes
 * neither way (between met and not applicable, a side not assessed, a risk no longer assessed) is left out.
 */
import type { Comparison } from "../../model/assessment.js";
import type { TrendChange, TrendDirection } from "../../model/trend.js";
import type { Result } from "../../model/verdicts.js";

const RESULT_RANK: Record<Result, number> = {
  met: 3,
  "not-applicable": 3,
  partial: 2,
  unknown: 1,
  "not-met": 0,
};

const way = (better: boolean): TrendDirection => (better ? "improved" : "regressed");

export function trendOf(c: Comparison | null): TrendChange[] {
  if (!c) return [];
  const changes: TrendChange[] = [
    ...c.findings.resolved.map((id) => ({ area: "finding" as const, direction: "improved" as const, id })),
    ...c.findings.new.map((id) => ({ area: "finding" as const, direction: "regressed" as const, id })),
  ];
  for (const l of c.slAchieved) {
    const { zone, fr, before, after } = l;
    if (before === null || after === null) continue;
    changes.push({ area: "security-level", direction: way(after > before), zone, fr, before, after });
  }
  for (const r of c.requirements) {
    const { zone, requirement, before, after } = r;
    if (before === null || after === null || RESULT_RANK[before] === RESULT_RANK[after]) continue;
    const direction = way(RESULT_RANK[after] > RESULT_RANK[before]);
    changes.push({ area: "requirement", direction, zone, requirement, before, after });
  }
  for (const m of c.maturity) {
    const before = m.before ?? 0;
    const after = m.after ?? 0;
    if (before !== after) changes.push({ area: "maturity", direction: way(after > before), ...m });
  }
  for (const r of c.risks ?? []) {
    // A risk no longer assessed has not been reduced; a new one counts against.
    const { id, before, after } = r;
    if (before === after || after === null) continue;
    changes.push({ area: "risk", direction: way(before !== null && after < before), id, before, after });
  }
  return changes;
}
