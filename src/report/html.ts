/**
 * The self-contained HTML report: no network, no external files, opens from a USB stick. Each section is its
 * own module under sections/ and renders whatever the Assessment carries; a section without data says so.
 * The PDF is printed from this HTML and the Word document follows the same sections.
 */
import type { Assessment } from "../model/assessment.js";
import { reportDocument } from "./document.js";
import { REPORT_SECTIONS } from "./sections/index.js";
import { type ReportView, reportView } from "./view/report-view.js";

export function renderReport(v: ReportView): string {
  return reportDocument(
    v,
    REPORT_SECTIONS.map((s) => ({ id: s.id, title: s.title, newPage: s.newPage, html: s.html(v) })),
  );
}

export async function reportHtml(a: Assessment): Promise<string> {
  return renderReport(await reportView(a));
}
