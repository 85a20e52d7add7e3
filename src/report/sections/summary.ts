/** Executive summary: the posture in plain words, the key figures, and the ten actions that reduce the most risk. */
import { Paragraph, TextRun } from "docx";
import { dispositionCounts, standing } from "../../model/dispositions.js";
import { countBySeverity } from "../../model/finding.js";
import { worstShortfall } from "../../model/security-level.js";
import * as word from "../docx/blocks.js";
import type { Block, DocxContext } from "../docx/context.js";
import { esc } from "../html-escape.js";
import { unapprovedNote, zonesInScope } from "../view/design.js";
import type { ReportView } from "../view/report-view.js";
import { emptyNote, findingLink, plural, sectionHtml, severityBadge, sourceNote } from "./common.js";
import { unapprovedBlocks } from "./design.js";
import type { ReportSectionEntry } from "./section.js";

export const TOP_ACTIONS = 10;

function summaryHtml(v: ReportView): string {
  const { a, posture } = v;
  const unapproved = unapprovedNote(v.design);
  const body = `${unapproved ? `<p class="warn-note unapproved-design">${esc(unapproved)}</p>` : ""}
<div class="posture posture-${posture.rating}">
<div class="posture-rating"><span class="label">Overall posture</span><span class="value">${esc(posture.rating)}</span></div>
<div class="posture-text"><p class="headline">${esc(posture.headline)}</p>
<ul>${posture.points.map((p) => `<li>${esc(p)}</li>`).join("")}</ul></div>
</div>
<p class="note">How the rating is set: ${esc(posture.rule)}</p>
${evidenceNotes(v)
  .map((n) => `<p class="warn-note">${esc(n)}</p>`)
  .join("")}
${keyFigures(v)}
<h3 id="actions">The ${Math.min(TOP_ACTIONS, v.actions.length) || "ten"} actions that reduce the most risk</h3>
${topActions(v)}`;
  return sectionHtml(
    "summary",
    "Executive summary",
    body,
    `${esc(a.site)}: ${plural(a.zones.length, "zone")}, ${plural(a.conduits.length, "conduit")}, ${plural(a.assets.length, "asset")}, assessed ${esc((a.asOf ?? a.finishedAt).slice(0, 10))}${a.asOf ? ` (as of that date; run ${esc(a.finishedAt.slice(0, 10))})` : ""} from ${plural(a.inputs.length, "input file")}.`,
  );
}

/**
 * What limits the evidence, for the reader to know first: inputs older than the age limit, and zones no capture
 * saw (or that nobody said which zones the captures saw).
 */
export function evidenceNotes(v: ReportView): string[] {
  const { a } = v;
  const notes: string[] = [];
  const old = a.evidenceAge?.old ?? [];
  if (old.length)
    notes.push(
      `${plural(old.length, "input")} older than ${a.evidenceAge!.maxAgeDays} days: ${old.map((o) => `${o.path} (${o.ageDays} days)`).join(", ")}; what rests only on ${old.length === 1 ? "it" : "them"} is marked.`,
    );
  if (v.coverage && a.capture) {
    const unseen = v.coverage.unseenZones;
    if (!v.coverage.declared)
      notes.push(
        "plant.yaml does not declare which zones the captures saw: every capture is taken to see every zone.",
      );
    else if (unseen.length)
      notes.push(
        `Not observed by any capture: ${unseen.map((z) => `zone ${z}`).join(", ")}; the wire decides none of ${unseen.length === 1 ? "its" : "their"} requirements.`,
      );
  }
  return notes;
}

function keyFigures(v: ReportView): string {
  const { a } = v;
  const assessed = zonesInScope(a);
  const atTarget = assessed.filter((z) => worstShortfall(z) === 0).length;
  const counts = countBySeverity(standing(a.findings));
  const vulns = a.vulnerabilities;
  const kev = new Set((vulns?.matches ?? []).filter((m) => m.kev).map((m) => m.asset)).size;
  const undeclared = a.assets.filter((x) => !x.declared).length;
  const card = (n: string | number, label: string, cls = "") =>
    `<div class="card ${cls}"><span class="n">${esc(n)}</span><span class="l">${esc(label)}</span></div>`;
  return `<div class="cards">
${card(`${atTarget}/${assessed.length}`, assessed.length < a.zones.length ? "zones of the SuC at target SL" : "zones at target SL", atTarget === assessed.length ? "ok" : "bad")}
${card(counts.critical, "critical findings", "sev-critical")}
${card(counts.high, "high findings", "sev-high")}
${card(counts.medium, "medium findings", "sev-medium")}
${card(counts.low + counts.info, "low and info findings", "sev-low")}
${vulns ? card(vulns.vulnerableAssets, `vulnerable assets${kev ? `, ${kev} KEV` : ""}`, kev ? "sev-critical" : "") : ""}
${card(a.assets.length, `assets${undeclared ? `, ${undeclared} undeclared` : ""}`)}
</div>`;
}

function topActions(v: ReportView): string {
  const top = v.actions.slice(0, TOP_ACTIONS);
  if (top.length === 0)
    return emptyNote("No action is needed: the assessment raised no findings and no unmet requirements.");
  const rows = top.map(
    (x, i) => `<tr>
<td class="rank">${i + 1}</td>
<td><strong>${esc(x.title)}</strong><br><span class="action-text">${esc(x.action)}</span><br><span class="basis">${esc(x.basis)}</span></td>
<td>${severityBadge(x.severity)}</td>
<td>${esc(x.zones.join(", ") || "plant-wide")}</td>
<td class="refs-cell">${x.findings.length ? x.findings.slice(0, 4).map(findingLink).join("<br>") + (x.findings.length > 4 ? `<br><span class="muted">and ${x.findings.length - 4} more</span>` : "") : `<span class="muted">${esc(x.requirements.join(", "))}</span>`}</td>
</tr>`,
  );
  const basis = v.risks
    ? "Ranked by the residual risk each action would remove (its share of every risk above the tolerable line whose missing countermeasures it supplies), then by severity."
    : "Ranked by the most severe finding each action settles, then by how many findings, assets and zones it settles, then by zone criticality.";
  return `<div class="table-wrap"><table class="actions"><thead><tr><th>#</th><th>Action</th><th>Severity</th><th>Zones</th><th>Findings</th></tr></thead>
<tbody>${rows.join("\n")}</tbody></table></div>
${sourceNote(`the findings and the gap assessment of this review. ${basis}${leftOut(v)} The full plan, with owner, due date and status columns, is in actions.xlsx (${plural(v.actions.length, "action")}).`)}`;
}

/** What the plan leaves out by the assessor's word (dispositions.yaml), in a sentence; empty when nothing is. */
function leftOut(v: ReportView): string {
  const n = dispositionCounts(v.a.findings);
  const parts = [
    n.accepted ? `${plural(n.accepted, "finding")} whose risk is accepted` : "",
    n["false-positive"] ? `${plural(n["false-positive"], "finding")} dismissed as false positives` : "",
  ].filter(Boolean);
  return parts.length
    ? ` The plan leaves out ${parts.join(" and ")} (dispositions.yaml; see the dispositions appendix).`
    : "";
}

function summaryBlocks({ v }: DocxContext): Block[] {
  const { a, posture } = v;
  const counts = countBySeverity(standing(a.findings));
  const top = v.actions.slice(0, TOP_ACTIONS);
  const assessed = zonesInScope(a);
  return [
    ...unapprovedBlocks(v.design),
    word.para([
      word.bold("Overall posture: "),
      new TextRun({
        text: posture.rating.toUpperCase(),
        bold: true,
        color: posture.rating === "good" ? "2E7D32" : "C0392B",
      }),
    ]),
    word.para([word.bold(posture.headline)]),
    ...posture.points.map((p) => word.bullet(p)),
    word.para(`How the rating is set: ${posture.rule}`, { muted: true, size: 16 }),
    ...evidenceNotes(v).map((n) => word.para(n, { size: 16 })),
    word.table(
      [
        assessed.length < a.zones.length ? "Zones of the SuC at target" : "Zones at target",
        "Critical",
        "High",
        "Medium",
        "Low and info",
        "Assets",
      ],
      [
        [
          `${assessed.filter((z) => worstShortfall(z) === 0).length} of ${assessed.length}`,
          String(counts.critical),
          String(counts.high),
          String(counts.medium),
          String(counts.low + counts.info),
          String(a.assets.length),
        ],
      ],
    ),
    word.sourceNote("the findings, the gap assessment and the inventory of this review."),
    word.para([word.bold(`The ${top.length || "ten"} actions that reduce the most risk`)]),
    ...(top.length
      ? [
          word.table(
            ["#", "Action", "Severity", "Zones", "Findings"],
            top.map((x, i) => [
              String(i + 1),
              [
                new Paragraph({ children: [new TextRun({ text: x.title, bold: true, size: 17 })] }),
                new Paragraph({ children: [new TextRun({ text: x.action, size: 16 })] }),
              ],
              [word.severityRun(x.severity)],
              x.zones.join(", ") || "plant-wide",
              x.findings.join("\n") || x.requirements.join(", "),
            ]),
            [4, 50, 12, 13, 21],
          ),
          word.sourceNote(
            `the findings and the gap assessment.${leftOut(v)} The full plan (${v.actions.length} actions, with owner, due date and status columns) is in actions.xlsx.`,
          ),
        ]
      : [
          word.emptyNote("No action is needed: the assessment raised no findings and no unmet requirements."),
        ]),
  ];
}

export const summarySection = {
  id: "summary",
  title: "Executive summary",
  newPage: true,
  html: summaryHtml,
  docx: summaryBlocks,
} satisfies ReportSectionEntry;
