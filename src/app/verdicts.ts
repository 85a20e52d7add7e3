/**
 * The verdict stage of an assessment: answers.yaml (and a licence holder's normative texts) loaded, then the gap
 * assessment per zone and per conduit and the program maturity reached from the answers, the findings, the capture
 * and the facts derived from the evidence (the zone matrix).
 */
import { existsSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import type { ZoneSeen } from "../analysis/capture-coverage.js";
import type { AnalysisContext } from "../analysis/context.js";
import type { OldEvidence } from "../analysis/gap/decide.js";
import { judgeConduits } from "../analysis/gap/judge-conduits.js";
import { automatedBearings, judgeZones, type ZoneVerdict } from "../analysis/gap/judge-zones.js";
import { rateProgram } from "../analysis/program/rate-program.js";
import type { AnswerSet } from "../model/answers.js";
import type { ConduitResult } from "../model/assessment.js";
import { standing } from "../model/dispositions.js";
import type { Finding } from "../model/finding.js";
import type { Plant } from "../model/plant.js";
import type { InputProblem } from "../model/problem.js";
import type { ProgramRating } from "../model/verdicts.js";
import { loadAnswersFile } from "../sources/answers-yaml.js";
import { loadNormativeTexts } from "../sources/normative-texts.js";
import { PlantInputError } from "./errors.js";

export interface AnswerInputs {
  /** null when the plant folder has no answers.yaml. */
  answers: AnswerSet | null;
  normativeTexts: Map<string, string>;
  problems: InputProblem[];
}

/** Loads `<plant>/answers.yaml`; throws PlantInputError with every problem when it has errors. */
export function loadAnswers(plantDir: string, plant: Plant): AnswerInputs {
  const path = join(plantDir, "answers.yaml");
  if (!existsSync(path)) return { answers: null, normativeTexts: new Map(), problems: [] };
  // Named as the plant folder names them, like every other evidence file.
  const shown = (p: string) => relative(plantDir, p) || p;
  const { answers, problems } = loadAnswersFile(path, plant, shown(path));
  if (!answers) throw new PlantInputError(problems);
  if (!answers.spec.normativeTexts) return { answers, normativeTexts: new Map(), problems };
  const textsPath = resolve(dirname(path), answers.spec.normativeTexts);
  const texts = loadNormativeTexts(textsPath, shown(textsPath));
  return { answers, normativeTexts: texts.texts, problems: [...problems, ...texts.problems] };
}

export interface VerdictInput
  extends Omit<AnswerInputs, "problems">,
    Pick<
      AnalysisContext,
      "plant" | "capture" | "now" | "firewalls" | "zoneMatrix" | "inventory" | "controls" | "operations"
    > {
  /** The run's findings, marked with their dispositions: those dismissed as false positives are left out here. */
  findings: readonly Finding[];
  /** Which zones the captures saw; every zone when absent. */
  sees?: ZoneSeen;
  /** The sentence for evidence resting only on old inputs; nothing is old when absent. */
  restsOnOld?: OldEvidence;
}

export interface Verdicts {
  zones: ZoneVerdict[];
  /** Every conduit of plant.yaml, in its order, with its verdict when it has an SL-T. */
  conduits: ConduitResult[];
  program: ProgramRating[];
  /** A zone's verdicts as the assessment's zone record carries them. */
  zone(id: string): Omit<ZoneVerdict, "id">;
}

export function reachVerdicts(input: VerdictInput): Verdicts {
  // A finding dismissed as a false positive (dispositions.yaml) bears on no verdict.
  const v = { ...input, findings: standing(input.findings) };
  const bearings = automatedBearings(v);
  const zones = judgeZones({ ...v, bearings });
  const conduits = judgeConduits({ ...v, bearings });
  const program = rateProgram({ ...v, bearings });
  const byId = new Map(zones.map((z) => [z.id, z]));
  return {
    zones,
    conduits,
    program,
    zone(id) {
      const { id: _, ...verdict } = byId.get(id)!;
      return verdict;
    },
  };
}
