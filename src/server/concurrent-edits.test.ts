/**
 * Edits of the plant's files from more than one workbench at once, and edits that would leave the plant's inputs
 * inconsistent: no acknowledged answer may be lost, answers.yaml keeps its mode, and an asset that answers name
 * under its zone stays put.
 */
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import {
  chmodSync,
  lutimesSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from "node:fs";
import { hostname } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { parse } from "yaml";
import { SYSTEM_REQUIREMENTS } from "../standard/requirements.js";
import { startWorkbench, type Workbench } from "./server.js";
import { call, examplePlantCopy, type SpawnedWorkbench, spawnWorkbench } from "./testing.js";

interface AnswersText {
  zones: { zone: string; answers: { requirement: string; system?: string; evidence?: string }[] }[];
}

describe("concurrent and consistent edits", { timeout: 240_000 }, () => {
  let plantDir: string;
  let here: Workbench;
  let there: SpawnedWorkbench;
  const ports = () => [Number(new URL(here.url).port), there.port];
  const tokens = () => [here.token, there.token];
  const put = (which: number, path: string, body: unknown) =>
    call(ports()[which]!, {
      method: "PUT",
      path,
      headers: { "x-otaudit-token": tokens()[which]!, "content-type": "application/json" },
      body: JSON.stringify(body),
      // 102 saves in a row on a busy machine: each waits for the ones before it.
      timeoutMs: 100_000,
    });

  before(async () => {
    plantDir = examplePlantCopy("otaudit-concurrent-");
    here = await startWorkbench({ plantDir });
    there = await spawnWorkbench(plantDir);
  });
  after(async () => {
    await there?.stop();
    await here?.close();
  });

  it("keeps every answer that two workbench processes acknowledged", async () => {
    const requirements = SYSTEM_REQUIREMENTS.filter((r) => !r.id.includes("RE")).map((r) => r.id);
    const edits = ["control", "supervisory"].flatMap((zone) =>
      requirements.map((requirement) => ({ zone, requirement })),
    );
    assert.equal(edits.length, 102);
    const replies = await Promise.all(
      edits.map((edit, i) =>
        put(i % 2, "/api/answers", { ...edit, status: "partial", evidence: `concurrent save ${i}` }),
      ),
    );
    assert.deepEqual(
      replies.map((r) => r.status),
      edits.map(() => 200),
    );
    const file = parse(readFileSync(join(plantDir, "answers.yaml"), "utf8")) as AnswersText;
    const lost = edits.filter(({ zone, requirement }, i) => {
      const answer = file.zones
        .find((z) => z.zone === zone)
        ?.answers.find((a) => a.requirement === requirement && !a.system);
      return answer?.evidence !== `concurrent save ${i}`;
    });
    assert.deepEqual(lost, []);
    // Neither a lock nor a temporary file is left behind.
    assert.deepEqual(
      readdirSync(plantDir).filter((f) => f.startsWith(".answers.yaml")),
      [],
    );
  });

  it("keeps answers.yaml's file mode when saving", async () => {
    const path = join(plantDir, "answers.yaml");
    chmodSync(path, 0o600);
    const res = await put(0, "/api/answers", {
      zone: "control",
      requirement: "SR 1.2",
      status: "met",
      evidence: "x",
    });
    assert.equal(res.status, 200, res.body);
    assert.equal(statSync(path).mode & 0o777, 0o600);
  });

  it("breaks a lock left by a process that no longer runs", async () => {
    const dead = spawnSync(process.execPath, ["-e", ""]).pid;
    const lock = join(plantDir, ".answers.yaml.lock");
    writeFileSync(lock, JSON.stringify({ pid: dead, host: hostname(), nonce: "left-behind" }));
    const res = await put(1, "/api/answers", {
      zone: "control",
      requirement: "SR 1.3",
      status: "met",
      evidence: "y",
    });
    assert.equal(res.status, 200, res.body);
    assert.deepEqual(
      readdirSync(plantDir).filter((f) => f.startsWith(".answers.yaml")),
      [],
    );
  });

  it("waits for a lock its owner still holds, and breaks one left for over 30 s, even a dangling link", async () => {
    const lock = join(plantDir, ".answers.yaml.lock");
    writeFileSync(lock, JSON.stringify({ pid: process.pid, host: hostname(), nonce: "held" }));
    let answered = false;
    const waiting = put(1, "/api/answers", {
      zone: "control",
      requirement: "SR 1.4",
      status: "met",
      evidence: "z",
    });
    void waiting.then(() => {
      answered = true;
    });
    await new Promise((done) => setTimeout(done, 500));
    assert.equal(answered, false, "saved while another process held the lock");
    rmSync(lock);
    assert.equal((await waiting).status, 200);

    symlinkSync(join(plantDir, "no-such-target"), lock);
    const minuteAgo = new Date(Date.now() - 60_000);
    lutimesSync(lock, minuteAgo, minuteAgo);
    const res = await put(0, "/api/answers", {
      zone: "control",
      requirement: "SR 1.5",
      status: "met",
      evidence: "w",
    });
    assert.equal(res.status, 200, res.body);
    assert.deepEqual(
      readdirSync(plantDir).filter((f) => f.startsWith(".answers.yaml")),
      [],
    );
  });

  it("refuses to move an asset out of the zone that answers name it under, naming those answers", async () => {
    const path = join(plantDir, "plant.yaml");
    const before = readFileSync(path, "utf8");
    const res = await put(0, "/api/assets/hmi-01/zone", { zone: "control" });
    assert.equal(res.status, 409, res.body);
    assert.match(res.body, /hmi-01/);
    assert.match(res.body, /SR 3\.2/);
    assert.match(res.body, /supervisory/);
    assert.match(res.body, /answers\.yaml:\d+/);
    assert.equal(readFileSync(path, "utf8"), before);
    // Within its own zone nothing can break: accepted.
    assert.equal((await put(1, "/api/assets/hmi-01/zone", { zone: "supervisory" })).status, 200);
  });
});
