/**
 * A finding rule: stable id, title, severity, the IEC 62443 requirements it bears on, and a pure check over
 * the plant model and the evidence. Every rule is listed in ./registry.ts and nowhere else.
 */
import type { CaptureReport } from "../model/capture.js";
import type { ControlEvidence } from "../model/controls.js";
import type { Evidence } from "../model/evidence.js";
import type { Finding, RuleInfo } from "../model/finding.js";
import type { FirewallConfig } from "../model/firewall.js";
import type { Plant } from "../model/plant.js";
import type { VulnerabilityEvidence } from "../model/vulnerability.js";

/** What an analysis may look at: the model and the evidence, never a file. */
export interface AnalysisContext {
  plant: Plant;
  capture: CaptureReport | null;
  /** The assessment time, so that ages (of backups, of logons) do not depend on the clock. */
  now: Date;
  /** Advisories, KEV catalog and scanner reports of the plant folder; absent when it has none. */
  vulnerabilityEvidence?: VulnerabilityEvidence | null;
  /** Account exports, Windows policy, device configs, backup register and files, baseline; absent without them. */
  controls?: ControlEvidence | null;
  /** Firewall configurations of the plant (`<plant>/firewalls/`), normalized; absent when it has none. */
  firewalls?: FirewallConfig[];
}

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
