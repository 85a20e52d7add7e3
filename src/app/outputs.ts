/**
 * Writes an assessment's outputs into a folder: report.html, report.pdf, report.docx, crs.docx (the
 * cybersecurity requirements specification), actions.xlsx, assessment.json and the CSV exports, as one set
 * (output-set.ts): the folder holds either the previous run's set or this one's, whole, whenever the run is
 * stopped. Without Chromium the PDF is skipped, and the Word
 * document goes without its figure images, with the reason given; everything else is still written.
 */
import { join } from "node:path";
import type { Assessment } from "../model/assessment.js";
import { actionsXlsx } from "../report/actions-xlsx.js";
import { chromiumUnavailable, withChromium } from "../report/chromium.js";
import { assetsCsv, findingsCsv, gapsCsv, risksCsv } from "../report/csv.js";
import { crsDocx } from "../report/docx/crs-docx.js";
import { reportDocx } from "../report/docx/report-docx.js";
import { figureImages } from "../report/figure-images.js";
import { renderReport } from "../report/html.js";
import { renderPdf } from "../report/pdf.js";
import { figuresInOrder, reportView } from "../report/view/report-view.js";
import { OutputSet } from "./output-set.js";

export interface SkippedOutput {
  file: string;
  reason: string;
}

export interface WrittenOutputs {
  /** report.html: the file to open first. */
  report: string;
  files: string[];
  /** Outputs not written, or written without a part, and why. */
  skipped: SkippedOutput[];
}

export async function writeOutputs(a: Assessment, outDir: string): Promise<WrittenOutputs> {
  const set = OutputSet.begin(outDir);
  try {
    const skipped = await writeSet(a, set);
    set.commit(a);
    return {
      report: join(outDir, "report.html"),
      files: set.names.map((name) => join(outDir, name)),
      skipped,
    };
  } catch (err) {
    set.abandon();
    throw err;
  }
}

/** Puts every output into the set; returns what was skipped. report.html goes first: the file to open. */
async function writeSet(a: Assessment, set: OutputSet): Promise<SkippedOutput[]> {
  const skipped: SkippedOutput[] = [];
  const view = await reportView(a);
  const html = renderReport(view);
  set.put("report.html", html);
  set.put("assessment.json", `${JSON.stringify(a, null, 2)}\n`);
  set.put("findings.csv", findingsCsv(a));
  set.put("assets.csv", assetsCsv(a));
  set.put("gaps.csv", gapsCsv(a));
  set.put("risks.csv", risksCsv(a));
  set.put("actions.xlsx", await actionsXlsx(view));

  let images = new Map<string, Buffer>();
  let pdf: Uint8Array | null = null;
  let noChromium = chromiumUnavailable();
  if (noChromium === null) {
    try {
      // The PDF joins the set only when Chromium saw the whole job through, as the skipped list then says.
      pdf = await withChromium(async (browser) => {
        const rendered = await renderPdf(browser, html, {
          site: a.site,
          finishedAt: a.finishedAt,
          tool: `${a.tool.name} ${a.tool.version}`,
        });
        images = await figureImages(browser, figuresInOrder(view));
        return rendered;
      });
    } catch (err) {
      noChromium = `Chromium failed: ${(err instanceof Error ? err.message : String(err)).split("\n")[0]}`;
    }
  }
  if (pdf !== null) set.put("report.pdf", pdf);
  if (noChromium !== null) {
    skipped.push({ file: "report.pdf", reason: noChromium });
    if (figuresInOrder(view).length > 0)
      skipped.push({
        file: "report.docx figures",
        reason: `${noChromium}; the document notes where each figure would be`,
      });
  }
  set.put("report.docx", await reportDocx(view, images));
  set.put("crs.docx", await crsDocx(view));
  return skipped;
}
