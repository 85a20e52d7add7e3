/** Review-to-review comparison of findings, carried in the assessment JSON. */
import type { Assessment, Comparison } from "../model/assessment.js";
import type { Finding } from "../model/finding.js";

export function compareFindings(previous: Assessment | undefined, current: Finding[]): Comparison | null {
  if (!previous) return null;
  const before = new Set(previous.findings.map((f) => f.id));
  const now = new Set(current.map((f) => f.id));
  return {
    previous: { id: previous.id, finishedAt: previous.finishedAt },
    findings: {
      new: [...now].filter((id) => !before.has(id)).sort(),
      resolved: [...before].filter((id) => !now.has(id)).sort(),
      persisting: [...now].filter((id) => before.has(id)).sort(),
    },
  };
}
