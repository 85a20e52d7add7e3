/** Continuous monitoring: the baseline's state and the alerts not yet folded into it. */
import { formatEvidence } from "../../model/evidence.js";
import * as word from "../docx/blocks.js";
import type { Block, DocxContext } from "../docx/context.js";
import { esc } from "../html-escape.js";
import type { ReportView } from "../view/report-view.js";
import { emptyNote, sectionHtml, severityBadge, tableHtml } from "./common.js";
import { evidenceListHtml } from "./evidence-html.js";
import type { ReportSectionEntry } from "./section.js";

function monitoringHtml(v: ReportView): string {
  const m = v.monitoring;
  if (!m)
    return sectionHtml(
      "monitoring",
      "Continuous monitoring",
      emptyNote(
        "This plant is not monitored continuously (<code>otaudit watch</code> has not run on its captures), so there is no baseline and no alert to report.",
      ),
    );
  const rows = m.alerts.map(
    (
      x,
    ) => `<tr><td class="num">${x.number}</td><td>${severityBadge(x.severity)}</td><td><strong>${esc(x.title)}</strong><br>${esc(x.summary)}</td>
<td>${esc(x.zones.join(", "))}</td><td class="num">${x.count}</td><td class="small">${esc(x.firstSeen.slice(0, 16).replace("T", " "))} – ${esc(x.lastSeen.slice(0, 16).replace("T", " "))}</td>
<td>${esc(x.status)}</td><td>${evidenceListHtml(x.evidence, v.evidence, 2)}</td></tr>`,
  );
  return sectionHtml(
    "monitoring",
    "Continuous monitoring",
    rows.length
      ? tableHtml(
          ["#", "Severity", "Alert", "Zones", "Count", "Seen (UTC)", "Status", "Evidence"],
          rows,
          "otaudit watch over the plant's rotated captures: departures from the learned baseline, repeats aggregated.",
        )
      : emptyNote("No open alert: nothing departed from the baseline."),
    `Phase: ${esc(m.phase)} (${esc(m.learning)}); ${m.filesIngested} capture files ingested${m.filesUnreadable ? `, ${m.filesUnreadable} unreadable` : ""}; baseline of ${m.baselineFacts} facts; last packet ${esc(m.lastPacket ?? "none")}.`,
  );
}

function monitoringBlocks({ v }: DocxContext): Block[] {
  const m = v.monitoring;
  if (!m)
    return [
      word.emptyNote(
        "This plant is not monitored continuously (otaudit watch has not run), so there is no alert to report.",
      ),
    ];
  if (m.alerts.length === 0) return [word.emptyNote("No open alert: nothing departed from the baseline.")];
  return [
    word.table(
      ["#", "Severity", "Alert", "Count", "Status", "Evidence"],
      m.alerts.map((x) => [
        String(x.number),
        [word.severityRun(x.severity)],
        `${x.title}\n${x.summary}`,
        String(x.count),
        x.status,
        x.evidence.map(formatEvidence).join("\n"),
      ]),
      [5, 10, 45, 8, 12, 20],
    ),
    word.sourceNote("otaudit watch: departures from the learned baseline."),
  ];
}

export const monitoringSection = {
  id: "monitoring",
  title: "Continuous monitoring",
  newPage: false,
  html: monitoringHtml,
  docx: monitoringBlocks,
} satisfies ReportSectionEntry;
