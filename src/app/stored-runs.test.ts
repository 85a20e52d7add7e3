/**
 * Stored runs named by label, id or `latest`, labelled through the one function the CLI and the workbench call,
 * and the run a new assessment compares with: the last labelled one, the latest while none is labelled, or the one
 * asked for. Runs stored directly in a workspace: no assessment is run here.
 */
import assert from "node:assert/strict";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "node:test";
import type { Assessment } from "../model/assessment.js";
import { Workspace, workspacePath } from "../store/workspace.js";
import { LabelTakenError, RequestError } from "./errors.js";
import { compareStoredRuns, labelRun, runToCompareWith, storedRuns, unlabelRun } from "./stored-runs.js";

function run(id: string, finishedAt: string): Assessment {
  return {
    id,
    tool: { name: "otaudit", version: "0.0.0" },
    site: "Test site",
    startedAt: finishedAt,
    finishedAt,
    inputs: [],
    problems: [],
    zones: [],
    conduits: [],
    assets: [],
    capture: null,
    findings: [],
    program: [],
    comparison: null,
  };
}

/** A plant folder whose workspace holds runs `aaaa1111`, `aaaa2222`, `bbbb3333`, a month apart. */
function plantWithRuns(): string {
  const dir = mkdtempSync(join(tmpdir(), "otaudit-runs-"));
  const ws = Workspace.open(workspacePath(dir));
  ws.save(run("aaaa1111-0000", "2026-01-01T00:00:00.000Z"));
  ws.save(run("aaaa2222-0000", "2026-02-01T00:00:00.000Z"));
  ws.save(run("bbbb3333-0000", "2026-03-01T00:00:00.000Z"));
  ws.close();
  return dir;
}

function chosen(dir: string, compareWith?: string) {
  const ws = Workspace.open(workspacePath(dir));
  try {
    const c = runToCompareWith(ws, compareWith);
    return c && { id: c.run.id, label: c.label, basis: c.basis };
  } finally {
    ws.close();
  }
}

test("a new assessment compares with the last labelled run, the latest while none is labelled, or the one named", () => {
  const dir = plantWithRuns();
  assert.deepEqual(chosen(dir), { id: "bbbb3333-0000", label: undefined, basis: "latest-run" });
  labelRun(dir, { label: "2025 annual review", run: "aaaa1111", by: "A. Assessor" });
  // A later unlabelled run does not displace the review.
  assert.deepEqual(chosen(dir), { id: "aaaa1111-0000", label: "2025 annual review", basis: "last-review" });
  assert.deepEqual(chosen(dir, "latest"), { id: "bbbb3333-0000", label: undefined, basis: "requested" });
  assert.deepEqual(chosen(dir, "aaaa2"), { id: "aaaa2222-0000", label: undefined, basis: "requested" });
  assert.deepEqual(chosen(dir, "2025 Annual Review"), {
    id: "aaaa1111-0000",
    label: "2025 annual review",
    basis: "requested",
  });
  assert.throws(
    () => chosen(dir, "2024 annual review"),
    (e: Error) =>
      e instanceof RequestError &&
      e.message ===
        'no stored assessment has the label or id "2024 annual review"; the labels are "2025 annual review" (run aaaa1111)',
  );
  assert.throws(() => chosen(dir, "aaaa"), /aaaa names 2 assessments; give more of the id/);
  // Before the first run: nothing to compare with, and `latest` asks for nothing more.
  const empty = mkdtempSync(join(tmpdir(), "otaudit-runs-"));
  Workspace.open(workspacePath(empty)).close();
  assert.equal(chosen(empty), undefined);
  assert.equal(chosen(empty, "latest"), undefined);
  assert.throws(() => chosen(empty, "2025 annual review"), /no run is labelled yet/);
});

test("labelling: the latest run unless named, who and when recorded, unique labels, one per run", () => {
  const dir = plantWithRuns();
  const at = new Date("2026-03-02T09:00:00Z");
  const done = labelRun(dir, { label: "  2026 annual review ", by: "A. Assessor", at });
  assert.deepEqual(
    [done.run.id, done.label, done.changed],
    ["bbbb3333-0000", { text: "2026 annual review", by: "A. Assessor", at: at.toISOString() }, true],
  );
  assert.equal(labelRun(dir, { label: "2026 annual review", by: "B" }).changed, false);
  assert.throws(
    () => labelRun(dir, { label: "2026 ANNUAL REVIEW", run: "aaaa1111", by: "B" }),
    (e: Error) =>
      e instanceof LabelTakenError &&
      e.run === "bbbb3333-0000" &&
      /the label "2026 ANNUAL REVIEW" is already on run bbbb3333-0000 of 2026-03-01 00:00/.test(e.message),
  );
  assert.throws(
    () => labelRun(dir, { label: "Q1 check", by: "B" }),
    /run bbbb3333-0000 of 2026-03-01 00:00 is already labelled "2026 annual review"/,
  );
  const moved = labelRun(dir, { label: "2026 annual review", run: "aaaa2222", by: "B", move: true });
  assert.equal(moved.movedFrom, "bbbb3333-0000");
  for (const [label, why] of [
    ["latest", /names the latest run/],
    ["   ", /needs some text/],
    ["two\nlines", /one line/],
    ["x".repeat(201), /at most 200/],
  ] as const)
    assert.throws(() => labelRun(dir, { label, by: "B" }), why);
  assert.throws(() => labelRun(dir, { label: "x", by: " " }), /name of the person/);
  assert.throws(
    () => labelRun(mkdtempSync(join(tmpdir(), "otaudit-none-")), { label: "x" }),
    /no workspace yet/,
  );

  assert.deepEqual(
    storedRuns(dir).map((r) => r.label?.text ?? null),
    [null, "2026 annual review", null],
  );
  assert.equal(unlabelRun(dir, "2026 annual review").run, "aaaa2222-0000");
  assert.throws(
    () => unlabelRun(dir, "2026 annual review"),
    /no run is labelled "2026 annual review"; no run is labelled yet/,
  );
});

test("diff names runs by label, id or latest, and carries the earlier run's label", () => {
  const dir = plantWithRuns();
  labelRun(dir, { label: "2025 annual review", run: "aaaa1111", by: "A" });
  const c = compareStoredRuns(dir, { from: "2025 annual review", to: "latest" });
  assert.deepEqual(
    [c.from.id, c.to.id, c.comparison.previous],
    [
      "aaaa1111-0000",
      "bbbb3333-0000",
      { id: "aaaa1111-0000", finishedAt: "2026-01-01T00:00:00.000Z", label: "2025 annual review" },
    ],
  );
  assert.equal(compareStoredRuns(dir, { to: "aaaa2222" }).from.id, "aaaa1111-0000");
});
