/**
 * The report's verdict sections: SL-T against SL-A per zone, answers contradicted by evidence, the gaps in the
 * order to work on them, and the program maturity table. They show what the assessment computed; nothing here
 * decides a verdict.
 */
import type { Assessment } from "../model/assessment.js";
import { formatEvidence } from "../model/evidence.js";
import { FOUNDATIONAL_REQUIREMENTS, formatSl, type SlVector } from "../model/security-level.js";
import { maturityName } from "../standard/program.js";
import { esc } from "./html-escape.js";

const SHORT = ' style="color:var(--high);font-weight:600"';

/** `{1,2,0,...}` with the levels below target marked. */
function achieved(a: SlVector, t: SlVector): string {
  return `{${a.map((v, i) => (v < t[i]! ? `<span${SHORT}>${v}</span>` : String(v))).join(",")}}`;
}

export function securityLevelsSection(a: Assessment): string {
  const rows = a.zones
    .map((z) => {
      const below = FOUNDATIONAL_REQUIREMENTS.filter((_, i) => z.slAchieved[i]! < z.slTarget[i]!);
      const counts = (r: string) => z.requirements.filter((x) => x.result === r).length;
      return `<tr><td>${esc(z.id)}</td><td>${esc(z.criticality)}</td><td class="mono">${formatSl(z.slTarget)}</td><td class="mono">${achieved(z.slAchieved, z.slTarget)}</td><td>${esc(below.join(", ") || "none")}</td><td>${z.gaps.length}</td><td>${counts("met")} met, ${counts("partial")} partial, ${counts("not-met")} not met, ${counts("not-applicable")} n/a, ${counts("unknown")} unknown</td></tr>`;
    })
    .join("\n");
  return `<section id="security-levels"><h2>Security levels: target and achieved</h2>
<p class="source">Sources: answers.yaml, the findings and the captures. SL-A of an FR is the highest level at which every requirement of IEC 62443-3-3 for that FR is met or justified as not applicable; a requirement nobody answered and no evidence decides stays unknown and is never counted as met.</p>
<table><thead><tr><th>Zone</th><th>Criticality</th><th>SL-T {FR1..FR7}</th><th>SL-A {FR1..FR7}</th><th>FRs below target</th><th>Gaps</th><th>Requirements</th></tr></thead>
<tbody>${rows}</tbody></table>
${conflicts(a)}
${gaps(a)}
</section>`;
}

function conflicts(a: Assessment): string {
  const items = a.zones.flatMap((z) =>
    z.requirements
      .filter((r) => r.conflict)
      .map(
        (r) =>
          `<li><strong>${esc(z.id)} ${esc(r.id)}</strong>: ${esc(r.conflict)}<br><span class="evidence">Evidence: ${r.evidence
            .filter((e) => e.kind !== "answer")
            .slice(0, 6)
            .map((e) => `<code>${esc(formatEvidence(e))}</code>`)
            .join("; ")}</span></li>`,
      ),
  );
  if (items.length === 0) return "";
  return `<h3>Answers contradicted by evidence</h3>
<p class="source">These answers claim more than the evidence shows; the requirement counts as not met until the assessor resolves the conflict.</p>
<ul>${items.join("\n")}</ul>`;
}

function gaps(a: Assessment): string {
  const all = a.zones
    .flatMap((z) => z.gaps.map((g) => ({ zone: z.id, g })))
    .sort((x, y) => x.g.priority - y.g.priority);
  const shown = all.filter(({ g }) => g.result !== "unknown");
  const rows = shown
    .map(({ zone, g }) => {
      const text = g.normativeText
        ? `<details><summary>Normative text</summary>${esc(g.normativeText)}</details>`
        : "";
      return `<tr><td>${g.priority}</td><td>${esc(zone)}</td><td><strong>${esc(g.requirement)}</strong> ${esc(g.title)}${text}</td><td>${g.fr}</td><td>${g.neededFor}</td><td>${esc(g.result)}</td><td>${g.findings.map((f) => `<a href="#${esc(f)}">${esc(f)}</a>`).join("<br>")}</td><td>${esc(g.remediation)}</td></tr>`;
    })
    .join("\n");
  const unknown = a.zones
    .map((z) => ({ z, ids: z.gaps.filter((g) => g.result === "unknown").map((g) => g.requirement) }))
    .filter(({ ids }) => ids.length > 0)
    .map(
      ({ z, ids }) =>
        `<li><strong>${esc(z.id)}</strong> (${ids.length}): ${ids.map((id) => esc(id)).join(", ")}</li>`,
    )
    .join("\n");
  return `<h3>Gaps, most urgent first</h3>
<p class="source">Requirements up to each zone's target that are not met, ordered by zone criticality, the size of the FR's gap, the findings behind them and the level that needs them first.</p>
${shown.length > 0 ? `<table><thead><tr><th>#</th><th>Zone</th><th>Requirement</th><th>FR</th><th>Needed for SL</th><th>Result</th><th>Findings</th><th>Remediation</th></tr></thead><tbody>${rows}</tbody></table>` : "<p>No requirement up to the targets is known to be unmet.</p>"}
${unknown ? `<h3>Not yet assessed</h3><p class="source">Needed for the targets, but nobody answered and no evidence decides: answer them in answers.yaml (<code>otaudit requirements</code> lists the questions).</p><ul>${unknown}</ul>` : ""}`;
}

export function programSection(a: Assessment): string {
  if (a.program.length === 0) return "";
  const rows = a.program
    .map(
      (p) =>
        `<tr><td>${esc(p.element)}</td><td>${esc(p.title)}</td><td>${p.maturity === null ? "not rated" : `${p.maturity} ${esc(maturityName(p.maturity))}`}</td><td>${p.reasons.map((r) => esc(r)).join("<br>")}</td></tr>`,
    )
    .join("\n");
  return `<section id="program"><h2>Security program maturity (IEC 62443-2-1)</h2>
<p class="source">Sources: plant.yaml records, the findings, the captures and the ratings in answers.yaml. Records show at most maturity 3; an assessor's rating above what the records show is capped until the shortfalls are resolved.</p>
<table><thead><tr><th>Element</th><th>Title</th><th>Maturity</th><th>Reasons</th></tr></thead><tbody>${rows}</tbody></table></section>`;
}
