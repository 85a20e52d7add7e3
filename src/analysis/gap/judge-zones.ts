/** The gap assessment of every zone: each requirement's result, SL-A per FR, and the gaps to SL-T. */
import type { AnswerSet } from "../../model/answers.js";
import type { CaptureReport } from "../../model/capture.js";
import type { Finding } from "../../model/finding.js";
import type { Plant } from "../../model/plant.js";
import { expandSl, type SlVector } from "../../model/security-level.js";
import type { Gap, RequirementResult } from "../../model/verdicts.js";
import { SYSTEM_REQUIREMENTS } from "../../standard/requirements.js";
import { captureFilesOf, restsOnWire, type ZoneSeen } from "../capture-coverage.js";
import { achievedVector } from "./achieved-level.js";
import type { Bearing } from "./bearing.js";
import { crossZoneWriteBearings } from "./cross-zone-writes.js";
import { decide, type OldEvidence } from "./decide.js";
import { findingBearings } from "./finding-bearings.js";
import { prioritisedGaps, zoneGaps } from "./gaps.js";
import { observationBearings } from "./observation-bearings.js";
import { recordBearings } from "./record-bearings.js";
import { answerFor, answerIndex } from "./zone-answers.js";

export interface EvidenceInput {
  plant: Plant;
  findings: readonly Finding[];
  capture: CaptureReport | null;
  now: Date;
  /** Which zones the captures saw (plant.yaml's `evidence.captures`); every zone when absent. */
  sees?: ZoneSeen;
}

/**
 * Every piece of automated evidence that bears on a requirement in a zone. Evidence from the wire alone bears on a
 * zone only through a capture that saw the zone: on a zone no capture saw it decides nothing, either way.
 */
export function automatedBearings(e: EvidenceInput): Bearing[] {
  const sees = e.sees;
  const seen = (b: Bearing) => !sees || sees(b.zone, captureFilesOf(b.evidence));
  return [
    ...findingBearings(
      e.findings,
      e.plant.spec.zones.map((z) => z.id),
    ).filter((b) => !restsOnWire(b.evidence, e.plant.file) || seen(b)),
    ...(e.capture
      ? [...crossZoneWriteBearings(e.plant, e.capture), ...observationBearings(e.plant, e.capture)].filter(
          seen,
        )
      : []),
    ...recordBearings(e.plant, e.now),
  ];
}

export interface ZoneVerdict {
  id: string;
  slAchieved: SlVector;
  requirements: RequirementResult[];
  gaps: Gap[];
}

export interface JudgeInput {
  plant: Plant;
  answers: AnswerSet | null;
  findings: readonly Finding[];
  bearings: readonly Bearing[];
  normativeTexts: ReadonlyMap<string, string>;
  /** The sentence for evidence that comes only from inputs older than plant.yaml allows; none when absent. */
  restsOnOld?: OldEvidence;
}

export function judgeZones(input: JudgeInput): ZoneVerdict[] {
  const answers = answerIndex(input.answers);
  const byZone = new Map<string, Bearing[]>();
  for (const b of input.bearings) byZone.set(b.zone, [...(byZone.get(b.zone) ?? []), b]);
  const unranked = input.plant.spec.zones.map((zone) => {
    const zoneAnswers = answers.get(zone.id);
    const zoneBearings = byZone.get(zone.id) ?? [];
    const requirements = SYSTEM_REQUIREMENTS.map((r) =>
      decide(
        r.id,
        answerFor(zoneAnswers, r.id, r.base),
        zoneBearings.filter((b) => b.requirement === r.id),
        input.restsOnOld,
      ),
    );
    const results = new Map(requirements.map((r) => [r.id, r.result]));
    const slAchieved = achievedVector((id) => results.get(id));
    const gaps = zoneGaps({
      slTarget: expandSl(zone.slTarget),
      slAchieved,
      requirements,
      findings: input.findings.filter((f) => f.zones.length === 0 || f.zones.includes(zone.id)),
      normativeTexts: input.normativeTexts,
    });
    return {
      id: zone.id,
      criticality: zone.criticality,
      slTarget: expandSl(zone.slTarget),
      slAchieved,
      requirements,
      gaps,
    };
  });
  const priority = new Map(prioritisedGaps(unranked).map((p, i) => [p.gap, i + 1]));
  return unranked.map(({ id, slAchieved, requirements, gaps }) => ({
    id,
    slAchieved,
    requirements,
    gaps: gaps.map((g) => ({ ...g, priority: priority.get(g)! })),
  }));
}
