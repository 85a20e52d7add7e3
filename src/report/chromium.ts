/**
 * Headless Chromium for the PDF, the figure images of the Word document, the browser test and the benchmark:
 * playwright-core driving a browser already on the machine: OTAUDIT_CHROMIUM if set, else the first Chromium,
 * Chrome or Edge found in its platform's usual place (browser-locations.ts). No browser is ever downloaded, and the browser is kept off the network: no Google services, no DNS, and any
 * request a page makes is refused.
 */
import { accessSync, constants } from "node:fs";
import { type Browser, type BrowserContext, chromium } from "playwright-core";
import { BROWSER_HINT, browserLocations } from "./browser-locations.js";

function executable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

type Found = { path: string } | { missing: string };

/** Read at each use, so a test (or a user) can point at another build or at none. */
function findChromium(env: NodeJS.ProcessEnv = process.env, platform = process.platform): Found {
  const chosen = env.OTAUDIT_CHROMIUM;
  if (chosen) {
    return executable(chosen)
      ? { path: chosen }
      : { missing: `Chromium is not installed at ${chosen} (OTAUDIT_CHROMIUM); ${BROWSER_HINT}` };
  }
  const places = browserLocations(platform, env);
  const path = places.find(executable);
  if (path !== undefined) return { path };
  return { missing: `no Chromium, Chrome or Edge found (looked in ${places.join(", ")}); ${BROWSER_HINT}` };
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

/** Why no browser can be used here, with how to get one, or null when one can. */
export function chromiumUnavailable(
  env: NodeJS.ProcessEnv = process.env,
  platform = process.platform,
): string | null {
  const found = findChromium(env, platform);
  return "missing" in found ? found.missing : null;
}

export async function launchChromium(): Promise<Browser> {
  const found = findChromium();
  if ("missing" in found) throw new Error(found.missing);
  return chromium.launch({ executablePath: found.path, args: FLAGS, headless: true, timeout: 60_000 });
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
