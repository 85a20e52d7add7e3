/** The overall posture: critical for the example plant; good for a plant at target with nothing found. */
import assert from "node:assert/strict";
import { before, test } from "node:test";
import { assess } from "../app/assess.js";
import type { Assessment } from "../model/assessment.js";
import type { SlVector } from "../model/security-level.js";
import { POSTURE_RULE, postureOf } from "./posture.js";

let a: Assessment;
before(async () => {
  a = await assess("examples/water-treatment", { now: new Date("2026-12-01T00:00:00Z") });
});

test("posture: critical for the example; good for a plant at target with nothing found", () => {
  assert.deepEqual(postureOf(a), { rating: "critical", rule: POSTURE_RULE });
  assert.deepEqual(a.posture, postureOf(a), "the assessment carries the posture");
  const clean: Assessment = {
    ...a,
    findings: [],
    vulnerabilities: undefined,
    capture: null,
    zones: a.zones.map((z) => ({ ...z, slAchieved: z.slTarget, gaps: [] })),
  };
  assert.equal(postureOf(clean).rating, "good");
});

test("posture: a zone two levels below its target is poor, one level below is fair", () => {
  const level = (n: number): SlVector => [n, n, n, n, n, n, n];
  const at = (short: number): Assessment => ({
    ...a,
    findings: [],
    vulnerabilities: undefined,
    zones: a.zones.map((z, i) => ({ ...z, slTarget: level(3), slAchieved: level(i === 0 ? 3 - short : 3) })),
  });
  assert.equal(postureOf(at(2)).rating, "poor");
  assert.equal(postureOf(at(1)).rating, "fair");
});
