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
