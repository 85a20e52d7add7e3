/** What every section of the Word document reads: the report view, the figure images, the running numbers. */
import type { Paragraph, Table, TableOfContents } from "docx";
import type { ReportView } from "../view/report-view.js";

export type Block = Paragraph | Table | TableOfContents;

export interface DocxContext {
  v: ReportView;
  images: ReadonlyMap<string, Buffer>;
  /** The next figure number. */
  nextFigure: () => number;
}
