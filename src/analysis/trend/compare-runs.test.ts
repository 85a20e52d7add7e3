import assert from "node:assert/strict";
import { test } from "node:test";
import type { SlVector } from "../../model/security-level.js";
import type { Result } from "../../model/verdicts.js";
import { compareRuns, type RunVerdicts } from "./compare-runs.js";

function run(
  findings: string[],
  zones: [string, SlVector, [string, Result][]][],
  program: [string, number | null][],
): RunVerdicts {
  return {
    findings: findings.map((id) => ({ id })),
    zones: zones.map(([id, slAchieved, results]) => ({
      id,
      slAchieved,
      requirements: results.map(([rid, result]) => ({ id: rid, result })),
    })),
    program: program.map(([element, maturity]) => ({ element, maturity })),
  };
}

test("no previous run, no comparison", () => {
  assert.equal(compareRuns(undefined, run([], [], [])), null);
});

test("findings, SL-A, results and maturity: exactly what changed, zones added and removed included", () => {
  const before = {
    id: "r1",
    finishedAt: "2026-01-01T00:00:00.000Z",
    ...run(
      ["ACC-001:a", "BAK-001:b"],
      [
        [
          "cell",
          [0, 0, 0, 1, 1, 2, 0],
          [
            ["SR 1.1", "not-met"],
            ["SR 7.5", "unknown"],
            ["SR 4.2", "partial"],
          ],
        ],
        ["old", [1, 1, 1, 1, 1, 1, 1], [["SR 1.1", "met"]]],
      ],
      [
        ["CM 1", 2],
        ["EVENT 1", null],
        ["USER 1", 1],
      ],
    ),
  };
  const after = run(
    ["BAK-001:b", "RA-002:c"],
    [
      [
        "cell",
        [0, 0, 0, 2, 1, 2, 1],
        [
          ["SR 1.1", "not-met"],
          ["SR 7.5", "met"],
          ["SR 4.2", "met"],
        ],
      ],
      ["new", [0, 0, 0, 0, 0, 0, 0], [["SR 1.1", "unknown"]]],
    ],
    [
      ["CM 1", 2],
      ["EVENT 1", 2],
      ["USER 1", null],
    ],
  );
  assert.deepEqual(compareRuns(before, after), {
    previous: { id: "r1", finishedAt: "2026-01-01T00:00:00.000Z" },
    findings: { new: ["RA-002:c"], resolved: ["ACC-001:a"], persisting: ["BAK-001:b"] },
    slAchieved: [
      { zone: "cell", fr: "FR4", before: 1, after: 2 },
      { zone: "cell", fr: "FR7", before: 0, after: 1 },
      ...["FR1", "FR2", "FR3", "FR4", "FR5", "FR6", "FR7"].map((fr) => ({
        zone: "new",
        fr,
        before: null,
        after: 0,
      })),
      ...["FR1", "FR2", "FR3", "FR4", "FR5", "FR6", "FR7"].map((fr) => ({
        zone: "old",
        fr,
        before: 1,
        after: null,
      })),
    ],
    // In the standard's order; zones present in one run only change levels, not every result.
    requirements: [
      { zone: "cell", requirement: "SR 4.2", before: "partial", after: "met" },
      { zone: "cell", requirement: "SR 7.5", before: "unknown", after: "met" },
    ],
    maturity: [
      { element: "EVENT 1", before: null, after: 2 },
      { element: "USER 1", before: 1, after: null },
    ],
  });
});

test("a run stored before the gap assessment existed yields level changes only", () => {
  const before = {
    id: "r0",
    finishedAt: "2025-01-01T00:00:00.000Z",
    ...run([], [["cell", [0, 0, 0, 0, 0, 0, 0], []]], []),
  };
  const after = run([], [["cell", [1, 0, 0, 0, 0, 0, 0], [["SR 1.1", "met"]]]], [["CM 1", 2]]);
  const c = compareRuns(before, after)!;
  assert.deepEqual(c.slAchieved, [{ zone: "cell", fr: "FR1", before: 0, after: 1 }]);
  assert.deepEqual(c.requirements, []);
  assert.deepEqual(c.maturity, []);
});
