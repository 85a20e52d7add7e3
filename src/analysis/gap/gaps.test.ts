import assert from "node:assert/strict";
import { test } from "node:test";
import type { Finding } from "../../model/finding.js";
import type { RequirementResult } from "../../model/verdicts.js";
import { systemRequirement } from "../../standard/requirements.js";
import { zoneGaps } from "./gaps.js";

function finding(id: string, remediation: string): Finding {
  return {
    id,
    rule: id.split(":")[0]!,
    title: "t",
    severity: "high",
    requirements: ["SR 5.2"],
    related: [],
    summary: "s",
    zones: ["z"],
    crossings: [],
    assets: [],
    evidence: [],
    remediation,
    thresholds: [],
  };
}

test("a gap quotes the remediations of its most severe findings, then otaudit's guidance", () => {
  // Findings in severity order, as runRules returns them; two share a remediation.
  const findings = [
    finding("A-001:x", "Fix A."),
    finding("B-001:x", "Fix B."),
    finding("B-001:y", "Fix B."),
    finding("C-001:x", "Fix C."),
    finding("D-001:x", "Fix D."),
    finding("E-001:x", "Fix E."),
  ];
  const result: RequirementResult = {
    id: "SR 5.2",
    result: "not-met",
    answered: null,
    evidence: [],
    findings: findings.map((f) => f.id).sort(),
    conflict: null,
    reason: "r",
    toConfirm: [],
  };
  const gaps = zoneGaps({
    slTarget: [0, 0, 0, 0, 1, 0, 0],
    slAchieved: [0, 0, 0, 0, 0, 0, 0],
    requirements: [result],
    findings,
    normativeTexts: new Map(),
  });
  // FR5 at SL 1 needs SR 5.1, 5.2, 5.3 and 5.4: the three nobody answered are unknown gaps.
  assert.deepEqual(
    gaps.map((g) => [g.requirement, g.result]),
    [
      ["SR 5.2", "not-met"],
      ["SR 5.1", "unknown"],
      ["SR 5.3", "unknown"],
      ["SR 5.4", "unknown"],
    ],
  );
  assert.equal(
    gaps[0]!.remediation,
    `Fix A. Fix B. Fix C. (2 more in the findings listed.) ${systemRequirement("SR 5.2")!.guidance.remediation}`,
  );
  assert.equal(gaps[1]!.remediation, systemRequirement("SR 5.1")!.guidance.remediation);
});
