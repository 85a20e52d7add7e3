/**
 * The gap assessment of test/fixtures/gap-plant, checked against results worked out by hand.
 *
 * Findings of the account and backup rules (now = 2026-03-01): ACC-001:hmi1/operator (zone cell) contradicts
 * SR 1.1 RE 1 (unique identification) and SR 1.5, and is only related to SR 1.1 and SR 1.3; BAK-001:srv1 (zone
 * scada: restore last tested 2024-02-01) contradicts SR 7.3 RE 1 (backup verification), related to SR 7.3.
 * The other rules of the registry have their own tests; here they would only blur the hand-worked figures.
 *
 * cell, SL-T {2,1,1,2,2,2,1}:
 *   FR1 SL1 = 1.1 1.3 1.4 1.5 1.6 1.7 1.10 1.11 1.12 1.13. All answered met (1.6 not-applicable), but ACC-001
 *       contradicts 1.5: not met -> SL-A 0. SR 1.5 is the contradicted "met"; SR 1.1 and 1.3 stay met.
 *   FR2, FR3: nobody answered, no evidence -> unknown -> 0.
 *   FR4 SL1 = 4.1 4.3 met; SL2 adds 4.1 RE 1 (met) and 4.2 (partial) -> 1.
 *   FR5 SL1 = 5.1 5.2 5.3 5.4 met; SL2 adds 5.1 RE 1 (met) and 5.2 RE 1 (not met) -> 1.
 *   FR6 SL1 = 6.1 met; SL2 adds 6.2 (met); SL3 adds 6.1 RE 1, unanswered -> 2.
 *   FR7 SL1 = 7.1 ... 7.7; 7.5 is unanswered: unknown, never silently met -> 0.
 *   SL-A {0,0,0,1,1,2,0}.
 * scada, SL-T {1,1,2,1,1,1,3}:
 *   FR1, FR2: unanswered -> 0.
 *   FR3 SL1 = 3.1 3.2 3.3 3.5 3.6 met (3.2 met on both systems) -> 1; SL2 adds 3.7, met on srv1 and not met
 *       on ews1: partial -> 1.
 *   FR4 SL1 = 4.1 4.3 met; SL2 items unanswered -> 1.
 *   FR5 SL1 met; SL2 = 5.1 RE 1, 5.2 RE 1 met -> 2 (above the target); SL3 items unanswered -> 2.
 *   FR6 6.1 answered not met -> 0.
 *   FR7 7.3 answered partial -> 0; BAK-001 makes 7.3 RE 1 not met.
 *   SL-A {0,0,1,1,2,0,0}.
 * Gaps (requirements up to SL-T not met, in FRs where SL-A < SL-T):
 *   cell: FR1 1.5 1.1RE1 1.2 1.8 1.9 1.13RE1 (1.6 RE 1 inherits 1.6's not-applicable) = 6; FR2 SL1 = 8;
 *         FR3 SL1 = 5; FR4 4.2; FR5 5.2 RE 1; FR7 7.5 -> 22.
 *   scada: FR1 SL1 = 10; FR2 SL1 = 8; FR3 3.7; FR6 6.1; FR7 7.3 7.1RE1 7.3RE1 7.8 7.1RE2 7.3RE2 7.6RE1 = 7 -> 27.
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import { loadAnswersFile } from "../../sources/answers-yaml.js";
import { loadPlantFile } from "../../sources/plant-yaml.js";
import { privilegedRemoteWithoutMfa, sharedAccount, staleAccount } from "../accounts.js";
import { missingBackup, noOfflineCopy, restoreNotTested } from "../backups.js";
import { analysisContext } from "../context.js";
import { runRules } from "../registry.js";
import { automatedBearings, judgeZones, type ZoneVerdict } from "./judge-zones.js";

const DIR = "test/fixtures/gap-plant";
const now = new Date("2026-03-01T00:00:00Z");
const RULES = [
  sharedAccount,
  privilegedRemoteWithoutMfa,
  staleAccount,
  restoreNotTested,
  noOfflineCopy,
  missingBackup,
];

function judged(): { zones: Map<string, ZoneVerdict>; findings: string[] } {
  const { plant, problems } = loadPlantFile(`${DIR}/plant.yaml`, "plant.yaml");
  assert.ok(plant, JSON.stringify(problems));
  const { answers, problems: answerProblems } = loadAnswersFile(`${DIR}/answers.yaml`, plant, "answers.yaml");
  assert.deepEqual(answerProblems, []);
  const ctx = analysisContext({ plant, capture: null, now });
  const findings = runRules(ctx, RULES);
  const bearings = automatedBearings({ ...ctx, findings });
  const zones = judgeZones({ plant, answers: answers!, findings, bearings, normativeTexts: new Map() });
  return { zones: new Map(zones.map((z) => [z.id, z])), findings: findings.map((f) => f.id) };
}

const { zones, findings } = judged();
const cell = zones.get("cell")!;
const scada = zones.get("scada")!;
const result = (z: ZoneVerdict, id: string) => z.requirements.find((r) => r.id === id)!;

test("the account and backup rules find exactly the two planted weaknesses", () => {
  assert.deepEqual(findings.sort(), ["ACC-001:hmi1/operator", "BAK-001:srv1"]);
});

test("SL-A vectors are the ones worked out by hand", () => {
  assert.deepEqual(cell.slAchieved, [0, 0, 0, 1, 1, 2, 0]);
  assert.deepEqual(scada.slAchieved, [0, 0, 1, 1, 2, 0, 0]);
});

test("a contradicted met becomes not met, with the conflict and its evidence for the assessor", () => {
  const r = result(cell, "SR 1.5");
  assert.equal(r.result, "not-met");
  assert.equal(r.answered, "met");
  assert.deepEqual(r.findings, ["ACC-001:hmi1/operator"]);
  assert.match(
    r.conflict ?? "",
    /^Answered met by K\. Osei, 2026-02-20, but automated evidence contradicts it: ACC-001/,
  );
  assert.ok(r.evidence.some((e) => e.kind === "answer" && e.assessor === "K. Osei"));
  assert.ok(r.evidence.some((e) => e.kind === "line" && e.file === "plant.yaml" && e.line === 20));
  // An RE nobody answered is decided by the same evidence.
  assert.equal(result(cell, "SR 1.1 RE 1").result, "not-met");
  assert.equal(result(cell, "SR 1.1 RE 1").conflict, null);
});

test("a requirement a finding is only related to keeps the assessor's answer", () => {
  // A shared login still identifies and authenticates a user (SR 1.1); it fails unique identification (RE 1).
  for (const id of ["SR 1.1", "SR 1.3"]) {
    assert.equal(result(cell, id).result, "met", id);
    assert.equal(result(cell, id).conflict, null, id);
    assert.deepEqual(result(cell, id).findings, [], id);
  }
  // An overdue restore test says nothing against the backups themselves (SR 7.3), only against their verification.
  assert.deepEqual(result(scada, "SR 7.3").findings, []);
  assert.deepEqual(result(scada, "SR 7.3 RE 1").findings, ["BAK-001:srv1"]);
});

test("an unanswered requirement is unknown, and an RE of a not-applicable SR is not applicable", () => {
  assert.equal(result(cell, "SR 7.5").result, "unknown");
  assert.equal(result(cell, "SR 7.5").reason, "not answered");
  // Records support SR 7.3 RE 1 in the cell, but support alone never makes a result.
  assert.equal(result(cell, "SR 7.3 RE 1").result, "unknown");
  assert.match(result(cell, "SR 7.3 RE 1").reason, /records support it/);
  assert.equal(result(cell, "SR 1.6 RE 1").result, "not-applicable");
  assert.match(result(cell, "SR 1.6 RE 1").reason, /SR 1\.6 was answered not-applicable/);
});

test("answers per system combine; a partial answer stays partial", () => {
  assert.equal(result(scada, "SR 3.2").result, "met");
  assert.equal(result(scada, "SR 3.7").result, "partial");
  assert.equal(result(scada, "SR 7.3").result, "partial");
  // Nobody answered SR 7.3 RE 1: BAK-001, measured against otaudit's default restore-test interval (the fixture has
  // no baseline.yaml), decides it, and the default is a point to confirm.
  assert.equal(result(scada, "SR 7.3 RE 1").result, "not-met");
  assert.equal(
    result(scada, "SR 7.3 RE 1").reason,
    "not answered; automated evidence shows it is not met against otaudit's default thresholds: confirm the site's",
  );
  assert.deepEqual(result(scada, "SR 7.3 RE 1").toConfirm, [
    "BAK-001 The backup of srv1 was last restore-tested 759 days ago (2024-02-01); otaudit's default allows 365 days. This rests on otaudit's default restore-test interval of 365 days, which baseline.yaml does not set: confirm the site's restore-test interval and state it in baseline.yaml (backups.restoreTestMaxDays).",
  ]);
});

test("the gaps are the requirements worked out by hand, most urgent first", () => {
  assert.equal(cell.gaps.length, 22);
  assert.equal(scada.gaps.length, 27);
  assert.deepEqual(
    cell.gaps.slice(0, 8).map((g) => g.requirement),
    ["SR 1.5", "SR 1.1 RE 1", "SR 1.2", "SR 1.8", "SR 1.9", "SR 1.13 RE 1", "SR 2.1", "SR 2.2"],
  );
  assert.deepEqual(
    cell.gaps.filter((g) => g.fr !== "FR1" && g.fr !== "FR2" && g.fr !== "FR3").map((g) => g.requirement),
    ["SR 7.5", "SR 4.2", "SR 5.2 RE 1"],
  );
  assert.deepEqual(
    scada.gaps.slice(0, 7).map((g) => [g.requirement, g.neededFor, g.result]),
    [
      ["SR 7.3 RE 1", 2, "not-met"],
      ["SR 7.3", 1, "partial"],
      ["SR 7.1 RE 1", 2, "unknown"],
      ["SR 7.8", 2, "unknown"],
      ["SR 7.1 RE 2", 3, "unknown"],
      ["SR 7.3 RE 2", 3, "unknown"],
      ["SR 7.6 RE 1", 3, "unknown"],
    ],
  );
  const first = scada.gaps[0]!;
  assert.deepEqual(first.findings, ["BAK-001:srv1"]);
  assert.match(first.remediation, /^Restore each backup to spare hardware/);
  assert.equal(first.question, "Has every backup been verified by a restore test within the past year?");
});

test("across zones the more critical zone's gaps come first", () => {
  const all = [...cell.gaps, ...scada.gaps].sort((a, b) => a.priority - b.priority);
  assert.deepEqual(
    all.map((g) => g.priority),
    Array.from({ length: 49 }, (_, i) => i + 1),
  );
  // The cell is high, scada medium: every cell gap ranks first, each zone keeping its own order.
  assert.deepEqual(all.slice(0, 22), cell.gaps);
  assert.deepEqual(all.slice(22), scada.gaps);
});
