/** How far each zone's achieved security level falls short of its target, FR by FR. */
import type { ZoneResult } from "../../model/assessment.js";

/** SL-T minus SL-A per FR, never below zero (an FR above its target has no shortfall). */
export function shortfalls(zone: Pick<ZoneResult, "slTarget" | "slAchieved">): number[] {
  return zone.slTarget.map((t, i) => Math.max(t - (zone.slAchieved[i] ?? 0), 0));
}

/** The largest shortfall over the seven FRs: what colours the zone. */
export function worstShortfall(zone: Pick<ZoneResult, "slTarget" | "slAchieved">): number {
  return Math.max(0, ...shortfalls(zone));
}

/** FRs at their target, out of seven. */
export function frsAtTarget(zone: Pick<ZoneResult, "slTarget" | "slAchieved">): number {
  return shortfalls(zone).filter((s) => s === 0).length;
}
