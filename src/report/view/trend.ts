/** What improved and what regressed since the previous review, in words, from Assessment.comparison. */
import type { Assessment } from "../../model/assessment.js";
import type { Result } from "../../model/verdicts.js";
import { RESULT_WORDS } from "./palette.js";

export interface TrendItem {
  area: "finding" | "security level" | "requirement" | "maturity" | "risk";
  text: string;
}

export interface Trend {
  previous: { id: string; finishedAt: string };
  improved: TrendItem[];
  regressed: TrendItem[];
  persisting: number;
}

/** Better is higher; unknown sits above not met because it is not a known failure. */
const RESULT_RANK: Record<Result, number> = {
  met: 3,
  "not-applicable": 3,
  partial: 2,
  unknown: 1,
  "not-met": 0,
};

export function trendOf(a: Assessment): Trend | null {
  const c = a.comparison;
  if (!c) return null;
  const titles = new Map(a.findings.map((f) => [f.id, f.title]));
  const improved: TrendItem[] = [];
  const regressed: TrendItem[] = [];

  for (const id of c.findings.resolved) improved.push({ area: "finding", text: `Resolved: ${id}` });
  for (const id of c.findings.new)
    regressed.push({ area: "finding", text: `New: ${id}${titles.has(id) ? ` (${titles.get(id)})` : ""}` });

  for (const l of c.slAchieved) {
    if (l.before === null || l.after === null) continue;
    const item = {
      area: "security level" as const,
      text: `${l.zone} ${l.fr}: SL-A ${l.before} → ${l.after}`,
    };
    (l.after > l.before ? improved : regressed).push(item);
  }
  for (const r of c.requirements) {
    if (r.before === null || r.after === null || RESULT_RANK[r.before] === RESULT_RANK[r.after]) continue;
    const item = {
      area: "requirement" as const,
      text: `${r.zone} ${r.requirement}: ${RESULT_WORDS[r.before]} → ${RESULT_WORDS[r.after]}`,
    };
    (RESULT_RANK[r.after] > RESULT_RANK[r.before] ? improved : regressed).push(item);
  }
  for (const m of c.maturity) {
    const before = m.before ?? 0;
    const after = m.after ?? 0;
    if (before === after) continue;
    const item = {
      area: "maturity" as const,
      text: `${m.element}: maturity ${m.before ?? "not rated"} → ${m.after ?? "not rated"}`,
    };
    (after > before ? improved : regressed).push(item);
  }
  const riskTitles = new Map((a.risks ?? []).map((r) => [r.id, r.title]));
  for (const r of c.risks ?? []) {
    if (r.before === r.after) continue;
    const name = `${r.id}${riskTitles.has(r.id) ? ` (${riskTitles.get(r.id)})` : ""}`;
    const text =
      r.after === null
        ? `${name}: no longer assessed`
        : r.before === null
          ? `${name}: new, residual ${r.after}`
          : `${name}: residual ${r.before} → ${r.after}`;
    // A risk that is no longer assessed has not been reduced; only a lower score is an improvement.
    if (r.before !== null && r.after !== null && r.after < r.before) improved.push({ area: "risk", text });
    else if (r.after !== null) regressed.push({ area: "risk", text });
  }
  return { previous: c.previous, improved, regressed, persisting: c.findings.persisting.length };
}
