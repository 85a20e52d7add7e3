/** The report's colours, one place for the HTML, the SVG figures and the Word document. */
import type { Severity } from "../../model/finding.js";
import type { Result } from "../../model/verdicts.js";

export const INK = "#1d2430";
export const MUTED = "#5b6472";
export const LINE = "#d8dde5";
export const NAVY = "#14324a";
export const ACCENT = "#1f6f9f";

export const SEVERITY_COLOURS: Record<Severity, string> = {
  critical: "#8e1b1b",
  high: "#c0392b",
  medium: "#d68910",
  low: "#2e86c1",
  info: "#7f8c8d",
};

/** Shortfall of SL-A below SL-T, in levels: stroke and fill of a zone. 0 means the target is reached. */
export const SHORTFALL_COLOURS: readonly { stroke: string; fill: string; label: string }[] = [
  { stroke: "#2e7d32", fill: "#e8f5e9", label: "target reached" },
  { stroke: "#c79100", fill: "#fff8e1", label: "1 level short" },
  { stroke: "#e65100", fill: "#fff0e0", label: "2 levels short" },
  { stroke: "#b71c1c", fill: "#fde8e8", label: "3 or more levels short" },
];

export function shortfallColour(levels: number): { stroke: string; fill: string; label: string } {
  return SHORTFALL_COLOURS[Math.min(Math.max(levels, 0), SHORTFALL_COLOURS.length - 1)]!;
}

/** How the report words a requirement's result. */
export const RESULT_WORDS: Record<Result, string> = {
  met: "met",
  partial: "partly met",
  "not-met": "not met",
  "not-applicable": "not applicable",
  unknown: "unknown",
};

export const RESULT_COLOURS: Record<Result, string> = {
  met: "#2e7d32",
  partial: "#c79100",
  "not-met": "#c0392b",
  "not-applicable": "#7f8c8d",
  unknown: "#9aa3ae",
};

/** Marks on the zone diagram and the communication matrix. */
export const FLOW_COLOURS = {
  conduit: "#1f6f9f",
  unauthenticated: "#e65100",
  violation: "#b71c1c",
  intraZone: "#eef1f5",
} as const;
