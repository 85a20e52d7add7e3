/**
 * The verdict of one scope, a zone or a conduit: each requirement decided from its answer and the automated evidence
 * bearing on it there (decide.ts), SL-A per FR from those results (achieved-level.ts), and the gaps to its SL-T
 * (gaps.ts). Zones and conduits go through this one path, so a requirement is judged the same way in both. A zone
 * also has its components' stated SL-C, which caps its SL-A per FR (capability.ts); a conduit has none.
 */
import type { Finding } from "../../model/finding.js";
import type { SlVector } from "../../model/security-level.js";
import type { CapNote, RequirementResult } from "../../model/verdicts.js";
import type { SystemRequirement } from "../../standard/requirements.js";
import { achievedVector } from "./achieved-level.js";
import type { Bearing } from "./bearing.js";
import { capAchieved, type ZoneCapability } from "./capability.js";
import { decide, type OldEvidence } from "./decide.js";
import { type ZoneGap, zoneGaps } from "./gaps.js";
import { answerFor, type ZoneAnswer } from "./zone-answers.js";

export interface Scope {
  /** The requirements judged: every one for a zone, those of FR3-FR5 for a conduit. */
  requirements: readonly SystemRequirement[];
  /** 0 in an FR asks nothing there: no gap. */
  slTarget: SlVector;
  /** Its answers by requirement, when anyone answered for it. */
  answers: ReadonlyMap<string, ZoneAnswer> | undefined;
  /** The automated evidence that counts in it. */
  bearings: readonly Bearing[];
  /** Findings whose remediations its gaps may quote. */
  findings: readonly Finding[];
  normativeTexts: ReadonlyMap<string, string>;
  /** The sentence for evidence that comes only from inputs older than plant.yaml allows; none when absent. */
  restsOnOld?: OldEvidence | undefined;
  /** What its components state of their SL-C (a zone's); none for a conduit. */
  capability?: ZoneCapability | undefined;
}

export interface ScopeVerdict {
  requirements: RequirementResult[];
  /** 0 in every FR it judges nothing of; capped by the components' stated SL-C where that applies. */
  slAchieved: SlVector;
  gaps: ZoneGap[];
  /** With a capability: where the SL-C is below what the requirements reach, applied or lifted. */
  capped?: CapNote[];
}

export function judgeScope(s: Scope): ScopeVerdict {
  const requirements = s.requirements.map((r) =>
    decide(
      r.id,
      answerFor(s.answers, r.id, r.base),
      s.bearings.filter((b) => b.requirement === r.id),
      s.restsOnOld,
    ),
  );
  const results = new Map(requirements.map((r) => [r.id, r.result]));
  const fromRequirements = achievedVector((id) => results.get(id));
  const { slAchieved, capped } = s.capability
    ? capAchieved(fromRequirements, s.capability, requirements)
    : { slAchieved: fromRequirements, capped: undefined };
  const gaps = zoneGaps({
    slTarget: s.slTarget,
    slAchieved,
    requirements,
    findings: s.findings,
    normativeTexts: s.normativeTexts,
  });
  return { requirements, slAchieved, gaps, ...(capped ? { capped } : {}) };
}
