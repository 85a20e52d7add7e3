/**
 * The risk heat map: likelihood up, impact across, on the assessment's risk matrix (5x5 by default, 3 to 5
 * steps a side); each cell counts the risks that sit there before countermeasures (unmitigated, dashed ring)
 * and after (residual, filled). Cells at or below the tolerable line are green; above it, three bands.
 */
import type { Risk, RiskMatrix } from "../../model/risk.js";
import { INK, LINE, MUTED } from "../view/palette.js";
import { type Figure, num, svgDocument, svgText } from "./svg.js";

const CELL = 74;
const LEFT = 120;
const TOP = 16;

export interface RiskBand {
  label: string;
  fill: string;
}

const BANDS: readonly RiskBand[] = [
  { label: "tolerable", fill: "#d7ecd9" },
  { label: "medium", fill: "#fff1c1" },
  { label: "high", fill: "#ffd3b0" },
  { label: "critical", fill: "#f6b3b3" },
];

/** Tolerable up to the matrix's line; above it, the rest of the range in three equal bands. */
export function riskBand(score: number, matrix: RiskMatrix): RiskBand {
  if (score <= matrix.tolerable) return BANDS[0]!;
  const max = matrix.likelihood.length * matrix.impact.length;
  const step = (max - matrix.tolerable) / 3;
  return BANDS[Math.min(3, Math.ceil((score - matrix.tolerable) / step))]!;
}

export function riskHeatMap(risks: readonly Risk[], matrix: RiskMatrix): Figure {
  const rows = matrix.likelihood.length;
  const cols = matrix.impact.length;
  const count = (field: "unmitigated" | "residual", l: number, i: number): number =>
    risks.filter((r) => r[field].likelihood === l && r[field].impact === i).length;
  const parts: string[] = [];
  for (let l = rows; l >= 1; l--) {
    const y = TOP + (rows - l) * CELL;
    parts.push(
      svgText(LEFT - 8, y + CELL / 2, `${l} ${matrix.likelihood[l - 1]}`, {
        anchor: "end",
        size: 10.5,
        baseline: "middle",
        fill: INK,
      }),
    );
    for (let i = 1; i <= cols; i++) {
      const x = LEFT + (i - 1) * CELL;
      const before = count("unmitigated", l, i);
      const after = count("residual", l, i);
      parts.push(
        `<rect x="${x}" y="${y}" width="${CELL}" height="${CELL}" fill="${riskBand(l * i, matrix).fill}" stroke="#fff" stroke-width="2"/>`,
      );
      if (before > 0)
        parts.push(
          `<circle cx="${num(x + CELL / 2 - 15)}" cy="${num(y + CELL / 2)}" r="13" fill="#fff" stroke="${INK}" stroke-width="1.5" stroke-dasharray="3 2"/>`,
          svgText(x + CELL / 2 - 15, y + CELL / 2, String(before), {
            anchor: "middle",
            baseline: "middle",
            size: 12,
            weight: "bold",
            fill: INK,
          }),
        );
      if (after > 0)
        parts.push(
          `<circle cx="${num(x + CELL / 2 + 15)}" cy="${num(y + CELL / 2)}" r="13" fill="${INK}"/>`,
          svgText(x + CELL / 2 + 15, y + CELL / 2, String(after), {
            anchor: "middle",
            baseline: "middle",
            size: 12,
            weight: "bold",
            fill: "#fff",
          }),
        );
    }
  }
  const bottom = TOP + rows * CELL;
  for (let i = 1; i <= cols; i++)
    parts.push(
      svgText(LEFT + (i - 0.5) * CELL, bottom + 14, `${i} ${matrix.impact[i - 1]}`, {
        anchor: "middle",
        size: 10.5,
        fill: INK,
      }),
    );
  parts.push(
    svgText(LEFT + (cols * CELL) / 2, bottom + 34, "Impact →", {
      anchor: "middle",
      size: 11,
      weight: "bold",
      fill: INK,
    }),
    `<text x="14" y="${num(TOP + (rows * CELL) / 2)}" transform="rotate(-90 14 ${num(TOP + (rows * CELL) / 2)})" text-anchor="middle" font-size="11" font-weight="bold" fill="${INK}">Likelihood →</text>`,
  );
  const lx = LEFT + cols * CELL + 24;
  parts.push(
    `<circle cx="${lx + 10}" cy="${TOP + 14}" r="10" fill="#fff" stroke="${INK}" stroke-width="1.5" stroke-dasharray="3 2"/>`,
    svgText(lx + 26, TOP + 14, "unmitigated", { baseline: "middle", size: 11, fill: INK }),
    `<circle cx="${lx + 10}" cy="${TOP + 42}" r="10" fill="${INK}"/>`,
    svgText(lx + 26, TOP + 42, "residual", { baseline: "middle", size: 11, fill: INK }),
    ...BANDS.map(
      (b, k) =>
        `<rect x="${lx}" y="${TOP + 70 + k * 22}" width="20" height="14" fill="${b.fill}" stroke="${LINE}"/>${svgText(lx + 26, TOP + 77 + k * 22, k === 0 ? `tolerable (score ≤ ${matrix.tolerable})` : b.label, { baseline: "middle", size: 11, fill: MUTED })}`,
    ),
  );
  const width = lx + 150;
  const height = bottom + 44;
  return {
    id: "risk-heat-map",
    title: "Risk heat map",
    svg: svgDocument(width, height, "Risk heat map: likelihood against impact", parts.join("")),
    width,
    height,
    source: `The risk register of this assessment (${risks.length} threat scenarios in their zones): unmitigated likelihood from the threat agents and the exposure by design, residual from the countermeasures met and the weaknesses the evidence shows, impact from the zones' consequence ratings, on the risk matrix of plant.yaml (tolerable up to ${matrix.tolerable}).`,
  };
}
