/**
 * The example plant's report.html in headless Chromium: every part present and not empty, no console error,
 * no request leaving the file, every internal link landing on an anchor, the asset table sorting and
 * filtering; a full-page screenshot is saved under the OS temp folder and its path printed.
 */
import assert from "node:assert/strict";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, test } from "node:test";
import { pathToFileURL } from "node:url";
import type { Browser, Page } from "playwright-core";
import { assess } from "../app/assess.js";
import { chromiumUnavailable, launchChromium, offlineContext } from "./chromium.js";
import { reportHtml } from "./html.js";
import { REPORT_SECTIONS } from "./sections/index.js";

const skip = chromiumUnavailable() ?? false;
const dir = mkdtempSync(join(tmpdir(), "otaudit-browser-"));
let browser: Browser;
let page: Page;
const errors: string[] = [];
const requests: string[] = [];

before(async () => {
  if (skip) return;
  const a = await assess("examples/water-treatment", { now: new Date("2026-12-01T00:00:00Z") });
  const file = join(dir, "report.html");
  writeFileSync(file, await reportHtml(a));
  browser = await launchChromium();
  const context = await offlineContext(browser, { viewport: { width: 1280, height: 900 } });
  page = await context.newPage();
  page.on("console", (m) => {
    if (m.type() === "error" || m.type() === "warning") errors.push(`${m.type()}: ${m.text()}`);
  });
  page.on("pageerror", (e) => errors.push(`page error: ${e.message}`));
  page.on("request", (r) => {
    if (!r.url().startsWith("file:")) requests.push(r.url());
  });
  await page.goto(pathToFileURL(file).href, { waitUntil: "load" });
});
after(async () => {
  await browser?.close();
  rmSync(dir, { recursive: true, force: true });
});

test("every part of the report is there, numbered as in the contents, with content beyond its heading", {
  skip,
}, async () => {
  const ids = await page.locator("main > section").evaluateAll((els) => els.map((e) => e.id));
  assert.deepEqual(
    ids,
    REPORT_SECTIONS.map((p) => p.id),
  );
  const contents = await page
    .locator("nav.toc a")
    .evaluateAll((els) => els.map((e) => e.getAttribute("href")));
  assert.deepEqual(
    contents,
    REPORT_SECTIONS.map((p) => `#${p.id}`),
  );
  for (const [i, part] of REPORT_SECTIONS.entries()) {
    const section = page.locator(`section#${part.id}`);
    assert.ok(await section.isVisible(), part.id);
    const heading = (await section.locator("h2").textContent()) ?? "";
    assert.ok(heading.startsWith(`${i + 1}. ${part.title}`), `${part.id}: ${heading}`);
    const text = ((await section.textContent()) ?? "").replace(heading, "").trim();
    assert.ok(text.length > 60, `${part.id} is empty: ${JSON.stringify(text)}`);
  }
});

test("the figures are drawn: zone diagram, radars, heat map, maturity, matrix", { skip }, async () => {
  for (const id of ["zone-diagram", "sl-radar", "risk-heat-map", "maturity-chart", "zone-matrix"]) {
    const box = await page.locator(`figure#${id} svg`).boundingBox();
    assert.ok(box && box.width > 300 && box.height > 150, `${id}: ${JSON.stringify(box)}`);
  }
  // The zone diagram shows every zone of the plant by name.
  const diagram = await page.locator("figure#zone-diagram svg").textContent();
  for (const name of [
    "Enterprise network",
    "Industrial DMZ",
    "Supervisory control",
    "Basic process control",
    "Safety instrumented system",
  ])
    assert.ok(diagram?.includes(name), name);
});

test("no console error and no request leaves the file", { skip }, () => {
  assert.deepEqual(errors, []);
  assert.deepEqual(requests, []);
});

test("every internal link lands on an anchor of the report", { skip }, async () => {
  const broken = await page.evaluate<string[]>(
    `Array.from(document.querySelectorAll('a[href^="#"]')).map(function (a) { return a.getAttribute("href").slice(1); }).filter(function (id) { return !document.getElementById(id); })`,
  );
  assert.deepEqual([...new Set(broken)], []);
  const links = await page.locator('a.ev[href^="#input-"]').count();
  assert.ok(links > 50, `${links} evidence links`);
});

test("the asset inventory sorts by a column and filters by text and zone", { skip }, async () => {
  const names = () =>
    page.locator("#asset-table tbody tr:not([hidden]) td:first-child strong").allInnerTexts();
  await page.locator("#asset-table th", { hasText: "Asset" }).click();
  const sorted = await names();
  assert.deepEqual(
    sorted,
    [...sorted].sort((x, y) => x.localeCompare(y, "en", { numeric: true, sensitivity: "base" })),
  );
  await page.locator("#asset-table th", { hasText: "Asset" }).click();
  assert.deepEqual(await names(), [...sorted].reverse());

  await page.locator("#asset-filter").fill("plc");
  const plcs = await page.locator("#asset-table tbody tr:not([hidden])").allInnerTexts();
  assert.ok(plcs.length >= 3 && plcs.every((r) => /plc/i.test(r)), plcs.join("\n"));
  await page.locator("#asset-filter").fill("");
  await page.locator("#asset-zone").selectOption("safety");
  const safety = await names();
  assert.deepEqual(safety, ["Chlorine safety controller"]);
  assert.match((await page.locator("#asset-count").textContent()) ?? "", /^1 of \d+ assets$/);
  await page.locator("#asset-zone").selectOption("*");
});

test("the cover says the design is not approved; the design basis and the CRS fit the page", {
  skip,
}, async () => {
  const note = page.locator("#cover .cover-unapproved");
  assert.ok(await note.isVisible());
  assert.match((await note.textContent()) ?? "", /not approved in one subject: security-level-targets/);
  const width = await page.evaluate<number>("document.documentElement.clientWidth");
  for (const selector of ["section#design table", "section#crs table.crs-reqs", "section#crs dl.facts"]) {
    await page.locator(selector).first().scrollIntoViewIfNeeded();
    const box = await page.locator(selector).first().boundingBox();
    assert.ok(box && box.width > 400 && box.x + box.width <= width, `${selector}: ${JSON.stringify(box)}`);
  }
  // The report names the requirements by id; the title is on the id.
  const req = page.locator("section#crs td.reqs .req", { hasText: /^SR 3\.3 RE 1$/ }).first();
  assert.equal(
    await req.getAttribute("title"),
    "Automated mechanisms for security functionality verification",
  );
});

test("a full-page screenshot of the report", { skip }, async (t) => {
  const path = join(tmpdir(), `otaudit-report-${process.pid}.png`);
  // The report lets the browser skip laying out parts out of view (content-visibility); a full-page picture
  // needs them all drawn.
  await page.addStyleTag({ content: "main > section { content-visibility: visible !important; }" });
  await page.screenshot({ path, fullPage: true });
  t.diagnostic(`screenshot: ${path}`);
  console.log(`report screenshot: ${path}`);
});
