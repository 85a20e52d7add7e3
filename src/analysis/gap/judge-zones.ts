/** The gap assessment of every zone: each requirement's result, SL-A per FR, and the gaps to SL-T. */
import type { AnswerSet } from "../../model/answers.js";
import type { Finding } from "../../model/finding.js";
import type { Plant } from "../../model/plant.js";
import { expandSl, type SlCapabilityVector, type SlVector } from "../../model/security-level.js";
import type { CapNote, Gap, RequirementResult, StatedCapability } from "../../model/verdicts.js";
import { SYSTEM_REQUIREMENTS } from "../../standard/requirements.js";
import { captureFilesOf, restsOnWire, type ZoneSeen } from "../capture-coverage.js";
import type { AnalysisContext } from "../context.js";
import { baselineOf } from "../control-lookup.js";
import { inScope } from "../design/design-basis.js";
import type { Bearing } from "./bearing.js";
import { findingConduits, onTheWire } from "./boundary.js";
import { zoneCapability } from "./capability.js";
import { conduitBearings } from "./conduit-bearings.js";
import { crossZoneWriteBearings } from "./cross-zone-writes.js";
import type { OldEvidence } from "./decide.js";
import { compensation, findingBearings } from "./finding-bearings.js";
import { prioritisedGaps } from "./gaps.js";
import { judgeScope } from "./judge-scope.js";
import { observationBearings } from "./observation-bearings.js";
import { recordBearings } from "./record-bearings.js";
import { answerIndex } from "./zone-answers.js";

/** What the automated evidence is drawn from: the loaded evidence, the derived facts, and the findings. */
export interface EvidenceInput
  extends Pick<
    AnalysisContext,
    "plant" | "capture" | "now" | "firewalls" | "zoneMatrix" | "controls" | "operations"
  > {
  findings: readonly Finding[];
  /** Which zones the captures saw (plant.yaml's `evidence.captures`); every zone when absent. */
  sees?: ZoneSeen;
}

/**
 * Every piece of automated evidence that bears on a requirement in a zone or a conduit. Evidence from the wire alone
 * bears on a zone only through a capture that saw the zone (on a conduit, either of its zones): where no capture saw
 * it decides nothing, either way.
 */
export function automatedBearings(e: EvidenceInput): Bearing[] {
  const sees = e.sees;
  const conduitZones = new Map(e.plant.spec.conduits.map((c) => [c.id, c.zones]));
  const seen = (b: Bearing) => {
    if (!sees) return true;
    const files = captureFilesOf(b.evidence);
    const where = b.zone !== undefined ? [b.zone] : (conduitZones.get(b.conduit ?? "") ?? []);
    return where.some((z) => sees(z, files));
  };
  return [
    ...findingBearings(
      e.findings,
      e.plant.spec.zones.map((z) => z.id),
      findingConduits(e.plant, onTheWire(e.capture, e.firewalls)),
    )
      .filter((b) => !restsOnWire(b.evidence, e.plant.file) || seen(b))
      .map(compensation(e.findings)),
    ...(e.capture
      ? [
          ...crossZoneWriteBearings(e.plant, e.capture, e.operations),
          ...observationBearings(e.plant, e.capture),
        ].filter(seen)
      : []),
    ...recordBearings(e.plant, e.now, baselineOf(e).backups.restoreTestMaxDays),
    ...conduitBearings(e.plant, e.zoneMatrix),
  ];
}

export interface ZoneVerdict {
  id: string;
  slAchieved: SlVector;
  requirements: RequirementResult[];
  gaps: Gap[];
  /** The components' stated SL-C and what it does to SL-A; absent for a zone outside the SuC. */
  slCapability?: SlCapabilityVector;
  capabilities?: StatedCapability[];
  capabilityUnknown?: string[];
  capped?: CapNote[];
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

const NOT_ASSESSED = {
  slAchieved: [0, 0, 0, 0, 0, 0, 0] as SlVector,
  requirements: [] as RequirementResult[],
  gaps: [] as Gap[],
};

export function judgeZones(input: JudgeInput): ZoneVerdict[] {
  const answers = answerIndex(input.answers);
  const byZone = new Map<string, Bearing[]>();
  for (const b of input.bearings)
    if (b.zone !== undefined) byZone.set(b.zone, [...(byZone.get(b.zone) ?? []), b]);
  const unranked = input.plant.spec.zones.map((zone) => {
    const slTarget = expandSl(zone.slTarget);
    // A zone outside the system under consideration is a source of threat, not judged against 62443-3-3.
    if (!inScope(input.plant, zone.id))
      return { id: zone.id, criticality: zone.criticality, slTarget, ...NOT_ASSESSED };
    const capability = zoneCapability(input.plant, zone.id);
    const verdict = judgeScope({
      capability,
      requirements: SYSTEM_REQUIREMENTS,
      slTarget,
      answers: answers.get(zone.id),
      bearings: byZone.get(zone.id) ?? [],
      restsOnOld: input.restsOnOld,
      findings: input.findings.filter((f) => f.zones.length === 0 || f.zones.includes(zone.id)),
      normativeTexts: input.normativeTexts,
    });
    return { id: zone.id, criticality: zone.criticality, slTarget, ...capability, ...verdict };
  });
  const priority = new Map(prioritisedGaps(unranked).map((p, i) => [p.gap, i + 1]));
  return unranked.map(({ criticality: _, slTarget: __, gaps, ...verdict }) => ({
    ...verdict,
    gaps: gaps.map((g) => ({ ...g, priority: priority.get(g)! })),
  }));
}
