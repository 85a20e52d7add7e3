/**
 * The report's vulnerability section: the prioritised matches (KEV, exposure, CVSS), each with its CVEs, the
 * fix or remediation category and the reason it matched; near misses folded below for the assessor.
 */
import type { Assessment } from "../model/assessment.js";
import type { CvssSeverity, VulnerabilityMatch } from "../model/vulnerability.js";
import { esc } from "./html-escape.js";

/** CVSS bands drawn with the finding severities' colours. */
const BAND: Record<CvssSeverity, string> = {
  critical: "sev-critical",
  high: "sev-high",
  medium: "sev-medium",
  low: "sev-low",
  none: "sev-info",
};

function remedy(m: VulnerabilityMatch): string {
  const fix = m.remediations.find((r) => r.category === "vendor_fix");
  if (fix)
    return fix.fixedVersion
      ? `update to ${esc(fix.fixedVersion)}`
      : `vendor fix: ${esc(fix.details.slice(0, 140))}`;
  const categories = [...new Set(m.remediations.map((r) => r.category.replace(/_/g, " ")))];
  return categories.length ? `no fix; ${esc(categories.join(", "))}` : "none given";
}

function row(m: VulnerabilityMatch): string {
  const cvss = m.cvss
    ? `<span class="${BAND[m.cvss.severity]}"><span class="badge">${m.cvss.score}</span></span> <span class="mono">${esc(m.cvss.version)}</span>`
    : "—";
  return `<tr>
<td>${m.priority}</td><td>${esc(m.asset)}<br><span class="source">${esc(m.zone ?? "")}</span></td>
<td>${esc(m.advisory)}<br><span class="source">${esc(m.title)}</span></td>
<td class="mono">${esc(m.cves.join(" "))}</td><td>${cvss}</td>
<td>${m.kev ? '<span class="sev-critical"><span class="badge">KEV</span></span>' : ""}</td>
<td>${esc(m.exposure.level)}<br><span class="source">${esc(m.exposure.reasons[0] ?? "")}</span></td>
<td>${esc(m.confidence)}</td><td>${remedy(m)}</td>
</tr>
<tr><td></td><td colspan="8" class="source">${esc(m.reason)}</td></tr>`;
}

export function vulnerabilitiesSection(a: Assessment): string {
  const v = a.vulnerabilities;
  if (!v) return "";
  const sources = [
    `${v.sources.advisories} advisories`,
    v.sources.kev ? `KEV catalog ${esc(v.sources.kev.version)}` : "no KEV catalog",
    ...v.sources.scans.map((s) => `<code>${esc(s.file)}</code> (${esc(s.scanner)}, ${s.hosts} hosts)`),
  ].join(", ");
  const table = v.matches.length
    ? `<table><thead><tr><th>#</th><th>Asset</th><th>Advisory</th><th>CVEs</th><th>CVSS</th><th>KEV</th><th>Exposure</th><th>Confidence</th><th>Remediation</th></tr></thead>
<tbody>${v.matches.map(row).join("\n")}</tbody></table>`
    : "<p>No asset matches an advisory or a scanner finding.</p>";
  const misses = v.notAffected.length
    ? `<details><summary>${v.notAffected.length} near misses: advisories that name a product close to an asset's but do not affect it</summary><ul>${v.notAffected
        .map((n) => `<li>${esc(n.asset)} · ${esc(n.advisory)} (${esc(n.kind)}): ${esc(n.reason)}</li>`)
        .join("")}</ul></details>`
    : "";
  return `<section id="vulnerabilities"><h2>Vulnerabilities</h2>
<p class="source">Sources: ${sources}. Ordered by exploitation (KEV), then exposure, then CVSS.</p>
<p>${v.vulnerableAssets} of ${v.assetsChecked} assets affected or possibly affected; ${v.matches.filter((m) => m.kev).length} matches are known to be exploited.</p>
${table}
${misses}
</section>`;
}
