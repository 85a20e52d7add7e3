/** Which way each change since the previous review went. */
import assert from "node:assert/strict";
import { test } from "node:test";
import type { Comparison } from "../../model/assessment.js";
import { trendOf } from "./directions.js";

const comparison: Comparison = {
  previous: { id: "before", finishedAt: "2026-06-01T00:00:00Z" },
  findings: { new: ["NET-001:plc-01"], resolved: ["BAK-001:old-plc"], persisting: ["ARCH-001:x"] },
  slAchieved: [{ zone: "control", fr: "FR5", before: 0, after: 1 }],
  requirements: [
    { zone: "control", requirement: "SR 5.1", before: "not-met", after: "partial" },
    { zone: "dmz", requirement: "SR 1.1", before: "met", after: "unknown" },
  ],
  maturity: [{ element: "NET 3", before: 2, after: 1 }],
  risks: [{ id: "TS-01:control", before: 25, after: 20 }],
};

const areas = (t: ReturnType<typeof trendOf>, direction: string) =>
  t.filter((x) => x.direction === direction).map((x) => x.area);

test("trend: resolved findings and raised levels improve; new findings and lowered maturity regress", () => {
  assert.deepEqual(trendOf(null), []);
  const t = trendOf(comparison);
  assert.deepEqual(areas(t, "improved"), ["finding", "security-level", "requirement", "risk"]);
  assert.deepEqual(areas(t, "regressed"), ["finding", "requirement", "maturity"]);
  assert.deepEqual(
    t.filter((x) => x.area === "finding").map((x) => [x.direction, x.id]),
    [
      ["improved", "BAK-001:old-plc"],
      ["regressed", "NET-001:plc-01"],
    ],
  );
});

test("trend: a change that goes neither way is left out; a new risk counts against", () => {
  const t = trendOf({
    ...comparison,
    findings: { new: [], resolved: [], persisting: [] },
    slAchieved: [{ zone: "gone", fr: "FR1", before: 1, after: null }],
    requirements: [{ zone: "dmz", requirement: "SR 1.2", before: "met", after: "not-applicable" }],
    maturity: [],
    risks: [
      { id: "TS-02:control", before: 12, after: null },
      { id: "TS-04:dmz", before: null, after: 6 },
    ],
  });
  assert.deepEqual(t, [{ area: "risk", direction: "regressed", id: "TS-04:dmz", before: null, after: 6 }]);
});
