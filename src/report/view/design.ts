/**
 * The IEC 62443-3-2 design basis as the report shows it: which zones are outside the system under consideration
 * and how far they are trusted, the approvals missing (the cover's note), and a zone's or conduit's ZCR 6
 * characteristics as labelled lines. The cover, the summary, the design basis section, the zone views and the
 * requirements specification all read these.
 */
import type { Assessment, DesignBasis, ZoneResult } from "../../model/assessment.js";
import type {
  ApprovalSubject,
  Characteristics,
  ExternalZone,
  SystemUnderConsideration,
} from "../../model/system-design.js";

/** What each approval subject covers, in words. */
export const APPROVAL_SUBJECT_WORDS: Record<ApprovalSubject, string> = {
  "system-under-consideration": "the system under consideration, its boundary and access points (ZCR 1)",
  partitioning: "the partitioning into zones and conduits (ZCR 3)",
  "risk-criteria": "the risk criteria, the risk matrix and the tolerable risk",
  "security-level-targets": "the target security levels (SL-T) of the zones and conduits (ZCR 5.6)",
};

/** A zone outside the system under consideration with its trust; null for a zone in it. */
export function outsideOf(a: Assessment, z: ZoneResult): ExternalZone | null {
  if (z.inScope) return null;
  return a.design?.outside.find((o) => o.zone === z.id) ?? { zone: z.id, trust: "untrusted" };
}

/** How every zone list marks a zone outside the SuC. */
export function outsideWords(o: ExternalZone): string {
  return `outside the SuC (trust: ${o.trust}): not assessed against 62443-3-3`;
}

/** The zones assessed: those in the SuC (every zone when plant.yaml states none). */
export function zonesInScope(a: Assessment): ZoneResult[] {
  return a.zones.filter((z) => z.inScope);
}

/** The cover's line on the SuC: its name and how many of the zones it holds. */
export function sucWords(v: { a: Assessment; design: DesignBasis | null }): string {
  const s = v.design?.system;
  if (!v.design) return "not recorded in this run";
  if (!s) return "not stated in plant.yaml: every zone assessed";
  return `${s.name} (${zonesInScope(v.a).length} of ${v.a.zones.length} zones)`;
}

/**
 * The cover's and the summary's sentence when some part of the design has no recorded approval (ZCR 7); null
 * when everything is approved, or when the run carries no design basis.
 */
export function unapprovedNote(design: DesignBasis | null): string | null {
  if (!design || design.unapproved.length === 0) return null;
  const subjects = design.unapproved.map((s) => `${s}, ${APPROVAL_SUBJECT_WORDS[s]}`);
  return `This assessment rests on a design the asset owner has not approved in ${design.unapproved.length === 1 ? "one subject" : `${design.unapproved.length} subjects`}: ${subjects.join("; ")}. IEC 62443-3-2 ZCR 7 asks for that approval; until it is recorded in plant.yaml (approvals), the results stand on an unapproved basis.`;
}

/** Why the run has no SuC to show. */
export const NO_SUC =
  "plant.yaml states no system under consideration (system): every zone was taken to be in it and assessed against IEC 62443-3-3.";

export const DEFAULT_AGENTS_NOTE =
  "plant.yaml states no threat agents (threats.agents): the risk was rated against otaudit's default agents, listed here. State the site's own to rate it against the threats it faces.";

export const NO_DESIGN_NOTE =
  "This run carries no design basis (it was stored before plant.yaml stated the system under consideration, the threat agents and the approvals): assess the plant again.";

/** A labelled fact with one line per item. */
export interface Fact {
  label: string;
  lines: string[];
}

const SAFETY_WORDS: Record<NonNullable<Characteristics["safetyDesignation"]>, string> = {
  none: "none: no safety function",
  "safety-related": "safety-related: supports safety functions",
  "safety-instrumented": "safety-instrumented: holds a safety instrumented system",
};

/** An access point id in words, from the SuC's list; anything else (a description) as written. */
export function accessPointWords(id: string, system: SystemUnderConsideration | null): string {
  const ap = system?.accessPoints.find((p) => p.id === id);
  if (!ap) return id;
  const where = [ap.conduit && `conduit ${ap.conduit}`, ap.asset].filter(Boolean).join(", ");
  return `${ap.id} (${ap.kind}${where ? `, ${where}` : ""})${ap.description ? `: ${ap.description}` : ""}`;
}

/** The ZCR 6 characteristics plant.yaml states, in the order of ZCR 6; nothing unstated. */
export function characteristicFacts(
  c: Characteristics | undefined,
  system: SystemUnderConsideration | null,
): Fact[] {
  if (!c) return [];
  const facts: Fact[] = [];
  const add = (label: string, lines: readonly string[]) => {
    if (lines.length) facts.push({ label, lines: [...lines] });
  };
  add("Accountable", c.accountable ? [c.accountable] : []);
  add("Logical boundary", c.logicalBoundary ? [c.logicalBoundary] : []);
  add("Physical boundary", c.physicalBoundary ? [c.physicalBoundary] : []);
  add(
    "Access points",
    c.accessPoints.map((id) => accessPointWords(id, system)),
  );
  add("Safety designation", c.safetyDesignation ? [SAFETY_WORDS[c.safetyDesignation]] : []);
  add(
    "Dedicated to",
    c.dedicatedTo.map((k) => `${k} connections`),
  );
  add("Security policies", c.policies);
  add("Assumptions", c.assumptions);
  add("External dependencies", c.externalDependencies);
  add("Particular threats", c.threats ? [c.threats] : []);
  add("Regulatory requirements", c.regulatory);
  return facts;
}
