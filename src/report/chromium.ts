/**
 * Headless Chromium for the PDF, the figure images of the Word document, the browser test and the benchmark:
 * playwright-core driving the system's Chromium (Debian's /usr/bin/chromium; OTAUDIT_CHROMIUM overrides it).
 * No browser is ever downloaded, and the browser is kept off the network: no Google services, no DNS, and any
 * request a page makes is refused.
 */
import { accessSync, constants } from "node:fs";
import { type Browser, type BrowserContext, chromium } from "playwright-core";

/** Read at each use, so a test (or a user) can point at another build or at none. */
export function chromiumPath(): string {
  return process.env.OTAUDIT_CHROMIUM || "/usr/bin/chromium";
}

/**
 * Playwright adds --headless and gives every launch a fresh temporary --user-data-dir of its own (it refuses
 * one in `args`); the flags below keep Chromium from calling home (sync, component and variations updates,
 * QUIC probes) and from resolving any host name. --no-sandbox because the tool runs as root in CI.
 */
const FLAGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--disable-default-apps",
  "--disable-extensions",
  // Loopback stays reachable: the workbench is served on 127.0.0.1.
  "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1",
];

/** Why Chromium cannot be used here, or null when it can. */
export function chromiumUnavailable(): string | null {
  try {
    accessSync(chromiumPath(), constants.X_OK);
    return null;
  } catch {
    return `Chromium is not installed at ${chromiumPath()} (install it with: apt-get install chromium)`;
  }
}

export async function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: chromiumPath(), args: FLAGS, headless: true, timeout: 60_000 });
}

/** A browser context that refuses every network request (local files load): a report renders from its own bytes. */
export async function offlineContext(
  browser: Browser,
  options: { deviceScaleFactor?: number; viewport?: { width: number; height: number } } = {},
): Promise<BrowserContext> {
  const context = await browser.newContext({ ...options, offline: true, javaScriptEnabled: true });
  await context.route(/^(?!data:|about:|file:)/, (route) => route.abort("blockedbyclient"));
  return context;
}

/** Runs `work` with a launched browser and always closes it. */
export async function withChromium<T>(work: (browser: Browser) => Promise<T>): Promise<T> {
  const browser = await launchChromium();
  try {
    return await work(browser);
  } finally {
    await browser.close();
  }
}
