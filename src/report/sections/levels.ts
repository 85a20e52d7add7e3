/** Security levels: SL-T against SL-A per zone and foundational requirement, as radars and as a table. */

import type { ZoneResult } from "../../model/assessment.js";
import { shortfalls } from "../../model/security-level.js";
import { FOUNDATIONAL, systemRequirement } from "../../standard/requirements.js";
import * as word from "../docx/blocks.js";
import type { Block, DocxContext } from "../docx/context.js";
import { esc } from "../html-escape.js";
import { shortfallColour } from "../view/palette.js";
import type { ReportView } from "../view/report-view.js";
import { emptyNote, figureHtml, sectionHtml, tableHtml } from "./common.js";
import type { ReportSectionEntry } from "./section.js";

/** Per FR (FR1 first), the zone's requirements whose result rests only on old evidence. */
function oldByFr(z: ZoneResult): string[][] {
  return FOUNDATIONAL.map((fr) =>
    z.requirements
      .filter((q) => q.oldEvidence !== undefined && systemRequirement(q.id)?.fr === fr.id)
      .map((q) => q.id),
  );
}

function levelsHtml(v: ReportView): string {
  const { a } = v;
  if (a.zones.length === 0)
    return sectionHtml(
      "levels",
      "Security levels",
      emptyNote("No zones are declared, so there are no target or achieved security levels to show."),
    );
  const rows = a.zones.map((z) => {
    const gap = shortfalls(z);
    const old = oldByFr(z);
    const cells = FOUNDATIONAL.map((_, i) => {
      const c = shortfallColour(gap[i]!);
      const title = old[i]!.length
        ? `${c.label}; rests in part on old evidence: ${old[i]!.join(", ")}`
        : c.label;
      return `<td class="sl-cell" style="background:${c.fill};color:${c.stroke}" title="${esc(title)}">${z.slAchieved[i]} / ${z.slTarget[i]}${old[i]!.length ? " †" : ""}</td>`;
    });
    return `<tr><td><strong>${esc(z.name)}</strong></td>${cells.join("")}</tr>`;
  });
  const table = tableHtml(
    ["Zone", ...FOUNDATIONAL.map((fr) => `<abbr title="${esc(fr.name)}">${fr.id} ${fr.abbrev}</abbr>`)],
    rows,
    "SL-T from plant.yaml; SL-A from the gap assessment. Each cell is SL-A / SL-T.",
    'class="sl-table"',
  );
  const marked = a.zones.flatMap((z) =>
    oldByFr(z).flatMap((ids, i) => (ids.length ? [`${z.id} FR${i + 1} (${ids.join(", ")})`] : [])),
  );
  const oldNote = marked.length
    ? `<p class="warn-note">† The level rests in part on results decided only by old evidence: ${esc(marked.join("; "))}. They are listed with their inputs in the gap assessment.</p>`
    : "";
  return sectionHtml(
    "levels",
    "Security levels: target against achieved",
    `${v.figures.radar ? figureHtml(v.figures.radar) : ""}${table}${oldNote}
<p class="note">An achieved level counts a foundational requirement as reached at a level only when every requirement and enhancement that level asks for is shown met, by an answer or by evidence. Requirements nobody has answered stay unknown and hold the level down: they are listed per zone in the gap assessment.</p>`,
    "IEC 62443-3-3 sets a security level from 0 to 4 for each of the seven foundational requirements (FR1 to FR7). The target (SL-T) is what the zone needs; the achieved level (SL-A) is what the evidence shows.",
  );
}

function levelsBlocks(ctx: DocxContext): Block[] {
  const { a } = ctx.v;
  if (a.zones.length === 0) return [word.emptyNote("No zones are declared.")];
  return [
    ...word.figureBlocks(ctx.v.figures.radar, ctx.images, ctx.nextFigure),
    word.table(
      ["Zone", ...FOUNDATIONAL.map((fr) => `${fr.id} ${fr.abbrev}`)],
      a.zones.map((z) => {
        const gap = shortfalls(z);
        const old = oldByFr(z);
        return [
          z.name,
          ...FOUNDATIONAL.map(
            (_, i) =>
              `${z.slAchieved[i]} / ${z.slTarget[i]}${gap[i] ? " ▲" : ""}${old[i]!.length ? " †" : ""}`,
          ),
        ];
      }),
      [23, 11, 11, 11, 11, 11, 11, 11],
    ),
    word.sourceNote(
      "SL-T from plant.yaml; SL-A from the gap assessment. Each cell is SL-A / SL-T; ▲ marks a shortfall; † a level resting in part on results decided only by old evidence.",
    ),
    word.para(
      "An achieved level counts a foundational requirement as reached only when every requirement that level asks for is shown met; unanswered requirements stay unknown and hold the level down.",
      { muted: true, size: 16 },
    ),
  ];
}

export const levelsSection = {
  id: "levels",
  title: "Security levels",
  newPage: false,
  html: levelsHtml,
  docx: levelsBlocks,
} satisfies ReportSectionEntry;
