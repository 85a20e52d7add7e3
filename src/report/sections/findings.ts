/**
 * Findings by severity, grouped by rule: each rule once with its IEC 62443 references and remediation, then
 * every instance with what was found, where, and its evidence (linked). Each instance keeps its own anchor.
 */
import { Bookmark, Paragraph, TextRun } from "docx";
import { type Finding, SEVERITIES, type Severity } from "../../model/finding.js";
import * as word from "../docx/blocks.js";
import type { Block, DocxContext } from "../docx/context.js";
import { esc } from "../html-escape.js";
import type { ReportView } from "../view/report-view.js";
import { emptyNote, findingAnchor, sectionHtml, severityBadge, sourceNote, tableHtml } from "./common.js";
import { evidenceListHtml } from "./evidence-html.js";
import type { ReportSectionEntry } from "./section.js";

/** Findings of one rule at one severity, in id order. */
export interface RuleGroup {
  rule: string;
  severity: Severity;
  title: string;
  requirements: string[];
  remediations: string[];
  findings: Finding[];
}

export function ruleGroups(findings: readonly Finding[]): RuleGroup[] {
  const groups = new Map<string, RuleGroup>();
  for (const f of findings) {
    const key = `${f.rule}\u0000${f.severity}`;
    let g = groups.get(key);
    if (!g) {
      g = {
        rule: f.rule,
        severity: f.severity,
        title: f.title,
        requirements: [],
        remediations: [],
        findings: [],
      };
      groups.set(key, g);
    }
    g.findings.push(f);
    for (const r of f.requirements) if (!g.requirements.includes(r)) g.requirements.push(r);
    if (!g.remediations.includes(f.remediation)) g.remediations.push(f.remediation);
  }
  const rank = (s: Severity) => SEVERITIES.indexOf(s);
  return [...groups.values()]
    .map((g) => ({ ...g, findings: [...g.findings].sort((x, y) => x.id.localeCompare(y.id)) }))
    .sort(
      (x, y) =>
        rank(y.severity) - rank(x.severity) ||
        y.findings.length - x.findings.length ||
        x.rule.localeCompare(y.rule),
    );
}

const upper = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

/** What a finding is about, without the rule id its group already shows. */
export function subjectOf(f: Finding): string {
  return f.id.startsWith(`${f.rule}:`) ? f.id.slice(f.rule.length + 1) : f.id;
}

function groupHtml(g: RuleGroup, v: ReportView): string {
  const rows = g.findings.map(
    (
      f,
    ) => `<tr id="${esc(findingAnchor(f.id))}"${f.oldEvidence ? ' class="flagged"' : ""}><td class="mono small subject">${esc(subjectOf(f))}</td><td>${esc(f.summary)}${f.oldEvidence ? `<br><span class="small warn">${esc(upper(f.oldEvidence))}.</span>` : ""}</td>
<td class="small">${f.zones.length ? `${esc(f.zones.join(", "))}` : '<span class="muted">plant-wide</span>'}${f.assets.length ? `<br><span class="muted">${esc(f.assets.slice(0, 4).join(", "))}${f.assets.length > 4 ? ` +${f.assets.length - 4}` : ""}</span>` : ""}</td>
<td>${evidenceListHtml(f.evidence, v.evidence, 4)}</td></tr>`,
  );
  return `<article class="finding sev-${g.severity}" id="rule-${esc(g.rule)}">
<div class="finding-head">${severityBadge(g.severity)} <span class="fid">${esc(g.rule)}</span> <span class="muted small">· ${g.findings.length} instance${g.findings.length === 1 ? "" : "s"}</span></div>
<h4>${esc(g.title)}</h4>
<dl class="facts">
<dt>IEC 62443</dt><dd>${esc(g.requirements.join(", ")) || "—"}</dd>
<dt>Remediation</dt><dd>${g.remediations.map(esc).join("<br>")}</dd>
</dl>
<div class="table-wrap"><table class="instances"><thead><tr><th>Instance</th><th>What was found</th><th>Where</th><th>Evidence</th></tr></thead>
<tbody>${rows.join("\n")}</tbody></table></div>
</article>`;
}

function findingsHtml(v: ReportView): string {
  const { a } = v;
  if (a.findings.length === 0)
    return sectionHtml(
      "findings",
      "Findings",
      emptyNote("The automated checks raised no findings on the evidence given."),
    );
  const zones = [...new Set(a.findings.flatMap((f) => (f.zones.length ? f.zones : ["(plant-wide)"])))];
  const severities = [...SEVERITIES].reverse();
  const rows = zones.map((z) => {
    const inZone = a.findings.filter((f) => (f.zones.length ? f.zones.includes(z) : z === "(plant-wide)"));
    return `<tr><td>${esc(z)}</td>${severities.map((s) => `<td class="num">${inZone.filter((f) => f.severity === s).length || ""}</td>`).join("")}<td class="num"><strong>${inZone.length}</strong></td></tr>`;
  });
  const overview = tableHtml(
    ["Zone", ...severities.map((s) => severityBadge(s)), "All"],
    rows,
    "the findings of this review; a finding that names several zones counts in each.",
    'class="counts"',
  );
  const groups = ruleGroups(a.findings);
  const bySeverity = severities
    .map((s) => {
      const list = groups.filter((g) => g.severity === s);
      if (list.length === 0) return "";
      const n = list.reduce((k, g) => k + g.findings.length, 0);
      return `<h3 class="sev-heading">${severityBadge(s)} ${n} ${s} finding${n === 1 ? "" : "s"} from ${list.length} rule${list.length === 1 ? "" : "s"}</h3>
${list.map((g) => groupHtml(g, v)).join("\n")}`;
    })
    .join("\n");
  return sectionHtml(
    "findings",
    "Findings",
    `${overview}${bySeverity}${sourceNote("each finding's evidence: capture file and frame, file and line, or questionnaire answer. Evidence links lead to the input file's entry (size and SHA-256) in the appendix.")}`,
    `${a.findings.length} findings from ${groups.length} rules, most severe first. Each rule names the IEC 62443 requirements it bears on and what to do; each instance, what was found and the evidence.`,
  );
}

function findingsBlocks({ v }: DocxContext): Block[] {
  const { a } = v;
  if (a.findings.length === 0) return [word.emptyNote("The automated checks raised no findings.")];
  const blocks: Block[] = [];
  for (const g of ruleGroups(a.findings)) {
    blocks.push(
      new Paragraph({
        keepNext: true,
        spacing: { before: 240 },
        children: [
          word.severityRun(g.severity),
          new TextRun({ text: ` ${g.title}`, bold: true }),
          new TextRun({
            text: `  ${g.rule} · ${g.findings.length} instance${g.findings.length === 1 ? "" : "s"}`,
            size: 16,
            color: "5B6472",
          }),
        ],
      }),
      new Paragraph({
        keepNext: true,
        children: [word.bold("IEC 62443: "), new TextRun(g.requirements.join(", ") || "—")],
      }),
      new Paragraph({
        keepNext: true,
        spacing: { after: 80 },
        children: [word.bold("Remediation: "), new TextRun(g.remediations.join(" "))],
      }),
      word.table(
        ["Instance", "What was found", "Where", "Evidence"],
        g.findings.map((f) => [
          [
            new Bookmark({
              id: word.bookmarkId(findingAnchor(f.id)),
              children: [new TextRun({ text: subjectOf(f), size: 16 })],
            }),
          ],
          f.oldEvidence ? `${f.summary}\n${upper(f.oldEvidence)}.` : f.summary,
          [
            f.zones.join(", ") || "plant-wide",
            f.assets.length ? `\n${f.assets.slice(0, 4).join(", ")}` : "",
          ].join(""),
          f.evidence
            .slice(0, 4)
            .flatMap((e, i) => [
              ...(i ? [new TextRun({ text: "; ", size: 16 })] : []),
              ...word.evidenceRuns(e, v.evidence.anchorOf),
            ]),
        ]),
        [18, 44, 16, 22],
      ),
    );
  }
  blocks.push(
    word.sourceNote(
      "each finding's evidence: capture file and frame, file and line, or answer; references link to the inputs appendix.",
    ),
  );
  return blocks;
}

export const findingsSection = {
  id: "findings",
  title: "Findings",
  newPage: true,
  html: findingsHtml,
  docx: findingsBlocks,
} satisfies ReportSectionEntry;
