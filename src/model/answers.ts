import { z } from "zod";
import { Id, IsoDate } from "./plant.js";

/** What an assessor answered for a requirement; kept apart from the workflow state of its review. */
export const ANSWER_STATUSES = ["met", "partial", "not-met", "not-applicable"] as const;
export const AnswerStatus = z.enum(ANSWER_STATUSES);
export type AnswerStatus = z.infer<typeof AnswerStatus>;

/** An IEC 62443-3-3 system requirement or enhancement id as written in answers.yaml: `SR 1.1`, `SR 1.1 RE 2`. */
export const RequirementId = z.string().regex(/^SR \d\.\d{1,2}( RE \d{1,2})?$/, {
  error: 'expected a requirement id like "SR 1.1" or "SR 1.1 RE 2"',
});

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
  })
  .refine((a) => a.status !== "not-applicable" || Boolean(a.justification), {
    error: "not-applicable needs a justification",
    path: ["justification"],
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
