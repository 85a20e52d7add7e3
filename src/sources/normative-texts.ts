/**
 * Loads a licence holder's own file of IEC 62443-3-3 normative texts: a YAML (or JSON) map from requirement id to
 * text, shown beside otaudit's guidance. otaudit ships none. Every problem is a warning: without the file the
 * assessment is the same, only the texts are missing.
 */
import { type InputProblem, type ProblemCode, problemAt } from "../model/problem.js";
import { systemRequirement } from "../standard/requirements.js";
import { readYamlFile } from "./yaml-file.js";

export interface NormativeTextsLoad {
  texts: Map<string, string>;
  problems: InputProblem[];
}

export function loadNormativeTexts(path: string, displayName = path): NormativeTextsLoad {
  const yaml = readYamlFile(path, displayName);
  const problems: InputProblem[] = yaml.problems.map((p) => ({
    ...p,
    severity: "warning",
    message: `${p.message}; normative texts are not shown`,
  }));
  const texts = new Map<string, string>();
  const warn = (code: ProblemCode, path: string[], message: string, at: "key" | "value" = "value") => {
    const { line, column } = yaml.locate(path, at);
    problems.push(problemAt(displayName, { line, column, path: path.join(".") }, code, message, "warning"));
  };
  const value = yaml.value;
  if (value === undefined || problems.length > 0) return { texts, problems };
  if (value === null || typeof value !== "object" || Array.isArray(value)) {
    warn(
      "schema",
      [],
      'expected a map from requirement id to text, e.g. "SR 1.1: <text of your licensed copy>"',
    );
    return { texts, problems };
  }
  for (const [id, text] of Object.entries(value)) {
    if (!systemRequirement(id))
      warn(
        "unknown-reference",
        [id],
        `"${id}" is not an IEC 62443-3-3 requirement id; its text is not shown`,
        "key",
      );
    else if (typeof text !== "string" || !text.trim())
      warn("schema", [id], "expected the requirement's text");
    else texts.set(id, text.trim());
  }
  return { texts, problems };
}
