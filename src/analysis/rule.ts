/**
 * A finding rule: stable id, title, severity, the IEC 62443 requirements it bears on, and a pure check over
 * the plant model and the evidence. Every rule is listed in ./registry.ts and nowhere else.
 */
import type { Evidence } from "../model/evidence.js";
import {
  type Crossing,
  type Finding,
  type RuleInfo,
  type Threshold,
  uniqueCrossings,
} from "../model/finding.js";
import type { AnalysisContext } from "./context.js";

export interface Rule extends RuleInfo {
  check(ctx: AnalysisContext): Finding[];
}

export interface FindingDetail {
  /** What the finding is about, unique within the rule (an asset id, an account): keeps the id stable across runs. */
  subject: string;
  summary: string;
  zones?: string[];
  /** The zone boundaries its traffic or rules cross (repeats and crossings within one zone are dropped). */
  crossings?: readonly Crossing[];
  assets?: string[];
  evidence: Evidence[];
  /**
   * When this finding's evidence proves more or less than the rule's usual `contradicts` (a remote session from the
   * internet, not from inside the plant, contradicts SR 1.13): the requirements it shows unmet, all cited by the rule.
   */
  contradicts?: readonly string[];
  /** The thresholds the finding would not exist without, each the site's (baseline.yaml) or otaudit's default. */
  thresholds?: Threshold[];
}

export function findingOf(rule: RuleInfo, d: FindingDetail): Finding {
  const cited = [...rule.contradicts, ...rule.related];
  const contradicts = d.contradicts ?? rule.contradicts;
  const stray = contradicts.filter((r) => !cited.includes(r));
  if (stray.length > 0)
    throw new Error(`${rule.id}: contradicts ${stray.join(", ")}, which the rule does not cite`);
  return {
    id: `${rule.id}:${d.subject}`,
    rule: rule.id,
    title: rule.title,
    severity: rule.severity,
    requirements: [...contradicts, ...cited.filter((r) => !contradicts.includes(r))],
    related: cited.filter((r) => !contradicts.includes(r)),
    summary: d.summary,
    zones: d.zones ?? [],
    crossings: uniqueCrossings(d.crossings ?? []),
    assets: d.assets ?? [],
    evidence: d.evidence,
    remediation: rule.remediation,
    thresholds: d.thresholds ?? [],
  };
}

/** Whole days from an ISO date to `now`. */
export function daysSince(isoDate: string, now: Date): number {
  return Math.floor((now.getTime() - Date.parse(isoDate)) / 86_400_000);
}
