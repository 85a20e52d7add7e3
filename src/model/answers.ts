import { z } from "zod";
import { Id, IsoDate } from "./plant.js";

/**
 * What an assessor answered for a requirement; kept apart from the workflow state of its review. `compensated`:
 * met by a compensating countermeasure (IEC 62443-3-3 allows them where the system cannot meet a requirement by its
 * own mechanism), described in the answer's `compensation`; it counts as met.
 */
export const ANSWER_STATUSES = ["met", "compensated", "partial", "not-met", "not-applicable"] as const;
export const AnswerStatus = z.enum(ANSWER_STATUSES);
export type AnswerStatus = z.infer<typeof AnswerStatus>;

/** An IEC 62443-3-3 system requirement or enhancement id as written in answers.yaml: `SR 1.1`, `SR 1.1 RE 2`. */
export const RequirementId = z.string().regex(/^SR \d\.\d{1,2}( RE \d{1,2})?$/, {
  error: 'expected a requirement id like "SR 1.1" or "SR 1.1 RE 2"',
});

const Said = (what: string) =>
  z
    .string()
    .trim()
    .min(1, { error: `say ${what}` });

/**
 * A compensating countermeasure standing in for a requirement's own mechanism: what it is, what it stands for (the
 * mechanism the system cannot provide, and why), what shows it works, and who approved it when.
 */
export const Compensation = z.strictObject({
  countermeasure: Said("what the compensating countermeasure is"),
  standsFor: Said(
    "what the requirement's own mechanism would have been, and why the system cannot provide it",
  ),
  evidence: Said("what shows the countermeasure is in place and works"),
  approvedBy: Said("who approved the countermeasure"),
  date: IsoDate,
});
export type Compensation = z.infer<typeof Compensation>;

/** Below this, a rationale says nothing a reader of the report could check. */
export const OVERRIDE_RATIONALE_MIN = 20;

/**
 * "I have seen the automated evidence that contradicts this answer, and my answer stands": who, when and why. With
 * it the verdict follows the answer; the contradicting evidence stays listed beside the rationale.
 */
export const AssessorOverride = z.strictObject({
  rationale: z
    .string({ error: "say why the answer stands against the evidence" })
    .trim()
    .min(OVERRIDE_RATIONALE_MIN, {
      error: `say why the answer stands against the evidence, in at least ${OVERRIDE_RATIONALE_MIN} characters a reader can check`,
    }),
  by: Said("who overrules the evidence"),
  date: IsoDate,
});
export type AssessorOverride = z.infer<typeof AssessorOverride>;

export const Answer = z
  .strictObject({
    requirement: RequirementId,
    /**
     * The asset this answer is about, when the zone's systems (or a conduit's devices) differ; without it the answer
     * covers the zone or the conduit.
     */
    system: Id.optional(),
    status: AnswerStatus,
    /** What shows it: a document, a configuration export, a test. A "met" without evidence counts as unknown. */
    evidence: z.string().optional(),
    /** Why a requirement does not apply; required for not-applicable. */
    justification: z.string().optional(),
    assessor: z.string().optional(),
    date: IsoDate.optional(),
    comment: z.string().optional(),
    workflow: z.enum(["to-do", "in-review", "done"]).default("done"),
    /** Required for `compensated`: the countermeasure that meets the requirement in place of its own mechanism. */
    compensation: Compensation.optional(),
    /** The assessor's answer stands against the automated evidence that contradicts it: who, when, why. */
    override: AssessorOverride.optional(),
  })
  .refine((a) => a.status !== "not-applicable" || Boolean(a.justification), {
    error: "not-applicable needs a justification",
    path: ["justification"],
  })
  .refine((a) => a.status !== "compensated" || a.compensation !== undefined, {
    error:
      "compensated needs a compensation: countermeasure, standsFor, evidence, approvedBy and date (IEC 62443-3-3 compensating countermeasure)",
    path: ["status"],
  })
  .refine((a) => a.status === "compensated" || a.compensation === undefined, {
    error: "a compensation goes with status compensated only: set the status, or remove the compensation",
    path: ["compensation"],
  });
export type Answer = z.infer<typeof Answer>;

export const ZoneAnswers = z.strictObject({
  zone: Id,
  /** Default assessor and date for this zone's answers that name none. */
  assessor: z.string().optional(),
  date: IsoDate.optional(),
  answers: z.array(Answer).default([]),
});
export type ZoneAnswers = z.infer<typeof ZoneAnswers>;

/**
 * Answers about a conduit: the requirements of FR3-FR5 (integrity, confidentiality and restricted flow of what it
 * carries), judged at the conduit's own SL-T. A zone's answers say nothing of its conduits, nor these of the zones.
 */
export const ConduitAnswers = z.strictObject({
  conduit: Id,
  /** Default assessor and date for this conduit's answers that name none. */
  assessor: z.string().optional(),
  date: IsoDate.optional(),
  answers: z.array(Answer).default([]),
});
export type ConduitAnswers = z.infer<typeof ConduitAnswers>;

/** An IEC 62443-2-1 program element id: `CM 1`, `EVENT 1`. */
export const ProgramElementId = z.string().regex(/^[A-Z]+ \d+$/, {
  error: 'expected a program element id like "CM 1" or "EVENT 1"',
});

/** Maturity 1 initial, 2 managed, 3 defined (practised), 4 improving. */
export const MaturityLevel = z
  .number({ error: "expected a maturity level 1-4" })
  .int({ error: "expected a maturity level 1-4" })
  .min(1, { error: "expected a maturity level 1-4" })
  .max(4, { error: "expected a maturity level 1-4" });

export const ProgramAnswer = z.strictObject({
  element: ProgramElementId,
  maturity: MaturityLevel,
  evidence: z.string().optional(),
  assessor: z.string().optional(),
  date: IsoDate.optional(),
  comment: z.string().optional(),
});
export type ProgramAnswer = z.infer<typeof ProgramAnswer>;

/** answers.yaml: questionnaire answers per zone (or per system within a zone), per conduit and per program element. */
export const AnswersFile = z.strictObject({
  $schema: z.string().optional(),
  /**
   * A file of your own, relative to answers.yaml, mapping requirement ids to the normative texts of your licensed
   * copy of the standard; shown beside otaudit's guidance. otaudit ships no normative text.
   */
  normativeTexts: z.string().optional(),
  zones: z.array(ZoneAnswers).default([]),
  conduits: z.array(ConduitAnswers).default([]),
  program: z.array(ProgramAnswer).default([]),
});
export type AnswersFile = z.infer<typeof AnswersFile>;

/** A validated answers.yaml with the line of each answer, for evidence pointers. */
export const AnswerSet = z.strictObject({
  file: z.string(),
  spec: AnswersFile,
  /** `zones.1.answers.3`, `conduits.0.answers.2` and `program.2` -> the line where that record starts. */
  lines: z.record(z.string(), z.number().int()),
});
export type AnswerSet = z.infer<typeof AnswerSet>;
