/**
 * dispositions.yaml of a plant folder, loaded and checked against otaudit's rules before anything is read: an error
 * stops the assessment with every problem located, as plant.yaml's and answers.yaml's do. Applying the entries to
 * the run's findings is the analysis stage's (analysis/dispositions/).
 */
import { existsSync } from "node:fs";
import { join } from "node:path";
import { z } from "zod";
import { RULES } from "../analysis/registry.js";
import { DispositionEntry, type DispositionSet } from "../model/dispositions.js";
import { formatPath, type InputProblem } from "../model/problem.js";
import { checkDispositionReferences, loadDispositionsFile } from "../sources/dispositions-yaml.js";
import { PlantInputError } from "./errors.js";

export const DISPOSITIONS_FILE = "dispositions.yaml";

export interface DispositionInputs {
  /** null when the plant folder has no dispositions.yaml. */
  dispositions: DispositionSet | null;
  problems: InputProblem[];
}

/** Loads `<plant>/dispositions.yaml`; throws PlantInputError with every problem when it has errors. */
export function loadDispositions(plantDir: string): DispositionInputs {
  const path = join(plantDir, DISPOSITIONS_FILE);
  if (!existsSync(path)) return { dispositions: null, problems: [] };
  // Named as the plant folder names it, like every other input.
  const { dispositions, problems } = loadDispositionsFile(path, RULES, DISPOSITIONS_FILE);
  if (!dispositions) throw new PlantInputError(problems);
  return { dispositions, problems };
}

/**
 * Checks one entry before the workbench writes it, as the loader would check it in the file, and refuses an
 * acceptance that ends before `today`: one recorded now must still hold. The entry, or what is wrong with it.
 */
export function checkDisposition(
  value: unknown,
  today: string,
): { entry: DispositionEntry; problems: [] } | { entry: undefined; problems: string[] } {
  const parsed = DispositionEntry.safeParse(value);
  if (!parsed.success) return { entry: undefined, problems: [z.prettifyError(parsed.error)] };
  const entry = parsed.data;
  const problems = checkDispositionReferences({ dispositions: [entry] }, RULES).map(
    (p) => `${formatPath(p.path.slice(2))}: ${p.message}`,
  );
  if (entry.status === "accepted" && entry.expires < today)
    problems.push(
      `expires: ${entry.expires} is in the past (today is ${today}): an acceptance must still hold`,
    );
  return problems.length ? { entry: undefined, problems } : { entry, problems: [] };
}
