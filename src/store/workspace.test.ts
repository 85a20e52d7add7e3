import assert from "node:assert/strict";
import { spawn, spawnSync } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "node:test";
import { fileURLToPath } from "node:url";
import type { Assessment } from "../model/assessment.js";
import { MIGRATIONS } from "./migrations.js";
import { Workspace } from "./workspace.js";

function assessment(id: string, finishedAt: string, findings: string[] = []): Assessment {
  return {
    id,
    tool: { name: "otaudit", version: "0.0.0" },
    site: "Test site",
    startedAt: finishedAt,
    finishedAt,
    inputs: [{ path: "plant.yaml", kind: "plant", sha256: "a".repeat(64), bytes: 10 }],
    problems: [],
    zones: [],
    conduits: [],
    assets: [],
    capture: null,
    findings: findings.map((f) => ({
      id: f,
      rule: f.split(":")[0]!,
      title: "t",
      severity: "high",
      requirements: ["SR 1.1"],
      related: [],
      summary: "s",
      zones: [],
      crossings: [],
      assets: [],
      evidence: [{ kind: "line", file: "plant.yaml", line: 3 }],
      remediation: "r",
      thresholds: [],
    })),
    program: [],
    comparison: null,
  };
}

const tempDb = () => join(mkdtempSync(join(tmpdir(), "otaudit-ws-")), "workspace.db");

test("migrations bring a new workspace to the latest version, and reopening keeps it", () => {
  const path = tempDb();
  const ws = Workspace.open(path);
  assert.equal(ws.schemaVersion, MIGRATIONS.at(-1)!.version);
  ws.save(assessment("a1", "2026-01-01T00:00:00.000Z", ["ACC-001:x"]));
  ws.close();
  const again = Workspace.open(path);
  assert.deepEqual(
    again.list().map((s) => [s.id, s.findings]),
    [["a1", 1]],
  );
  again.close();
});

test("a later migration applies on top of an existing workspace without losing runs", () => {
  const path = tempDb();
  Workspace.open(path).save(assessment("a1", "2026-01-01T00:00:00.000Z"));
  const next = [...MIGRATIONS, { version: 99, description: "test", sql: "CREATE TABLE note (text TEXT);" }];
  const ws = Workspace.open(path, next);
  assert.equal(ws.schemaVersion, 99);
  assert.equal(ws.list().length, 1);
  ws.close();
  assert.throws(() => Workspace.open(path), /newer than this otaudit knows/);
});

test("runs are listed in order and the latest is read back whole", () => {
  const ws = Workspace.open(tempDb());
  ws.save(assessment("first", "2026-01-01T00:00:00.000Z", ["ACC-001:x"]));
  ws.save(assessment("second", "2026-02-01T00:00:00.000Z", ["ACC-001:x", "BAK-001:y"]));
  assert.deepEqual(
    ws.list().map((s) => s.id),
    ["first", "second"],
  );
  const latest = ws.latest()!;
  assert.equal(latest.id, "second");
  assert.deepEqual(
    latest.findings.map((f) => f.id),
    ["ACC-001:x", "BAK-001:y"],
  );
  ws.close();
});

test("a save that fails midway leaves no trace of the run", () => {
  const ws = Workspace.open(tempDb());
  ws.save(assessment("a1", "2026-01-01T00:00:00.000Z"));
  // Two findings with the same id violate the primary key after the assessment row was written.
  assert.throws(() => ws.save(assessment("a2", "2026-01-02T00:00:00.000Z", ["X-001:dup", "X-001:dup"])));
  assert.deepEqual(
    ws.list().map((s) => s.id),
    ["a1"],
  );
  ws.close();
});

test("a process killed inside a save leaves the earlier state whole", () => {
  const path = tempDb();
  const ws = Workspace.open(path);
  ws.save(assessment("before", "2026-01-01T00:00:00.000Z"));
  ws.close();
  killed(path);
  const after = Workspace.open(path);
  assert.deepEqual(
    after.list().map((s) => s.id),
    ["before"],
  );
  after.close();
});

test("a run stored before findings told contradicted from related requirements, and capture warnings had codes, still loads", async () => {
  const path = tempDb();
  const ws = Workspace.open(path);
  ws.save(assessment("old", "2026-01-01T00:00:00.000Z", ["ACC-001:x"]));
  ws.close();
  // The JSON such a run was stored as: no `related` on findings, warnings as text.
  const { default: Database } = await import("better-sqlite3");
  const db = new Database(path);
  const row = db.prepare("SELECT result_json FROM assessment WHERE id = 'old'").get() as {
    result_json: string;
  };
  const old = JSON.parse(row.result_json) as Record<string, unknown> & {
    findings: Record<string, unknown>[];
  };
  for (const f of old.findings) delete f.related;
  old.capture = {
    flows: [],
    operations: [],
    observations: [],
    anomalyCount: 0,
    stats: {
      packets: 10,
      bytes: 900,
      files: [
        {
          path: "captures/a.pcap",
          format: "pcap",
          linkTypes: ["EN10MB"],
          packets: 9,
          warnings: ["cut short"],
        },
        {
          path: "captures/b.pcap",
          format: "pcap",
          linkTypes: ["X"],
          packets: 1,
          warnings: ["link type 999 is not decoded"],
        },
      ],
    },
  };
  db.prepare("UPDATE assessment SET result_json = ? WHERE id = 'old'").run(JSON.stringify(old));
  db.close();
  const loaded = Workspace.open(path).get("old");
  assert.ok(loaded);
  // Every cited requirement counted against the zone then, and the run keeps the verdicts it had.
  assert.deepEqual(loaded.findings[0]!.related, []);
  assert.deepEqual(
    loaded.capture?.stats.files.map((f) => f.warnings.map((w) => [w.code, w.message, w.frame])),
    [[["capture-damaged", "cut short", null]], [["not-modelled", "link type 999 is not decoded", null]]],
  );
});

const LABELS_VERSION = 4;
const label = (text: string, by = "A. Assessor", at = "2026-03-01T10:00:00.000Z") => ({ text, by, at });

function killed(path: string, ...what: string[]) {
  const child = fileURLToPath(new URL("./kill-during-save.fixture.js", import.meta.url));
  const result = spawnSync(process.execPath, [...process.execArgv, child, path, ...what], {
    encoding: "utf8",
  });
  assert.equal(result.signal, "SIGKILL", result.stderr);
}

test("two processes opening an old workspace at once migrate it once, and both open it", async () => {
  const path = tempDb();
  Workspace.open(
    path,
    MIGRATIONS.filter((m) => m.version < LABELS_VERSION),
  ).close();
  const { default: Database } = await import("better-sqlite3");
  // A writer holds the workspace while both read its old version; each then waits for the lock to migrate.
  const holder = new Database(path);
  holder.exec("BEGIN IMMEDIATE");
  const child = fileURLToPath(new URL("./kill-during-save.fixture.js", import.meta.url));
  const opening = [1, 2].map(
    () =>
      new Promise<{ code: number | null; out: string; err: string }>((done) => {
        const p = spawn(process.execPath, [...process.execArgv, child, path, "open"]);
        let out = "";
        let err = "";
        p.stdout.on("data", (d) => {
          out += d;
        });
        p.stderr.on("data", (d) => {
          err += d;
        });
        p.on("close", (code) => done({ code, out, err }));
      }),
  );
  await new Promise((r) => setTimeout(r, 1500));
  holder.exec("COMMIT");
  holder.close();
  const latest = String(MIGRATIONS.at(-1)!.version);
  for (const r of await Promise.all(opening)) assert.deepEqual([r.code, r.out], [0, latest], r.err);
});

test("a workspace stored before labels opens, migrates and keeps its runs, which can then be labelled", async () => {
  const path = tempDb();
  // The workspace as otaudit wrote it before labels: every migration up to the one that adds them.
  const before = MIGRATIONS.filter((m) => m.version < LABELS_VERSION);
  const old = Workspace.open(path, before);
  assert.equal(old.schemaVersion, LABELS_VERSION - 1);
  old.save(assessment("r1", "2026-01-01T00:00:00.000Z", ["ACC-001:x"]));
  old.save(assessment("r2", "2026-02-01T00:00:00.000Z"));
  old.close();
  const { default: Database } = await import("better-sqlite3");
  const raw = new Database(path);
  assert.equal(raw.prepare("SELECT name FROM sqlite_master WHERE name = 'run_label'").get(), undefined);
  raw.close();

  const ws = Workspace.open(path);
  assert.equal(ws.schemaVersion, MIGRATIONS.at(-1)!.version);
  assert.deepEqual(
    ws.list().map((r) => [r.id, r.findings, r.label]),
    [
      ["r1", 1, null],
      ["r2", 0, null],
    ],
  );
  assert.equal(ws.get("r1")!.findings[0]!.id, "ACC-001:x");
  assert.equal(ws.lastLabelled(), undefined);
  assert.deepEqual(ws.label("r1", label("2025 annual review")), { outcome: "labelled", movedFrom: null });
  assert.deepEqual(ws.list()[0]!.label, label("2025 annual review"));
  assert.equal(ws.lastLabelled()!.id, "r1");
  ws.close();
});

test("labels: unique whatever their case, one per run, moved only when asked; the last review is the latest labelled run", () => {
  const ws = Workspace.open(tempDb());
  ws.save(assessment("r1", "2026-01-01T00:00:00.000Z"));
  ws.save(assessment("r2", "2026-02-01T00:00:00.000Z"));
  ws.save(assessment("r3", "2026-03-01T00:00:00.000Z"));
  ws.label("r2", label("2026 annual review"));
  ws.label("r1", label("2025 annual review"));
  // The latest labelled run by when it ran, not by when it was labelled; the unlabelled r3 is later still.
  assert.equal(ws.lastLabelled()!.id, "r2");
  assert.equal(ws.latest()!.id, "r3");

  assert.deepEqual(ws.label("r3", label("2026 ANNUAL review")), { outcome: "taken", run: "r2" });
  assert.deepEqual(ws.label("r2", label("2026 Annual Review", "someone else")), {
    outcome: "unchanged",
    label: { ...label("2026 annual review"), run: "r2" },
  });
  assert.deepEqual(ws.label("r2", label("another")), {
    outcome: "run-labelled",
    label: { ...label("2026 annual review"), run: "r2" },
  });
  assert.equal(ws.labelled("2026 ANNUAL REVIEW")!.run, "r2");

  assert.deepEqual(ws.label("r3", label("2026 annual review", "B. Lead"), true), {
    outcome: "labelled",
    movedFrom: "r2",
  });
  assert.deepEqual(
    ws.labels().map((l) => [l.run, l.text, l.by]),
    [
      ["r1", "2025 annual review", "A. Assessor"],
      ["r3", "2026 annual review", "B. Lead"],
    ],
  );
  assert.equal(ws.lastLabelled()!.id, "r3");
  assert.equal(ws.unlabel("2026 annual REVIEW")!.run, "r3");
  assert.equal(ws.unlabel("2026 annual review"), undefined);
  assert.equal(ws.lastLabelled()!.id, "r1");
  ws.close();
});

test("a process killed while moving a label leaves the labels as they were", () => {
  const path = tempDb();
  const ws = Workspace.open(path);
  ws.save(assessment("r1", "2026-01-01T00:00:00.000Z"));
  ws.save(assessment("r2", "2026-02-01T00:00:00.000Z"));
  ws.label("r1", label("2026 annual review"));
  ws.close();
  killed(path, "label", "r2", "2026 annual review");
  const after = Workspace.open(path);
  assert.deepEqual(
    after.labels().map((l) => [l.run, l.text, l.by]),
    [["r1", "2026 annual review", "A. Assessor"]],
  );
  after.close();
});

test("a process killed inside the labels migration leaves the old workspace, which the next open migrates", () => {
  const path = tempDb();
  const old = Workspace.open(
    path,
    MIGRATIONS.filter((m) => m.version < LABELS_VERSION),
  );
  old.save(assessment("r1", "2026-01-01T00:00:00.000Z"));
  old.close();
  killed(path, "migrate", String(LABELS_VERSION));
  const ws = Workspace.open(path);
  assert.equal(ws.schemaVersion, MIGRATIONS.at(-1)!.version);
  assert.deepEqual(
    ws.list().map((r) => [r.id, r.label]),
    [["r1", null]],
  );
  ws.close();
});
