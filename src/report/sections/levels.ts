/**
 * Security levels: SL-T against SL-A per zone and foundational requirement, as radars and as a table, and beside
 * them the conduits' in the FRs a conduit is judged on (FR3-FR5).
 */

import type { ZoneResult } from "../../model/assessment.js";
import { shortfalls } from "../../model/security-level.js";
import { FOUNDATIONAL, systemRequirement } from "../../standard/requirements.js";
import * as word from "../docx/blocks.js";
import type { Block, DocxContext } from "../docx/context.js";
import { esc } from "../html-escape.js";
import { CONDUIT_COLUMNS, conduitLabel, levelIn, noVerdict } from "../view/conduits.js";
import { outsideOf, outsideWords } from "../view/design.js";
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
    const outside = outsideOf(a, z);
    if (outside)
      return `<tr><td><strong>${esc(z.name)}</strong></td><td colspan="${FOUNDATIONAL.length}" class="outside-suc">${esc(outsideWords(outside))}</td></tr>`;
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
  const marked = a.zones
    .filter((z) => z.inScope)
    .flatMap((z) =>
      oldByFr(z).flatMap((ids, i) => (ids.length ? [`${z.id} FR${i + 1} (${ids.join(", ")})`] : [])),
    );
  const oldNote = marked.length
    ? `<p class="warn-note">† The level rests in part on results decided only by old evidence: ${esc(marked.join("; "))}. They are listed with their inputs in the gap assessment.</p>`
    : "";
  return sectionHtml(
    "levels",
    "Security levels: target against achieved",
    `${v.figures.radar ? figureHtml(v.figures.radar) : ""}${table}${oldNote}
${conduitLevelsHtml(v)}
<p class="note">An achieved level counts a foundational requirement as reached at a level only when every requirement and enhancement that level asks for is shown met, by an answer or by evidence. Requirements nobody has answered stay unknown and hold the level down: they are listed per zone in the gap assessment.</p>`,
    "IEC 62443-3-3 sets a security level from 0 to 4 for each of the seven foundational requirements (FR1 to FR7). The target (SL-T) is what the zone needs; the achieved level (SL-A) is what the evidence shows.",
  );
}

/** The conduits' SL-A / SL-T in FR3-FR5, or why a conduit has none; nothing when plant.yaml declares no conduit. */
function conduitLevelsHtml(v: ReportView): string {
  if (v.a.conduits.length === 0) return "";
  const rows = v.a.conduits.map((c) => {
    const none = noVerdict(c);
    const zones = `${esc(c.zones[0])} ↔ ${esc(c.zones[1])}`;
    if (none)
      return `<tr><td><strong>${esc(conduitLabel(c))}</strong><br><span class="muted">${zones}</span></td><td colspan="${CONDUIT_COLUMNS.length}" class="muted">${esc(none)}</td></tr>`;
    const cells = CONDUIT_COLUMNS.map((fr) => {
      const l = levelIn(c, fr.id);
      if (!l) return '<td class="sl-cell muted" title="its SL-T sets no level here">—</td>';
      const colour = shortfallColour(Math.max(l.slTarget - l.slAchieved, 0));
      return `<td class="sl-cell" style="background:${colour.fill};color:${colour.stroke}" title="${esc(colour.label)}">${l.slAchieved} / ${l.slTarget}</td>`;
    });
    return `<tr><td><strong>${esc(conduitLabel(c))}</strong><br><span class="muted">${zones}</span></td>${cells.join("")}</tr>`;
  });
  return `<h3>Conduits</h3>${tableHtml(
    ["Conduit", ...CONDUIT_COLUMNS.map((fr) => `<abbr title="${esc(fr.name)}">${fr.id} ${fr.abbrev}</abbr>`)],
    rows,
    "SL-T from plant.yaml (the conduit's own); SL-A from the gap assessment of the conduit: its answers in answers.yaml and the evidence crossing it. Each cell is SL-A / SL-T; a dash: its SL-T sets no level in that FR.",
    'class="sl-table"',
  )}`;
}

function levelsBlocks(ctx: DocxContext): Block[] {
  const { a } = ctx.v;
  if (a.zones.length === 0) return [word.emptyNote("No zones are declared.")];
  return [
    ...word.figureBlocks(ctx.v.figures.radar, ctx.images, ctx.nextFigure),
    word.table(
      ["Zone", ...FOUNDATIONAL.map((fr) => `${fr.id} ${fr.abbrev}`)],
      a.zones.map((z) => {
        const outside = outsideOf(a, z);
        if (outside) return [z.name, outsideWords(outside)];
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
    ...conduitLevelsBlocks(ctx),
    word.para(
      "An achieved level counts a foundational requirement as reached only when every requirement that level asks for is shown met; unanswered requirements stay unknown and hold the level down.",
      { muted: true, size: 16 },
    ),
  ];
}

function conduitLevelsBlocks({ v }: DocxContext): Block[] {
  if (v.a.conduits.length === 0) return [];
  return [
    word.table(
      ["Conduit", "Zones", ...CONDUIT_COLUMNS.map((fr) => `${fr.id} ${fr.abbrev}`)],
      v.a.conduits.map((c) => {
        const none = noVerdict(c);
        const cells = CONDUIT_COLUMNS.map((fr, i) => {
          if (none) return i === 0 ? none : "";
          const l = levelIn(c, fr.id);
          return l ? `${l.slAchieved} / ${l.slTarget}${l.slAchieved < l.slTarget ? " ▲" : ""}` : "—";
        });
        return [conduitLabel(c), `${c.zones[0]} ↔ ${c.zones[1]}`, ...cells];
      }),
      [26, 26, 16, 16, 16],
    ),
    word.sourceNote(
      "plant.yaml (the conduit's own SL-T); the gap assessment of each conduit (SL-A in FR3-FR5). Each cell is SL-A / SL-T; ▲ marks a shortfall; a dash: no level set in that FR.",
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
