/** The shapes of the IEC 62443 catalogue data, and of the guidance we write for each requirement. */
import type { FOUNDATIONAL_REQUIREMENTS } from "../model/security-level.js";

export type FrId = (typeof FOUNDATIONAL_REQUIREMENTS)[number];

/** A security level at which a requirement can apply (SL 0 asks nothing). */
export type RequiredLevel = 1 | 2 | 3 | 4;

/** How far the level mapping can be trusted: see test/iec62443/NOTES.md, "Confidence". */
export type Confidence = "high" | "medium-high" | "medium" | "low";

/** An IEC 62443-3-3 SR, or an RE when `base` names its SR. */
export interface RequirementFacts {
  id: string;
  fr: FrId;
  /** The clause of 62443-3-3 (SRs only), so a licence holder finds it in their copy. */
  clause?: string;
  base?: string;
  title: string;
  /** Required at this level and every level above it. */
  minSL: RequiredLevel;
  confidence: Confidence;
}

export type ComponentType = "SAR" | "EDR" | "HDR" | "NDR";

/** An IEC 62443-4-2 CR (or SAR/EDR/HDR/NDR variant), or an RE when `base` names its requirement. */
export interface ComponentRequirementFacts {
  id: string;
  fr: FrId;
  base?: string;
  title: string;
  /** Component types it applies to; empty for headings whose content sits in the type-specific variants. */
  appliesTo: readonly ComponentType[];
  minSL: RequiredLevel | null;
  confidence: Confidence;
}

export interface ZcrFacts {
  id: string;
  title: string;
  items: readonly { id: string; title: string }[];
}

export interface ProgramAreaFacts {
  id: string;
  code: string;
  title: string;
  elements: readonly { id: string; title: string; requirements: readonly { id: string; title: string }[] }[];
}

/**
 * Our own guidance for an assessor, written for otaudit: not the standard's text. A licence holder can show the
 * normative text beside it (see src/sources/normative-texts.ts).
 */
export interface Guidance {
  /** What the assessor looks at. */
  check: string;
  /** What counts as evidence that it is met. */
  evidence: string;
  /** The yes/no question a person answers in answers.yaml. */
  question: string;
  /** What to do when it is not met. */
  remediation: string;
}
