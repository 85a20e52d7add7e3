/**
 * Writes an assessment's outputs into a folder: report.html, report.pdf, report.docx, actions.xlsx,
 * assessment.json and the CSV exports. Each file is written whole (temporary file, then rename). Without
 * Chromium the PDF is skipped, and the Word document goes without its figure images, with the reason given;
 * everything else is still written.
 */
import { mkdirSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { Assessment } from "../model/assessment.js";
import { actionsXlsx } from "../report/actions-xlsx.js";
import { chromiumUnavailable, withChromium } from "../report/chromium.js";
import { assetsCsv, findingsCsv, gapsCsv, risksCsv } from "../report/csv.js";
import { reportDocx } from "../report/docx/report-docx.js";
import { figureImages } from "../report/figure-images.js";
import { renderReport } from "../report/html.js";
import { renderPdf } from "../report/pdf.js";
import { figuresInOrder, reportView } from "../report/view/report-view.js";

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
  mkdirSync(outDir, { recursive: true });
  const files: string[] = [];
  const skipped: SkippedOutput[] = [];
  const put = (name: string, content: string | Uint8Array) => {
    const path = join(outDir, name);
    const tmp = `${path}.${process.pid}.tmp`;
    writeFileSync(tmp, content);
    renameSync(tmp, path);
    files.push(path);
  };

  const view = await reportView(a);
  const html = renderReport(view);
  put("report.html", html);
  put("assessment.json", `${JSON.stringify(a, null, 2)}\n`);
  put("findings.csv", findingsCsv(a));
  put("assets.csv", assetsCsv(a));
  put("gaps.csv", gapsCsv(a));
  put("risks.csv", risksCsv(a));
  put("actions.xlsx", await actionsXlsx(view));

  let images = new Map<string, Buffer>();
  let noChromium = chromiumUnavailable();
  if (noChromium === null) {
    try {
      await withChromium(async (browser) => {
        put(
          "report.pdf",
          await renderPdf(browser, html, {
            site: a.site,
            finishedAt: a.finishedAt,
            tool: `${a.tool.name} ${a.tool.version}`,
          }),
        );
        images = await figureImages(browser, figuresInOrder(view));
      });
    } catch (err) {
      noChromium = `Chromium failed: ${(err instanceof Error ? err.message : String(err)).split("\n")[0]}`;
    }
  }
  if (noChromium !== null) {
    // A PDF left from an earlier run would no longer match the other outputs.
    rmSync(join(outDir, "report.pdf"), { force: true });
    skipped.push({ file: "report.pdf", reason: noChromium });
    if (figuresInOrder(view).length > 0)
      skipped.push({
        file: "report.docx figures",
        reason: `${noChromium}; the document notes where each figure would be`,
      });
  }
  put("report.docx", await reportDocx(view, images));
  return { report: files[0]!, files, skipped };
}
