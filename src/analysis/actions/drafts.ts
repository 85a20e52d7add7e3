/**
 * The actions of the remediation plan before ranking: one per finding rule (its findings share one
 * remediation), plus one per requirement that answers leave unmet with no finding behind them.
 */

import type { Action } from "../../model/action.js";
import type { Assessment, ZoneResult } from "../../model/assessment.js";
import { type Severity, severityRank } from "../../model/finding.js";
import { catalogueOrder } from "../../standard/requirements.js";

export type Draft = Omit<Action, "id" | "riskReduction">;

/** Weights that make breadth count within a severity; across severities, severity decides first. */
const WEIGHT: Record<Severity, number> = { critical: 16, high: 6, medium: 2, low: 1, info: 0 };

const unique = (xs: Iterable<string>): string[] => [...new Set(xs)];
export const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? "" : "s"}`;

export function findingActions(findings: Assessment["findings"]): Draft[] {
  const byRule = new Map<string, Assessment["findings"]>();
  for (const f of findings) byRule.set(f.rule, [...(byRule.get(f.rule) ?? []), f]);
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
export function gapActions(zones: readonly ZoneResult[]): Draft[] {
  interface Acc {
    title: string;
    remediation: string;
    zones: ZoneResult[];
    severity: Severity;
    notMet: boolean;
  }
  const byRequirement = new Map<string, Acc>();
  for (const zone of zones) {
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
