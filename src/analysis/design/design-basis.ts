/**
 * The IEC 62443-3-2 framing of an assessment, as plant.yaml states it: the system under consideration and the
 * zones outside it, the threat agents (the library's defaults when none are stated), and the approvals given and
 * missing.
 */
import type { DesignBasis } from "../../model/assessment.js";
import type { Plant } from "../../model/plant.js";
import { APPROVAL_SUBJECTS, type ThreatAgent } from "../../model/system-design.js";
import { DEFAULT_THREAT_AGENTS } from "../../standard/threat-agents.js";

/** Whether a zone is assessed: in the SuC, or every zone when plant.yaml states no SuC. */
export function inScope(plant: Plant, zone: string): boolean {
  const system = plant.spec.system;
  return !system || system.zones.includes(zone);
}

/** The agents the risk is rated against: the site's, or the defaults. */
export function threatAgents(plant: Plant): readonly ThreatAgent[] {
  return plant.spec.threats.agents ?? DEFAULT_THREAT_AGENTS;
}

export function designBasis(plant: Plant): DesignBasis {
  const { system, threats, approvals } = plant.spec;
  const trust = new Map(system?.external.map((e) => [e.zone, e]) ?? []);
  const approved = new Set(approvals.map((a) => a.subject));
  return {
    system: system ?? null,
    outside: plant.spec.zones
      .filter((z) => !inScope(plant, z.id))
      .map((z) => trust.get(z.id) ?? { zone: z.id, trust: "untrusted" }),
    threats: {
      agents: [...threatAgents(plant)],
      stated: threats.agents !== undefined,
      ...(threats.description ? { description: threats.description } : {}),
    },
    approvals,
    unapproved: APPROVAL_SUBJECTS.filter((s) => !approved.has(s)),
  };
}
