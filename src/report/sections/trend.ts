/** Changes since the previous review: what improved, what regressed. */

import * as word from "../docx/blocks.js";
import type { Block, DocxContext } from "../docx/context.js";
import { esc } from "../html-escape.js";
import type { ReportView } from "../view/report-view.js";
import type { TrendItem } from "../view/trend.js";
import { emptyNote, plural, sectionHtml, sourceNote } from "./common.js";
import type { ReportSectionEntry } from "./section.js";

const LIST_LIMIT = 40;

function itemList(items: readonly TrendItem[], none: string): string {
  if (items.length === 0) return emptyNote(none);
  const shown = items
    .slice(0, LIST_LIMIT)
    .map((i) => `<li><span class="area">${esc(i.area)}</span> ${esc(i.text)}</li>`);
  const more =
    items.length > LIST_LIMIT
      ? `<li class="muted">and ${items.length - LIST_LIMIT} more (see assessment.json, comparison)</li>`
      : "";
  return `<ul class="trend-list">${shown.join("")}${more}</ul>`;
}

function trendHtml(v: ReportView): string {
  const t = v.trend;
  if (!t)
    return sectionHtml(
      "trend",
      "Changes since the previous review",
      emptyNote(
        "This is the first review stored for this plant, so there is nothing to compare with yet. The next run of <code>otaudit assess</code> compares with this one and lists here what improved and what regressed.",
      ),
    );
  const body = `<div class="columns">
<div class="column improved"><h3>Improved (${t.improved.length})</h3>${itemList(t.improved, "Nothing improved since the previous review.")}</div>
<div class="column regressed"><h3>Regressed (${t.regressed.length})</h3>${itemList(t.regressed, "Nothing regressed since the previous review.")}</div>
</div>
<p>${plural(t.persisting, "finding")} persist${t.persisting === 1 ? "s" : ""} since ${esc(t.since)}.</p>
${t.basisNote ? `<p class="muted" data-basis="${esc(t.previous.basis ?? "")}">${esc(t.basisNote)}</p>` : ""}
${sourceNote(`this assessment compared with run ${esc(t.previous.id)}${t.previous.label !== undefined ? ` (labelled “${esc(t.previous.label)}”)` : ""} of ${esc(t.previous.finishedAt.slice(0, 16).replace("T", " "))} UTC, stored in the plant's workspace: findings by their stable ids, SL-A per zone and FR, requirement results, program maturity.`)}`;
  return sectionHtml(
    "trend",
    "Changes since the previous review",
    body,
    `Changes since ${esc(t.since)}: ${t.improved.length} improvements, ${t.regressed.length} regressions.`,
  );
}

function trendBlocks({ v }: DocxContext): Block[] {
  const t = v.trend;
  if (!t)
    return [
      word.emptyNote(
        "This is the first review stored for this plant, so there is nothing to compare with yet.",
      ),
    ];
  const list = (items: typeof t.improved, none: string) =>
    items.length
      ? items.slice(0, 40).map((i) => word.bullet(`${i.area}: ${i.text}`))
      : [word.emptyNote(none)];
  return [
    word.para(`Changes since ${t.since}; ${t.persisting} findings persist.`),
    ...(t.basisNote ? [word.para(t.basisNote)] : []),
    word.para([word.bold(`Improved (${t.improved.length})`)]),
    ...list(t.improved, "Nothing improved."),
    word.para([word.bold(`Regressed (${t.regressed.length})`)]),
    ...list(t.regressed, "Nothing regressed."),
    word.sourceNote("this assessment compared with the previous one stored in the plant's workspace."),
  ];
}

export const trendSection = {
  id: "trend",
  title: "Changes since the previous review",
  newPage: false,
  html: trendHtml,
  docx: trendBlocks,
} satisfies ReportSectionEntry;
