import assert from "node:assert/strict";
import { existsSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { after, before, describe, it } from "node:test";
import { parse } from "yaml";
import { loadPlant } from "../app/assess.js";
import { loadAnswers } from "../app/verdicts.js";
import { startWorkbench, type Workbench } from "./server.js";
import { examplePlantCopy } from "./testing.js";

describe("workbench server", () => {
  let plantDir: string;
  let workbench: Workbench;
  let base: string;
  const authed = (path: string, init: RequestInit = {}) =>
    fetch(base + path, { ...init, headers: { ...init.headers, "x-otaudit-token": workbench.token } });
  const putJson = (path: string, body: unknown) =>
    authed(path, {
      method: "PUT",
      body: JSON.stringify(body),
      headers: { "content-type": "application/json" },
    });

  before(async () => {
    plantDir = examplePlantCopy("otaudit-serve-");
    workbench = await startWorkbench({ plantDir });
    base = new URL(workbench.url).origin;
  });
  after(() => workbench.close());

  it("binds to 127.0.0.1 and prints a URL carrying a long random token", () => {
    assert.equal(new URL(workbench.url).hostname, "127.0.0.1");
    assert.match(workbench.token, /^[\w-]{43}$/);
    assert.equal(new URL(workbench.url).searchParams.get("token"), workbench.token);
  });

  it("refuses requests without the token or with a wrong one", async () => {
    assert.equal((await fetch(`${base}/api/catalogue`)).status, 401);
    assert.equal((await fetch(`${base}/`)).status, 401);
    const wrong = await fetch(`${base}/api/catalogue`, { headers: { "x-otaudit-token": "x".repeat(43) } });
    assert.equal(wrong.status, 401);
    assert.equal((await fetch(`${base}/?token=nope`, { redirect: "manual" })).status, 401);
    assert.equal((await authed("/api/catalogue")).status, 200);
  });

  it("trades the token in the start-up URL for an HttpOnly SameSite=Strict cookie", async () => {
    const res = await fetch(workbench.url, { redirect: "manual" });
    assert.equal(res.status, 303);
    assert.equal(res.headers.get("location"), "/");
    const cookie = res.headers.get("set-cookie")!;
    assert.match(cookie, /HttpOnly/);
    assert.match(cookie, /SameSite=Strict/);
    const page = await fetch(`${base}/`, { headers: { cookie: cookie.split(";")[0]! } });
    assert.equal(page.status, 200);
  });

  it("reads plant files but nothing outside the plant folder", async () => {
    const inside = await authed("/api/file?path=plant.yaml");
    assert.equal(inside.status, 200);
    assert.match(await inside.text(), /Riverside Water Treatment Works/);
    symlinkSync("/etc", join(plantDir, "escape"));
    // Outside and missing get the same answer, naming the path as asked: nothing tells what exists outside.
    for (const path of [
      "../../../../etc/passwd",
      "/etc/passwd",
      "escape/passwd",
      "escape/no-such-file",
      "escape/no-such-folder/file",
      "captures/../../plant/plant.yaml",
      "no-such-folder/deeper/file.txt",
      "plant.yaml/below-a-file",
      "captures/no-such-capture.pcap",
    ]) {
      const res = await authed(`/api/file?path=${encodeURIComponent(path)}`);
      assert.equal(res.status, 404, path);
      assert.equal(await res.text(), `not found: ${path}`);
    }
    // The UI's static files are confined the same way: an encoded `..` must not climb out of web/dist.
    assert.equal((await authed("/..%2f..%2fpackage.json")).status, 403);
  });

  it("refuses request bodies over the size limit", async () => {
    const res = await putJson("/api/answers", {
      zone: "control",
      requirement: "SR 1.1",
      evidence: "x".repeat(70_000),
    });
    assert.equal(res.status, 413);
  });

  it("rejects answers naming an unknown zone, requirement or status", async () => {
    assert.equal(
      (await putJson("/api/answers", { zone: "nowhere", requirement: "SR 1.1", status: "met" })).status,
      400,
    );
    assert.equal(
      (await putJson("/api/answers", { zone: "control", requirement: "SR 9.9", status: "met" })).status,
      400,
    );
    assert.equal(
      (await putJson("/api/answers", { zone: "control", requirement: "SR 1.1", status: "yes" })).status,
      400,
    );
  });

  it("saves an answer to answers.yaml keeping its comments and the order of its records", async () => {
    const path = join(plantDir, "answers.yaml");
    const before = readFileSync(path, "utf8");
    const zonesBefore = (parse(before) as { zones: { zone: string }[] }).zones.map((z) => z.zone);
    const res = await putJson("/api/answers", {
      zone: "dmz",
      requirement: "SR 2.12",
      status: "met",
      evidence: "jump01 session logs signed and kept on syslog01 for a year.",
      assessor: "Test Assessor",
    });
    assert.equal(res.status, 200);
    const text = readFileSync(path, "utf8");
    const comments = before.split("\n").filter((line) => line.trimStart().startsWith("#"));
    for (const comment of comments) assert.ok(text.includes(comment), `comment lost: ${comment}`);
    const file = parse(text) as { zones: { zone: string; answers: Record<string, string>[] }[] };
    assert.deepEqual(
      file.zones.map((z) => z.zone),
      zonesBefore,
    );
    const answer = file.zones
      .find((z) => z.zone === "dmz")!
      .answers.find((a) => a.requirement === "SR 2.12")!;
    assert.equal(answer.status, "met");
    assert.equal(answer.assessor, "Test Assessor");
    assert.match(answer.date!, /^\d{4}-\d{2}-\d{2}$/);
    // Atomic replace: no temporary file is left beside it.
    assert.deepEqual(
      readdirSync(dirname(path)).filter((f) => f.endsWith(".tmp")),
      [],
    );
  });

  it("saves an override of contradicting evidence and a compensating countermeasure; refuses either half-given", async () => {
    const path = join(plantDir, "answers.yaml");
    const before = readFileSync(path, "utf8");
    // The supervisory SR 1.7 that HARD-001 contradicts: the assessor's answer stands, with why.
    const rationale = "The secedit export predates the GPO of 2026-11-22; rsop.msc shows 14 characters.";
    const short = await putJson("/api/answers", {
      zone: "supervisory",
      requirement: "SR 1.7",
      status: "met",
      evidence: "OT domain password policy.",
      override: { rationale: "trust me", by: "Test Assessor" },
    });
    assert.equal(short.status, 400);
    assert.match(await short.text(), /at least 20 characters/);
    const bare = await putJson("/api/answers", {
      zone: "safety",
      requirement: "SR 1.11",
      status: "compensated",
    });
    assert.equal(bare.status, 400);
    assert.match(await bare.text(), /compensated needs a compensation/);
    assert.equal(readFileSync(path, "utf8"), before, "a refused request changes nothing");

    const saved = await putJson("/api/answers", {
      zone: "supervisory",
      requirement: "SR 1.7",
      status: "met",
      evidence: "OT domain password policy, 12 characters minimum (GPO export of 2026-11-18).",
      override: { rationale, by: "Test Assessor" },
    });
    assert.equal(saved.status, 200);
    const compensation = {
      countermeasure: "The engineering port sits in the locked SIS cabinet; a key switch guards it.",
      standsFor: "Limiting unsuccessful logins, which the F-CPU cannot do.",
      evidence: "Key register of SP-01.",
      approvedBy: "Robert Osei",
      date: "2026-11-25",
    };
    const compensated = await putJson("/api/answers", {
      zone: "safety",
      requirement: "SR 1.11",
      status: "compensated",
      compensation,
    });
    assert.equal(compensated.status, 200);
    const text = readFileSync(path, "utf8");
    for (const comment of before.split("\n").filter((line) => line.trimStart().startsWith("#")))
      assert.ok(text.includes(comment), `comment lost: ${comment}`);
    const zones = (parse(text) as { zones: { zone: string; answers: Record<string, unknown>[] }[] }).zones;
    const answer = (zone: string, id: string) =>
      zones.find((z) => z.zone === zone)!.answers.find((a) => a.requirement === id)!;
    const override = answer("supervisory", "SR 1.7").override as Record<string, string>;
    assert.equal(override.rationale, rationale);
    assert.equal(override.by, "Test Assessor");
    assert.match(override.date!, /^\d{4}-\d{2}-\d{2}$/);
    assert.deepEqual(answer("safety", "SR 1.11").compensation, compensation);
    // What the workbench wrote loads as answers.yaml, with the plant's checks.
    const { answers, problems } = loadAnswers(plantDir, loadPlant(plantDir).plant);
    assert.ok(answers);
    assert.deepEqual(
      problems.filter((p) => p.severity === "error"),
      [],
    );
  });

  it("edits a zone's SL-T and moves an asset in plant.yaml, changing nothing else", async () => {
    const path = join(plantDir, "plant.yaml");
    const original = readFileSync(path, "utf8").split("\n");
    assert.equal(
      (await putJson("/api/zones/enterprise/target", { target: [1, 1, 1, 1, 1, 2, 1] })).status,
      200,
    );
    assert.equal((await putJson("/api/assets/office-pc-12/zone", { zone: "dmz" })).status, 200);
    assert.equal((await putJson("/api/assets/office-pc-12/zone", { zone: "nowhere" })).status, 400);
    assert.equal((await putJson("/api/zones/enterprise/target", { target: 5 })).status, 400);
    // Only the two edited values change; comments, flow maps and spacing stay byte for byte.
    const lines = readFileSync(path, "utf8").split("\n");
    assert.equal(lines.length, original.length);
    const changed = lines.filter((line, i) => line !== original[i]);
    assert.equal(changed.length, 2);
    assert.equal(changed[0], "    slTarget: [1, 1, 1, 1, 1, 2, 1]");
    assert.match(changed[1]!, /^ {2}- \{ id: office-pc-12, .*zone: dmz, ips: \[10\.10\.10\.32\] \}$/);
    const { plant } = loadPlant(plantDir);
    assert.deepEqual(plant.spec.zones.find((z) => z.id === "enterprise")!.slTarget, [1, 1, 1, 1, 1, 2, 1]);
    assert.equal(plant.spec.assets.find((a) => a.id === "office-pc-12")!.zone, "dmz");
  });

  it("reports no stored assessment before the first run", async () => {
    assert.equal(existsSync(join(plantDir, ".otaudit")), false);
    assert.equal(await (await authed("/api/assessment")).json(), null);
    writeFileSync(join(plantDir, "notes.txt"), "kept");
    assert.equal(await (await authed("/api/file?path=notes.txt")).text(), "kept");
  });
});
