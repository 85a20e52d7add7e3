/** The risk heat map and register (IEC 62443-3-2 detailed risk assessment), or a plain note when there is none. */
import type { RiskPoint } from "../../model/risk.js";
import { formatSl } from "../../model/security-level.js";
import { RESULTS, type Result } from "../../model/verdicts.js";
import * as word from "../docx/blocks.js";
import type { Block, DocxContext } from "../docx/context.js";
import { riskBand } from "../figures/risk-heat-map.js";
import { esc } from "../html-escape.js";
import type { ReportView } from "../view/report-view.js";
import { emptyNote, figureHtml, sectionHtml, tableHtml } from "./common.js";
import { evidenceListHtml } from "./evidence-html.js";
import { resultBadge } from "./gaps.js";
import type { ReportSectionEntry } from "./section.js";

function level(p: RiskPoint, v: ReportView): string {
  const band = riskBand(p.score, v.riskMatrix);
  return `<span class="risk-level" style="background:${band.fill}">${p.likelihood}×${p.impact} = <strong>${p.score}</strong></span><br><span class="small muted">${esc(band.label)}</span>`;
}

function risksHtml(v: ReportView): string {
  const { a, risks } = v;
  if (!risks || risks.length === 0)
    return sectionHtml(
      "risks",
      "Risk assessment",
      emptyNote(
        risks
          ? "The risk analysis ran and found no threat scenario that applies to this plant's zones."
          : "This assessment carries no risk register: the IEC 62443-3-2 risk analysis (threat scenarios, likelihood from evidence, impact from the zones' consequence ratings) has not been run for this plant, so no heat map can be drawn.",
      ),
    );
  // Two rows a risk: the ratings, then why, across the whole table, so the reasons read as sentences.
  // The register comes ranked (see Assessment.risks): its order is kept.
  const rows = risks.map((r) => {
    const flagged = r.residual.tolerable ? "" : "flagged";
    return `<tr class="${flagged}"><td><strong>${esc(r.title)}</strong><br><span class="mono small muted">${esc(r.id)}</span>${r.overridden ? '<br><span class="tag">assessor override</span>' : ""}</td>
<td>${esc(r.zone)}</td><td class="mono small">${esc(r.techniques.join(" "))}</td><td>${level(r.unmitigated, v)}</td><td>${level(r.residual, v)}</td>
<td class="small">${r.countermeasures.map((c) => `<span class="nowrap">${esc(c.requirement)} ${resultBadgeOf(c.result)}</span>`).join(" ") || "—"}</td>
<td>${evidenceListHtml(r.evidence, v.evidence, 3)}</td></tr>
<tr class="risk-why ${flagged}"><td colspan="7" class="small"><strong>Unmitigated:</strong> ${r.reasons.map((x) => esc(x)).join("; ")}${r.residualReasons.length ? `<br><strong>Residual:</strong> ${r.residualReasons.map((x) => esc(x)).join("; ")}` : ""}</td></tr>`;
  });
  const above = risks.filter((r) => !r.residual.tolerable).length;
  const recommended = a.zones.filter((z) => z.slRecommended?.some((l, i) => l > z.slTarget[i]!));
  const slNote = recommended.length
    ? `<p class="note warn-note">The unmitigated risk calls for a higher target than plant.yaml declares in ${recommended
        .map(
          (z) =>
            `${esc(z.name)} (declared ${formatSl(z.slTarget)}, risk calls for ${formatSl(z.slRecommended!)})`,
        )
        .join("; ")}.</p>${recommended
        .map(
          (z) =>
            `<details class="small"><summary>Why ${esc(z.name)}'s SL-T should be higher</summary><ul>${(
              z.slRationale ?? []
            )
              .filter((r) => r.disagreement)
              .map((r) => `<li>${esc(r.disagreement!)}</li>`)
              .join("")}</ul></details>`,
        )
        .join("")}`
    : "";
  const initial = a.initialRisk
    ? `<p><strong>Initial risk assessment (IEC 62443-3-2 ZCR 2, 4):</strong> ${level(a.initialRisk.point, v)} ${esc(a.initialRisk.reason)}.</p>`
    : "";
  return sectionHtml(
    "risks",
    "Risk assessment",
    `${initial}${v.figures.heatMap ? figureHtml(v.figures.heatMap) : ""}${slNote}
<h3>Risk register</h3>
${tableHtml(["Scenario", "Zone", "ATT&amp;CK for ICS", "Unmitigated", "Residual", "Countermeasures", "Evidence"], rows, "the risk register of this assessment: unmitigated likelihood from the site's threat agents and the zone's exposure by design (plant.yaml's conduits and remote access), impact from the zone's consequence ratings; the residual credits only countermeasures the gap assessment shows met and never falls below what the evidence of weaknesses listed under each risk shows.", 'class="risks"')}`,
    `${risks.length} threat scenarios assessed in their zones, highest residual risk first: ${above} above the tolerable line (score ${v.riskMatrix.tolerable}).`,
  );
}

function resultBadgeOf(result: string): string {
  return (RESULTS as readonly string[]).includes(result) ? resultBadge(result as Result) : esc(result);
}

function risksBlocks(ctx: DocxContext): Block[] {
  const risks = ctx.v.risks;
  if (!risks || risks.length === 0)
    return [
      word.emptyNote(
        risks
          ? "The risk analysis found no threat scenario that applies."
          : "This assessment carries no risk register: the IEC 62443-3-2 risk analysis has not been run for this plant.",
      ),
    ];
  const point = (p: (typeof risks)[number]["residual"]) =>
    `${p.likelihood}×${p.impact} = ${p.score}${p.tolerable ? " (tolerable)" : ""}`;
  const initial = ctx.v.a.initialRisk;
  return [
    ...(initial
      ? [
          word.para(
            `Initial risk assessment (IEC 62443-3-2 ZCR 2, 4): ${point(initial.point)}. ${initial.reason}.`,
          ),
        ]
      : []),
    ...word.figureBlocks(ctx.v.figures.heatMap, ctx.images, ctx.nextFigure),
    word.table(
      ["Scenario", "Zone", "Techniques", "Unmitigated", "Residual", "Countermeasures"],
      risks.flatMap((r) => [
        [
          `${r.title}\n${r.id}`,
          r.zone,
          r.techniques.join(" "),
          point(r.unmitigated),
          point(r.residual),
          r.countermeasures.map((c) => `${c.requirement} ${c.result}`).join(", "),
        ],
        [
          `Unmitigated: ${r.reasons.join("; ")}${r.residualReasons.length ? `\nResidual: ${r.residualReasons.join("; ")}` : ""}`,
        ],
      ]),
      [26, 10, 12, 13, 13, 26],
    ),
    word.sourceNote(
      "the risk register of this assessment: unmitigated likelihood from the threat agents and the zones' exposure by design, impact from their consequence ratings; the residual credits only countermeasures shown met and never falls below what the evidence of weaknesses shows.",
    ),
  ];
}

export const risksSection = {
  id: "risks",
  title: "Risk assessment",
  newPage: false,
  html: risksHtml,
  docx: risksBlocks,
} satisfies ReportSectionEntry;
