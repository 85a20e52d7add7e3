/** Known vulnerabilities matched to the inventory (CSAF advisories, CISA KEV, scanner reports), by priority. */
import type { VulnerabilityMatch } from "../../model/vulnerability.js";
import * as word from "../docx/blocks.js";
import type { Block, DocxContext } from "../docx/context.js";
import { esc } from "../html-escape.js";
import type { ReportView } from "../view/report-view.js";
import { clip, emptyNote, plural, sectionHtml, tableHtml } from "./common.js";
import { evidenceListHtml } from "./evidence-html.js";
import type { ReportSectionEntry } from "./section.js";

function cvss(m: VulnerabilityMatch): string {
  if (!m.cvss) return '<span class="muted">—</span>';
  return `<span class="cvss cvss-${m.cvss.severity}" title="${esc(m.cvss.vector)}">${m.cvss.score.toFixed(1)}</span>`;
}

function fixes(m: VulnerabilityMatch): string {
  if (m.remediations.length === 0) return '<span class="muted">none given</span>';
  return m.remediations
    .slice(0, 2)
    .map(
      (r) =>
        `<span class="tag">${esc(r.category.replace(/_/g, " "))}</span> ${r.fixedVersion ? esc(`update to ${r.fixedVersion}`) : clip(r.details, 160)}`,
    )
    .join("<br>");
}

function vulnerabilitiesHtml(v: ReportView): string {
  const r = v.a.vulnerabilities;
  if (!r)
    return sectionHtml(
      "vulnerabilities",
      "Vulnerabilities",
      emptyNote(
        "No advisories, KEV catalogue or scanner reports were given (advisories/, scans/), so no asset was checked for known vulnerabilities.",
      ),
    );
  const sources = `${plural(r.sources.advisories, "CSAF advisory", "CSAF advisories")}${r.sources.kev ? `, the CISA KEV catalogue version ${esc(r.sources.kev.version)} (${r.sources.kev.entries} entries)` : ""}${r.sources.scans.length ? `, ${r.sources.scans.map((s) => `${esc(s.file)} (${esc(s.scanner)}, ${s.hosts} hosts)`).join(", ")}` : ""}`;
  const rows = r.matches.map(
    (m) => `<tr${m.kev ? ' class="flagged"' : ""}><td class="num">${m.priority}</td>
<td><strong>${esc(m.assetName)}</strong><br><span class="muted">${esc(m.asset)}${m.zone ? ` · ${esc(m.zone)}` : ""}</span></td>
<td><strong>${esc(m.advisory)}</strong> ${clip(m.title, 110)}<br><span class="mono small">${esc(m.cves.slice(0, 4).join(" "))}${m.cves.length > 4 ? ` +${m.cves.length - 4}` : ""}</span></td>
<td>${cvss(m)}</td><td>${m.kev ? '<span class="badge kev">KEV</span>' : "—"}</td>
<td><span class="tag exposure-${m.exposure.level}">${esc(m.exposure.level)}</span><br><span class="small muted">${esc(m.exposure.reasons[0] ?? "")}</span></td>
<td>${m.confidence === "affected" ? "affected" : '<span class="warn">possibly</span>'}<br><span class="small muted">${clip(m.reason, 200)}</span></td>
<td class="small">${fixes(m)}</td>
<td>${evidenceListHtml(m.evidence, v.evidence, 3)}</td></tr>`,
  );
  const table = rows.length
    ? tableHtml(
        ["#", "Asset", "Advisory and CVEs", "CVSS", "Exploited", "Exposure", "Match", "Fix", "Evidence"],
        rows,
        `${sources}; matched on the inventory's vendor, product, model and firmware. Priority weighs KEV listing, CVSS and exposure.`,
        'class="vulns"',
      )
    : emptyNote(`No known vulnerability matched the ${r.assetsChecked} assets checked.`);
  const near = r.notAffected.length
    ? `<details class="near-misses"><summary>${plural(r.notAffected.length, "advisory checked and set aside", "advisories checked and set aside")} (not affected, with the reason)</summary>
<ul>${r.notAffected.map((n) => `<li><strong>${esc(n.asset)}</strong> · ${esc(n.advisory)}: ${esc(n.reason)}</li>`).join("")}</ul></details>`
    : "";
  return sectionHtml(
    "vulnerabilities",
    "Vulnerabilities",
    `${table}${near}`,
    `${r.assetsChecked} assets checked against ${sources}: ${plural(r.vulnerableAssets, "asset")} affected, ${plural(r.matches.filter((m) => m.kev).length, "match", "matches")} known to be exploited in the wild.`,
  );
}

function vulnerabilitiesBlocks({ v }: DocxContext): Block[] {
  const r = v.a.vulnerabilities;
  if (!r)
    return [
      word.emptyNote(
        "No advisories, KEV catalogue or scanner reports were given, so no asset was checked for known vulnerabilities.",
      ),
    ];
  if (r.matches.length === 0)
    return [word.emptyNote(`No known vulnerability matched the ${r.assetsChecked} assets checked.`)];
  return [
    word.para(
      `${r.assetsChecked} assets checked; ${r.vulnerableAssets} affected; ${r.matches.filter((m) => m.kev).length} matches known to be exploited (CISA KEV).`,
    ),
    word.table(
      ["#", "Asset", "Advisory", "CVEs", "CVSS", "KEV", "Exposure", "Fix"],
      r.matches.map((m) => [
        String(m.priority),
        `${m.assetName}\n${m.asset}${m.zone ? ` · ${m.zone}` : ""}`,
        `${m.advisory}\n${m.title}`,
        m.cves.join("\n"),
        m.cvss ? m.cvss.score.toFixed(1) : "—",
        m.kev ? "yes" : "—",
        `${m.exposure.level}${m.confidence === "possibly-affected" ? "\n(possibly affected)" : ""}`,
        m.remediations
          .map(
            (x) =>
              `${x.category.replace(/_/g, " ")}: ${x.fixedVersion ? `update to ${x.fixedVersion}` : x.details}`,
          )
          .join("\n") || "none given",
      ]),
      [4, 15, 20, 13, 6, 5, 11, 26],
    ),
    word.sourceNote(
      `${r.sources.advisories} CSAF advisories${r.sources.kev ? `, CISA KEV ${r.sources.kev.version}` : ""}${r.sources.scans.map((s) => `, ${s.file}`).join("")}.`,
    ),
  ];
}

export const vulnerabilitiesSection = {
  id: "vulnerabilities",
  title: "Vulnerabilities",
  newPage: false,
  html: vulnerabilitiesHtml,
  docx: vulnerabilitiesBlocks,
} satisfies ReportSectionEntry;
