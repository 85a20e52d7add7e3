/** The appendix: every input file with its SHA-256 (what evidence links point to), input warnings, and how to read the references. */
import { Bookmark, TextRun } from "docx";
import { formatProblem } from "../../model/problem.js";
import * as word from "../docx/blocks.js";
import type { Block, DocxContext } from "../docx/context.js";
import { esc } from "../html-escape.js";
import type { ReportView } from "../view/report-view.js";
import { emptyNote, formatBytes, sectionHtml, tableHtml } from "./common.js";
import type { ReportSectionEntry } from "./section.js";

function inputsHtml(v: ReportView): string {
  const { a } = v;
  const rows = a.inputs.map(
    (i) =>
      `<tr id="${esc(v.evidence.anchorOf(i.path) ?? "")}"><td><code>${esc(i.path)}</code></td><td>${esc(i.kind)}</td><td class="num">${formatBytes(i.bytes)}</td><td class="mono hash">${esc(i.sha256)}</td></tr>`,
  );
  const inputs = rows.length
    ? tableHtml(
        ["File", "Kind", "Size", "SHA-256"],
        rows,
        "the plant folder as read at the start of this assessment; paths relative to it.",
      )
    : emptyNote("No input file is recorded.");
  const problems = a.problems.length
    ? `<h3>Input warnings (${a.problems.length})</h3><ul class="problems">${a.problems.map((p) => `<li><strong>${esc(p.code)}</strong> <code>${esc(formatProblem(p))}</code></li>`).join("")}</ul>`
    : `<h3>Input warnings</h3>${emptyNote("Every input was read without warnings.")}`;
  return sectionHtml(
    "inputs",
    "Evidence and inputs",
    `${inputs}${problems}
<h3>Reading the evidence references</h3>
<ul>
<li><code>captures/plant.pcap#1234</code>: frame 1234 of that capture (frames number from 1 per file, as in Wireshark: Go to Packet).</li>
<li><code>plant.yaml:42</code>: line 42 of that file (a column may follow).</li>
<li><code>answers.yaml control/SR 1.1 (name)</code>: the answer on that requirement for that zone, and who gave it.</li>
</ul>
<p class="note">Assessment ${esc(a.id)}, started ${esc(a.startedAt)}, finished ${esc(a.finishedAt)}, by ${esc(a.tool.name)} ${esc(a.tool.version)}. The full result is in assessment.json (JSON Schema: schemas/assessment.schema.json).</p>`,
    "Every evidence reference in this report points into one of these files; the SHA-256 lets a reader check that they hold the same file.",
  );
}

function inputsBlocks({ v }: DocxContext): Block[] {
  const { a } = v;
  return [
    word.table(
      ["File", "Kind", "Size", "SHA-256"],
      a.inputs.map((i) => {
        const anchor = v.evidence.anchorOf(i.path);
        const name = new TextRun({ text: i.path, font: "Consolas", size: 16 });
        return [
          [anchor ? new Bookmark({ id: word.bookmarkId(anchor), children: [name] }) : name],
          i.kind,
          formatBytes(i.bytes),
          [new TextRun({ text: i.sha256, font: "Consolas", size: 14 })],
        ];
      }),
      [30, 10, 10, 50],
    ),
    word.sourceNote("the plant folder as read at the start of this assessment."),
    ...(a.problems.length
      ? [
          word.para([word.bold(`Input warnings (${a.problems.length})`)]),
          ...a.problems.map((p) => word.bullet(`${p.code}: ${formatProblem(p)}`)),
        ]
      : [word.emptyNote("Every input was read without warnings.")]),
    word.para(
      `Evidence references: file#N is frame N of a capture; file:N is line N of a file; answers.yaml zone/SR is an answer. Assessment ${a.id}, ${a.tool.name} ${a.tool.version}.`,
      { muted: true, size: 16 },
    ),
  ];
}

export const inputsSection = {
  id: "inputs",
  title: "Evidence and inputs",
  newPage: true,
  html: inputsHtml,
  docx: inputsBlocks,
} satisfies ReportSectionEntry;
