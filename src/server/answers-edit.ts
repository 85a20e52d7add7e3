/**
 * Sets one questionnaire answer in the text of answers.yaml, through the yaml Document so that the comments, the
 * order of zones and answers and the style of untouched records survive.
 */
import { isMap, isSeq, parseDocument, type YAMLSeq } from "yaml";
import type { AnswerStatus, AssessorOverride, Compensation } from "../model/answers.js";

/** Lines as long as the author wrote them: the library folds at 80 columns by default. */
const KEEP_LINES = { lineWidth: 0 };

export interface AnswerEdit {
  zone: string;
  requirement: string;
  status: AnswerStatus;
  evidence?: string;
  justification?: string;
  assessor?: string;
  /** YYYY-MM-DD */
  date?: string;
  /** For status compensated: the compensating countermeasure. */
  compensation?: Compensation;
  /** The assessor's answer stands against the evidence that contradicts it: who, when, why. */
  override?: AssessorOverride;
}

export function setAnswer(text: string, edit: AnswerEdit): string {
  const doc = parseDocument(text);
  if (doc.errors.length > 0) throw new Error(`answers.yaml does not parse: ${doc.errors[0]!.message}`);
  // An empty or comment-only file has no map yet.
  if (!isMap(doc.contents)) doc.contents = doc.createNode({ zones: [] }) as unknown as typeof doc.contents;
  if (!doc.has("zones")) doc.set("zones", doc.createNode([]));
  const zones = doc.get("zones") as YAMLSeq;
  if (!isSeq(zones)) throw new Error("answers.yaml: zones is not a list");
  let zoneIndex = zones.items.findIndex((z) => isMap(z) && z.get("zone") === edit.zone);
  if (zoneIndex < 0) {
    zones.add(doc.createNode({ zone: edit.zone, answers: [] }));
    zoneIndex = zones.items.length - 1;
  }
  if (!doc.hasIn(["zones", zoneIndex, "answers"]))
    doc.setIn(["zones", zoneIndex, "answers"], doc.createNode([]));
  const answers = doc.getIn(["zones", zoneIndex, "answers"]) as YAMLSeq;
  // The zone-wide answer: one that names a system is about that asset only and is left alone.
  const index = answers.items.findIndex(
    (a) => isMap(a) && a.get("requirement") === edit.requirement && !a.has("system"),
  );
  const fields: [string, string | object | undefined][] = [
    ["status", edit.status],
    ["evidence", edit.evidence],
    ["justification", edit.justification],
    ["assessor", edit.assessor],
    ["date", edit.date],
    // Nested records, written as blocks: who approved a countermeasure, who overruled evidence and why.
    ["compensation", edit.compensation],
    ["override", edit.override],
  ];
  if (index < 0) {
    const record: Record<string, string | object> = { requirement: edit.requirement };
    for (const [key, value] of fields) if (value) record[key] = value;
    answers.add(doc.createNode(record));
  } else {
    const path = ["zones", zoneIndex, "answers", index];
    for (const [key, value] of fields) {
      if (value) doc.setIn([...path, key], typeof value === "string" ? value : doc.createNode(value));
      else if (key !== "status") doc.deleteIn([...path, key]);
    }
  }
  return doc.toString(KEEP_LINES);
}
