/**
 * The gap assessment of every conduit with an SL-T: the requirements of FR3-FR5 (the integrity, confidentiality and
 * restricted flow of what it carries), in each of those FRs its own SL-T sets above 0, judged as a zone's are
 * (judge-scope.ts) from its answers (answers.yaml `conduits`) and the automated evidence crossing it: findings on its
 * boundary, cleartext writes and observations on its flows, and the records of its protections. A conduit whose
 * plant.yaml entry gives no SL-T has no verdict; the findings on its boundary are still listed.
 */
import type { ConduitResult } from "../../model/assessment.js";
import type { Conduit } from "../../model/plant.js";
import {
  CONDUIT_FRS,
  expandSl,
  FOUNDATIONAL_REQUIREMENTS,
  type SlVector,
} from "../../model/security-level.js";
import { frIndex, SYSTEM_REQUIREMENTS } from "../../standard/requirements.js";
import { inScope } from "../design/design-basis.js";
import type { Bearing } from "./bearing.js";
import { findingConduits, onTheWire } from "./boundary.js";
import { judgeScope } from "./judge-scope.js";
import type { EvidenceInput, JudgeInput } from "./judge-zones.js";
import { conduitAnswerIndex } from "./zone-answers.js";

export type ConduitJudgeInput = JudgeInput & Pick<EvidenceInput, "capture" | "firewalls">;

export function judgeConduits(input: ConduitJudgeInput): ConduitResult[] {
  const answers = conduitAnswerIndex(input.answers);
  const conduitsOf = findingConduits(input.plant, onTheWire(input.capture, input.firewalls));
  return input.plant.spec.conduits.map((c) => {
    const findings = input.findings.filter((f) => conduitsOf(f).includes(c));
    const record = {
      id: c.id,
      zones: c.zones,
      ...(c.name ? { name: c.name } : {}),
      protections: c.protections,
      enforcedBy: c.enforcedBy,
      findings: findings.map((f) => f.id),
      ...(c.characteristics ? { characteristics: c.characteristics } : {}),
      inScope: c.zones.some((z) => inScope(input.plant, z)),
      ...(c.description ? { description: c.description } : {}),
      flows: c.flows,
    };
    const none = { slTarget: null, levels: [], requirements: [], gaps: [] };
    if (c.slTarget === undefined || !record.inScope) return { ...record, ...none };
    const declared = expandSl(c.slTarget);
    const judged = CONDUIT_FRS.filter((fr) => declared[frIndex(fr)]! > 0);
    // Only the FRs judged ask anything of the conduit.
    const slTarget = FOUNDATIONAL_REQUIREMENTS.map((fr, i) =>
      (judged as readonly string[]).includes(fr) ? declared[i]! : 0,
    ) as SlVector;
    const verdict = judgeScope({
      requirements: SYSTEM_REQUIREMENTS.filter((r) => (judged as readonly string[]).includes(r.fr)),
      slTarget,
      answers: answers.get(c.id),
      bearings: conduitBearingsOf(input.bearings, c),
      findings,
      normativeTexts: input.normativeTexts,
      restsOnOld: input.restsOnOld,
    });
    return {
      ...record,
      ...none,
      slTarget: declared,
      levels: judged.map((fr) => ({
        fr,
        slTarget: declared[frIndex(fr)]!,
        slAchieved: verdict.slAchieved[frIndex(fr)]!,
      })),
      requirements: verdict.requirements,
      gaps: verdict.gaps,
    };
  });
}

/** The bearings that count in a conduit; a finding placed in both its zones is one fact here. */
function conduitBearingsOf(bearings: readonly Bearing[], c: Conduit): Bearing[] {
  const seen = new Set<string>();
  return bearings.filter((b) => {
    if (b.conduit !== c.id) return false;
    if (b.finding === undefined) return true;
    const key = `${b.finding}\u0000${b.requirement}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
