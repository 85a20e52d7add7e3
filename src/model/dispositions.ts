/**
 * dispositions.yaml: the assessor's word on single findings, recorded with who and when. A finding the automated
 * evidence got wrong is dismissed (`false-positive`); a risk consciously taken is `accepted` until a date; a finding
 * a countermeasure answers is `compensated` for the requirements it covers; a fix done but not yet seen in the
 * evidence is `fixed-pending-verification`. The finding stays in the assessment either way, marked with its
 * disposition, so that every verdict traces to the evidence and to the person who set it aside.
 */
import { z } from "zod";
import { RequirementId } from "./answers.js";

export const DISPOSITION_STATUSES = [
  "false-positive",
  "accepted",
  "compensated",
  "fixed-pending-verification",
] as const;
export const DispositionStatus = z.enum(DISPOSITION_STATUSES);
export type DispositionStatus = z.infer<typeof DispositionStatus>;

/** Text a person must give: present and not blank, or the message that says what it is for. */
const said = (what: string) => z.string({ error: what }).trim().min(1, { error: what });

/** A calendar day, as YAML reads `2026-11-28` (a string). */
const Day = z.iso.date({ error: 'expected a date like "2026-11-28"' });

/**
 * A finding's id as the report, findings.csv and assessment.json show it: the rule id, a colon, and what the
 * finding is about (`ARCH-002:enterprise>control`, `FW-001:firewalls/dose-4g.rules:58`).
 */
export const FindingId = z.string().regex(/^[A-Z]+-\d+:.+$/, {
  error:
    'expected a finding id as the report shows it: rule id, colon, subject ("ARCH-002:enterprise>control")',
});

const FALSE_POSITIVE = {
  status: z.literal("false-positive"),
  /** Why the automated evidence is wrong: what was checked, and what it showed. */
  justification: said("a false-positive needs a justification: why the automated evidence is wrong"),
};

const ACCEPTED = {
  status: z.literal("accepted"),
  /** Who owns the risk while it is accepted. */
  owner: said("an accepted risk needs an owner: who carries it"),
  /** Who approved accepting it. */
  approver: said("an accepted risk needs an approver: who decided to accept it"),
  /** The last day the acceptance holds; after it the finding counts again. */
  expires: Day,
  /** Why the risk is taken. */
  rationale: said("an accepted risk needs a rationale: why it is taken"),
};

const COMPENSATED = {
  status: z.literal("compensated"),
  /** The countermeasure that answers the finding. */
  countermeasure: said("a compensated finding needs the countermeasure that answers it"),
  /** The IEC 62443-3-3 requirements it covers: met in the finding's zones (and conduits), on its evidence. */
  requirements: z
    .array(RequirementId)
    .min(1, { error: "name the requirements the countermeasure covers (SR ids)" }),
  /** What shows the countermeasure in place: a document, a test, an export. */
  evidence: said("a compensated finding needs the evidence that the countermeasure is in place"),
};

const PENDING = {
  status: z.literal("fixed-pending-verification"),
  /** Where the fix is recorded: a work order, a change number. */
  reference: said("a fix pending verification needs a reference: the work order or change that fixed it"),
};

/** Who recorded the disposition, and on which day. */
const RECORDED = {
  by: said("say who recorded the disposition (by)"),
  date: Day,
};

const entry = <T extends z.ZodRawShape>(fields: T) =>
  z.strictObject({ finding: FindingId, ...fields, ...RECORDED });

/** One entry of dispositions.yaml: the finding it concerns, its status with what the status needs, who and when. */
export const DispositionEntry = z.discriminatedUnion(
  "status",
  [entry(FALSE_POSITIVE), entry(ACCEPTED), entry(COMPENSATED), entry(PENDING)],
  { error: `expected a status: ${DISPOSITION_STATUSES.join(", ")}` },
);
export type DispositionEntry = z.infer<typeof DispositionEntry>;

/** What each status needs besides the finding, who and when: `justification` for a false positive, ... */
export const STATUS_FIELDS = Object.fromEntries(
  DispositionEntry.options.map((o) => [
    o.shape.status.value,
    Object.keys(o.shape).filter((k) => !["finding", "status", "by", "date"].includes(k)),
  ]),
) as Record<DispositionStatus, string[]>;

export const DispositionsFile = z.strictObject({
  $schema: z.string().optional(),
  dispositions: z.array(DispositionEntry).default([]),
});
export type DispositionsFile = z.infer<typeof DispositionsFile>;

/** A validated dispositions.yaml with the line of each entry, for evidence pointers and warnings. */
export const DispositionSet = z.strictObject({
  file: z.string(),
  spec: DispositionsFile,
  /** The line where each entry starts, by its index in `dispositions`. */
  lines: z.array(z.number().int().positive()),
});
export type DispositionSet = z.infer<typeof DispositionSet>;

/** Where an entry is written: the file as the plant folder names it, and its line. */
const WRITTEN = {
  file: z.string(),
  line: z.number().int().positive(),
};

const carried = <T extends z.ZodRawShape>(fields: T) =>
  z.strictObject({ ...fields, ...RECORDED, ...WRITTEN });

/** A disposition as a finding carries it: the entry without the finding's id, and where it is written. */
export const FindingDisposition = z.discriminatedUnion("status", [
  carried(FALSE_POSITIVE),
  carried(ACCEPTED),
  carried(COMPENSATED),
  carried(PENDING),
]);
export type FindingDisposition = z.infer<typeof FindingDisposition>;

/**
 * What became of one entry in a run: `applied` to the finding the run raised; `expired`, an acceptance past its
 * last day at the assessment date, so the finding counts as any other; `stale`, the run raised no such finding
 * (fixed, or its subject renamed).
 */
export const DispositionState = z.enum(["applied", "expired", "stale"]);
export type DispositionState = z.infer<typeof DispositionState>;

export const DispositionRecord = z.strictObject({
  finding: z.string(),
  state: DispositionState,
  disposition: FindingDisposition,
});
export type DispositionRecord = z.infer<typeof DispositionRecord>;

interface Disposed {
  disposition?: FindingDisposition | undefined;
}

/** A finding dismissed as a false positive: kept and shown, but it bears on no verdict. */
export function dismissed(f: Disposed): boolean {
  return f.disposition?.status === "false-positive";
}

/**
 * The findings that bear on the verdicts (requirement results, SL-A, conduits, the program, posture and the plan):
 * all but those dismissed as false positives. The comparison between runs lists what the checks raised, all of them.
 */
export function standing<T extends Disposed>(findings: readonly T[]): T[] {
  return findings.filter((f) => !dismissed(f));
}

/** Whether the remediation plan ranks it: a standing finding whose risk nobody accepted. */
export function inPlan(f: Disposed): boolean {
  return !dismissed(f) && f.disposition?.status !== "accepted";
}

/** How many of these findings carry each disposition. */
export function dispositionCounts(findings: readonly Disposed[]): Record<DispositionStatus, number> {
  const counts = Object.fromEntries(DISPOSITION_STATUSES.map((s) => [s, 0])) as Record<
    DispositionStatus,
    number
  >;
  for (const f of findings) if (f.disposition) counts[f.disposition.status]++;
  return counts;
}

export const STATUS_WORDS: Record<DispositionStatus, string> = {
  "false-positive": "false positive",
  accepted: "accepted risk",
  compensated: "compensated",
  "fixed-pending-verification": "fixed, pending verification",
};

/** The disposition in one sentence, for the report, the CLI and the workbench. */
export function dispositionWords(d: FindingDisposition): string {
  const who = `${d.by}, ${d.date}`;
  switch (d.status) {
    case "false-positive":
      return `Dismissed as a false positive (${who}): ${d.justification}`;
    case "accepted":
      return `Risk accepted until ${d.expires}, owned by ${d.owner}, approved by ${d.approver} (${who}): ${d.rationale}`;
    case "compensated":
      return `Compensated for ${d.requirements.join(", ")} (${who}): ${d.countermeasure}; evidence: ${d.evidence}`;
    case "fixed-pending-verification":
      return `Fixed, pending verification (${who}): ${d.reference}`;
  }
}
