/**
 * A finding rule: stable id, title, severity, the IEC 62443 requirements it bears on, and a pure check over
 * the plant model and the evidence. Every rule is listed in ./registry.ts and nowhere else.
 */
import type { Evidence } from "../model/evidence.js";
import type { Finding, RuleInfo } from "../model/finding.js";
import type { AnalysisContext } from "./context.js";

export interface Rule extends RuleInfo {
  check(ctx: AnalysisContext): Finding[];
}

export interface FindingDetail {
  /** What the finding is about, unique within the rule (an asset id, an account): keeps the id stable across runs. */
  subject: string;
  summary: string;
  zones?: string[];
  assets?: string[];
  evidence: Evidence[];
}

export function findingOf(rule: RuleInfo, d: FindingDetail): Finding {
  return {
    id: `${rule.id}:${d.subject}`,
    rule: rule.id,
    title: rule.title,
    severity: rule.severity,
    requirements: rule.requirements,
    summary: d.summary,
    zones: d.zones ?? [],
    assets: d.assets ?? [],
    evidence: d.evidence,
    remediation: rule.remediation,
  };
}

/** Whole days from an ISO date to `now`. */
export function daysSince(isoDate: string, now: Date): number {
  return Math.floor((now.getTime() - Date.parse(isoDate)) / 86_400_000);
}
