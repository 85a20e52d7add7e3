/**
 * The verdict of one scope, a zone or a conduit: each requirement decided from its answer and the automated evidence
 * bearing on it there (decide.ts), SL-A per FR from those results (achieved-level.ts), and the gaps to its SL-T
 * (gaps.ts). Zones and conduits go through this one path, so a requirement is judged the same way in both.
 */
import type { Finding } from "../../model/finding.js";
import type { SlVector } from "../../model/security-level.js";
import type { RequirementResult } from "../../model/verdicts.js";
import type { SystemRequirement } from "../../standard/requirements.js";
import { achievedVector } from "./achieved-level.js";
import type { Bearing } from "./bearing.js";
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
}

export interface ScopeVerdict {
  requirements: RequirementResult[];
  /** 0 in every FR it judges nothing of. */
  slAchieved: SlVector;
  gaps: ZoneGap[];
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
  const slAchieved = achievedVector((id) => results.get(id));
  const gaps = zoneGaps({
    slTarget: s.slTarget,
    slAchieved,
    requirements,
    findings: s.findings,
    normativeTexts: s.normativeTexts,
  });
  return { requirements, slAchieved, gaps };
}
