/**
 * The self-contained HTML report: no network, no external files, opens from a USB stick. Sections fill in as
 * the analyses land; every finding links to its evidence.
 */
import type { Assessment } from "../model/assessment.js";
import { formatEvidence } from "../model/evidence.js";
import { SEVERITIES, type Severity } from "../model/finding.js";
import { formatSl } from "../model/security-level.js";
import { esc } from "./html-escape.js";
import { REPORT_CSS } from "./report-style.js";
import { programSection, securityLevelsSection } from "./verdicts-html.js";
import { vulnerabilitiesSection } from "./vulnerabilities-html.js";

export function reportHtml(a: Assessment): string {
  const title = `IEC 62443 assessment: ${a.site}`;
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="otaudit ${esc(a.tool.version)}">
<title>${esc(title)}</title>
<style>${REPORT_CSS}</style>
</head>
<body>
<header>
  <h1>${esc(title)}</h1>
  <p class="meta">Assessment ${esc(a.id)} · ${esc(a.finishedAt.slice(0, 16).replace("T", " "))} UTC · otaudit ${esc(a.tool.version)}</p>
</header>
<main>
${summary(a)}
${zones(a)}
${securityLevelsSection(a)}
${programSection(a)}
${findings(a)}
${vulnerabilitiesSection(a)}
${assets(a)}
${capture(a)}
${inputs(a)}
</main>
</body>
</html>
`;
}

function countBySeverity(a: Assessment): Record<Severity, number> {
  const counts = Object.fromEntries(SEVERITIES.map((s) => [s, 0])) as Record<Severity, number>;
  for (const f of a.findings) counts[f.severity]++;
  return counts;
}

function summary(a: Assessment): string {
  const counts = countBySeverity(a);
  const cards = [...SEVERITIES]
    .reverse()
    .map((s) => `<div class="card sev-${s}"><span class="n">${counts[s]}</span><span>${s}</span></div>`)
    .join("");
  const trend = a.comparison
    ? `<p>Compared with the review of ${esc(a.comparison.previous.finishedAt.slice(0, 10))}: ${a.comparison.findings.new.length} new, ${a.comparison.findings.resolved.length} resolved, ${a.comparison.findings.persisting.length} persisting findings.</p>`
    : "<p>This is the first stored review of this plant.</p>";
  return `<section id="summary"><h2>Summary</h2>
<p>${a.zones.length} zones, ${a.conduits.length} conduits, ${a.assets.length} assets (${a.assets.filter((x) => !x.declared).length} seen on the network but not declared), ${a.findings.length} findings.</p>
<div class="cards">${cards}</div>
${trend}
</section>`;
}

function zones(a: Assessment): string {
  const rows = a.zones
    .map(
      (z) =>
        `<tr><td>${esc(z.id)}</td><td>${esc(z.name)}</td><td>${z.purdueLevel}</td><td>${esc(z.criticality)}</td><td class="mono">${formatSl(z.slTarget)}</td><td>${z.assets.length}</td></tr>`,
    )
    .join("\n");
  const conduits = a.conduits
    .map((c) => `<li>${esc(c.id)}: ${esc(c.zones[0])} ↔ ${esc(c.zones[1])}</li>`)
    .join("");
  return `<section id="zones"><h2>Zones and conduits</h2>
<p class="source">Source: plant.yaml</p>
<table><thead><tr><th>Zone</th><th>Name</th><th>Purdue level</th><th>Criticality</th><th>SL-T {FR1..FR7}</th><th>Assets</th></tr></thead>
<tbody>${rows}</tbody></table>
<h3>Conduits</h3><ul>${conduits}</ul>
</section>`;
}

function findings(a: Assessment): string {
  if (a.findings.length === 0) return `<section id="findings"><h2>Findings</h2><p>No findings.</p></section>`;
  const items = a.findings
    .map(
      (f) => `<article class="finding sev-${f.severity}" id="${esc(f.id)}">
<h3><span class="badge">${esc(f.severity)}</span> ${esc(f.rule)} ${esc(f.title)}</h3>
<p>${esc(f.summary)}</p>
<p class="refs">IEC 62443-3-3: ${esc(f.requirements.join(", "))}${f.zones.length ? ` · zones: ${esc(f.zones.join(", "))}` : ""}</p>
<p class="evidence">Evidence: ${f.evidence.map((e) => `<code>${esc(formatEvidence(e))}</code>${e.note ? ` ${esc(e.note)}` : ""}`).join("; ")}</p>
<p class="remediation"><strong>Remediation:</strong> ${esc(f.remediation)}</p>
</article>`,
    )
    .join("\n");
  return `<section id="findings"><h2>Findings</h2>${items}</section>`;
}

function assets(a: Assessment): string {
  const rows = a.assets
    .map(
      (x) =>
        `<tr${x.declared ? "" : ' class="undeclared"'}><td>${esc(x.id)}</td><td>${esc(x.name)}</td><td>${esc(x.role)}</td><td>${esc(x.zone ?? "—")}</td><td class="mono">${esc(x.ips.join(" "))}</td><td>${esc(x.vendor?.value)}</td><td>${esc([x.product?.value, x.model?.value].filter(Boolean).join(" "))}</td><td>${esc(x.firmware?.value)}</td><td>${esc(x.protocols.join(", "))}</td><td>${x.declared ? "declared" : "observed only"}</td></tr>`,
    )
    .join("\n");
  return `<section id="assets"><h2>Asset inventory</h2>
<p class="source">Sources: plant.yaml and the captures; "observed only" assets are on the network but not in plant.yaml.</p>
<table><thead><tr><th>Id</th><th>Name</th><th>Role</th><th>Zone</th><th>IP</th><th>Vendor</th><th>Product</th><th>Firmware</th><th>Protocols</th><th>Source</th></tr></thead>
<tbody>${rows}</tbody></table></section>`;
}

function capture(a: Assessment): string {
  if (!a.capture) return "";
  const c = a.capture;
  const ops = new Map<string, number>();
  for (const o of c.operations)
    ops.set(`${o.protocol} ${o.category}`, (ops.get(`${o.protocol} ${o.category}`) ?? 0) + o.count);
  const rows = [...ops.entries()]
    .sort((x, y) => y[1] - x[1])
    .map(([k, n]) => `<tr><td>${esc(k)}</td><td>${n}</td></tr>`)
    .join("");
  return `<section id="traffic"><h2>Observed traffic</h2>
<p class="source">Source: ${c.stats.files.map((f) => `<code>${esc(f.path)}</code>`).join(", ")}</p>
<p>${c.stats.packets} packets, ${c.flows.length} flows, ${c.operations.length} distinct operations, ${c.observations.length} security observations, ${c.anomalyCount} protocol anomalies.</p>
<table><thead><tr><th>Protocol and category</th><th>Requests</th></tr></thead><tbody>${rows}</tbody></table></section>`;
}

function inputs(a: Assessment): string {
  const rows = a.inputs
    .map(
      (i) =>
        `<tr><td><code>${esc(i.path)}</code></td><td>${esc(i.kind)}</td><td>${i.bytes}</td><td class="mono">${esc(i.sha256.slice(0, 16))}…</td></tr>`,
    )
    .join("");
  const problems = a.problems.length
    ? `<h3>Input warnings</h3><ul>${a.problems.map((p) => `<li><code>${esc(p.file)}${p.line ? `:${p.line}` : ""}</code> ${esc(p.path)} ${esc(p.message)}</li>`).join("")}</ul>`
    : "";
  return `<section id="inputs"><h2>Inputs</h2>
<table><thead><tr><th>File</th><th>Kind</th><th>Bytes</th><th>SHA-256</th></tr></thead><tbody>${rows}</tbody></table>${problems}</section>`;
}
