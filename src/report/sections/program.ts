/** Security program maturity per IEC 62443-2-1 element. */
import { maturityName } from "../../standard/program.js";
import * as word from "../docx/blocks.js";
import type { Block, DocxContext } from "../docx/context.js";
import { esc } from "../html-escape.js";
import type { ReportView } from "../view/report-view.js";
import { emptyNote, figureHtml, sectionHtml, tableHtml } from "./common.js";
import { evidenceListHtml } from "./evidence-html.js";
import type { ReportSectionEntry } from "./section.js";

function programHtml(v: ReportView): string {
  const { a } = v;
  if (a.program.length === 0)
    return sectionHtml(
      "program",
      "Security program maturity",
      emptyNote(
        "No program element was rated: answers.yaml gives no maturity ratings and no records bear on the program.",
      ),
    );
  const rows = a.program.map(
    (p) => `<tr><td class="nowrap"><strong>${esc(p.element)}</strong></td><td>${esc(p.title)}</td>
<td>${p.maturity === null ? '<span class="muted">not rated</span>' : `<strong>${p.maturity}</strong> ${esc(maturityName(p.maturity))}`}</td>
<td class="small"><ul class="compact">${p.reasons.map((r) => `<li>${esc(r)}</li>`).join("")}</ul></td><td>${evidenceListHtml(p.evidence, v.evidence, 3)}</td></tr>`,
  );
  const rated = a.program.filter((p) => p.maturity !== null);
  const mean = rated.length ? rated.reduce((s, p) => s + (p.maturity ?? 0), 0) / rated.length : null;
  return sectionHtml(
    "program",
    "Security program maturity (IEC 62443-2-1)",
    `${v.figures.maturity ? figureHtml(v.figures.maturity) : ""}
${tableHtml(["Element", "Title", "Maturity", "Why", "Evidence"], rows, "maturity ratings in answers.yaml, and the plant's records (accounts, backups, remote access, inventory) that raise or cap them.")}`,
    `${rated.length} of ${a.program.length} elements rated${mean !== null ? `, average ${mean.toFixed(1)} of 4` : ""}. Levels: 1 initial, 2 managed, 3 defined (practised), 4 improving.`,
  );
}

function programBlocks(ctx: DocxContext): Block[] {
  const { a } = ctx.v;
  if (a.program.length === 0) return [word.emptyNote("No program element was rated.")];
  return [
    ...word.figureBlocks(ctx.v.figures.maturity, ctx.images, ctx.nextFigure),
    word.table(
      ["Element", "Title", "Maturity", "Why"],
      a.program.map((p) => [
        p.element,
        p.title,
        p.maturity === null ? "not rated" : `${p.maturity} ${maturityName(p.maturity)}`,
        p.reasons.join("\n"),
      ]),
      [9, 28, 14, 49],
    ),
    word.sourceNote("maturity ratings in answers.yaml and the plant's records."),
  ];
}

export const programSection = {
  id: "program",
  title: "Security program maturity",
  newPage: false,
  html: programHtml,
  docx: programBlocks,
} satisfies ReportSectionEntry;
