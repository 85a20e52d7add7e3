/** The IEC 62443-3-3 catalogue with our guidance, and the look-ups the gap assessment needs. */
import { FOUNDATIONAL_REQUIREMENTS } from "../model/security-level.js";
import { FR1_GUIDANCE } from "./guidance/fr1.js";
import { FR2_GUIDANCE } from "./guidance/fr2.js";
import { FR3_GUIDANCE } from "./guidance/fr3.js";
import { FR4_GUIDANCE, FR5_GUIDANCE } from "./guidance/fr4-fr5.js";
import { FR6_GUIDANCE, FR7_GUIDANCE } from "./guidance/fr6-fr7.js";
import { FOUNDATIONAL_REQUIREMENT_FACTS, REQUIREMENT_FACTS } from "./iec62443-3-3.js";
import type { FrId, Guidance, RequirementFacts } from "./types.js";

export type FoundationalRequirement = (typeof FOUNDATIONAL_REQUIREMENT_FACTS)[number];

export interface SystemRequirement extends RequirementFacts {
  guidance: Guidance;
}

const GUIDANCE: Record<string, Guidance> = {
  ...FR1_GUIDANCE,
  ...FR2_GUIDANCE,
  ...FR3_GUIDANCE,
  ...FR4_GUIDANCE,
  ...FR5_GUIDANCE,
  ...FR6_GUIDANCE,
  ...FR7_GUIDANCE,
};

export const FOUNDATIONAL: readonly FoundationalRequirement[] = FOUNDATIONAL_REQUIREMENT_FACTS;

/** Every SR and RE of 62443-3-3, each SR followed by its REs. */
export const SYSTEM_REQUIREMENTS: readonly SystemRequirement[] = REQUIREMENT_FACTS.map((r) => {
  const guidance = GUIDANCE[r.id];
  if (!guidance) throw new Error(`no guidance written for ${r.id}`);
  return { ...r, guidance };
});

const BY_ID = new Map(SYSTEM_REQUIREMENTS.map((r) => [r.id, r]));
const ORDER = new Map(SYSTEM_REQUIREMENTS.map((r, i) => [r.id, i]));

export function systemRequirement(id: string): SystemRequirement | undefined {
  return BY_ID.get(id);
}

/** Position in the standard's order, for sorting; unknown ids sort last. */
export function catalogueOrder(id: string): number {
  return ORDER.get(id) ?? SYSTEM_REQUIREMENTS.length;
}

/** 0 for FR1 ... 6 for FR7: the position in an SL vector. */
export function frIndex(fr: FrId): number {
  return FOUNDATIONAL_REQUIREMENTS.indexOf(fr);
}

export function requirementsOf(fr: FrId): SystemRequirement[] {
  return SYSTEM_REQUIREMENTS.filter((r) => r.fr === fr);
}

/** The SRs and REs of an FR that a zone must meet to reach `level` in it (cumulative: minSL <= level). */
export function requiredAt(fr: FrId, level: number): SystemRequirement[] {
  return SYSTEM_REQUIREMENTS.filter((r) => r.fr === fr && r.minSL <= level);
}
