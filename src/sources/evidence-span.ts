/** The span of times an input's evidence was taken over, from the times an importer read in it. */
import type { EvidenceSpan } from "../model/assessment.js";

/** The earliest and latest of `times` (ISO 8601; null, undefined and unreadable ones skipped), or null when none. */
export function spanOf(
  times: Iterable<string | null | undefined>,
  basis: EvidenceSpan["basis"],
): EvidenceSpan | null {
  let from: number | undefined;
  let to: number | undefined;
  for (const t of times) {
    const ms = t ? Date.parse(t) : Number.NaN;
    if (Number.isNaN(ms)) continue;
    if (from === undefined || ms < from) from = ms;
    if (to === undefined || ms > to) to = ms;
  }
  if (from === undefined || to === undefined) return null;
  return { from: new Date(from).toISOString(), to: new Date(to).toISOString(), basis };
}
