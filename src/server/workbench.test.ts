/**
 * The workbench end to end in headless Chromium: open it with the token, answer a requirement, re-run the
 * assessment and see the zone's SL-A move; dismiss a finding as a false positive from the findings page, see
 * dispositions.yaml written beside the example's entries and the finding leave the SL-A after a re-run;
 * screenshots of every page at 1440x900 with no console errors.
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
import { call, examplePlantCopy } from "./testing.js";

const PAGES = ["dashboard", "inventory", "zones", "questionnaire", "findings", "risks", "history"];

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
    // The DMZ's SR 4.1 answered met: then one finding, tcp/80 open on syslog01, is all that holds its FR4 at 0.
    const met = unanswered.replace(
      /^( {6}- requirement: SR 4\.1\n) {8}status: partial\n {8}comment: Reports leave by HTTPS; syslog and the LogAnalyzer logon cross the DMZ in clear\.\n/m,
      "$1        status: met\n        evidence: Syslog over TLS (6514) only; LogAnalyzer reached through jump01 (change CHG-2026-1150).\n",
    );
    assert.notEqual(met, unanswered, "the example answers SR 4.1 in the DMZ partial");
    writeFileSync(answers, met);
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

  it("labels the current run an official review on the history page, under the assessor's name", async () => {
    const origin = new URL(workbench.url).origin;
    await page.goto(`${origin}/#/history`);
    const rows = page.locator("[data-testid=history] tbody tr");
    await rows.nth(1).waitFor();
    // Both runs of the test before, newest first, neither labelled yet.
    assert.equal(await rows.count(), 2);
    const current = (await rows.first().getAttribute("data-run"))!;
    const earlier = (await rows.nth(1).getAttribute("data-run"))!;
    assert.equal((await rows.first().getByTestId("run-label").textContent())!.trim(), "");

    const form = page.getByTestId("label-form");
    await form.getByLabel("label", { exact: true }).fill("2026 annual review");
    await form.getByLabel("labelled by").fill("E2E Assessor");
    await form.getByRole("button", { name: "Label" }).click();
    await page.getByTestId("label-message").waitFor();
    assert.match(
      (await page.getByTestId("label-message").textContent())!,
      /labelled "2026 annual review" by E2E Assessor/,
    );
    const row = page.locator(`[data-testid=history] tr[data-run="${current}"]`);
    assert.equal((await row.getByTestId("run-label").textContent())!.trim(), "2026 annual review");
    assert.match((await row.textContent())!, /E2E Assessor/);

    // The workspace has it, as `otaudit history` lists it; the same label on another run is refused, naming this one.
    const runs = await page.evaluate(async () => (await fetch("/api/history")).json());
    assert.deepEqual(
      (runs as { id: string; label: { text: string; by: string } | null }[]).map((r) => [
        r.id,
        r.label && [r.label.text, r.label.by],
      ]),
      [
        [earlier, null],
        [current, ["2026 annual review", "E2E Assessor"]],
      ],
    );
    // Through node:http rather than the page: a refused request would count among the page's console errors.
    const again = await call(Number(new URL(origin).port), {
      method: "POST",
      path: "/api/history/label",
      headers: { "x-otaudit-token": workbench.token, "content-type": "application/json" },
      body: JSON.stringify({ label: "2026 annual review", by: "Someone", run: earlier }),
    });
    assert.equal(again.status, 409);
    assert.match(again.body, new RegExp(`already on run ${current}`));
  });

  it("dismisses a finding as a false positive, writes dispositions.yaml, and after a re-run the finding no longer holds the SL-A", async () => {
    const origin = new URL(workbench.url).origin;
    const api = (path: string, init: RequestInit = {}) =>
      fetch(`${origin}${path}`, {
        ...init,
        headers: { "x-otaudit-token": workbench.token, "content-type": "application/json" },
      });
    const assessment = (await (await api("/api/assessment")).json()) as {
      zones: (Zone & { requirements: { id: string; answered: string | null; findings: string[] }[] })[];
    };
    // A zone and FR where one requirement, answered met, is contradicted by one finding alone.
    const candidates = assessment.zones.flatMap((zone) =>
      ["FR1", "FR2", "FR3", "FR4", "FR5", "FR6", "FR7"].flatMap((fr, i) => {
        const blocking = zone.gaps.filter((g) => g.fr === fr && g.neededFor === zone.slAchieved[i]! + 1);
        const r = zone.requirements.find((x) => x.id === blocking[0]?.requirement);
        return blocking.length === 1 && r?.answered === "met" && r.findings.length === 1
          ? [{ zone: zone.id, fr, index: i, finding: r.findings[0]! }]
          : [];
      }),
    );
    assert.ok(candidates.length > 0, "one finding alone holds a zone's SL-A in an FR");
    const target = candidates[0]!;
    const before = assessment.zones.find((z) => z.id === target.zone)!.slAchieved[target.index]!;
    const file = join(plantDir, "dispositions.yaml");
    const original = readFileSync(file, "utf8");

    await page.goto(`${origin}/#/findings`);
    await page.getByLabel("search").fill(target.finding);
    await page.locator(`tr[data-finding="${target.finding}"]`).click();
    const form = page.locator(`tr[data-detail="${target.finding}"]`).getByTestId("disposition-form");
    await form.getByLabel("disposition").selectOption("false-positive");
    await form
      .getByLabel("justification")
      .fill("tcp/80 on syslog01 only redirects to HTTPS: the LogAnalyzer logon never crosses in clear.");
    await form.getByLabel("by").fill("E2E Assessor");
    await form.getByRole("button", { name: "Save" }).click();
    const saved = page.getByTestId("disposition-saved");
    await saved.waitFor();
    assert.match((await saved.textContent())!, /saved to dispositions.yaml/);
    // The example's entries and comments stay as they were, byte for byte; the new one follows them.
    const written = readFileSync(file, "utf8");
    assert.ok(written.startsWith(original), "dispositions.yaml kept its text");
    assert.match(
      written.slice(original.length),
      new RegExp(
        `- finding: ${target.finding.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&")}\n {4}status: false-positive\n`,
      ),
    );
    assert.match(written.slice(original.length), /by: E2E Assessor\n {4}date: \d{4}-\d{2}-\d{2}\n$/);

    // What the API refuses to write: an acceptance already over, a rule otaudit does not have.
    const refused = await api("/api/dispositions", {
      method: "PUT",
      body: JSON.stringify({
        finding: target.finding,
        status: "accepted",
        owner: "o",
        approver: "a",
        expires: "2020-01-01",
        rationale: "r",
        by: "E2E",
      }),
    });
    assert.equal(refused.status, 400);
    assert.match(await refused.text(), /2020-01-01 is in the past/);
    const unknown = await api("/api/dispositions", {
      method: "PUT",
      body: JSON.stringify({
        finding: "XYZ-001:a",
        status: "fixed-pending-verification",
        reference: "r",
        by: "E2E",
      }),
    });
    assert.equal(unknown.status, 400);
    assert.equal(readFileSync(file, "utf8"), written, "a refused disposition writes nothing");

    await rerun();
    await page.goto(`${origin}/#/dashboard`);
    const cell = page.locator(`tr[data-zone="${target.zone}"] td[data-fr="${target.fr}"]`);
    await cell.waitFor();
    const after = Number((await cell.textContent())!.trim().split("/")[0]);
    assert.ok(after > before, `${target.zone} ${target.fr}: SL-A ${before} -> ${after}`);
    await page.goto(`${origin}/#/findings`);
    await page.getByLabel("search").fill(target.finding);
    const row = page.locator(`tr[data-finding="${target.finding}"]`);
    assert.match((await row.getByTestId("disposition").textContent())!, /false positive/);
    assert.match((await row.getAttribute("class")) ?? "", /dismissed/);
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
