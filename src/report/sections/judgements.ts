/**
 * What a person decided beside the evidence, for the gap assessment: requirements met by compensating
 * countermeasure, with the countermeasure, what it stands for, its evidence and who approved it; and the automated
 * evidence an assessor overruled, with the contradiction, the evidence and who overruled it, when and why, side by
 * side. Zones and conduits alike.
 */
import type { AnswerStatus } from "../../model/answers.js";
import type { ConduitResult, ZoneResult } from "../../model/assessment.js";
import { formatEvidence } from "../../model/evidence.js";
import {
  compensationText,
  MET_BY_COMPENSATION,
  metByCompensation,
  overruleText,
  type RequirementResult,
  type Result,
} from "../../model/verdicts.js";
import { catalogueOrder } from "../../standard/requirements.js";
import * as word from "../docx/blocks.js";
import type { Block } from "../docx/context.js";
import { esc } from "../html-escape.js";
import type { EvidenceIndex } from "../view/evidence-index.js";
import { RESULT_COLOURS, RESULT_WORDS } from "../view/palette.js";
import { clip, tableHtml } from "./common.js";
import { evidenceListHtml } from "./evidence-html.js";

function badge(colour: string, words: string): string {
  return `<span class="result" style="border-color:${colour};color:${colour}">${esc(words)}</span>`;
}

export function resultBadge(r: Result): string {
  return badge(RESULT_COLOURS[r], RESULT_WORDS[r]);
}

/** What was answered: a result, or "compensated" for an answer of met by compensating countermeasure. */
export function answerBadge(a: AnswerStatus): string {
  return a === "compensated" ? badge(RESULT_COLOURS.met, "compensated") : resultBadge(a);
}

/** A requirement's result, saying "met by compensating countermeasure" where it is. */
export function requirementBadge(q: Pick<RequirementResult, "result" | "compensations">): string {
  return metByCompensation(q) ? badge(RESULT_COLOURS.met, MET_BY_COMPENSATION) : resultBadge(q.result);
}

interface Judged {
  /** `zone dmz` or `conduit supervisory-control`. */
  scope: string;
  q: RequirementResult;
}

const judged = (
  zones: readonly ZoneResult[],
  conduits: readonly ConduitResult[],
  keep: (q: RequirementResult) => boolean,
): Judged[] =>
  [
    ...zones.map((z) => ({ scope: z.id, list: z.requirements })),
    ...conduits.map((c) => ({ scope: `conduit ${c.id}`, list: c.requirements })),
  ].flatMap(({ scope, list }) =>
    list
      .filter(keep)
      .sort((x, y) => catalogueOrder(x.id) - catalogueOrder(y.id))
      .map((q) => ({ scope, q })),
  );

export const compensated = (zones: readonly ZoneResult[], conduits: readonly ConduitResult[]) =>
  judged(zones, conduits, metByCompensation);

export const overruled = (zones: readonly ZoneResult[], conduits: readonly ConduitResult[]) =>
  judged(zones, conduits, (q) => q.overruled !== undefined);

export function compensationsHtml(list: readonly Judged[], index: EvidenceIndex): string {
  if (list.length === 0) return "";
  const rows = list.flatMap(({ scope, q }) =>
    (q.compensations ?? []).map(
      (c) =>
        `<tr><td>${esc(scope)}</td><td class="nowrap">${esc(q.id)}${c.system ? `<br><span class="small muted">${esc(c.system)}</span>` : ""}</td><td>${requirementBadge(q)}</td><td class="small">${esc(c.countermeasure)}</td><td class="small">${esc(c.standsFor)}</td><td class="small">${esc(c.evidence)}</td><td class="small">${esc(c.approvedBy)}, ${esc(c.date)}${c.answeredBy ? `<br><span class="muted">answered by ${esc(c.answeredBy)}</span>` : ""}</td><td>${evidenceListHtml(q.evidence, index, 3)}</td></tr>`,
    ),
  );
  return `<h3>Met by compensating countermeasure</h3>${tableHtml(
    [
      "Zone or conduit",
      "Requirement",
      "Result",
      "Countermeasure",
      "Stands for",
      "Its evidence",
      "Approved",
      "Evidence",
    ],
    rows,
    "answers.yaml (status compensated, with its compensation). IEC 62443-3-3 allows a compensating countermeasure where the system cannot meet a requirement by its own mechanism: it counts as met for SL-A and the gaps, and lifts the cap of the components' SL-C in its FR.",
  )}`;
}

export function overruledHtml(list: readonly Judged[], index: EvidenceIndex): string {
  if (list.length === 0) return "";
  const rows = list.map(
    ({ scope, q }) =>
      `<tr class="flagged"><td>${esc(scope)}</td><td class="nowrap">${esc(q.id)}</td><td>${q.answered ? answerBadge(q.answered) : "—"}</td><td>${requirementBadge(q)}</td><td class="small">${clip(q.overruled!.contradiction, 360)}${q.findings.length ? `<br><span class="muted">findings: ${esc(q.findings.join(", "))}</span>` : ""}</td><td class="small">${q.overruled!.overrides.map((o) => `<strong>${esc(o.by)}, ${esc(o.date)}</strong>${o.system ? ` (for ${esc(o.system)})` : ""}: ${esc(o.rationale)}`).join("<br>")}</td><td>${evidenceListHtml(q.evidence, index, 4)}</td></tr>`,
  );
  return `<h3>Evidence overruled by the assessor</h3>${tableHtml(
    [
      "Zone or conduit",
      "Requirement",
      "Answered",
      "Result",
      "Evidence against the answer",
      "Overruled by, why",
      "Evidence",
    ],
    rows,
    "answers.yaml (the answer's override: who, when, why) against the automated evidence that contradicts it, which stays listed. The result follows the assessor's answer; the reader weighs the rationale against the evidence.",
  )}`;
}

export function compensationBlocks(list: readonly Judged[]): Block[] {
  if (list.length === 0) return [];
  return [
    word.label("Met by compensating countermeasure"),
    word.table(
      ["Zone or conduit", "Requirement", "Countermeasure, what it stands for, its evidence, approval"],
      list.flatMap(({ scope, q }) => (q.compensations ?? []).map((c) => [scope, q.id, compensationText(c)])),
      [16, 14, 70],
    ),
    word.sourceNote(
      "answers.yaml (status compensated): met by compensating countermeasure, counted as met for SL-A and the gaps.",
    ),
  ];
}

export function overruledBlocks(list: readonly Judged[]): Block[] {
  if (list.length === 0) return [];
  return [
    word.label("Evidence overruled by the assessor"),
    word.table(
      ["Zone or conduit", "Requirement", "Result", "Evidence against the answer", "Overruled by, why"],
      list.map(({ scope, q }) => [
        scope,
        q.id,
        metByCompensation(q) ? MET_BY_COMPENSATION : q.result,
        [
          q.overruled!.contradiction,
          ...q.evidence.filter((e) => e.kind !== "answer").map((e) => `${formatEvidence(e)}`),
        ].join("\n"),
        overruleText(q.overruled!),
      ]),
      [12, 12, 10, 36, 30],
    ),
    word.sourceNote(
      "answers.yaml (override: who, when, why) against the automated evidence that contradicts the answer; the result follows the answer, the evidence stays listed.",
    ),
  ];
}

/** Answers the automated evidence contradicts and nobody overruled, for the Word report. */
export function conflictBlocks(zones: readonly ZoneResult[]): Block[] {
  const list = judged(zones, [], (q) => q.conflict !== null);
  if (list.length === 0) return [];
  return [
    word.label("Answers that the evidence contradicts"),
    word.table(
      ["Zone", "Requirement", "Answered", "Result", "Contradiction"],
      list.map(({ scope, q }) => [scope, q.id, q.answered ?? "—", q.result, q.conflict ?? ""]),
      [12, 14, 12, 10, 52],
    ),
    word.sourceNote(
      "answers.yaml against the automated evidence; the assessor resolves each, or overrules the evidence in answers.yaml (override: who, when, why).",
    ),
  ];
}
