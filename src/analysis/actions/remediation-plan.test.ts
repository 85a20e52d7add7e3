/** The remediation plan of the example plant: every finding settled once, ranked by the risk it removes. */
import assert from "node:assert/strict";
import { before, test } from "node:test";
import { assess } from "../../app/assess.js";
import type { Assessment } from "../../model/assessment.js";
import { inPlan } from "../../model/dispositions.js";
import { severityRank } from "../../model/finding.js";
import { remediationPlan } from "./remediation-plan.js";

let a: Assessment;
before(async () => {
  a = await assess("examples/water-treatment", { now: new Date("2026-12-01T00:00:00Z") });
});

test("the remediation plan settles every finding once, ranked by the risk it removes", () => {
  const actions = remediationPlan(a);
  assert.deepEqual(a.actions, actions, "the assessment carries the plan");
  const settled = actions.flatMap((x) => x.findings);
  // Left out: the example's false positive and its accepted risk (dispositions.yaml); the others are in.
  const left = a.findings.filter((f) => !inPlan(f)).map((f) => `${f.id} ${f.disposition?.status}`);
  assert.deepEqual(left.sort(), [
    "BAK-003:hist-mirror accepted",
    "BAK-005:hist01/hist01/hist01_PI-archive_2026-11-20.zip false-positive",
  ]);
  assert.deepEqual(
    [...settled].sort(),
    a.findings
      .filter(inPlan)
      .map((f) => f.id)
      .sort(),
  );
  assert.ok(settled.includes("RA-003:dosetech-modem") && settled.includes("ACC-005:dc01/t.brandt"));
  for (const x of actions) {
    const worst = Math.max(
      ...a.findings.filter((f) => x.findings.includes(f.id)).map((f) => severityRank(f.severity)),
    );
    if (x.findings.length) assert.equal(severityRank(x.severity), worst, x.title);
  }
  const reductions = actions.map((x) => x.riskReduction ?? 0);
  assert.deepEqual(
    reductions,
    [...reductions].sort((p, q) => q - p),
  );
  assert.deepEqual(
    actions.map((x) => x.id),
    actions.map((_, i) => `A${i + 1}`),
  );
  // Requirements answered not met with no finding behind them still get an action.
  const answerOnly = a.zones.flatMap((z) =>
    z.gaps.filter((g) => g.findings.length === 0 && g.result === "not-met").map((g) => g.requirement),
  );
  for (const r of answerOnly)
    assert.ok(
      actions.some((x) => x.findings.length === 0 && x.requirements.includes(r)),
      r,
    );
});

test("without a risk register the plan goes by severity, then by breadth", () => {
  const actions = remediationPlan({ ...a, risks: undefined });
  const ranks = actions.map((x) => severityRank(x.severity));
  assert.deepEqual(
    ranks,
    [...ranks].sort((p, q) => q - p),
  );
  assert.ok(actions.every((x) => x.riskReduction === null));
});
