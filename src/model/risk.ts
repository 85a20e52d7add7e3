/**
 * The IEC 62443-3-2 detailed risk assessment: consequence ratings of a zone, the risk matrix, assessor overrides
 * (all three written in plant.yaml), and the risk register an assessment carries.
 */
import { z } from "zod";
import { Evidence } from "./evidence.js";
import { SecurityLevel } from "./security-level.js";

const Rating = z.number().int().min(1).max(5);

/** How bad a successful attack on the zone would be, 1 (negligible) to 5 (severe), per kind of consequence. */
export const Consequences = z.strictObject({
  safety: Rating,
  environment: Rating,
  production: Rating,
  finance: Rating,
  reputation: Rating,
});
export type Consequences = z.infer<typeof Consequences>;
export const CONSEQUENCE_KINDS = ["safety", "environment", "production", "finance", "reputation"] as const;
export type ConsequenceKind = (typeof CONSEQUENCE_KINDS)[number];

const Scale = z.array(z.string().min(1)).min(3).max(5);

/**
 * The risk matrix: labelled likelihood and impact scales (3 to 5 steps, lowest first), the tolerable-risk line
 * (a score, likelihood x impact, at or below which a risk is accepted), and the scores above which a zone's
 * unmitigated risk calls for SL-T 2, 3 and 4.
 */
export const RiskMatrix = z
  .strictObject({
    likelihood: Scale.default(["rare", "unlikely", "possible", "likely", "almost certain"]),
    impact: Scale.default(["negligible", "minor", "moderate", "major", "severe"]),
    tolerable: z.number().int().min(1).default(6),
    /** Unmitigated scores above these call for SL-T 2, 3 and 4; 25 by default keeps SL 4 a deliberate choice. */
    securityLevelAbove: z
      .tuple([z.number().int().min(0), z.number().int().min(0), z.number().int().min(0)])
      .default([6, 12, 25]),
  })
  .refine(
    (m) =>
      m.securityLevelAbove[0] <= m.securityLevelAbove[1] &&
      m.securityLevelAbove[1] <= m.securityLevelAbove[2],
    {
      error: "securityLevelAbove must ascend: the scores above which SL-T 2, 3 and 4 are called for",
      path: ["securityLevelAbove"],
    },
  );
export type RiskMatrix = z.infer<typeof RiskMatrix>;

/**
 * An assessor's judgement that replaces what otaudit rated for one scenario in one zone: the unmitigated likelihood
 * (from the threat agents and the exposure by design), the impact, or the residual likelihood (from the
 * countermeasures met and the evidence of weaknesses).
 */
export const RiskOverride = z
  .strictObject({
    scenario: z.string().min(1),
    zone: z.string().min(1),
    likelihood: z.number().int().min(1).max(5).optional(),
    impact: z.number().int().min(1).max(5).optional(),
    residualLikelihood: z.number().int().min(1).max(5).optional(),
    justification: z
      .string()
      .trim()
      .min(10, { error: "an override needs a justification of at least 10 characters" }),
    assessor: z.string().min(1).optional(),
  })
  .refine((o) => o.likelihood !== undefined || o.impact !== undefined || o.residualLikelihood !== undefined, {
    error: "an override sets likelihood, impact, residualLikelihood or several of them",
  });
export type RiskOverride = z.infer<typeof RiskOverride>;

/** A cell of the matrix: likelihood, impact, their product, and whether it is at or below the tolerable line. */
export const RiskPoint = z.strictObject({
  likelihood: z.number().int().min(1),
  impact: z.number().int().min(1),
  score: z.number().int().min(1),
  tolerable: z.boolean(),
});
export type RiskPoint = z.infer<typeof RiskPoint>;

/** One threat scenario assessed in one zone. */
export const Risk = z.strictObject({
  /** `<scenario>:<zone>`, stable across runs. */
  id: z.string(),
  scenario: z.string(),
  title: z.string(),
  zone: z.string(),
  /** MITRE ATT&CK for ICS technique ids. */
  techniques: z.array(z.string()),
  /**
   * Before countermeasures: the likelihood the threat agents and the zone's exposure by design give (or an
   * override), and the zone's impact.
   */
  likelihood: z.number().int().min(1),
  impact: z.number().int().min(1),
  unmitigated: RiskPoint,
  /**
   * As found: the unmitigated likelihood less the countermeasures the gap assessment shows met, never below what
   * the evidence of weaknesses (paths, traffic, vulnerabilities, accounts) shows.
   */
  residual: RiskPoint,
  /** Why the unmitigated likelihood and impact are what they are, each with its source. */
  reasons: z.array(z.string()),
  /** Why the residual likelihood is what it is; empty in runs stored before it was given apart. */
  residualReasons: z.array(z.string()).default([]),
  countermeasures: z.array(z.strictObject({ requirement: z.string(), result: z.string() })),
  evidence: z.array(Evidence),
  overridden: z.boolean(),
});
export type Risk = z.infer<typeof Risk>;

/**
 * The initial risk assessment of the system under consideration (ZCR 2), held against the tolerable line (ZCR 4):
 * its worst-case unmitigated risk as if it were one zone, the most exposed zone's likelihood with the worst
 * consequence of any zone. Above the line, partitioning and the detailed risk assessment are called for.
 */
export const InitialRisk = z.strictObject({
  point: RiskPoint,
  /** Where the likelihood and the impact come from, in words. */
  reason: z.string(),
});
export type InitialRisk = z.infer<typeof InitialRisk>;

/** One FR of a zone's recommended SL-T: the level, the declared one, why, and what disagrees (null when nothing). */
export const SlRationale = z.strictObject({
  fr: z.number().int().min(1).max(7),
  recommended: SecurityLevel,
  declared: SecurityLevel,
  reason: z.string(),
  /** Set only when the declared level is below the recommended one: the words a reviewer acts on. */
  disagreement: z.string().nullable(),
});
export type SlRationale = z.infer<typeof SlRationale>;

/** A risk whose residual score changed between two reviews; null on a side where it was not assessed. */
export const RiskChange = z.strictObject({
  id: z.string(),
  before: z.number().int().nullable(),
  after: z.number().int().nullable(),
});
export type RiskChange = z.infer<typeof RiskChange>;
