/**
 * The remediation plan, ranked so that the first ten are "the ten actions that reduce the most risk". With a
 * risk register, by the residual risk an action would remove: each risk of the action's zones whose unmet
 * countermeasures include the action's requirements, its residual score shared among those countermeasures.
 * Without one, by the most severe finding an action settles, then by how much it settles (severity-weighted
 * count of findings, assets and zones), then by the criticality of its zones. A finding dismissed as a false
 * positive or whose risk is accepted (dispositions.yaml, until the acceptance expires) is left out of the plan: the
 * dispositions appendix lists them.
 */
import type { Action } from "../../model/action.js";
import type { Assessment, ZoneResult } from "../../model/assessment.js";
import { inPlan } from "../../model/dispositions.js";
import { severityRank } from "../../model/finding.js";
import type { Risk } from "../../model/risk.js";
import { type Draft, findingActions, gapActions, plural } from "./drafts.js";

const CRITICALITY: Record<ZoneResult["criticality"], number> = { critical: 3, high: 2, medium: 1, low: 0 };

/** The residual risk an action bears on: its share of each risk it is a missing countermeasure of. */
function riskReduction(action: Draft, risks: readonly Risk[]): { score: number; risks: number } {
  let score = 0;
  let count = 0;
  for (const r of risks) {
    if (!action.zones.includes(r.zone) || r.residual.tolerable) continue;
    const unmet = r.countermeasures.filter((c) => c.result !== "met" && c.result !== "not-applicable");
    const covered = unmet.filter((c) => action.requirements.includes(c.requirement)).length;
    if (covered === 0) continue;
    score += (r.residual.score * covered) / unmet.length;
    count++;
  }
  return { score: Math.round(score * 10) / 10, risks: count };
}

export function remediationPlan(a: Pick<Assessment, "findings" | "zones" | "risks">): Action[] {
  const risks = a.risks ?? null;
  const zoneCriticality = new Map(a.zones.map((z) => [z.id, CRITICALITY[z.criticality]]));
  const drafts = [...findingActions(a.findings.filter(inPlan)), ...gapActions(a.zones)].map((d) => {
    if (!risks) return { ...d, riskReduction: null };
    const r = riskReduction(d, risks);
    return {
      ...d,
      riskReduction: r.score,
      basis: r.risks
        ? `${d.basis}; a missing countermeasure of ${plural(r.risks, "risk")} above the tolerable line (share of residual score ${r.score})`
        : d.basis,
    };
  });
  const criticality = (x: Draft) => Math.max(0, ...x.zones.map((z) => zoneCriticality.get(z) ?? 0));
  return drafts
    .sort(
      (x, y) =>
        (y.riskReduction ?? 0) - (x.riskReduction ?? 0) ||
        severityRank(y.severity) - severityRank(x.severity) ||
        y.weight - x.weight ||
        criticality(y) - criticality(x) ||
        x.title.localeCompare(y.title),
    )
    .map((x, i) => ({ id: `A${i + 1}`, ...x }));
}
