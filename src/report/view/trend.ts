/** What improved and what regressed since the previous review, in words: Assessment.trend as the report lists it. */
import { type Assessment, type PreviousRun, sinceWords } from "../../model/assessment.js";
import type { TrendArea, TrendChange } from "../../model/trend.js";
import { RESULT_WORDS } from "./palette.js";

export interface TrendItem {
  area: string;
  text: string;
}

export interface Trend {
  previous: PreviousRun;
  /** The run compared with in words, its label first: "the 2026 annual review (run 1a2b3c4d, 2026-03-01)". */
  since: string;
  /** Why that run, when it is not the last labelled review: none is labelled yet, or it was asked for. */
  basisNote: string | null;

  improved: TrendItem[];
  regressed: TrendItem[];
  persisting: number;
}

const AREA_WORDS: Record<TrendArea, string> = {
  finding: "finding",
  "security-level": "security level",
  requirement: "requirement",
  maturity: "maturity",
  risk: "risk",
};

function text(c: TrendChange, findingTitles: Map<string, string>, riskTitles: Map<string, string>): string {
  switch (c.area) {
    case "finding": {
      const title = findingTitles.get(c.id);
      return c.direction === "improved" ? `Resolved: ${c.id}` : `New: ${c.id}${title ? ` (${title})` : ""}`;
    }
    case "security-level":
      return `${c.zone} ${c.fr}: SL-A ${c.before} → ${c.after}`;
    case "requirement":
      return `${c.zone} ${c.requirement}: ${RESULT_WORDS[c.before]} → ${RESULT_WORDS[c.after]}`;
    case "maturity":
      return `${c.element}: maturity ${c.before ?? "not rated"} → ${c.after ?? "not rated"}`;
    case "risk": {
      const name = `${c.id}${riskTitles.has(c.id) ? ` (${riskTitles.get(c.id)})` : ""}`;
      return c.before === null
        ? `${name}: new, residual ${c.after}`
        : `${name}: residual ${c.before} → ${c.after}`;
    }
  }
}

function basisNote(p: PreviousRun): string | null {
  switch (p.basis) {
    case "latest-run":
      return "No stored run is labelled as an official review yet, so this assessment is compared with the latest run. Label the reviews a client signs (otaudit history --label) and later assessments compare with the last of them.";
    case "requested":
      return "The run compared with was named for this assessment (assess --compare-with), not chosen as the last labelled review.";
    default:
      return null;
  }
}

export function trendView(a: Assessment, changes: readonly TrendChange[]): Trend | null {
  const c = a.comparison;
  if (!c) return null;
  const findingTitles = new Map(a.findings.map((f) => [f.id, f.title]));
  const riskTitles = new Map((a.risks ?? []).map((r) => [r.id, r.title]));
  const items = (direction: TrendChange["direction"]) =>
    changes
      .filter((x) => x.direction === direction)
      .map((x) => ({ area: AREA_WORDS[x.area], text: text(x, findingTitles, riskTitles) }));
  return {
    previous: c.previous,
    since: sinceWords(c.previous),
    basisNote: basisNote(c.previous),
    improved: items("improved"),
    regressed: items("regressed"),
    persisting: c.findings.persisting.length,
  };
}
