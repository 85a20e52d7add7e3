/**
 * The result of one requirement in one zone, from the assessors' answer and the automated evidence:
 * - evidence that contradicts the requirement makes it not met, whatever was answered; a "met", "compensated" or
 *   "not-applicable" answer it contradicts becomes a conflict shown to the assessor with that evidence;
 * - unless the assessor overruled that evidence (answers.yaml `override`: who, when, why): then the verdict follows
 *   the answer, the evidence and findings stay listed, and the conflict becomes the `overruled` record;
 * - a requirement met by a compensating countermeasure is met, and says so (`compensations`);
 * - a default threshold never overturns a person's answer: evidence that rests only on thresholds otaudit
 *   assumed (the site did not state them) leaves an answer standing and is shown beside it as a point to confirm;
 *   on a requirement nobody answered it decides like any other evidence, and is still a point to confirm;
 * - otherwise the answer stands, except that a "met" without evidence stays unknown;
 * - nobody answered and no evidence decides: unknown, never silently met;
 * - a countermeasure the assessor recorded against a finding (dispositions.yaml `compensated`) takes the place of
 *   that finding's evidence on the requirements it covers and stands as a "met" answer where nobody answered;
 *   other evidence against the requirement still makes it not met. An answer in answers.yaml outranks it.
 * A result the automated evidence decided, where every piece of that evidence comes only from inputs older than
 * plant.yaml allows, says so (`oldEvidence`): the verdict stands, and the reader knows what it rests on.
 */
import type { Evidence } from "../../model/evidence.js";
import type { Overruled, RequirementResult } from "../../model/verdicts.js";
import type { Bearing } from "./bearing.js";
import type { ZoneAnswer } from "./zone-answers.js";

/** The sentence for evidence whose dated part comes only from old inputs, else undefined (`evidenceAge`). */
export type OldEvidence = (evidence: readonly Evidence[]) => string | undefined;

export function decide(
  requirement: string,
  answer: ZoneAnswer | undefined,
  bearings: readonly Bearing[],
  restsOnOld?: OldEvidence,
): RequirementResult {
  const against = bearings.filter((b) => b.stance === "contradicts");
  const support = bearings.filter((b) => b.stance === "supports");
  const compensating = bearings.filter((b) => b.stance === "compensates");
  // Where nobody answered, the recorded countermeasures stand as a "met" answer with their evidence.
  const compensated = answer === undefined && compensating.length > 0;
  const vote = answer?.vote ?? (compensated ? "met" : undefined);
  // Evidence on otaudit's defaults decides only where no person answered, or agrees with a "not met"; a
  // countermeasure recorded against one finding is no answer to the others.
  const deciding =
    answer === undefined || vote === "not-met" ? against : against.filter((b) => b.unconfirmed === undefined);
  const assumed = against.filter((b) => b.unconfirmed !== undefined);
  const by = answer && answer.by.length > 0 ? ` by ${answer.by.join("; ")}` : "";
  const base = {
    id: requirement,
    answered:
      answer === undefined ? null : answer.vote === "met-without-evidence" ? ("met" as const) : answer.vote,
    evidence: [
      ...(answer?.evidence ?? []),
      ...against.flatMap(noted),
      ...compensating.flatMap(noted),
      ...support.flatMap(noted),
    ],
    findings: [
      ...new Set([...against, ...compensating].flatMap((b) => (b.finding ? [b.finding] : []))),
    ].sort(),
    // An answer of not met needs no confirming: the evidence on the default agrees with it.
    toConfirm: vote === "not-met" ? [] : [...new Set(assumed.map((b) => b.unconfirmed!))],
    ...(answer && answer.compensations.length > 0 ? { compensations: answer.compensations } : {}),
  };
  if (deciding.length > 0) {
    const shown = deciding.map((b) => b.summary).join(" ");
    // Each deciding piece must rest on old inputs alone: one recent piece (or a declared fact) holds the verdict up.
    const old =
      restsOnOld && deciding.every((b) => restsOnOld(b.evidence) !== undefined)
        ? restsOnOld(deciding.flatMap((b) => b.evidence))
        : undefined;
    const onOld = old ? { oldEvidence: old } : {};
    if (compensated)
      return {
        ...base,
        result: "not-met",
        conflict: null,
        reason: `compensated for ${[...new Set(compensating.map((b) => b.finding))].join(", ")}, but other automated evidence shows it is not met`,
        ...onOld,
      };
    if (
      vote === "met" ||
      vote === "met-without-evidence" ||
      vote === "compensated" ||
      vote === "not-applicable"
    ) {
      const answered = vote === "met-without-evidence" ? "met" : vote;
      const contradiction = `Answered ${answered}${by}, but automated evidence contradicts it: ${shown}`;
      // The assessor has seen this evidence and stands by the answer: the verdict follows the answer.
      if (answer?.overridden) {
        const overruled: Overruled = { contradiction, overrides: answer.overrides };
        const who = answer.overrides.map((o) => `${o.by}, ${o.date}`).join("; ");
        const stands = standing(answer, base, by);
        return {
          ...stands,
          overruled,
          reason: `${stands.reason}; automated evidence contradicts it, overruled by ${who}`,
        };
      }
      return {
        ...base,
        result: "not-met",
        conflict: contradiction,
        reason: `automated evidence contradicts the "${answered}" answer${answer && answer.overrides.length > 0 ? " (an override is recorded for some of the systems only)" : ""}`,
        ...onOld,
      };
    }
    if (vote === "partial")
      return {
        ...base,
        result: "partial",
        conflict: null,
        reason: `answered partial${by}; automated evidence confirms the shortfall`,
      };
    const onDefaults = deciding.every((b) => b.unconfirmed !== undefined);
    return {
      ...base,
      ...(vote === "not-met" ? {} : onOld),
      result: "not-met",
      conflict: null,
      reason:
        vote === "not-met"
          ? `answered not met${by}; automated evidence agrees`
          : onDefaults
            ? "not answered; automated evidence shows it is not met against otaudit's default thresholds: confirm the site's"
            : "not answered; automated evidence shows it is not met",
    };
  }
  if (compensated)
    return {
      ...base,
      result: "met",
      conflict: null,
      reason: `not answered; met by a recorded countermeasure: ${compensating.map((b) => b.summary).join(" ")}`,
    };
  if (answer === undefined) {
    return {
      ...base,
      result: "unknown",
      conflict: null,
      reason:
        support.length > 0
          ? "not answered; the plant's records support it: confirm it in answers.yaml"
          : "not answered",
    };
  }
  const stands = standing(answer, base, by);
  // An override with nothing to overrule: the evidence it answered has gone, or never contradicted this answer.
  return answer.overrides.length > 0
    ? {
        ...stands,
        reason: `${stands.reason}; the override in answers.yaml has no contradicting evidence to overrule`,
      }
    : stands;
}

type Base = Omit<RequirementResult, "result" | "conflict" | "reason">;

/** The result of an answer that stands: nothing decisive contradicts it, or the assessor overruled what does. */
function standing(answer: ZoneAnswer, base: Base, by: string): RequirementResult {
  const vote = answer.vote;
  const unconfirmed =
    base.toConfirm.length > 0
      ? "; the evidence against it rests only on otaudit's default thresholds, so the answer stands: confirm the site's"
      : "";
  if (vote === "met-without-evidence")
    return {
      ...base,
      result: "unknown",
      conflict: null,
      reason: `answered met${by} without evidence: say what shows it${unconfirmed}`,
    };
  if (vote === "compensated")
    return {
      ...base,
      result: "met",
      conflict: null,
      reason: `met by compensating countermeasure, answered${by}: ${answer.compensations.map((c) => c.countermeasure).join("; ")}${unconfirmed}`,
    };
  const reason = answer.inheritedFrom
    ? `not applicable: ${answer.inheritedFrom} was answered not-applicable${by}`
    : `answered ${vote}${by}`;
  return { ...base, result: vote, conflict: null, reason: `${reason}${unconfirmed}` };
}

function noted(b: Bearing) {
  const stance =
    b.stance === "supports"
      ? "for"
      : b.stance === "compensates"
        ? "compensates"
        : b.unconfirmed !== undefined
          ? "against, on otaudit's defaults"
          : "against";
  return b.evidence.map((e) => ({ ...e, note: `${stance}: ${b.summary}${e.note ? ` (${e.note})` : ""}` }));
}
