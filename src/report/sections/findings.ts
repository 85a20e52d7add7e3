/**
 * Findings by severity, grouped by rule: each rule once with its IEC 62443 references and remediation, then
 * every instance with what was found, where, and its evidence (linked). Each instance keeps its own anchor and
 * carries its disposition (dispositions.yaml) when one applies; those dismissed as false positives are listed
 * apart at the end, counted nowhere else.
 */
import { Bookmark, Paragraph, TextRun } from "docx";
import { dismissed, dispositionWords, standing } from "../../model/dispositions.js";
import { type Evidence, formatEvidence } from "../../model/evidence.js";
import { type Finding, SEVERITIES, type Severity } from "../../model/finding.js";
import * as word from "../docx/blocks.js";
import type { Block, DocxContext } from "../docx/context.js";
import { esc } from "../html-escape.js";
import type { ReportView } from "../view/report-view.js";
import { emptyNote, findingAnchor, sectionHtml, severityBadge, sourceNote, tableHtml } from "./common.js";
import { evidenceHtml, evidenceListHtml } from "./evidence-html.js";
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

/** Where a finding's disposition is written, as an evidence pointer into dispositions.yaml. */
export function dispositionSource(f: Finding): Evidence[] {
  return f.disposition ? [{ kind: "line", file: f.disposition.file, line: f.disposition.line }] : [];
}

/** The disposition under what was found: who set it, when, and what it says. */
function dispositionHtml(f: Finding, v: ReportView): string {
  if (!f.disposition) return "";
  return `<br><span class="small disposition disposition-${esc(f.disposition.status)}">${esc(dispositionWords(f.disposition))} ${evidenceHtml(dispositionSource(f)[0]!, v.evidence)}</span>`;
}

/** What a finding is about, without the rule id its group already shows. */
export function subjectOf(f: Finding): string {
  return f.id.startsWith(`${f.rule}:`) ? f.id.slice(f.rule.length + 1) : f.id;
}

function groupHtml(g: RuleGroup, v: ReportView): string {
  const rows = g.findings.map(
    (
      f,
    ) => `<tr id="${esc(findingAnchor(f.id))}"${f.oldEvidence ? ' class="flagged"' : ""}${f.disposition ? ` data-disposition="${esc(f.disposition.status)}"` : ""}><td class="mono small subject">${esc(subjectOf(f))}</td><td>${esc(f.summary)}${f.oldEvidence ? `<br><span class="small warn">${esc(upper(f.oldEvidence))}.</span>` : ""}${dispositionHtml(f, v)}</td>
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

/** The findings dismissed as false positives: each with its anchor, what it said, and why it was dismissed. */
function dismissedHtml(list: readonly Finding[], v: ReportView): string {
  if (list.length === 0) return "";
  const rows = list.map(
    (f) =>
      `<tr id="${esc(findingAnchor(f.id))}" data-disposition="false-positive"><td class="mono small subject">${esc(f.id)}</td><td>${severityBadge(f.severity)}</td><td class="small">${esc(f.summary)}</td><td class="small">${esc(dispositionWords(f.disposition!))}<br>${evidenceHtml(dispositionSource(f)[0]!, v.evidence)}</td></tr>`,
  );
  return `<h3 id="findings-dismissed">Dismissed as false positives (${list.length})</h3>
${tableHtml(["Finding", "Severity", "What the check reported", "Why it was dismissed"], rows, "dispositions.yaml: the assessor's judgement that the automated evidence is wrong. These findings bear on no requirement result, SL-A, conduit verdict, posture or action.", 'class="instances"')}`;
}

function findingsHtml(v: ReportView): string {
  const { a } = v;
  if (a.findings.length === 0)
    return sectionHtml(
      "findings",
      "Findings",
      emptyNote("The automated checks raised no findings on the evidence given."),
    );
  const findings = standing(a.findings);
  const gone = a.findings.filter(dismissed);
  const zones = [...new Set(findings.flatMap((f) => (f.zones.length ? f.zones : ["(plant-wide)"])))];
  const severities = [...SEVERITIES].reverse();
  const rows = zones.map((z) => {
    const inZone = findings.filter((f) => (f.zones.length ? f.zones.includes(z) : z === "(plant-wide)"));
    return `<tr><td>${esc(z)}</td>${severities.map((s) => `<td class="num">${inZone.filter((f) => f.severity === s).length || ""}</td>`).join("")}<td class="num"><strong>${inZone.length}</strong></td></tr>`;
  });
  const overview = tableHtml(
    ["Zone", ...severities.map((s) => severityBadge(s)), "All"],
    rows,
    "the findings of this review; a finding that names several zones counts in each.",
    'class="counts"',
  );
  const groups = ruleGroups(findings);
  const bySeverity = severities
    .map((s) => {
      const list = groups.filter((g) => g.severity === s);
      if (list.length === 0) return "";
      const n = list.reduce((k, g) => k + g.findings.length, 0);
      return `<h3 class="sev-heading">${severityBadge(s)} ${n} ${s} finding${n === 1 ? "" : "s"} from ${list.length} rule${list.length === 1 ? "" : "s"}</h3>
${list.map((g) => groupHtml(g, v)).join("\n")}`;
    })
    .join("\n");
  const apart = gone.length
    ? ` ${gone.length} more ${gone.length === 1 ? "was" : "were"} dismissed as false positives: listed at the end, counted nowhere.`
    : "";
  return sectionHtml(
    "findings",
    "Findings",
    `${findings.length ? overview : emptyNote("Every finding raised was dismissed as a false positive.")}${bySeverity}${sourceNote("each finding's evidence: capture file and frame, file and line, or questionnaire answer. Evidence links lead to the input file's entry (size and SHA-256) in the appendix.")}${dismissedHtml(gone, v)}`,
    `${findings.length} findings from ${groups.length} rules, most severe first. Each rule names the IEC 62443 requirements it bears on and what to do; each instance, what was found and the evidence, and the assessor's disposition where one was recorded.${apart}`,
  );
}

function findingsBlocks({ v }: DocxContext): Block[] {
  const { a } = v;
  if (a.findings.length === 0) return [word.emptyNote("The automated checks raised no findings.")];
  const blocks: Block[] = [];
  for (const g of ruleGroups(standing(a.findings))) {
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
          [f.summary, f.oldEvidence ? `${upper(f.oldEvidence)}.` : "", dispositionText(f)]
            .filter(Boolean)
            .join("\n"),
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
  const gone = a.findings.filter(dismissed);
  if (gone.length > 0)
    blocks.push(
      word.label(`Dismissed as false positives (${gone.length})`),
      word.table(
        ["Finding", "Severity", "What the check reported", "Why it was dismissed"],
        gone.map((f) => [
          [
            new Bookmark({
              id: word.bookmarkId(findingAnchor(f.id)),
              children: [new TextRun({ text: f.id, size: 16 })],
            }),
          ],
          [word.severityRun(f.severity)],
          f.summary,
          dispositionText(f),
        ]),
        [22, 10, 34, 34],
      ),
      word.sourceNote(
        "dispositions.yaml. These findings bear on no requirement result, SL-A, conduit verdict, posture or action.",
      ),
    );
  return blocks;
}

/** The disposition in words with where it is written; empty without one. */
function dispositionText(f: Finding): string {
  return f.disposition
    ? `${dispositionWords(f.disposition)} (${formatEvidence(dispositionSource(f)[0]!)})`
    : "";
}

export const findingsSection = {
  id: "findings",
  title: "Findings",
  newPage: true,
  html: findingsHtml,
  docx: findingsBlocks,
} satisfies ReportSectionEntry;
