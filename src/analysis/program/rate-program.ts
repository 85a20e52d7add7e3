/**
 * IEC 62443-2-1 program maturity. An element is rated only when a person rated it in answers.yaml; the records
 * and findings never rate an element, they cap it. Their weakest aspect caps an assessor's rating: a rating above
 * what the records show needs those shortfalls resolved first, except shortfalls found only against otaudit's
 * default thresholds, which cap no one's rating and are points to confirm. An element nobody rated is not rated,
 * with what the records support shown as a cap ("records support at most 2").
 */
import type { ProgramAnswer } from "../../model/answers.js";
import type { Evidence } from "../../model/evidence.js";
import type { ProgramRating } from "../../model/verdicts.js";
import { PROGRAM_ELEMENTS, type ProgramElement } from "../../standard/program.js";
import { accountAspects } from "./accounts.js";
import type { Aspect, ProgramInput } from "./aspect.js";
import { backupAspects } from "./backups.js";
import { findingAspects } from "./finding-aspects.js";
import { inventoryAspects } from "./inventory.js";
import { eventAspects, patchAspects, segmentationAspects } from "./program-facts.js";
import { remoteAccessAspects } from "./remote-access.js";

const FROM_RECORDS: Record<string, (input: ProgramInput) => Aspect[]> = {
  "CM 1": inventoryAspects,
  "NET 1": segmentationAspects,
  "NET 3": remoteAccessAspects,
  "COMP 3": patchAspects,
  "USER 1": accountAspects,
  "EVENT 1": eventAspects,
  "AVAIL 2": backupAspects,
};

interface Rated {
  answer: ProgramAnswer;
  where: Evidence;
}

export function rateProgram(input: ProgramInput): ProgramRating[] {
  const rated = new Map<string, Rated>();
  input.answers?.spec.program.forEach((answer, k) => {
    const line = input.answers!.lines[`program.${k}`] ?? 1;
    rated.set(answer.element, {
      answer,
      where: { kind: "line", file: input.answers!.file, line, note: "maturity rating" },
    });
  });
  const fromFindings = findingAspects(input.findings);
  return PROGRAM_ELEMENTS.map((e) => {
    const aspects = [...(FROM_RECORDS[e.id]?.(input) ?? []), ...(fromFindings.get(e.id) ?? [])];
    return rate(e, aspects, rated.get(e.id));
  });
}

const lowest = (aspects: readonly Aspect[]) =>
  aspects.length > 0 ? (Math.min(...aspects.map((a) => a.level)) as Aspect["level"]) : null;

function rate(element: ProgramElement, aspects: Aspect[], rated: Rated | undefined): ProgramRating {
  // What the records support, and the part of it that rests on thresholds the site stated or on none.
  const cap = lowest(aspects);
  const firmCap = lowest(aspects.filter((a) => a.unconfirmed === undefined));
  const reasons = aspects.map((a) => a.reason);
  const evidence = aspects.flatMap((a) => a.evidence);
  const toConfirm = aspects.flatMap((a) => (a.unconfirmed ? [a.unconfirmed] : []));
  const base = { element: element.id, title: element.title, cap, toConfirm };
  if (!rated) {
    reasons.push(
      cap === null
        ? "not rated in answers.yaml, and no records bear on it"
        : `not rated in answers.yaml; the records support at most ${cap}`,
    );
    return { ...base, maturity: null, rated: false, reasons, evidence };
  }
  const { answer, where } = rated;
  const limit = firmCap === null || firmCap === 3 ? 4 : firmCap;
  const who = [answer.assessor, answer.date].filter(Boolean).join(", ");
  reasons.push(
    `rated ${answer.maturity}${who ? ` by ${who}` : ""}${answer.evidence ? `: ${answer.evidence}` : ""}`,
  );
  if (answer.maturity > limit)
    reasons.push(`the records cap it at ${limit} until the shortfalls above are resolved`);
  else if (cap !== null && cap < 3 && answer.maturity > cap)
    reasons.push(
      `the records support at most ${cap} only against otaudit's default thresholds: the rating stands, to confirm`,
    );
  return {
    ...base,
    maturity: Math.min(answer.maturity, limit),
    rated: true,
    reasons,
    evidence: [...evidence, where],
  };
}
