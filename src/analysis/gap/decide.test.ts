/** "A default threshold never overturns a person's answer": every kind of answer against evidence on otaudit's defaults. */
import assert from "node:assert/strict";
import { test } from "node:test";
import type { Bearing } from "./bearing.js";
import { decide } from "./decide.js";
import { answerFor, type Vote, type ZoneAnswer } from "./zone-answers.js";

const answer = (vote: Vote): ZoneAnswer => ({
  vote,
  evidence: [],
  by: ["R. Haas"],
  compensations: [],
  overrides: [],
  overridden: false,
});
const against = (id: string, unconfirmed?: string): Bearing => ({
  zone: "safety",
  requirement: "SR 7.3",
  stance: "contradicts",
  summary: `${id} shows it.`,
  finding: `${id}:x`,
  evidence: [{ kind: "line", file: "plant.yaml", line: 7 }],
  ...(unconfirmed ? { unconfirmed } : {}),
});
const onDefault = against("BAK-004", "BAK-004 ... confirm the site's backup interval");
const firm = against("BAK-006");

test("an answer stands against evidence on otaudit's defaults, which is a point to confirm", () => {
  for (const vote of ["met", "partial", "not-applicable"] as const) {
    const r = decide("SR 7.3", answer(vote), [onDefault]);
    assert.equal(r.result, vote, vote);
    assert.equal(r.conflict, null, vote);
    assert.deepEqual(r.toConfirm, ["BAK-004 ... confirm the site's backup interval"], vote);
    assert.deepEqual(r.findings, ["BAK-004:x"], vote);
  }
  // A "met" that names no evidence stays unknown, as without the finding.
  assert.equal(decide("SR 7.3", answer("met-without-evidence"), [onDefault]).result, "unknown");
  // "Not met" agrees with the evidence: nothing to confirm.
  const notMet = decide("SR 7.3", answer("not-met"), [onDefault]);
  assert.equal(notMet.result, "not-met");
  assert.equal(notMet.reason, "answered not met by R. Haas; automated evidence agrees");
  assert.deepEqual(notMet.toConfirm, []);
});

test("nobody answered: evidence on otaudit's defaults decides, and is still to confirm", () => {
  const r = decide("SR 7.3", undefined, [onDefault]);
  assert.equal(r.result, "not-met");
  assert.deepEqual(r.toConfirm, ["BAK-004 ... confirm the site's backup interval"]);
});

test("evidence on the site's thresholds or on none overturns the answer; the default's is shown beside it", () => {
  const r = decide("SR 7.3", answer("met"), [onDefault, firm]);
  assert.equal(r.result, "not-met");
  assert.equal(
    r.conflict,
    "Answered met by R. Haas, but automated evidence contradicts it: BAK-006 shows it.",
  );
  assert.deepEqual(r.toConfirm, ["BAK-004 ... confirm the site's backup interval"]);
  assert.deepEqual(r.findings, ["BAK-004:x", "BAK-006:x"]);
});

const override = {
  rationale: "The finding is about a decommissioned host.",
  by: "A. Assessor",
  date: "2026-12-01",
};
const overriding = (vote: Vote, overrides = [override], count = overrides.length): ZoneAnswer => ({
  ...answer(vote),
  compensations:
    vote === "compensated"
      ? [
          {
            countermeasure: "Key switch",
            standsFor: "MFA",
            evidence: "Drawing",
            approvedBy: "R. Osei",
            date: "2026-11-01",
          },
        ]
      : [],
  overrides,
  overridden: overrides.length === count,
});

test("an override lets a met, compensated or not-applicable answer stand against firm evidence, which stays listed", () => {
  for (const [vote, result] of [
    ["met", "met"],
    ["compensated", "met"],
    ["not-applicable", "not-applicable"],
    // Overruling the evidence does not supply the evidence a "met" lacks.
    ["met-without-evidence", "unknown"],
  ] as const) {
    const plain = decide("SR 7.3", answer(vote), [firm]);
    assert.equal(plain.result, "not-met", vote);
    assert.notEqual(plain.conflict, null, vote);
    const r = decide("SR 7.3", overriding(vote), [firm]);
    assert.equal(r.result, result, vote);
    assert.equal(r.conflict, null, vote);
    assert.deepEqual(r.overruled?.overrides, [override], vote);
    assert.match(
      r.overruled!.contradiction,
      /but automated evidence contradicts it: BAK-006 shows it\.$/,
      vote,
    );
    assert.match(
      r.reason,
      /; automated evidence contradicts it, overruled by A\. Assessor, 2026-12-01$/,
      vote,
    );
    assert.deepEqual(r.findings, ["BAK-006:x"], vote);
    assert.deepEqual(r.evidence, plain.evidence, vote);
  }
  // Met by compensating countermeasure, overruled: met, and both records are kept.
  const both = decide("SR 7.3", overriding("compensated"), [firm]);
  assert.equal(both.compensations?.length, 1);
});

test("an override on only some of the answers combined overrules nothing; one with nothing to overrule says so", () => {
  const some = decide("SR 7.3", overriding("met", [override], 2), [firm]);
  assert.equal(some.result, "not-met");
  assert.match(some.reason, /an override is recorded for some of the systems only/);
  const nothing = decide("SR 7.3", overriding("met"), []);
  assert.equal(nothing.result, "met");
  assert.equal(nothing.overruled, undefined);
  assert.match(nothing.reason, /the override in answers\.yaml has no contradicting evidence to overrule$/);
});

test("an RE that inherits its SR's not-applicable does not inherit the SR's override", () => {
  const zone = new Map([["SR 1.6", overriding("not-applicable")]]);
  const re = answerFor(zone, "SR 1.6 RE 1", "SR 1.6")!;
  assert.equal(re.inheritedFrom, "SR 1.6");
  assert.deepEqual(re.overrides, []);
  const r = decide("SR 1.6 RE 1", re, [{ ...firm, requirement: "SR 1.6 RE 1" }]);
  assert.equal(r.result, "not-met");
  assert.notEqual(r.conflict, null);
});
