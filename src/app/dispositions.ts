/**
 * dispositions.yaml of a plant folder, loaded and checked against otaudit's rules before anything is read: an error
 * stops the assessment with every problem located, as plant.yaml's and answers.yaml's do. Applying the entries to
 * the run's findings is the analysis stage's (analysis/dispositions/).
 */
import { existsSync } from "node:fs";
import { join } from "node:path";
import { RULES } from "../analysis/registry.js";
import type { DispositionSet } from "../model/dispositions.js";
import type { InputProblem } from "../model/problem.js";
import { loadDispositionsFile } from "../sources/dispositions-yaml.js";
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
