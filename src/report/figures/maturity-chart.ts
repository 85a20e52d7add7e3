/**
 * Program maturity: one bar per IEC 62443-2-1 element on the 1-4 scale for the elements a person rated; an element
 * nobody rated is shown as not rated, with the records' cap as a dashed outline, never as a bar.
 */
import type { Assessment } from "../../model/assessment.js";
import { programRating } from "../../model/verdicts.js";
import { MATURITY_LEVELS } from "../../standard/program.js";
import { ACCENT, INK, LINE, MUTED } from "../view/palette.js";
import { type Figure, fit, num, svgDocument, svgText } from "./svg.js";

const LABEL_W = 330;
const BAR_W = 360;
const ROW_H = 24;
const TOP = 34;

/** Darker as the level rises, so the chart reads without its scale. */
const LEVEL_FILL = ["", "#c9dbe8", "#8fb6d1", "#4f8db5", "#1f6f9f"];

export function maturityChart(a: Assessment): Figure | null {
  if (a.program.length === 0) return null;
  const step = BAR_W / 4;
  const parts: string[] = [
    `<defs><pattern id="unrated" width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)"><rect width="6" height="6" fill="#f4f5f7"/><line x1="0" y1="0" x2="0" y2="6" stroke="${LINE}" stroke-width="2"/></pattern></defs>`,
  ];
  for (const m of MATURITY_LEVELS) {
    const x = LABEL_W + step * m.level;
    parts.push(
      svgText(x - step / 2, 14, `${m.level} ${m.name.replace(/ \(.*\)$/, "")}`, {
        anchor: "middle",
        size: 11,
        weight: "bold",
        fill: INK,
      }),
    );
  }
  const height = TOP + a.program.length * ROW_H + 8;
  for (let level = 0; level <= 4; level++) {
    const x = LABEL_W + step * level;
    parts.push(`<line x1="${num(x)}" y1="${TOP - 12}" x2="${num(x)}" y2="${height - 4}" stroke="${LINE}"/>`);
  }
  a.program.forEach((p, i) => {
    const y = TOP + i * ROW_H;
    parts.push(
      svgText(0, y + ROW_H / 2, fit(`${p.element}  ${p.title}`, LABEL_W - 12, 11.5), {
        size: 11.5,
        baseline: "middle",
        fill: INK,
      }),
    );
    const { maturity, cap } = programRating(p);
    if (maturity === null && cap !== null) {
      parts.push(
        `<rect x="${LABEL_W}" y="${y + 4}" width="${num(step * cap)}" height="${ROW_H - 8}" rx="2" fill="none" stroke="${MUTED}" stroke-width="1" stroke-dasharray="4 3"/>`,
        svgText(LABEL_W + 8, y + ROW_H / 2, `not rated; records support at most ${cap}`, {
          size: 10.5,
          baseline: "middle",
          fill: MUTED,
        }),
      );
    } else if (maturity === null) {
      parts.push(
        `<rect x="${LABEL_W}" y="${y + 4}" width="${num(step * 4)}" height="${ROW_H - 8}" fill="url(#unrated)"/>`,
        svgText(LABEL_W + 8, y + ROW_H / 2, "not rated: no answer and no records bear on it", {
          size: 10.5,
          baseline: "middle",
          fill: MUTED,
        }),
      );
    } else {
      parts.push(
        `<rect x="${LABEL_W}" y="${y + 4}" width="${num(step * maturity)}" height="${ROW_H - 8}" rx="2" fill="${LEVEL_FILL[maturity]}" stroke="${ACCENT}" stroke-width="0.8"/>`,
        svgText(LABEL_W + step * maturity - 8, y + ROW_H / 2, String(maturity), {
          anchor: "end",
          size: 11,
          weight: "bold",
          fill: maturity >= 3 ? "#fff" : INK,
          baseline: "middle",
        }),
      );
    }
  });
  const width = LABEL_W + BAR_W + 10;
  return {
    id: "maturity-chart",
    title: "Security program maturity (IEC 62443-2-1)",
    svg: svgDocument(width, height, "Program maturity per IEC 62443-2-1 element", parts.join("")),
    width,
    height,
    source:
      "Maturity ratings in answers.yaml; for elements nobody rated, the cap the plant's records (accounts, backups, remote access, inventory) and findings support, dashed.",
  };
}
