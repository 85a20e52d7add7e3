/**
 * A stored run as this version reads it. Runs are stored as the JSON of their day; where the model has since
 * changed shape, the old form is brought to the new one here, so `get` never refuses a run an earlier otaudit wrote.
 * (Fields added with a default, such as a finding's `related`, need nothing: the schema fills them.)
 */
import { Assessment } from "../model/assessment.js";

/** Capture warnings were text before they carried a code: all about damage, but an undecoded link type. */
function upgradeWarnings(run: Record<string, unknown>): void {
  const capture = run.capture as { stats?: { files?: { warnings?: unknown[] }[] } } | null | undefined;
  for (const file of capture?.stats?.files ?? []) {
    file.warnings = (file.warnings ?? []).map((w) =>
      typeof w === "string"
        ? {
            code: /is not decoded/.test(w) ? "not-modelled" : "capture-damaged",
            message: w,
            frame: null,
            offset: null,
          }
        : w,
    );
  }
}

export function storedRun(json: string): Assessment {
  const run = JSON.parse(json) as Record<string, unknown>;
  upgradeWarnings(run);
  return Assessment.parse(run);
}
