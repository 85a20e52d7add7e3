/**
 * The unmitigated likelihood of the threat scenarios in a zone (IEC 62443-3-2 ZCR 5.4): its exposure by design,
 * moved by the capability of the most capable threat agent the site faces. Capability 3 (organised attackers with
 * OT skills, which any connected plant now faces) leaves the exposure as it is; each step above or below moves the
 * likelihood one step. Nothing in place today (rules, answers, traffic) counts here.
 */
import type { Evidence } from "../../model/evidence.js";
import type { Plant } from "../../model/plant.js";
import { threatAgents } from "../design/design-basis.js";
import type { Exposure } from "./design-exposure.js";

export interface Unmitigated {
  /** 1-5, before the matrix maps it onto its own scale. */
  level: number;
  reasons: string[];
  evidence: Evidence[];
}

const NEUTRAL_CAPABILITY = 3;

export function unmitigatedLikelihood(plant: Plant, exposure: Exposure): Unmitigated {
  const agents = threatAgents(plant);
  const top = agents.reduce((a, b) => (b.capability > a.capability ? b : a));
  const shift = top.capability - NEUTRAL_CAPABILITY;
  const level = Math.min(Math.max(exposure.level + shift, 1), 5);
  const whose = plant.spec.threats.agents ? "stated in plant.yaml" : "otaudit's default agents";
  const effect =
    shift === 0
      ? "leaves it as it is"
      : `${shift > 0 ? "raises" : "lowers"} it by ${Math.abs(shift)} to ${level}`;
  return {
    level,
    reasons: [
      exposure.reason,
      `the most capable threat agent, ${top.name} (capability ${top.capability}, ${whose}), ${effect}`,
    ],
    evidence: exposure.evidence,
  };
}
