/**
 * The risk heat map: likelihood up, impact across, on the 5x5 matrix of IEC 62443-3-2 risk assessments; each
 * cell counts the risks that sit there before countermeasures (unmitigated) and after (residual).
 */
import { INK, LINE, MUTED } from "../view/palette.js";
import type { RiskPoint } from "../view/late-fields.js";
import { type Figure, num, svgDocument, svgText } from "./svg.js";

const SIZE = 5;
const CELL = 74;
const LEFT = 96;
const TOP = 16;

/** Score bands of likelihood x impact: low, medium, high, critical. */
export const RISK_BANDS = [
  { upTo: 4, label: "low", fill: "#d7ecd9" },
  { upTo: 9, label: "medium", fill: "#fff1c1" },
  { upTo: 16, label: "high", fill: "#ffd3b0" },
  { upTo: 25, label: "critical", fill: "#f6b3b3" },
] as const;

export function riskBand(score: number): (typeof RISK_BANDS)[number] {
  return RISK_BANDS.find((b) => score <= b.upTo) ?? RISK_BANDS[RISK_BANDS.length - 1]!;
}

export function riskHeatMap(
  risks: readonly { unmitigated: RiskPoint; residual: RiskPoint }[],
  scales: { likelihood: readonly string[]; impact: readonly string[] },
): Figure {
  const count = (field: "unmitigated" | "residual", l: number, i: number): number =>
    risks.filter((r) => r[field].likelihood === l && r[field].impact === i).length;
  const parts: string[] = [];
  for (let l = SIZE; l >= 1; l--) {
    const y = TOP + (SIZE - l) * CELL;
    parts.push(svgText(LEFT - 8, y + CELL / 2, `${l} ${scales.likelihood[l - 1] ?? ""}`, { anchor: "end", size: 10.5, baseline: "middle", fill: INK }));
    for (let i = 1; i <= SIZE; i++) {
      const x = LEFT + (i - 1) * CELL;
      const band = riskBand(l * i);
      const before = count("unmitigated", l, i);
      const after = count("residual", l, i);
      parts.push(`<rect x="${x}" y="${y}" width="${CELL}" height="${CELL}" fill="${band.fill}" stroke="#fff" stroke-width="2"/>`);
      if (before > 0)
        parts.push(`<circle cx="${num(x + CELL / 2 - 14)}" cy="${num(y + CELL / 2)}" r="13" fill="#fff" stroke="${INK}" stroke-width="1.5" stroke-dasharray="3 2"/>`, svgText(x + CELL / 2 - 14, y + CELL / 2, String(before), { anchor: "middle", baseline: "middle", size: 12, weight: "bold", fill: INK }));
      if (after > 0)
        parts.push(`<circle cx="${num(x + CELL / 2 + 14)}" cy="${num(y + CELL / 2)}" r="13" fill="${INK}"/>`, svgText(x + CELL / 2 + 14, y + CELL / 2, String(after), { anchor: "middle", baseline: "middle", size: 12, weight: "bold", fill: "#fff" }));
    }
  }
  const bottom = TOP + SIZE * CELL;
  for (let i = 1; i <= SIZE; i++)
    parts.push(svgText(LEFT + (i - 0.5) * CELL, bottom + 14, `${i} ${scales.impact[i - 1] ?? ""}`, { anchor: "middle", size: 10.5, fill: INK }));
  parts.push(
    svgText(LEFT + (SIZE * CELL) / 2, bottom + 34, "Impact →", { anchor: "middle", size: 11, weight: "bold", fill: INK }),
    `<text x="14" y="${num(TOP + (SIZE * CELL) / 2)}" transform="rotate(-90 14 ${num(TOP + (SIZE * CELL) / 2)})" text-anchor="middle" font-size="11" font-weight="bold" fill="${INK}">Likelihood →</text>`,
  );
  const lx = LEFT + SIZE * CELL + 24;
  parts.push(
    `<circle cx="${lx + 10}" cy="${TOP + 14}" r="10" fill="#fff" stroke="${INK}" stroke-width="1.5" stroke-dasharray="3 2"/>`,
    svgText(lx + 26, TOP + 14, "unmitigated", { baseline: "middle", size: 11, fill: INK }),
    `<circle cx="${lx + 10}" cy="${TOP + 42}" r="10" fill="${INK}"/>`,
    svgText(lx + 26, TOP + 42, "residual", { baseline: "middle", size: 11, fill: INK }),
    ...RISK_BANDS.map((b, k) => `<rect x="${lx}" y="${TOP + 70 + k * 22}" width="20" height="14" fill="${b.fill}" stroke="${LINE}"/>${svgText(lx + 26, TOP + 77 + k * 22, b.label, { baseline: "middle", size: 11, fill: MUTED })}`),
  );
  const width = lx + 110;
  const height = bottom + 44;
  return {
    id: "risk-heat-map",
    title: "Risk heat map",
    svg: svgDocument(width, height, "Risk heat map: likelihood against impact", parts.join("")),
    width,
    height,
    source: "The risk register of this assessment (threat scenarios per zone; likelihood from evidence, impact from the zone's consequence ratings).",
  };
}
