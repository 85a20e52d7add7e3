/**
 * Security program maturity per IEC 62443-2-1 element: an element is rated only when a person rated it in
 * answers.yaml; otherwise it is not rated, with what the records support shown as a cap, never as a rating.
 */
import { maturityName } from "../../standard/program.js";
import * as word from "../docx/blocks.js";
import type { Block, DocxContext } from "../docx/context.js";
import { esc } from "../html-escape.js";
import { programCounts, programMaturity } from "../view/program.js";
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
  const rows = a.program.map((p) => {
    const m = programMaturity(p);
    const shown =
      m.maturity !== null
        ? `<strong>${m.maturity}</strong> ${esc(maturityName(m.maturity))}`
        : `<span class="muted">not rated</span>${m.cap !== null ? `<br><span class="small">records support at most ${m.cap}</span>` : ""}`;
    const confirm = p.toConfirm.length
      ? `<p class="small"><strong>To confirm:</strong></p><ul class="compact">${p.toConfirm.map((t) => `<li>${esc(t)}</li>`).join("")}</ul>`
      : "";
    return `<tr><td class="nowrap"><strong>${esc(p.element)}</strong></td><td>${esc(p.title)}</td>
<td>${shown}</td>
<td class="small"><ul class="compact">${p.reasons.map((r) => `<li>${esc(r)}</li>`).join("")}</ul>${confirm}</td><td>${evidenceListHtml(p.evidence, v.evidence, 3)}</td></tr>`;
  });
  return sectionHtml(
    "program",
    "Security program maturity (IEC 62443-2-1)",
    `${v.figures.maturity ? figureHtml(v.figures.maturity) : ""}
${tableHtml(["Element", "Title", "Maturity", "Why", "Evidence"], rows, "maturity ratings in answers.yaml, and the plant's records (accounts, backups, remote access, inventory) and findings that cap them. An element nobody rated is not rated; what its records support is shown as a cap.")}`,
    `${countsSentence(v)} Levels: 1 initial, 2 managed, 3 defined (practised), 4 improving.`,
  );
}

function countsSentence(v: ReportView): string {
  const c = programCounts(v.a.program);
  const rated = `${c.rated} of ${c.total} elements rated in answers.yaml${c.mean !== null ? `, average ${c.mean.toFixed(1)} of 4` : ""}`;
  const unrated =
    c.total > c.rated
      ? `; ${c.total - c.rated} not rated${c.capped ? `, ${c.capped} of them with records that support at most a level` : ""}`
      : "";
  return `${rated}${unrated}.`;
}

function programBlocks(ctx: DocxContext): Block[] {
  const { a } = ctx.v;
  if (a.program.length === 0) return [word.emptyNote("No program element was rated.")];
  return [
    ...word.figureBlocks(ctx.v.figures.maturity, ctx.images, ctx.nextFigure),
    word.table(
      ["Element", "Title", "Maturity", "Why"],
      a.program.map((p) => {
        const m = programMaturity(p);
        return [
          p.element,
          p.title,
          m.maturity !== null
            ? `${m.maturity} ${maturityName(m.maturity)}`
            : `not rated${m.cap !== null ? `\nrecords support at most ${m.cap}` : ""}`,
          [...p.reasons, ...p.toConfirm.map((t) => `To confirm: ${t}`)].join("\n"),
        ];
      }),
      [9, 28, 14, 49],
    ),
    word.sourceNote(`maturity ratings in answers.yaml and the plant's records. ${countsSentence(ctx.v)}`),
  ];
}

export const programSection = {
  id: "program",
  title: "Security program maturity",
  newPage: false,
  html: programHtml,
  docx: programBlocks,
} satisfies ReportSectionEntry;
