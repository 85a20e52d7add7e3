/** The appendix: every input file with its SHA-256 (what evidence links point to), input warnings, and how to read the references. */
import { Bookmark, TextRun } from "docx";
import { type Assessment, type AssessmentInput, spanWords } from "../../model/assessment.js";
import { formatProblem } from "../../model/problem.js";
import * as word from "../docx/blocks.js";
import type { Block, DocxContext } from "../docx/context.js";
import { esc } from "../html-escape.js";
import type { ReportView } from "../view/report-view.js";
import { emptyNote, formatBytes, sectionHtml, tableHtml } from "./common.js";
import type { ReportSectionEntry } from "./section.js";

/** When an input's evidence was taken, and its age when past the limit; empty for what is not evidence taken at a time. */
export function takenText(a: Assessment, i: AssessmentInput): { text: string; old: number | null } {
  const old = a.evidenceAge?.old.find((o) => o.path === i.path)?.ageDays ?? null;
  if (i.span === undefined) return { text: "", old };
  if (i.span === null) return { text: "not stated in the file", old };
  return { text: spanWords(i.span), old };
}

/** How old evidence may be, and whose limit that is, in one sentence; null in runs that did not measure it. */
export function ageLimitText(a: Assessment): string | null {
  const age = a.evidenceAge;
  if (!age) return null;
  const on = (a.asOf ?? a.startedAt).slice(0, 10);
  const whose = age.stated
    ? "plant.yaml's evidence.maxAgeDays"
    : "otaudit's default, which plant.yaml's evidence.maxAgeDays can change";
  const old = age.old.length
    ? `${age.old.length === 1 ? "One input is" : `${age.old.length} inputs are`} older: ${age.old.map((o) => o.path).join(", ")}; the findings and results resting only on ${age.old.length === 1 ? "it" : "them"} are marked.`
    : "No input is older.";
  return `Evidence taken more than ${age.maxAgeDays} days before the assessment date (${on}) is old (${whose}). ${old}`;
}

function inputsHtml(v: ReportView): string {
  const { a } = v;
  const rows = a.inputs.map((i) => {
    const taken = takenText(a, i);
    const cell =
      taken.text === ""
        ? '<span class="muted" title="reference data, a register or what people wrote: no evidence taken at a time">—</span>'
        : `${esc(taken.text)}${taken.old !== null ? `<br><span class="warn">${taken.old} days old</span>` : ""}`;
    return `<tr id="${esc(v.evidence.anchorOf(i.path) ?? "")}"${taken.old !== null ? ' class="flagged"' : ""}><td><code>${esc(i.path)}</code></td><td>${esc(i.kind)}</td><td class="small">${cell}</td><td class="num">${formatBytes(i.bytes)}</td><td class="mono hash">${esc(i.sha256)}</td></tr>`;
  });
  const limit = ageLimitText(a);
  const inputs = rows.length
    ? `${limit ? `<p class="note">${esc(limit)}</p>` : ""}${tableHtml(
        ["File", "Kind", "Taken", "Size", "SHA-256"],
        rows,
        "the plant folder as read at the start of this assessment; paths relative to it. Taken: the span the file's own times give (a capture's packets, a scan's start and end, an export's date, or the dates an export holds).",
      )}`
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
  const limit = ageLimitText(a);
  return [
    ...(limit ? [word.para(limit, { muted: true, size: 16 })] : []),
    word.table(
      ["File", "Kind", "Taken", "Size", "SHA-256"],
      a.inputs.map((i) => {
        const anchor = v.evidence.anchorOf(i.path);
        const name = new TextRun({ text: i.path, font: "Consolas", size: 16 });
        const taken = takenText(a, i);
        return [
          [anchor ? new Bookmark({ id: word.bookmarkId(anchor), children: [name] }) : name],
          i.kind,
          `${taken.text || "—"}${taken.old !== null ? `\n${taken.old} days old` : ""}`,
          formatBytes(i.bytes),
          [new TextRun({ text: i.sha256, font: "Consolas", size: 14 })],
        ];
      }),
      [26, 8, 18, 8, 40],
    ),
    word.sourceNote(
      "the plant folder as read at the start of this assessment; Taken: the span the file's own times give.",
    ),
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
