/**
 * IEC 62443-2-1 program maturity: every program element rated 1-4 from the records and the assessors' ratings in
 * answers.yaml. The records' weakest aspect caps an assessor's rating: a rating above what the records show needs
 * those shortfalls resolved first. An element neither records nor answers bear on is not rated (null).
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
    const aspects = [
      ...(FROM_RECORDS[e.id]?.(input) ?? []),
      ...(fromFindings.has(e.id) ? [fromFindings.get(e.id)!] : []),
    ];
    return rate(e, aspects, rated.get(e.id));
  });
}

function rate(element: ProgramElement, aspects: Aspect[], rated: Rated | undefined): ProgramRating {
  const fromRecords = aspects.length > 0 ? Math.min(...aspects.map((a) => a.level)) : null;
  const reasons = aspects.map((a) => a.reason);
  const evidence = aspects.flatMap((a) => a.evidence);
  const base = { element: element.id, title: element.title };
  if (!rated) {
    if (fromRecords === null) reasons.push("no rating in answers.yaml, and no records bear on it");
    return { ...base, maturity: fromRecords, reasons, evidence };
  }
  const { answer, where } = rated;
  const cap = fromRecords === null || fromRecords === 3 ? 4 : fromRecords;
  const who = [answer.assessor, answer.date].filter(Boolean).join(", ");
  reasons.push(
    `rated ${answer.maturity}${who ? ` by ${who}` : ""}${answer.evidence ? `: ${answer.evidence}` : ""}`,
  );
  if (answer.maturity > cap)
    reasons.push(`the records cap it at ${cap} until the shortfalls above are resolved`);
  return { ...base, maturity: Math.min(answer.maturity, cap), reasons, evidence: [...evidence, where] };
}
