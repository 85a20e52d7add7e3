/** Building blocks every section uses: the section frame, figures with their source, notes, badges. */
import type { Severity } from "../../model/finding.js";
import type { Figure } from "../figures/svg.js";
import { esc } from "../html-escape.js";

export function sectionHtml(id: string, title: string, body: string, lead?: string): string {
  return `<section id="${esc(id)}">
<h2>${esc(title)}</h2>
${lead ? `<p class="lead">${lead}</p>` : ""}
${body}
</section>`;
}

/** Where a table's or figure's data comes from; every table and figure carries one. */
export function sourceNote(text: string): string {
  return `<p class="source"><span>Source:</span> ${text}</p>`;
}

/** A section or part that has no data says so, in a sentence, rather than vanishing. */
export function emptyNote(text: string): string {
  return `<p class="empty">${text}</p>`;
}

export function figureHtml(f: Figure): string {
  return `<figure id="${esc(f.id)}" class="figure">
<div class="figure-body" style="max-width:${Math.ceil(f.width)}px">${f.svg}</div>
<figcaption><strong>${esc(f.title)}.</strong> <span class="source"><span>Source:</span> ${esc(f.source)}</span></figcaption>
</figure>`;
}

export function severityBadge(s: Severity): string {
  return `<span class="badge sev-${s}">${s}</span>`;
}

/** A table with its head and a source note under it. */
export function tableHtml(
  head: readonly string[],
  rows: readonly string[],
  source: string,
  attributes = "",
): string {
  return `<div class="table-wrap"><table${attributes ? ` ${attributes}` : ""}><thead><tr>${head.map((h) => `<th>${h}</th>`).join("")}</tr></thead>
<tbody>${rows.join("\n")}</tbody></table></div>
${sourceNote(source)}`;
}

export function findingLink(id: string): string {
  return `<a href="#${esc(findingAnchor(id))}" class="finding-ref">${esc(id)}</a>`;
}

/** Finding ids hold `:`, `/` and `>`; anchors keep them readable but valid. */
export function findingAnchor(id: string): string {
  return `finding-${id.replace(/[^A-Za-z0-9_.:-]+/g, "_")}`;
}

export const plural = (n: number, word: string, many = `${word}s`): string => `${n} ${n === 1 ? word : many}`;

export function formatDate(iso: string): string {
  return iso.slice(0, 10);
}

export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  const units = ["KiB", "MiB", "GiB", "TiB"];
  let value = bytes / 1024;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${value.toFixed(value < 10 ? 1 : 0)} ${units[unit]}`;
}

export const count = (n: number): string => n.toLocaleString("en-GB");

/** A long text cut for a table cell, whole in the tooltip. */
export function clip(text: string, max: number): string {
  if (text.length <= max) return esc(text);
  const cut = text.lastIndexOf(" ", max);
  return `<span title="${esc(text)}">${esc(text.slice(0, cut > max / 2 ? cut : max))} …</span>`;
}
