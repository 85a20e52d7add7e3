/** What improved and what regressed since the previous review, in words: Assessment.trend as the report lists it. */
import type { Assessment } from "../../model/assessment.js";
import type { TrendArea, TrendChange } from "../../model/trend.js";
import { RESULT_WORDS } from "./palette.js";

export interface TrendItem {
  area: string;
  text: string;
}

export interface Trend {
  previous: { id: string; finishedAt: string };
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
    improved: items("improved"),
    regressed: items("regressed"),
    persisting: c.findings.persisting.length,
  };
}
