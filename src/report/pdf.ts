/**
 * report.pdf: the HTML report printed by headless Chromium with its print stylesheet: A4, a running header,
 * and page numbers in the footer ("Page 3 of 41").
 */
import type { Browser } from "playwright-core";
import { offlineContext } from "./chromium.js";
import { esc } from "./html-escape.js";

export interface PdfMeta {
  site: string;
  finishedAt: string;
  tool: string;
  /** engagement.classification; `Confidential` when plant.yaml states none. */
  classification?: string;
}

/** Header and footer templates are separate documents: Chromium gives them no stylesheet, so style inline. */
const BAND = `font-family: Arial, 'Liberation Sans', sans-serif; font-size: 8px; color: #5b6472; width: 100%; margin: 0 14mm; display: flex; justify-content: space-between;`;

export async function renderPdf(browser: Browser, html: string, meta: PdfMeta): Promise<Buffer> {
  const context = await offlineContext(browser);
  try {
    const page = await context.newPage();
    await page.setContent(html, { waitUntil: "load" });
    await page.emulateMedia({ media: "print" });
    // Collapsed parts (the advisories set aside) belong on paper too.
    await page.evaluate("document.querySelectorAll('details').forEach(function (d) { d.open = true; })");
    return await page.pdf({
      format: "A4",
      printBackground: true,
      displayHeaderFooter: true,
      headerTemplate: `<div style="${BAND}"><span>IEC 62443 security assessment: ${esc(meta.site)}</span><span>${esc(meta.classification ?? "Confidential")}</span></div>`,
      footerTemplate: `<div style="${BAND}"><span>${esc(meta.finishedAt.slice(0, 10))} · ${esc(meta.tool)}</span><span>Page <span class="pageNumber"></span> of <span class="totalPages"></span></span></div>`,
      margin: { top: "16mm", bottom: "16mm", left: "14mm", right: "14mm" },
      outline: true,
      tagged: true,
    });
  } finally {
    await context.close();
  }
}
