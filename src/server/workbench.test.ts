/**
 * The workbench end to end in headless Chromium: open it with the token, answer a requirement, re-run the
 * assessment and see the zone's SL-A move; screenshots of every page at 1440x900 with no console errors.
 */
import assert from "node:assert/strict";
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import type { Browser, Page } from "playwright-core";
import { launchChromium } from "../report/chromium.js";
import { startWorkbench, type Workbench } from "./server.js";
import { webRoot } from "./static-files.js";
import { examplePlantCopy } from "./testing.js";

const PAGES = ["dashboard", "inventory", "zones", "questionnaire", "findings", "risks"];

interface Gap {
  requirement: string;
  fr: string;
  neededFor: number;
  result: string;
}
interface Zone {
  id: string;
  slAchieved: number[];
  gaps: Gap[];
}

describe("workbench in the browser", { timeout: 300_000 }, () => {
  let plantDir: string;
  let workbench: Workbench;
  let browser: Browser;
  let page: Page;
  const consoleErrors: string[] = [];

  before(async () => {
    assert.ok(existsSync(join(webRoot(), "index.html")), "the UI is not built: run `npx vite build web`");
    plantDir = examplePlantCopy("otaudit-workbench-");
    // The DMZ's SR 6.1 left unanswered: that one answer is then all that holds its FR6 at SL-A 0.
    const answers = join(plantDir, "answers.yaml");
    const text = readFileSync(answers, "utf8");
    const unanswered = text.replace(
      /^ {6}- requirement: SR 6\.1\n {8}status: met\n {8}evidence: jump01 and fw-ot logs go to the syslog server.*\n/m,
      "",
    );
    assert.notEqual(unanswered, text, "the example answers SR 6.1 in the DMZ");
    writeFileSync(answers, unanswered);
    workbench = await startWorkbench({ plantDir });
    // The report's launcher: the same binary, sandbox and no-calls-home flags (127.0.0.1 needs no resolving).
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    page.on("console", (m) => {
      if (m.type() === "error") consoleErrors.push(m.text());
    });
    page.on("pageerror", (e) => consoleErrors.push(e.message));
  });
  after(async () => {
    await browser?.close();
    await workbench?.close();
  });

  /** Presses the re-run button and waits for the progress it shows to come and go. */
  async function rerun(): Promise<void> {
    await page.getByTestId("rerun").click();
    await page.getByTestId("run-progress").waitFor({ state: "visible" });
    await page.getByTestId("run-progress").waitFor({ state: "detached", timeout: 150_000 });
    assert.equal(await page.getByTestId("run-error").count(), 0);
  }

  it("answers a requirement, re-runs the assessment and shows the zone's SL-A rise", async () => {
    await page.goto(workbench.url);
    assert.equal(new URL(page.url()).searchParams.get("token"), null, "the token stays in the address bar");
    await rerun();
    await page.getByTestId("sl-table").waitFor();

    // A zone and FR where one unanswered requirement alone holds SL-A below the next level.
    const assessment = (await (
      await fetch(`${new URL(workbench.url).origin}/api/assessment`, {
        headers: { "x-otaudit-token": workbench.token },
      })
    ).json()) as { zones: Zone[] };
    const candidates = assessment.zones.flatMap((zone) =>
      ["FR1", "FR2", "FR3", "FR4", "FR5", "FR6", "FR7"].flatMap((fr, i) => {
        const blocking = zone.gaps.filter((g) => g.fr === fr && g.neededFor === zone.slAchieved[i]! + 1);
        return blocking.length === 1 && blocking[0]!.result === "unknown"
          ? [{ zone: zone.id, fr, index: i, requirement: blocking[0]!.requirement }]
          : [];
      }),
    );
    assert.ok(candidates.length > 0, "the example plant has a zone one answer away from a higher SL-A");
    const target = candidates[0]!;
    const before = assessment.zones.find((z) => z.id === target.zone)!.slAchieved[target.index]!;
    const cell = page.locator(`tr[data-zone="${target.zone}"] td[data-fr="${target.fr}"]`);
    assert.match((await cell.textContent())!, new RegExp(`^\\s*${before}/`));

    await page.goto(`${new URL(workbench.url).origin}/#/questionnaire`);
    await page.getByTestId("q-zone").selectOption(target.zone);
    await page.getByTestId("q-fr").selectOption(target.fr);
    const card = page.locator(`[data-requirement="${target.requirement}"]`);
    await card.getByLabel("status").selectOption("met");
    await card
      .getByLabel("evidence")
      .fill("Central audit log collection, reviewed weekly (procedure OPS-12).");
    await card.getByLabel("assessor").fill("E2E Assessor");
    await card.getByRole("button", { name: "Save" }).click();
    await card.getByTestId("saved").waitFor();
    assert.match((await card.getByTestId("saved").textContent())!, /saved to answers.yaml/);
    const answers = readFileSync(join(plantDir, "answers.yaml"), "utf8");
    assert.match(answers, /E2E Assessor/);
    assert.match(answers, /^# Riverside Water Treatment Works: questionnaire answers/m);

    await rerun();
    await page.goto(`${new URL(workbench.url).origin}/#/dashboard`);
    await cell.waitFor();
    assert.match((await cell.textContent())!, new RegExp(`^\\s*${before + 1}/`));
  });

  it("shows a conflict, takes the assessor's override with its rationale, and shows the evidence overruled after a re-run", async () => {
    await page.goto(`${new URL(workbench.url).origin}/#/questionnaire`);
    await page.getByTestId("q-zone").selectOption("supervisory");
    await page.getByTestId("q-fr").selectOption("FR1");
    // SR 1.7 of the supervisory zone: answered met, contradicted by HARD-001 (ews-01's password policy).
    const card = page.locator('[data-requirement="SR 1.7"]');
    await card.getByTestId("conflict").waitFor();
    assert.match((await card.getByTestId("conflict").textContent())!, /HARD-001/);
    await card.getByLabel("override rationale").fill("too short");
    assert.equal(await card.getByRole("button", { name: "Save" }).isDisabled(), true);
    await card
      .getByLabel("override rationale")
      .fill(
        "The secedit export predates the OT domain GPO applied to ews-01 on 2026-11-22 (rsop.msc, seen 2026-11-24).",
      );
    await card.getByLabel("assessor").fill("E2E Assessor");
    await card.getByRole("button", { name: "Save" }).click();
    await card.getByTestId("saved").waitFor();
    assert.match(
      readFileSync(join(plantDir, "answers.yaml"), "utf8"),
      /override:\n {10}rationale: The secedit export predates/,
    );

    await rerun();
    await page.goto(`${new URL(workbench.url).origin}/#/questionnaire`);
    await page.getByTestId("q-zone").selectOption("supervisory");
    await page.getByTestId("q-fr").selectOption("FR1");
    await card.getByTestId("overruled").waitFor();
    assert.match(
      (await card.getByTestId("overruled").textContent())!,
      /HARD-001[\s\S]*E2E Assessor, \d{4}-\d{2}-\d{2}: The secedit export/,
    );
    assert.equal(await card.getByTestId("result").textContent(), "met");
    assert.equal(await card.getByTestId("conflict").count(), 0);
    // The compensated SR 1.1 RE 2 of the SIS reads as such.
    await page.getByTestId("q-zone").selectOption("safety");
    assert.equal(
      await page.locator('[data-requirement="SR 1.1 RE 2"]').getByTestId("result").textContent(),
      "met by compensating countermeasure",
    );
  });

  it("shows every page at 1440x900 without console errors", async () => {
    const folder = mkdtempSync(join(tmpdir(), "otaudit-workbench-shots-"));
    for (const name of PAGES) {
      await page.goto(`${new URL(workbench.url).origin}/#/${name}`);
      await page.locator("main h2").waitFor();
      if (name === "inventory") await page.locator("[data-testid=assets] tbody tr").first().click();
      await page.screenshot({ path: join(folder, `${name}.png`) });
    }
    console.log(`workbench screenshots: ${folder}`);
    assert.deepEqual(consoleErrors, []);
  });

  it("refuses the browser without the token, and a path outside the plant", async () => {
    const fresh = await browser.newPage();
    const origin = new URL(workbench.url).origin;
    const response = await fresh.goto(`${origin}/`);
    assert.equal(response!.status(), 401);
    await fresh.close();
    // The page holding the cookie cannot climb out either: outside answers as missing does.
    const status = await page.evaluate(
      async () => (await fetch("/api/file?path=..%2F..%2F..%2Fetc%2Fpasswd")).status,
    );
    assert.equal(status, 404);
  });
});
