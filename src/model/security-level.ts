import { z } from "zod";

export const FOUNDATIONAL_REQUIREMENTS = ["FR1", "FR2", "FR3", "FR4", "FR5", "FR6", "FR7"] as const;

/**
 * The foundational requirements a conduit is judged on: the integrity (FR3), confidentiality (FR4) and restricted
 * flow (FR5) of what it carries. The others concern the systems of the zones it joins.
 */
export const CONDUIT_FRS = [
  "FR3",
  "FR4",
  "FR5",
] as const satisfies readonly (typeof FOUNDATIONAL_REQUIREMENTS)[number][];

const LEVEL = { error: "expected an integer 0-4" };
export const SecurityLevel = z.number(LEVEL).int(LEVEL).min(0, LEVEL).max(4, LEVEL);

/** SL vector over FR1..FR7. */
export const SlVector = z.tuple([
  SecurityLevel,
  SecurityLevel,
  SecurityLevel,
  SecurityLevel,
  SecurityLevel,
  SecurityLevel,
  SecurityLevel,
]);
export type SlVector = z.infer<typeof SlVector>;

/**
 * A component's capability security level (SL-C, IEC 62443-4-2) as its certificate or declaration states it: one
 * level per FR, always all seven, since a capability is never "the same everywhere" by default.
 */
export const SlCapability = z.tuple(
  [SecurityLevel, SecurityLevel, SecurityLevel, SecurityLevel, SecurityLevel, SecurityLevel, SecurityLevel],
  { error: "expected seven levels 0-4, one for each of FR1..FR7" },
);

/** Per FR, a level, or null where nothing states one (a zone's SL-C where none of its components states one). */
const StatedLevel = SecurityLevel.nullable();
export const SlCapabilityVector = z.tuple([
  StatedLevel,
  StatedLevel,
  StatedLevel,
  StatedLevel,
  StatedLevel,
  StatedLevel,
  StatedLevel,
]);
export type SlCapabilityVector = z.infer<typeof SlCapabilityVector>;

/** `{2,2,?,1,2,2,2}`: an SL-C vector, with `?` where no level is stated. */
export function formatSlCapability(v: SlCapabilityVector): string {
  return `{${v.map((l) => (l === null ? "?" : String(l))).join(",")}}`;
}

/** As written in plant.yaml: one level for all seven FRs, or the full vector. */
export const SlTargetInput = z.union([SecurityLevel, SlVector], {
  error: "expected a level 0-4, or a list of seven levels for FR1..FR7",
});
export type SlTargetInput = z.infer<typeof SlTargetInput>;

export function expandSl(input: SlTargetInput): SlVector {
  return typeof input === "number" ? [input, input, input, input, input, input, input] : input;
}

/** The notation of IEC 62443-3-3: `{2,2,1,1,2,3,1}`. */
export function formatSl(v: SlVector): string {
  return `{${v.join(",")}}`;
}

/** SL-T minus SL-A per FR, never below zero (an FR above its target has no shortfall). */
export function shortfalls(zone: { slTarget: SlVector; slAchieved: SlVector }): number[] {
  return zone.slTarget.map((t, i) => Math.max(t - (zone.slAchieved[i] ?? 0), 0));
}

/** The largest shortfall over the seven FRs: how far the zone is from its target. */
export function worstShortfall(zone: { slTarget: SlVector; slAchieved: SlVector }): number {
  return Math.max(0, ...shortfalls(zone));
}
