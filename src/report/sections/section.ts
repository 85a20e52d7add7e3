/**
 * A report section: one object with its place in the contents and its renderings, so the HTML report, the
 * PDF's page breaks and the Word document cannot disagree, and a section without a Word rendering does not
 * compile.
 */
import type { Block, DocxContext } from "../docx/context.js";
import type { ReportView } from "../view/report-view.js";

export interface ReportSectionEntry {
  /** The section's anchor in report.html. */
  id: string;
  /** Its entry in the contents and its heading in the Word document. */
  title: string;
  /** Starts on a new page, in the PDF and in the Word document. */
  newPage: boolean;
  html: (v: ReportView) => string;
  docx: (ctx: DocxContext) => Block[];
}
