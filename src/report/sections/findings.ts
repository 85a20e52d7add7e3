/** Findings by severity, each with its IEC 62443 references, its evidence (linked) and its remediation. */
import { type Finding, SEVERITIES, severityRank } from "../../model/finding.js";
import { esc } from "../html-escape.js";
import type { ReportView } from "../view/report-view.js";
import { emptyNote, findingAnchor, sectionHtml, severityBadge, sourceNote, tableHtml } from "./common.js";
import { evidenceListHtml } from "./evidence-html.js";

function findingHtml(f: Finding, v: ReportView): string {
  return `<article class="finding sev-${f.severity}" id="${esc(findingAnchor(f.id))}">
<div class="finding-head">${severityBadge(f.severity)} <span class="fid">${esc(f.id)}</span></div>
<h4>${esc(f.title)}</h4>
<p>${esc(f.summary)}</p>
<dl class="facts">
<dt>IEC 62443</dt><dd>${esc(f.requirements.join(", ")) || "—"}</dd>
${f.zones.length ? `<dt>Zones</dt><dd>${esc(f.zones.join(", "))}</dd>` : ""}
${f.assets.length ? `<dt>Assets</dt><dd>${esc(f.assets.join(", "))}</dd>` : ""}
<dt>Evidence</dt><dd>${evidenceListHtml(f.evidence, v.evidence)}</dd>
<dt>Remediation</dt><dd>${esc(f.remediation)}</dd>
</dl>
</article>`;
}

export function findingsSection(v: ReportView): string {
  const { a } = v;
  if (a.findings.length === 0)
    return sectionHtml("findings", "Findings", emptyNote("The automated checks raised no findings on the evidence given."));
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
  const groups = severities
    .map((s) => {
      const list = a.findings
        .filter((f) => f.severity === s)
        .sort((x, y) => x.rule.localeCompare(y.rule) || x.id.localeCompare(y.id));
      if (list.length === 0) return "";
      return `<h3 class="sev-heading">${severityBadge(s)} ${list.length} ${s} finding${list.length === 1 ? "" : "s"}</h3>
${list.map((f) => findingHtml(f, v)).join("\n")}`;
    })
    .join("\n");
  const worst = [...a.findings].sort((x, y) => severityRank(y.severity) - severityRank(x.severity))[0]!;
  return sectionHtml(
    "findings",
    "Findings",
    `${overview}${groups}${sourceNote("each finding's evidence: capture file and frame, file and line, or questionnaire answer. Evidence links lead to the input file's entry (size and SHA-256) in the appendix.")}`,
    `${a.findings.length} findings from ${new Set(a.findings.map((f) => f.rule)).size} rules; the most severe is ${esc(worst.severity)}. Each names the IEC 62443-3-3 requirements it bears on.`,
  );
}
