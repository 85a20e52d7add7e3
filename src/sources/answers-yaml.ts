/** Loads answers.yaml: schema check, checks against the plant and the catalogue, and the line of every answer. */
import { type AnswerSet, AnswersFile } from "../model/answers.js";
import type { Plant } from "../model/plant.js";
import { formatPath, type InputProblem } from "../model/problem.js";
import { checkAnswerReferences } from "./answers-references.js";
import { checkSchema, readYamlFile, type YamlFile } from "./yaml-file.js";

export interface AnswersLoad {
  answers: AnswerSet | undefined;
  /** Every problem of the file, errors and warnings, in line order. */
  problems: InputProblem[];
}

export function loadAnswersFile(path: string, plant: Plant, displayName = path): AnswersLoad {
  const yaml = readYamlFile(path, displayName);
  if (yaml.problems.some((p) => p.severity === "error"))
    return { answers: undefined, problems: yaml.problems };
  const schema = checkSchema(yaml, AnswersFile);
  const references = checkAnswerReferences(yaml.value, plant.spec).map((r): InputProblem => {
    const { line, column } = yaml.locate(r.path);
    return {
      severity: r.severity,
      file: displayName,
      line,
      column,
      path: formatPath(r.path),
      message: r.message,
    };
  });
  const problems = [...yaml.problems, ...schema.problems, ...references].sort(
    (a, b) => a.line - b.line || a.column - b.column,
  );
  const failed = problems.some((p) => p.severity === "error");
  return {
    answers:
      failed || !schema.data ? undefined : { file: displayName, spec: schema.data, lines: answerLines(yaml) },
    problems,
  };
}

function answerLines(yaml: YamlFile): Record<string, number> {
  const lines: Record<string, number> = {};
  // An empty file reads as null: no answers yet.
  const value = (yaml.value ?? {}) as { zones?: unknown; program?: unknown };
  if (Array.isArray(value.zones)) {
    value.zones.forEach((zone, i) => {
      const answers = (zone as { answers?: unknown } | null)?.answers;
      if (!Array.isArray(answers)) return;
      answers.forEach((_, j) => {
        lines[`zones.${i}.answers.${j}`] = yaml.locate(["zones", i, "answers", j]).line;
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
