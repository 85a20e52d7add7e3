/**
 * Writes an assessment's outputs into a folder: report.html, report.pdf, report.docx, crs.docx (the
 * cybersecurity requirements specification), actions.xlsx, assessment.json and the CSV exports, as one set
 * (output-set.ts): the folder holds either the previous run's set or this one's, whole, whenever the run is
 * stopped. Without Chromium the PDF is skipped, and the Word
 * document goes without its figure images, with the reason given; everything else is still written.
 */
import { readFileSync } from "node:fs";
import { extname, join } from "node:path";
import type { Assessment } from "../model/assessment.js";
import { actionsXlsx } from "../report/actions-xlsx.js";
import { chromiumUnavailable, withChromium } from "../report/chromium.js";
import { assetsCsv, findingsCsv, gapsCsv, risksCsv } from "../report/csv.js";
import { crsDocx } from "../report/docx/crs-docx.js";
import { reportDocx } from "../report/docx/report-docx.js";
import { figureImages, logoImage } from "../report/figure-images.js";
import { renderReport } from "../report/html.js";
import { renderPdf } from "../report/pdf.js";
import type { ReportLogo } from "../report/view/front-matter.js";
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

export interface OutputOptions {
  /** The plant folder, where the engagement's logo is read from; without it the report goes without the logo. */
  plantDir?: string;
}

const LOGO_TYPES: Record<string, ReportLogo["mime"]> = {
  ".png": "image/png",
  ".svg": "image/svg+xml",
  ".jpg": "image/jpeg",
  ".jpeg": "image/jpeg",
};

/** The engagement's logo from the plant folder; null when none is given or it cannot be read (assess warned). */
export function readLogo(a: Assessment, plantDir: string | undefined): ReportLogo | null {
  const path = a.engagement?.logo;
  if (!path || plantDir === undefined) return null;
  const mime = LOGO_TYPES[extname(path).toLowerCase()];
  if (!mime) return null;
  try {
    const bytes = readFileSync(join(plantDir, path));
    return mime === "image/png" ? { mime, bytes, png: bytes } : { mime, bytes };
  } catch {
    return null;
  }
}

export async function writeOutputs(
  a: Assessment,
  outDir: string,
  options: OutputOptions = {},
): Promise<WrittenOutputs> {
  const set = OutputSet.begin(outDir);
  try {
    const skipped = await writeSet(a, set, readLogo(a, options.plantDir));
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
async function writeSet(a: Assessment, set: OutputSet, logo: ReportLogo | null): Promise<SkippedOutput[]> {
  const skipped: SkippedOutput[] = [];
  const view = await reportView(a, logo ? { logo } : {});
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
          ...(a.engagement?.classification ? { classification: a.engagement.classification } : {}),
        });
        images = await figureImages(browser, figuresInOrder(view));
        // Word shows PNG: an SVG or JPEG logo is drawn into one.
        if (logo && !logo.png) logo.png = await logoImage(browser, logo.mime, logo.bytes);
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
