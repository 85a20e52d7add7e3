/**
 * SL-T against SL-A per zone: one seven-axis radar per zone (FR1..FR7, levels 0-4), in a grid, so zones can be
 * compared at a glance. The target is a dashed outline, the achieved level a filled shape in the zone's colour.
 */
import type { Assessment, ZoneResult } from "../../model/assessment.js";
import { formatSl, worstShortfall } from "../../model/security-level.js";
import { FOUNDATIONAL } from "../../standard/requirements.js";
import { INK, LINE, MUTED, NAVY, shortfallColour } from "../view/palette.js";
import { type Figure, fit, num, svgDocument, svgText } from "./svg.js";

const CELL_W = 250;
const CELL_H = 285;
const RADIUS = 78;
const MAX_LEVEL = 4;
const PER_ROW = 3;

function point(cx: number, cy: number, axis: number, level: number): [number, number] {
  const angle = -Math.PI / 2 + (2 * Math.PI * axis) / 7;
  const r = (RADIUS * level) / MAX_LEVEL;
  return [cx + r * Math.cos(angle), cy + r * Math.sin(angle)];
}

const polygon = (pts: [number, number][]): string => pts.map(([x, y]) => `${num(x)},${num(y)}`).join(" ");

function radar(zone: ZoneResult, left: number, top: number): string {
  const cx = left + CELL_W / 2;
  const cy = top + 72 + RADIUS;
  const colour = shortfallColour(worstShortfall(zone));
  const parts: string[] = [
    svgText(cx, top + 18, fit(zone.name, CELL_W - 10, 13), {
      anchor: "middle",
      size: 13,
      weight: "bold",
      fill: INK,
    }),
    svgText(cx, top + 35, `SL-T ${formatSl(zone.slTarget)}  SL-A ${formatSl(zone.slAchieved)}`, {
      anchor: "middle",
      size: 10.5,
      fill: MUTED,
    }),
  ];
  for (let level = 1; level <= MAX_LEVEL; level++) {
    const ring = FOUNDATIONAL.map((_, i) => point(cx, cy, i, level));
    parts.push(`<polygon points="${polygon(ring)}" fill="none" stroke="${LINE}" stroke-width="1"/>`);
    const [lx, ly] = point(cx, cy, 0, level);
    parts.push(svgText(lx + 3, ly + 1, String(level), { size: 9, fill: MUTED, baseline: "middle" }));
  }
  FOUNDATIONAL.forEach((fr, i) => {
    const [x, y] = point(cx, cy, i, MAX_LEVEL);
    const [lx, ly] = point(cx, cy, i, MAX_LEVEL + 0.75);
    const anchor = Math.abs(lx - cx) < 6 ? "middle" : lx > cx ? "start" : "end";
    parts.push(
      `<line x1="${num(cx)}" y1="${num(cy)}" x2="${num(x)}" y2="${num(y)}" stroke="${LINE}"/>`,
      svgText(lx, ly - 5, fr.id, { anchor, size: 10.5, weight: "bold", fill: INK, baseline: "middle" }),
      svgText(lx, ly + 7, fr.abbrev, { anchor, size: 9.5, fill: MUTED, baseline: "middle" }),
    );
  });
  const achieved = zone.slAchieved.map((l, i) => point(cx, cy, i, l));
  const target = zone.slTarget.map((l, i) => point(cx, cy, i, l));
  parts.push(
    `<polygon points="${polygon(achieved)}" fill="${colour.stroke}" fill-opacity="0.3" stroke="${colour.stroke}" stroke-width="2" stroke-linejoin="round"/>`,
    ...achieved.map(([x, y]) => `<circle cx="${num(x)}" cy="${num(y)}" r="2.6" fill="${colour.stroke}"/>`),
    `<polygon points="${polygon(target)}" fill="none" stroke="${NAVY}" stroke-width="2" stroke-dasharray="6 3" stroke-linejoin="round"/>`,
  );
  return parts.join("");
}

export function slRadar(a: Assessment): Figure | null {
  // A zone outside the system under consideration is not assessed: it has no levels to draw.
  const zones = a.zones.filter((z) => z.inScope);
  if (zones.length === 0) return null;
  const cols = Math.min(zones.length, PER_ROW);
  const rows = Math.ceil(zones.length / PER_ROW);
  const width = cols * CELL_W;
  const legendY = rows * CELL_H + 10;
  const body = zones.map((z, i) => radar(z, (i % PER_ROW) * CELL_W, Math.floor(i / PER_ROW) * CELL_H));
  const lx = width / 2 - 150;
  body.push(
    `<line x1="${num(lx)}" y1="${legendY}" x2="${num(lx + 28)}" y2="${legendY}" stroke="${NAVY}" stroke-width="2" stroke-dasharray="6 3"/>`,
    svgText(lx + 34, legendY, "SL-T (target)", { size: 11, baseline: "middle", fill: INK }),
    `<rect x="${num(lx + 140)}" y="${legendY - 6}" width="24" height="12" fill="#e65100" fill-opacity="0.3" stroke="#e65100" stroke-width="1.5"/>`,
    svgText(lx + 170, legendY, "SL-A (achieved)", { size: 11, baseline: "middle", fill: INK }),
  );
  const height = legendY + 16;
  return {
    id: "sl-radar",
    title: "Target (SL-T) and achieved (SL-A) security levels per zone",
    svg: svgDocument(width, height, "SL-T against SL-A radar charts, one per zone", body.join("")),
    width,
    height,
    source: `SL-T from plant.yaml; SL-A from the gap assessment (answers.yaml and automated evidence)${zones.length < a.zones.length ? ". Zones outside the system under consideration are not drawn" : ""}.`,
  };
}
