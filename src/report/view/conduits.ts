/**
 * The conduits as the report shows them beside the zones: per FR judged (FR3-FR5), SL-A against SL-T, and why a
 * conduit has no verdict. The levels, the zones and the gap sections all read this.
 */
import {
  type ConduitLevel,
  type ConduitResult,
  conduitWithoutVerdict,
  formatConduitLevels,
} from "../../model/assessment.js";
import { CONDUIT_FRS } from "../../model/security-level.js";
import { FOUNDATIONAL } from "../../standard/requirements.js";

/** FR3, FR4 and FR5 with their names, in column order. */
export const CONDUIT_COLUMNS = FOUNDATIONAL.filter((fr) =>
  (CONDUIT_FRS as readonly string[]).includes(fr.id),
);

export function conduitLabel(c: ConduitResult): string {
  return c.name ?? c.id;
}

/** Why a conduit has no verdict, in words; null when it has one. */
export const noVerdict = conduitWithoutVerdict;

/** The conduit's level in one FR, or null when it is not judged there (an SL-T of 0, or no SL-T). */
export function levelIn(c: ConduitResult, fr: string): ConduitLevel | null {
  return c.levels.find((l) => l.fr === fr) ?? null;
}

/** The largest shortfall over the FRs judged. */
export function conduitShortfall(c: ConduitResult): number {
  return Math.max(0, ...c.levels.map((l) => l.slTarget - l.slAchieved));
}

/** `FR3 2, FR4 2, FR5 2`: the SL-T of the FRs judged. */
export const targetsText = (c: ConduitResult): string => formatConduitLevels(c, "slTarget");

/** `FR3 0, FR4 0, FR5 1`: the SL-A of the FRs judged. */
export const achievedText = (c: ConduitResult): string => formatConduitLevels(c, "slAchieved");
