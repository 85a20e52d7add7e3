/**
 * PNG images of the SVG figures, for the Word document: Word and LibreOffice both show PNG, while SVG in DOCX
 * needs a PNG fallback anyway. Chromium draws them at twice the figure size so they stay sharp on paper.
 */
import type { Browser } from "playwright-core";
import { offlineContext } from "./chromium.js";
import type { Figure } from "./figures/svg.js";

export async function figureImages(
  browser: Browser,
  figures: readonly Figure[],
): Promise<Map<string, Buffer>> {
  const context = await offlineContext(browser, {
    deviceScaleFactor: 2,
    viewport: { width: 1200, height: 900 },
  });
  const images = new Map<string, Buffer>();
  try {
    const page = await context.newPage();
    for (const f of figures) {
      await page.setContent(
        `<!doctype html><html><body style="margin:0;background:#fff">${f.svg}</body></html>`,
      );
      images.set(f.id, await page.locator("svg").first().screenshot({ type: "png" }));
    }
  } finally {
    await context.close();
  }
  return images;
}

/** A PNG of the assessor's logo for the Word document, drawn by Chromium at twice the cover's height. */
export async function logoImage(browser: Browser, mime: string, bytes: Buffer): Promise<Buffer> {
  const context = await offlineContext(browser, {
    deviceScaleFactor: 2,
    viewport: { width: 1200, height: 900 },
  });
  try {
    const page = await context.newPage();
    await page.setContent(
      `<!doctype html><html><body style="margin:0;background:#fff"><img style="height:112px;width:auto;display:block" src="data:${mime};base64,${bytes.toString("base64")}"></body></html>`,
      { waitUntil: "load" },
    );
    return await page.locator("img").screenshot({ type: "png" });
  } finally {
    await context.close();
  }
}
