/** One aspect of a program element as the records show it, rated at a maturity level with the reason. */
import type { AnswerSet } from "../../model/answers.js";
import type { InventoryAsset } from "../../model/assessment.js";
import type { CaptureReport } from "../../model/capture.js";
import type { Evidence } from "../../model/evidence.js";
import { type Finding, restsOnDefaults } from "../../model/finding.js";
import type { Plant } from "../../model/plant.js";
import type { Bearing } from "../gap/bearing.js";
import { defaultsUnstated } from "../gap/finding-bearings.js";

/**
 * Records show at most maturity 3 (defined and practised, with evidence); 4 (measured and improving) is an
 * assessor's judgement, given in answers.yaml.
 */
export interface Aspect {
  level: 1 | 2 | 3;
  reason: string;
  evidence: Evidence[];
  /**
   * Set when the level rests only on thresholds the site did not state (otaudit's defaults): what the assessor is
   * to confirm. Such an aspect caps no one's rating; it still shows what the records support.
   */
  unconfirmed?: string;
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

/**
 * An aspect resting on findings: when every one of them rests only on otaudit's default thresholds, it carries
 * their points to confirm instead of capping an assessor's rating.
 */
export function findingAspect(level: Aspect["level"], reason: string, findings: readonly Finding[]): Aspect {
  const a = aspect(
    level,
    reason,
    findings.flatMap((f) => f.evidence),
  );
  return findings.length > 0 && findings.every(restsOnDefaults)
    ? { ...a, unconfirmed: onDefaults(reason, findings) }
    : a;
}

/** An aspect of a date older than one of otaudit's yearly intervals, which no file of the plant states: to confirm. */
export function yearlyDefault(a: Aspect, name: string, days: number): Aspect {
  const unstated = defaultsUnstated([{ name, value: `${days} days`, source: "default" }]);
  return { ...a, unconfirmed: `${a.reason}, against ${unstated}` };
}

/** The point to confirm of an aspect whose findings rest on otaudit's defaults. */
export function onDefaults(reason: string, findings: readonly Finding[]): string {
  return `${reason}, against ${defaultsUnstated(findings.flatMap((f) => f.thresholds))}`;
}

export const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? "" : "s"}`;

/** The verb agreeing with a count: `agree(1, "bypasses", "bypass")`. */
export const agree = (n: number, one: string, many: string) => (n === 1 ? one : many);
