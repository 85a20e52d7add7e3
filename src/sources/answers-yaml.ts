/** Loads answers.yaml: schema check, checks against the plant and the catalogue, and the line of every answer. */
import { type AnswerSet, AnswersFile } from "../model/answers.js";
import type { Plant } from "../model/plant.js";
import type { InputProblem } from "../model/problem.js";
import { checkAnswerReferences } from "./answers-references.js";
import { loadYamlFile, type YamlFile } from "./yaml-file.js";

export interface AnswersLoad {
  answers: AnswerSet | undefined;
  /** Every problem of the file, errors and warnings, in line order. */
  problems: InputProblem[];
}

export function loadAnswersFile(path: string, plant: Plant, displayName = path): AnswersLoad {
  const references = (value: unknown) => checkAnswerReferences(value, plant.spec);
  const { loaded, problems } = loadYamlFile(path, displayName, AnswersFile, references, answerLines);
  return { answers: loaded, problems };
}

function answerLines(yaml: YamlFile): Record<string, number> {
  const lines: Record<string, number> = {};
  // An empty file reads as null: no answers yet.
  const value = (yaml.value ?? {}) as { zones?: unknown; conduits?: unknown; program?: unknown };
  for (const scope of ["zones", "conduits"] as const) {
    const entries = value[scope];
    if (!Array.isArray(entries)) continue;
    entries.forEach((entry, i) => {
      const answers = (entry as { answers?: unknown } | null)?.answers;
      if (!Array.isArray(answers)) return;
      answers.forEach((_, j) => {
        lines[`${scope}.${i}.answers.${j}`] = yaml.locate([scope, i, "answers", j]).line;
      });
    });
  }
  if (Array.isArray(value.program)) {
    value.program.forEach((_, k) => {
      lines[`program.${k}`] = yaml.locate(["program", k]).line;
    });
  }
  return lines;
}
