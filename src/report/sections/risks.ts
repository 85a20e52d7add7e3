/** The risk heat map and register (IEC 62443-3-2 detailed risk assessment), or a plain note when there is none. */
import { esc } from "../html-escape.js";
import { riskBand } from "../figures/risk-heat-map.js";
import type { RiskPoint } from "../view/late-fields.js";
import type { ReportView } from "../view/report-view.js";
import { emptyNote, figureHtml, sectionHtml, tableHtml } from "./common.js";

function level(p: RiskPoint): string {
  const band = riskBand(p.score);
  return `<span class="risk-level" style="background:${band.fill}">${p.likelihood}×${p.impact} = ${p.score} ${band.label}</span>`;
}

export function risksSection(v: ReportView): string {
  const risks = v.risks;
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
  const sorted = [...risks].sort((x, y) => y.residual.score - x.residual.score || y.unmitigated.score - x.unmitigated.score);
  const rows = sorted.map(
    (r) => `<tr><td class="mono">${esc(r.id)}</td><td>${esc(r.scenario)}</td><td>${esc(r.zone)}</td>
<td class="mono">${esc(r.techniques.join(", "))}</td><td>${level(r.unmitigated)}</td><td>${level(r.residual)}</td>
<td><ul class="compact">${r.reasons.map((x) => `<li>${esc(x)}</li>`).join("")}</ul></td></tr>`,
  );
  return sectionHtml(
    "risks",
    "Risk assessment",
    `${v.figures.heatMap ? figureHtml(v.figures.heatMap) : ""}
<h3>Risk register</h3>
${tableHtml(["Id", "Scenario", "Zone", "ATT&amp;CK for ICS", "Unmitigated", "Residual", "Why this likelihood"], rows, "the risk register of this assessment: likelihood from the evidence listed under each risk, impact from the zone's consequence ratings; residual risk counts only countermeasures shown met.")}`,
    `${risks.length} threat scenarios assessed per zone, highest residual risk first.`,
  );
}
