/** Evidence pointers in the HTML report: each a link to the input file it points into. */
import { type Evidence, formatEvidence } from "../../model/evidence.js";
import { esc } from "../html-escape.js";
import { clip } from "./common.js";

/** Notes longer than this are cut in tables; the whole note is in the tooltip and in assessment.json. */
const NOTE_LENGTH = 140;

import { type EvidenceIndex, evidenceHint } from "../view/evidence-index.js";

/** An evidence pointer as a link into the inputs appendix, with its note. */
export function evidenceHtml(e: Evidence, index: EvidenceIndex): string {
  const anchor = index.anchorOf(e.file);
  const label = `<code>${esc(formatEvidence(e))}</code>`;
  const link = anchor
    ? `<a class="ev" href="#${anchor}" title="${esc(evidenceHint(e))}">${label}</a>`
    : `<span class="ev" title="${esc(evidenceHint(e))}">${label}</span>`;
  return e.note ? `${link} <span class="ev-note">${clip(e.note, NOTE_LENGTH)}</span>` : link;
}

export function evidenceListHtml(list: readonly Evidence[], index: EvidenceIndex, limit = 8): string {
  if (list.length === 0) return `<span class="muted">none recorded</span>`;
  const shown = list.slice(0, limit).map((e) => `<li>${evidenceHtml(e, index)}</li>`);
  const more = list.length > limit ? `<li class="muted">and ${list.length - limit} more</li>` : "";
  return `<ul class="evidence-list">${shown.join("")}${more}</ul>`;
}
