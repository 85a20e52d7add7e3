/**
 * The IEC 62443-3-3 gap assessment: per zone, the requirements its target level asks for and does not meet,
 * with findings and what to do; answers that automated evidence contradicts; the checks still open.
 */
import type { ZoneResult } from "../../model/assessment.js";
import { RESULTS, type Result } from "../../model/verdicts.js";
import { formatSl } from "../../model/security-level.js";
import { catalogueOrder } from "../../standard/requirements.js";
import { esc } from "../html-escape.js";
import { RESULT_COLOURS } from "../view/palette.js";
import type { ReportView } from "../view/report-view.js";
import { emptyNote, findingLink, sectionHtml, tableHtml } from "./common.js";
import { evidenceListHtml } from "./evidence-html.js";

const RESULT_WORDS: Record<Result, string> = {
  met: "met",
  partial: "partly met",
  "not-met": "not met",
  "not-applicable": "not applicable",
  unknown: "unknown",
};

export function resultBadge(r: Result): string {
  return `<span class="result" style="border-color:${RESULT_COLOURS[r]};color:${RESULT_COLOURS[r]}">${RESULT_WORDS[r]}</span>`;
}

function zoneGaps(z: ZoneResult): string {
  const open = z.gaps
    .filter((g) => g.result === "not-met" || g.result === "partial")
    .sort((x, y) => x.neededFor - y.neededFor || catalogueOrder(x.requirement) - catalogueOrder(y.requirement));
  const unknown = z.gaps.filter((g) => g.result === "unknown");
  const rows = open.map(
    (g) => `<tr><td class="nowrap"><strong>${esc(g.requirement)}</strong></td><td>${esc(g.title)}</td><td>${esc(g.fr)}</td><td class="num">${g.neededFor}</td>
<td>${resultBadge(g.result)}</td><td class="refs-cell">${g.findings.map(findingLink).join("<br>") || '<span class="muted">answer only</span>'}</td><td class="small">${esc(g.remediation)}</td></tr>`,
  );
  const table = rows.length
    ? tableHtml(
        ["Requirement", "Title", "FR", "For SL", "Result", "Findings", "What to do"],
        rows,
        "answers.yaml and the findings that bear on each requirement; the catalogue of IEC 62443-3-3 requirements and the level each is required at.",
        'class="gaps"',
      )
    : emptyNote("No requirement is known to be unmet in this zone.");
  const still = unknown.length
    ? `<p class="still-open"><strong>Still to assess (${unknown.length}):</strong> ${unknown
        .sort((x, y) => catalogueOrder(x.requirement) - catalogueOrder(y.requirement))
        .map((g) => `<span class="req" title="${esc(`${g.title}: ${g.question}`)}">${esc(g.requirement)}</span>`)
        .join(" ")}</p>`
    : "";
  return `<h3 id="gaps-${esc(z.id)}">${esc(z.name)} <span class="muted">SL-T ${formatSl(z.slTarget)}, SL-A ${formatSl(z.slAchieved)}</span></h3>${table}${still}`;
}

export function gapsSection(v: ReportView): string {
  const { a } = v;
  if (a.zones.every((z) => z.requirements.length === 0))
    return sectionHtml(
      "gaps",
      "Gap assessment",
      emptyNote("No requirement was assessed: the gap assessment has no answers (answers.yaml) and no zone results in this run."),
    );
  const summary = a.zones.map((z) => {
    const by = (r: Result) => z.requirements.filter((q) => q.result === r).length;
    return `<tr><td><strong>${esc(z.name)}</strong></td><td class="mono">${formatSl(z.slTarget)}</td>${RESULTS.map((r) => `<td class="num">${by(r) || ""}</td>`).join("")}<td class="num">${z.requirements.length}</td><td class="num">${z.requirements.filter((q) => q.conflict).length || ""}</td></tr>`;
  });
  const conflicts = a.zones.flatMap((z) => z.requirements.filter((q) => q.conflict).map((q) => ({ z, q })));
  const conflictTable = conflicts.length
    ? `<h3>Answers that the evidence contradicts</h3>${tableHtml(
        ["Zone", "Requirement", "Answered", "Result", "Contradiction", "Evidence"],
        conflicts.map(
          ({ z, q }) =>
            `<tr class="flagged"><td>${esc(z.id)}</td><td class="nowrap">${esc(q.id)}</td><td>${q.answered ? resultBadge(q.answered) : "—"}</td><td>${resultBadge(q.result)}</td><td>${esc(q.conflict)}</td><td>${evidenceListHtml(q.evidence, v.evidence, 4)}</td></tr>`,
        ),
        "answers.yaml against the automated evidence; the assessor resolves each.",
      )}`
    : "";
  return sectionHtml(
    "gaps",
    "Gap assessment (IEC 62443-3-3)",
    `${tableHtml(["Zone", "SL-T", ...RESULTS.map((r) => RESULT_WORDS[r]), "Requirements", "Contradicted"], summary, "answers.yaml and the automated evidence, per zone over the requirements up to SL 4.", 'class="counts"')}
${conflictTable}
${a.zones.map(zoneGaps).join("\n")}`,
    "For each zone, the system requirements (SR) and enhancements (RE) its target level asks for that are not met or only partly met, lowest level first. A result is met only with evidence; what nobody answered stays unknown and is listed as still to assess.",
  );
}
