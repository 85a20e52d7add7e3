/**
 * The self-contained HTML report: no network, no external files, opens from a USB stick. Each section is its
 * own module under sections/ and renders whatever the Assessment carries; a section without data says so.
 * The PDF is printed from this HTML and the Word document follows the same sections.
 */
import type { Assessment } from "../model/assessment.js";
import { type ReportSection, reportDocument } from "./document.js";
import { assetsSection } from "./sections/assets.js";
import { findingsSection } from "./sections/findings.js";
import { gapsSection } from "./sections/gaps.js";
import { inputsSection } from "./sections/inputs.js";
import { levelsSection } from "./sections/levels.js";
import { matrixSection } from "./sections/matrix.js";
import { monitoringSection } from "./sections/monitoring.js";
import { programSection } from "./sections/program.js";
import { reachabilitySection } from "./sections/reachability.js";
import { risksSection } from "./sections/risks.js";
import { summarySection } from "./sections/summary.js";
import { trafficSection } from "./sections/traffic.js";
import { trendSection } from "./sections/trend.js";
import { vulnerabilitiesSection } from "./sections/vulnerabilities.js";
import { zonesSection } from "./sections/zones.js";
import { type ReportView, reportView } from "./view/report-view.js";

/** The sections in reading order: what a plant manager needs first, the detail and the evidence after. */
export const REPORT_PARTS: readonly { id: string; title: string; render: (v: ReportView) => string }[] = [
  { id: "summary", title: "Executive summary", render: summarySection },
  { id: "trend", title: "Changes since the previous review", render: trendSection },
  { id: "zones", title: "Zones and conduits", render: zonesSection },
  { id: "levels", title: "Security levels", render: levelsSection },
  { id: "risks", title: "Risk assessment", render: risksSection },
  { id: "findings", title: "Findings", render: findingsSection },
  { id: "vulnerabilities", title: "Vulnerabilities", render: vulnerabilitiesSection },
  { id: "gaps", title: "Gap assessment", render: gapsSection },
  { id: "program", title: "Security program maturity", render: programSection },
  { id: "matrix", title: "Zone communication matrix", render: matrixSection },
  { id: "reachability", title: "Zone reachability through the firewalls", render: reachabilitySection },
  { id: "monitoring", title: "Continuous monitoring", render: monitoringSection },
  { id: "assets", title: "Asset inventory", render: assetsSection },
  { id: "traffic", title: "Observed traffic", render: trafficSection },
  { id: "inputs", title: "Evidence and inputs", render: inputsSection },
];

export function reportSections(v: ReportView): ReportSection[] {
  return REPORT_PARTS.map((p) => ({ id: p.id, title: p.title, html: p.render(v) }));
}

export function renderReport(v: ReportView): string {
  return reportDocument(v, reportSections(v));
}

export async function reportHtml(a: Assessment): Promise<string> {
  return renderReport(await reportView(a));
}
