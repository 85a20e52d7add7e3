/**
 * Every requirement id a finding may cite (62443-3-3 SR/RE, 62443-4-2 CR/SAR/EDR/HDR/NDR and their REs, 62443-2-1
 * program requirements such as `EVENT 1.8`), and the 62443-3-2 zone and conduit requirements.
 */

import { ZCR_FACTS } from "./iec62443-3-2.js";
import { COMPONENT_REQUIREMENT_FACTS } from "./iec62443-4-2.js";
import { PROGRAM_ELEMENTS } from "./program.js";
import { SYSTEM_REQUIREMENTS } from "./requirements.js";
import type { ComponentRequirementFacts, ZcrFacts } from "./types.js";

export const COMPONENT_REQUIREMENTS: readonly ComponentRequirementFacts[] = COMPONENT_REQUIREMENT_FACTS;
export const ZONE_CONDUIT_REQUIREMENTS: readonly ZcrFacts[] = ZCR_FACTS;

const COMPONENTS = new Map(COMPONENT_REQUIREMENTS.map((c) => [c.id, c]));
const KNOWN = new Set([
  ...SYSTEM_REQUIREMENTS.map((r) => r.id),
  ...COMPONENTS.keys(),
  ...PROGRAM_ELEMENTS.flatMap((e) => e.requirements.map((r) => r.id)),
  ...ZONE_CONDUIT_REQUIREMENTS.flatMap((z) => z.items.map((i) => i.id)),
]);

export function componentRequirement(id: string): ComponentRequirementFacts | undefined {
  return COMPONENTS.get(id);
}

/** Whether a reference such as `SR 5.2 RE 1`, `CR 2.1` or `EVENT 1.8` names a requirement of the catalogue. */
export function isKnownReference(ref: string): boolean {
  return KNOWN.has(ref);
}
