import assert from "node:assert/strict";
import { test } from "node:test";
import type { InputProblem } from "../model/problem.js";
import { readLeavers } from "./leavers-csv.js";

test("leavers by account name or full name, with the leaving date", () => {
  const problems: InputProblem[] = [];
  const leavers = readLeavers("examples/water-treatment/leavers.csv", "leavers.csv", problems);
  assert.deepEqual(problems, []);
  assert.deepEqual(
    leavers.map((l) => [l.user, l.name, l.left, l.evidence.line]),
    [
      ["t.brandt", "Thomas Brandt", "2026-07-31T00:00:00.000Z", 2],
      ["p.wagner", "Petra Wagner", "2026-03-31T00:00:00.000Z", 3],
    ],
  );
  const byName = readLeavers("test/fixtures/controls-plant/leavers.csv", "leavers.csv", problems);
  assert.deepEqual(
    byName.map((l) => [l.user, l.name]),
    [
      [null, "Uwe Sommer"],
      [null, "Max Roth"],
      [null, "Ida Lund"],
    ],
  );
});
