/** One aspect of a program element as the records show it, rated at a maturity level with the reason. */
import type { AnswerSet } from "../../model/answers.js";
import type { InventoryAsset } from "../../model/assessment.js";
import type { CaptureReport } from "../../model/capture.js";
import type { Evidence } from "../../model/evidence.js";
import type { Finding } from "../../model/finding.js";
import type { Plant } from "../../model/plant.js";
import type { Bearing } from "../gap/bearing.js";

/**
 * Records show at most maturity 3 (defined and practised, with evidence); 4 (measured and improving) is an
 * assessor's judgement, given in answers.yaml.
 */
export interface Aspect {
  level: 1 | 2 | 3;
  reason: string;
  evidence: Evidence[];
}

export interface ProgramInput {
  plant: Plant;
  inventory: readonly InventoryAsset[];
  findings: readonly Finding[];
  /** The gap assessment's automated evidence, so capture evidence counts here too. */
  bearings: readonly Bearing[];
  capture: CaptureReport | null;
  answers: AnswerSet | null;
  now: Date;
}

export function aspect(level: Aspect["level"], reason: string, evidence: Evidence[] = []): Aspect {
  return { level, reason, evidence };
}

export function findingsOf(input: ProgramInput, rule: { id: string }): Finding[] {
  return input.findings.filter((f) => f.rule === rule.id);
}

export const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? "" : "s"}`;

/** The verb agreeing with a count: `agree(1, "bypasses", "bypass")`. */
export const agree = (n: number, one: string, many: string) => (n === 1 ? one : many);
