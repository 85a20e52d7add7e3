/** The verdicts of an assessment: requirement results and gaps per zone, program maturity, and their changes. */
import { z } from "zod";
import { AnswerStatus, AssessorOverride, Compensation, MaturityLevel } from "./answers.js";
import { Evidence, LineEvidence } from "./evidence.js";
import { AssetRole, CapabilityScheme } from "./plant.js";
import { SecurityLevel, SlCapability } from "./security-level.js";

/** `unknown` when nobody answered and no evidence decides: never silently met. */
export const RESULTS = ["met", "partial", "not-met", "not-applicable", "unknown"] as const;
export const Result = z.enum(RESULTS);
export type Result = z.infer<typeof Result>;

export const FrId = z.enum(["FR1", "FR2", "FR3", "FR4", "FR5", "FR6", "FR7"]);

/** A compensating countermeasure an answer records, with the system it is about and who answered. */
export const CompensationRecord = Compensation.extend({
  /** The asset the answer is about, when it names one. */
  system: z.string().optional(),
  /** Who gave the answer and when: `J. Meyer, 2026-10-01`. */
  answeredBy: z.string().optional(),
});
export type CompensationRecord = z.infer<typeof CompensationRecord>;

/**
 * Automated evidence contradicted the answer and the assessor overruled it: the contradiction as it would have
 * stood, and who overruled it, when and why (one per answer, when the zone's systems were answered one by one).
 */
export const Overruled = z.strictObject({
  contradiction: z.string(),
  overrides: z.array(AssessorOverride.extend({ system: z.string().optional() })).min(1),
});
export type Overruled = z.infer<typeof Overruled>;

export const RequirementResult = z.strictObject({
  id: z.string(),
  result: Result,
  /** What the assessors answered (combined over the zone's systems), or null when nobody did. */
  answered: AnswerStatus.nullable(),
  /** The answers, then the automated evidence that contradicts or supports them; each note says which. */
  evidence: z.array(Evidence),
  /** Findings of this zone that bear on the requirement. */
  findings: z.array(z.string()),
  /**
   * Set when automated evidence contradicts a "met", "compensated" or "not-applicable" answer, for the assessor to
   * resolve; null when nothing contradicts it, or when the assessor overruled the evidence (then `overruled`).
   */
  conflict: z.string().nullable(),
  /** Why the result is what it is, in one line. */
  reason: z.string(),
  /**
   * Evidence against the requirement that rests only on otaudit's default thresholds, which the site did not state:
   * it leaves a person's answer standing and is shown beside it, for the assessor to confirm the site's own
   * threshold. Empty in runs stored before the distinction.
   */
  toConfirm: z.array(z.string()).default([]),
  /**
   * Set when the automated evidence that decided the result comes only from inputs older than plant.yaml's
   * `evidence.maxAgeDays` at the assessment date: which inputs and when they were taken. Absent otherwise.
   */
  oldEvidence: z.string().optional(),
  /**
   * The compensating countermeasures answered for it. With result "met" it is met by compensating countermeasure:
   * it counts as met for SL-A and gaps, and every output says how it is met. Absent when none was answered.
   */
  compensations: z.array(CompensationRecord).optional(),
  /**
   * Set when the assessor overruled contradicting automated evidence (answers.yaml `override`): the result follows
   * the answer, and the evidence and findings stay listed. Absent otherwise.
   */
  overruled: Overruled.optional(),
});
export type RequirementResult = z.infer<typeof RequirementResult>;

/** How every output words a requirement met by a compensating countermeasure. */
export const MET_BY_COMPENSATION = "met by compensating countermeasure";

/** Whether a result is met by a compensating countermeasure (rather than by the requirement's own mechanism). */
export function metByCompensation(r: Pick<RequirementResult, "result" | "compensations">): boolean {
  return r.result === "met" && (r.compensations?.length ?? 0) > 0;
}

/** A result in words, saying "met by compensating countermeasure" where it is. */
export function resultText(r: Pick<RequirementResult, "result" | "compensations">): string {
  return metByCompensation(r) ? MET_BY_COMPENSATION : r.result;
}

/** `J. Meyer, 2026-12-01: rationale`: one overrule in a line. */
export function overruleText(o: Overruled): string {
  return o.overrides
    .map((x) => `${x.by}, ${x.date}${x.system ? ` (for ${x.system})` : ""}: ${x.rationale}`)
    .join(" ");
}

/** A sentence as a clause inside another: without its closing full stop. */
export const clause = (text: string): string => text.trim().replace(/\.+$/, "");

/** One compensating countermeasure in a line. */
export function compensationText(c: CompensationRecord): string {
  return `${c.system ? `${c.system}: ` : ""}${clause(c.countermeasure)} (stands for: ${clause(c.standsFor)}; evidence: ${clause(c.evidence)}; approved by ${c.approvedBy}, ${c.date})`;
}

/** A component of a zone that states an SL-C, and where plant.yaml states it. */
export const StatedCapability = z.strictObject({
  asset: z.string(),
  /** Its role says which FRs' capability it must provide, and so in which FRs its SL-C counts. */
  role: AssetRole,
  scheme: CapabilityScheme,
  number: z.string(),
  issued: z.string(),
  slC: SlCapability,
  source: LineEvidence,
});
export type StatedCapability = z.infer<typeof StatedCapability>;

/**
 * Where the components' SL-C bears on a zone's SL-A in one FR: the lowest stated SL-C there is below what the
 * requirements alone reach. `applied`: SL-A is capped at it; not applied: a compensating countermeasure answered
 * for a requirement of the FR in the zone stands in for the missing capability (`compensatedBy`).
 */
export const CapNote = z.strictObject({
  fr: FrId,
  /** The lowest SL-C stated in the FR among the components that must provide it. */
  slCapability: SecurityLevel,
  /** The components stating that lowest SL-C. */
  components: z.array(z.string()),
  /** The SL-A the requirements alone reach. */
  fromRequirements: SecurityLevel,
  applied: z.boolean(),
  /** The requirements of the FR met by compensating countermeasure in the zone; empty when the cap applies. */
  compensatedBy: z.array(z.string()),
  reason: z.string(),
});
export type CapNote = z.infer<typeof CapNote>;

/** A requirement the zone must meet to reach its target level in one FR, and does not. */
export const Gap = z.strictObject({
  requirement: z.string(),
  title: z.string(),
  fr: FrId,
  /** The lowest security level that requires it: below its target, the zone's SL-A cannot pass this level. */
  neededFor: SecurityLevel,
  result: Result,
  findings: z.array(z.string()),
  remediation: z.string(),
  /** The yes/no question of otaudit's guidance. */
  question: z.string(),
  /** The user's licensed normative text, when they gave a file of them. */
  normativeText: z.string().optional(),
  /**
   * Rank across the whole plant, 1 first: zone criticality, then the size of the FR's gap, then the findings
   * behind it, then the level that needs it first.
   */
  priority: z.number().int().positive(),
});
export type Gap = z.infer<typeof Gap>;

/** A requirement a conduit's target level asks for and it does not meet; ranked within the conduit only. */
export const ConduitGap = Gap.omit({ priority: true });
export type ConduitGap = z.infer<typeof ConduitGap>;

/**
 * An IEC 62443-2-1 program element: rated 1-4 only when a person rated it in answers.yaml; otherwise not rated,
 * with what the records and findings support shown as a cap, never as a rating.
 */
export const ProgramRating = z.strictObject({
  element: z.string(),
  title: z.string(),
  /**
   * The maturity a person gave in answers.yaml, lowered to what the records support where they show a shortfall;
   * null when nobody rated the element, whatever the records show.
   */
  maturity: MaturityLevel.nullable(),
  /**
   * Whether a person rated the element in answers.yaml. Absent in runs stored before the distinction, whose
   * maturity may come from the records alone: `programRating` reads those.
   */
  rated: z.boolean().optional(),
  /**
   * The most the records and findings support (records show at most 3; 4 is an assessor's judgement): "records
   * support at most 2". A cap, not a rating; null when no record bears on the element.
   */
  cap: MaturityLevel.nullable().default(null),
  reasons: z.array(z.string()),
  evidence: z.array(Evidence),
  /** Shortfalls found only against otaudit's default thresholds: they cap no one's rating, and are to confirm. */
  toConfirm: z.array(z.string()).default([]),
});
export type ProgramRating = z.infer<typeof ProgramRating>;

/**
 * Whether a person rated a program element. Runs stored before `rated` existed carried the records' level as the
 * maturity of an element nobody rated; a person's rating always left "rated N" among the reasons, which tells the
 * two apart. Without reasons either (a bare element and maturity), a maturity is taken as rated.
 */
export function ratedByPerson(p: {
  maturity: number | null;
  rated?: boolean | undefined;
  reasons?: readonly string[];
}): boolean {
  return p.rated ?? (p.maturity !== null && (p.reasons?.some((r) => /^rated [1-4]\b/.test(r)) ?? true));
}

/** A program element as rated: the maturity a person gave (after the records' cap), or null; and the records' cap. */
export function programRating(p: ProgramRating): {
  rated: boolean;
  maturity: number | null;
  cap: number | null;
} {
  const rated = ratedByPerson(p);
  if (rated) return { rated, maturity: p.maturity, cap: p.cap };
  // A stored run's unrated element: its maturity was the records' level.
  return { rated, maturity: null, cap: p.rated === undefined ? p.maturity : p.cap };
}

/** Review-to-review changes; null on a side means the zone, requirement or element was not in that run. */
export const LevelChange = z.strictObject({
  zone: z.string(),
  fr: FrId,
  before: SecurityLevel.nullable(),
  after: SecurityLevel.nullable(),
});
export type LevelChange = z.infer<typeof LevelChange>;

export const ResultChange = z.strictObject({
  zone: z.string(),
  requirement: z.string(),
  before: Result.nullable(),
  after: Result.nullable(),
});
export type ResultChange = z.infer<typeof ResultChange>;

export const MaturityChange = z.strictObject({
  element: z.string(),
  before: MaturityLevel.nullable(),
  after: MaturityLevel.nullable(),
});
export type MaturityChange = z.infer<typeof MaturityChange>;
