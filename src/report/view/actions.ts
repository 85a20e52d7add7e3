/**
 * The remediation plan: one action per finding rule (its findings share one remediation), plus one per
 * requirement that answers leave unmet with no finding behind them. Ranked so that the first ten are "the ten
 * actions that reduce the most risk". With a risk register, by the residual risk an action would remove: each
 * risk of the action's zones whose unmet countermeasures include the action's requirements, its residual score
 * shared among those countermeasures. Without one,
 * by the most severe finding an action settles, then by how much it settles (severity-weighted count of
 * findings, assets and zones), then by the criticality of its zones.
 */
import type { Assessment, ZoneResult } from "../../model/assessment.js";
import { type Severity, severityRank } from "../../model/finding.js";
import type { Risk } from "../../model/risk.js";
import { catalogueOrder } from "../../standard/requirements.js";

export interface Action {
  /** `A1`, `A2`, ... in ranked order. */
  id: string;
  title: string;
  /** What to do. */
  action: string;
  findings: string[];
  severity: Severity;
  zones: string[];
  assets: string[];
  requirements: string[];
  /** Why it ranks where it does, in a few words. */
  basis: string;
  /** Ranking weight: severity-weighted breadth. */
  weight: number;
  /** Residual risk score the action bears on, when the assessment has a risk register. */
  riskReduction: number | null;
}

/** Weights that make breadth count within a severity; across severities, severity decides first. */
const WEIGHT: Record<Severity, number> = { critical: 16, high: 6, medium: 2, low: 1, info: 0 };
const CRITICALITY: Record<ZoneResult["criticality"], number> = { critical: 3, high: 2, medium: 1, low: 0 };

const unique = (xs: Iterable<string>): string[] => [...new Set(xs)];
const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? "" : "s"}`;

type Draft = Omit<Action, "id" | "riskReduction">;

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

export function remediationActions(a: Assessment, risks: readonly Risk[] | null = null): Action[] {
  const zoneCriticality = new Map(a.zones.map((z) => [z.id, CRITICALITY[z.criticality]]));
  const drafts = [...findingActions(a), ...gapActions(a)].map((d) => {
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

function findingActions(a: Assessment): Draft[] {
  const byRule = new Map<string, Assessment["findings"]>();
  for (const f of a.findings) byRule.set(f.rule, [...(byRule.get(f.rule) ?? []), f]);
  return [...byRule.values()].map((findings) => {
    const worst = findings.reduce((w, f) => (severityRank(f.severity) > severityRank(w.severity) ? f : w));
    const assets = unique(findings.flatMap((f) => f.assets));
    const zones = unique(findings.flatMap((f) => f.zones));
    const remedies = unique(findings.map((f) => f.remediation));
    const weight =
      findings.reduce((sum, f) => sum + WEIGHT[f.severity], 0) + 0.5 * assets.length + 0.5 * zones.length;
    return {
      title: worst.title,
      action: remedies.join(" "),
      findings: findings.map((f) => f.id),
      severity: worst.severity,
      zones,
      assets,
      requirements: unique(findings.flatMap((f) => f.requirements)).sort(
        (x, y) => catalogueOrder(x) - catalogueOrder(y),
      ),
      basis: `${plural(findings.length, "finding")} (worst ${worst.severity}) on ${plural(assets.length, "asset")} in ${plural(zones.length, "zone")}`,
      weight,
    };
  });
}

/**
 * Requirements answered not met or partly met with no finding behind them: the answers are the only evidence,
 * so their severity follows the answer and the zone (not met in a high or critical zone: high; not met
 * elsewhere: medium; partly met: low).
 */
function gapActions(a: Assessment): Draft[] {
  interface Acc {
    title: string;
    remediation: string;
    zones: ZoneResult[];
    severity: Severity;
    notMet: boolean;
  }
  const byRequirement = new Map<string, Acc>();
  for (const zone of a.zones) {
    for (const gap of zone.gaps) {
      if (gap.findings.length > 0 || (gap.result !== "not-met" && gap.result !== "partial")) continue;
      const severity: Severity =
        gap.result === "partial"
          ? "low"
          : zone.criticality === "high" || zone.criticality === "critical"
            ? "high"
            : "medium";
      const acc = byRequirement.get(gap.requirement);
      if (!acc) {
        byRequirement.set(gap.requirement, {
          title: gap.title,
          remediation: gap.remediation,
          zones: [zone],
          severity,
          notMet: gap.result === "not-met",
        });
      } else {
        acc.zones.push(zone);
        acc.notMet ||= gap.result === "not-met";
        if (severityRank(severity) > severityRank(acc.severity)) acc.severity = severity;
      }
    }
  }
  return [...byRequirement].map(([requirement, acc]) => ({
    title: `${requirement} ${acc.title}: ${acc.notMet ? "not met" : "partly met"}`,
    action: acc.remediation,
    findings: [],
    severity: acc.severity,
    zones: acc.zones.map((z) => z.id),
    assets: unique(acc.zones.flatMap((z) => z.assets)),
    requirements: [requirement],
    basis: `answered not met or partly met in ${acc.zones.map((z) => z.id).join(", ")}; no automated finding`,
    weight: WEIGHT[acc.severity] * acc.zones.length + 0.5 * acc.zones.length,
  }));
}
