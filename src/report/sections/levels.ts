/** Security levels: SL-T against SL-A per zone and foundational requirement, as radars and as a table. */

import { FOUNDATIONAL } from "../../standard/requirements.js";
import { esc } from "../html-escape.js";
import { shortfallColour } from "../view/palette.js";
import type { ReportView } from "../view/report-view.js";
import { shortfalls } from "../view/zone-levels.js";
import { emptyNote, figureHtml, sectionHtml, tableHtml } from "./common.js";

export function levelsSection(v: ReportView): string {
  const { a } = v;
  if (a.zones.length === 0)
    return sectionHtml(
      "levels",
      "Security levels",
      emptyNote("No zones are declared, so there are no target or achieved security levels to show."),
    );
  const rows = a.zones.map((z) => {
    const gap = shortfalls(z);
    const cells = FOUNDATIONAL.map((_, i) => {
      const c = shortfallColour(gap[i]!);
      return `<td class="sl-cell" style="background:${c.fill};color:${c.stroke}" title="${esc(c.label)}">${z.slAchieved[i]} / ${z.slTarget[i]}</td>`;
    });
    return `<tr><td><strong>${esc(z.name)}</strong></td>${cells.join("")}</tr>`;
  });
  const table = tableHtml(
    ["Zone", ...FOUNDATIONAL.map((fr) => `<abbr title="${esc(fr.name)}">${fr.id} ${fr.abbrev}</abbr>`)],
    rows,
    "SL-T from plant.yaml; SL-A from the gap assessment. Each cell is SL-A / SL-T.",
    'class="sl-table"',
  );
  return sectionHtml(
    "levels",
    "Security levels: target against achieved",
    `${v.figures.radar ? figureHtml(v.figures.radar) : ""}${table}
<p class="note">An achieved level counts a foundational requirement as reached at a level only when every requirement and enhancement that level asks for is shown met, by an answer or by evidence. Requirements nobody has answered stay unknown and hold the level down: they are listed per zone in the gap assessment.</p>`,
    "IEC 62443-3-3 sets a security level from 0 to 4 for each of the seven foundational requirements (FR1 to FR7). The target (SL-T) is what the zone needs; the achieved level (SL-A) is what the evidence shows.",
  );
}
