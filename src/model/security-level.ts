import { z } from "zod";

export const FOUNDATIONAL_REQUIREMENTS = ["FR1", "FR2", "FR3", "FR4", "FR5", "FR6", "FR7"] as const;

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
