import { z } from "zod";
import { FindingDisposition } from "./dispositions.js";
import { Evidence } from "./evidence.js";

export const SEVERITIES = ["info", "low", "medium", "high", "critical"] as const;
export const Severity = z.enum(SEVERITIES);
export type Severity = z.infer<typeof Severity>;

export function severityRank(s: Severity): number {
  return SEVERITIES.indexOf(s);
}

export function countBySeverity(findings: readonly { severity: Severity }[]): Record<Severity, number> {
  const counts = Object.fromEntries(SEVERITIES.map((s) => [s, 0])) as Record<Severity, number>;
  for (const f of findings) counts[f.severity]++;
  return counts;
}

/**
 * An IEC 62443 reference as written in the standard: `SR 5.1`, `SR 5.2 RE 1`, `CR 2.1` (3-3, 4-2), or a 2-1
 * program requirement such as `EVENT 1.8`, for findings about the security program rather than a zone.
 */
export const RequirementRef = z
  .string()
  .regex(
    /^((SR|CR|EDR|HDR|NDR|SAR) \d+\.\d+( RE \d+)?|(ORG|CM|NET|COMP|DATA|USER|EVENT|AVAIL|ZCR) \d+\.\d+)$/,
  );

/** A finding rule: what the registry lists and every finding points back to. */
export const RuleInfo = z.strictObject({
  id: z.string().regex(/^[A-Z]+-\d{3}$/),
  title: z.string(),
  severity: Severity,
  /** The requirements a finding of this rule shows unmet: only these count against a zone or program element. */
  contradicts: z.array(RequirementRef),
  /** Requirements the finding is context for, which its evidence does not decide. */
  related: z.array(RequirementRef),
  description: z.string(),
  remediation: z.string(),
});
export type RuleInfo = z.infer<typeof RuleInfo>;

/**
 * A threshold a finding's verdict rests on: the limit it measured the evidence against. A site states it in
 * baseline.yaml; where it does not, otaudit's default applies. A finding resting only on otaudit's defaults may
 * decide a requirement nobody answered, but never overturns a person's answer: it is a point to confirm.
 */
export const Threshold = z.strictObject({
  /** What the limit is, in words: `backup interval`, `MinimumPasswordLength`. */
  name: z.string(),
  /** The value applied, in words: `180 days`, `at least 14`. */
  value: z.string(),
  /** Where a site states it (a baseline.yaml key: `backups.maxAgeDays`); absent when no file of the plant can. */
  setting: z.string().optional(),
  /** `site`: the plant's baseline.yaml states it; `default`: otaudit's default, which the site did not state. */
  source: z.enum(["site", "default"]),
});
export type Threshold = z.infer<typeof Threshold>;

/**
 * A zone boundary the finding's traffic or firewall rules cross, in the direction connections are opened; `from` or
 * `to` is EXTERNAL for the networks outside every declared zone.
 */
export const Crossing = z.strictObject({ from: z.string(), to: z.string() });
export type Crossing = z.infer<typeof Crossing>;

/** Each boundary once, in first-seen order; a "crossing" within one zone is none. */
export function uniqueCrossings(list: readonly Crossing[]): Crossing[] {
  const byKey = new Map(list.filter((c) => c.from !== c.to).map((c) => [`${c.from}>${c.to}`, c]));
  return [...byKey.values()].map((c) => ({ from: c.from, to: c.to }));
}

export const Finding = z.strictObject({
  /** Stable across runs: the rule id plus what it is about, so review-to-review diffs line up. */
  id: z.string(),
  rule: z.string(),
  title: z.string(),
  severity: Severity,
  /** Every requirement the finding cites, those it contradicts first. */
  requirements: z.array(RequirementRef),
  /**
   * The cited requirements the finding is only context for; the others it contradicts. Runs stored before the
   * distinction have none: every cited requirement counted against the zone then, and their verdicts say so.
   */
  related: z.array(RequirementRef).default([]),
  summary: z.string(),
  zones: z.array(z.string()).default([]),
  /**
   * The zone boundaries it is about, when its evidence is traffic or firewall rules between zones: the conduit (or
   * the missing one) that each crosses is where the finding belongs. Empty for a finding about no boundary, and in
   * runs stored before crossings were recorded.
   */
  crossings: z.array(Crossing).default([]),
  assets: z.array(z.string()).default([]),
  evidence: z.array(Evidence),
  remediation: z.string(),
  /**
   * The thresholds the finding would not exist without (a backup older than the interval; not one with no date,
   * which no interval excuses). Empty when it rests on none, and in runs stored before thresholds were recorded.
   */
  thresholds: z.array(Threshold).default([]),
  /**
   * Set when every piece of its evidence that was taken at a time comes from inputs older than plant.yaml's
   * `evidence.maxAgeDays` at the assessment date: which inputs, when taken, and the limit. Absent otherwise.
   */
  oldEvidence: z.string().optional(),
  /**
   * The assessor's word on it (dispositions.yaml), when one applies in this run: dismissed as a false positive
   * (it then bears on no verdict), an accepted risk (left out of the remediation plan), compensated for some
   * requirements, or fixed pending verification. Absent otherwise, and for an acceptance past its last day.
   */
  disposition: FindingDisposition.optional(),
});
export type Finding = z.infer<typeof Finding>;

/** Whether a finding rests only on thresholds otaudit assumed: none of those it was measured against did the site state. */
export function restsOnDefaults(f: Pick<Finding, "thresholds">): boolean {
  return f.thresholds.length > 0 && f.thresholds.every((t) => t.source === "default");
}

/** The requirements a finding shows unmet. */
export function contradicted(f: Pick<Finding, "requirements" | "related">): string[] {
  return f.requirements.filter((r) => !f.related.includes(r));
}

/**
 * The zone boundaries a finding is about, each as [from, to]: those it records crossing (the outside included).
 * A finding from a run stored before crossings were recorded is about a boundary when it names exactly two zones
 * and rests on traffic (a capture's frame or file) or on a firewall rule, as `onTheWire` tells of its evidence's
 * files; one that names two zones for another reason (a restore test missing in both) is about each zone, not the
 * boundary between them. The gap assessment judges a conduit by the findings on its boundary, and the report shows
 * them on the link.
 */
export function boundaries(
  f: Pick<Finding, "zones" | "evidence" | "crossings">,
  onTheWire: (file: string) => boolean,
): [string, string][] {
  if (f.crossings.length > 0) return f.crossings.map((c) => [c.from, c.to]);
  const zones = [...new Set(f.zones)];
  if (zones.length !== 2) return [];
  return f.evidence.some((e) => e.kind === "frame" || onTheWire(e.file)) ? [[zones[0]!, zones[1]!]] : [];
}
