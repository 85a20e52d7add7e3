/**
 * "A default threshold never overturns a person's answer", and "an element nobody rated is not rated", on
 * test/fixtures/defaults-plant assessed on 2026-12-03. Worked out by hand:
 * - plc1 (control) and sis1 (safety) were last backed up on 2026-05-07, 210 days before. The plant has no
 *   baseline.yaml, so BAK-004 measures them against otaudit's default of 180 days: both findings stand, resting on
 *   that default.
 * - The safety zone's SR 7.3 was answered met by R. Haas: the answer stands, with BAK-004:sis1 as a point to
 *   confirm. Nobody answered SR 7.3 in the control zone: BAK-004:plc1 decides it, not met, and is to confirm too.
 * - With a baseline.yaml that states `backups.maxAgeDays: 180`, the same 210 days contradict the safety answer:
 *   not met, with the conflict, and nothing to confirm.
 * - Program: ORG 1 (2) and AVAIL 2 (3) are rated by R. Haas, the other 14 elements by nobody. AVAIL 2's records show
 *   3 (all backups restore-tested and offline) but BAK-004 cites AVAIL 2.1: 2 on otaudit's default, which caps no
 *   one's rating (AVAIL 2 stays 3, to confirm); on the site's stated interval it caps AVAIL 2 at 2. CM 1 (2 assets
 *   declared, no capture), NET 1 (2 zones, no capture) and EVENT 1 (IR-001..004: no plan, exercise, playbooks or
 *   contacts on record) are not rated: records support at most 2. The 11 others: not rated, no records.
 */
import assert from "node:assert/strict";
import { cpSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { before, test } from "node:test";
import type { Assessment } from "../model/assessment.js";
import { gapsSection } from "../report/sections/gaps.js";
import { programSection } from "../report/sections/program.js";
import { programCounts } from "../report/view/program.js";
import { reportView } from "../report/view/report-view.js";
import { assess } from "./assess.js";

const FIXTURE = "test/fixtures/defaults-plant";
const now = new Date("2026-12-03T00:00:00Z");

/** The fixture, with a baseline.yaml that states the backup interval (the same 180 days otaudit assumes). */
function withStatedInterval(): string {
  const dir = join(mkdtempSync(join(tmpdir(), "otaudit-defaults-")), "plant");
  cpSync(FIXTURE, dir, { recursive: true });
  writeFileSync(join(dir, "baseline.yaml"), "backups:\n  maxAgeDays: 180\n");
  return dir;
}

let onDefault: Assessment;
let stated: Assessment;
before(async () => {
  onDefault = await assess(FIXTURE, { now });
  stated = await assess(withStatedInterval(), { now });
});

const requirement = (a: Assessment, zone: string, id: string) =>
  a.zones.find((z) => z.id === zone)!.requirements.find((r) => r.id === id)!;
const element = (a: Assessment, id: string) => a.program.find((p) => p.element === id)!;

const SIS_ON_DEFAULT =
  "BAK-004 The last backup of sis1 is 210 days old (2026-05-07); otaudit's default allows 180 days. This rests on otaudit's default backup interval of 180 days, which baseline.yaml does not set: confirm the site's backup interval and state it in baseline.yaml (backups.maxAgeDays).";

test("BAK-004 still finds the old backups, and says the interval is otaudit's default", () => {
  const bak = onDefault.findings.filter((f) => f.rule === "BAK-004");
  assert.deepEqual(
    bak.map((f) => f.id),
    ["BAK-004:plc1", "BAK-004:sis1"],
  );
  for (const f of bak)
    assert.deepEqual(f.thresholds, [
      { name: "backup interval", value: "180 days", setting: "backups.maxAgeDays", source: "default" },
    ]);
  assert.deepEqual(
    stated.findings.filter((f) => f.rule === "BAK-004").map((f) => f.thresholds.map((t) => t.source)),
    [["site"], ["site"]],
  );
});

test("on otaudit's default interval the safety zone's SR 7.3 answer stays met, with a point to confirm", () => {
  const r = requirement(onDefault, "safety", "SR 7.3");
  assert.equal(r.result, "met");
  assert.equal(r.answered, "met");
  assert.equal(r.conflict, null);
  assert.deepEqual(r.findings, ["BAK-004:sis1"]);
  assert.deepEqual(r.toConfirm, [SIS_ON_DEFAULT]);
  assert.equal(
    r.reason,
    "answered met by R. Haas, 2026-11-30; the evidence against it rests only on otaudit's default thresholds, so the answer stands: confirm the site's",
  );
  // The finding is shown beside the answer, marked as resting on the default.
  assert.ok(r.evidence.some((e) => e.note?.startsWith("against, on otaudit's defaults: BAK-004")));
  // SR 7.3 is met, so FR7 of the safety zone reaches its target of 1 as far as SR 7.3 goes: no SR 7.3 gap.
  const safety = onDefault.zones.find((z) => z.id === "safety")!;
  assert.ok(!safety.gaps.some((g) => g.requirement === "SR 7.3"));
});

test("with baseline.yaml stating the interval, the same backup age makes the answer not met, with the conflict", () => {
  const r = requirement(stated, "safety", "SR 7.3");
  assert.equal(r.result, "not-met");
  assert.equal(r.answered, "met");
  assert.equal(
    r.conflict,
    "Answered met by R. Haas, 2026-11-30, but automated evidence contradicts it: BAK-004 The last backup of sis1 is 210 days old (2026-05-07); baseline.yaml allows 180 days.",
  );
  assert.deepEqual(r.toConfirm, []);
  assert.ok(stated.zones.find((z) => z.id === "safety")!.gaps.some((g) => g.requirement === "SR 7.3"));
});

test("an unanswered SR 7.3 is still decided by the finding, on the default as on the site's interval", () => {
  const r = requirement(onDefault, "control", "SR 7.3");
  assert.equal(r.result, "not-met");
  assert.equal(r.answered, null);
  assert.deepEqual(r.findings, ["BAK-004:plc1"]);
  assert.equal(
    r.reason,
    "not answered; automated evidence shows it is not met against otaudit's default thresholds: confirm the site's",
  );
  assert.equal(r.toConfirm.length, 1);
  assert.match(r.toConfirm[0]!, /^BAK-004 The last backup of plc1 is 210 days old/);
  const s = requirement(stated, "control", "SR 7.3");
  assert.equal(s.result, "not-met");
  assert.equal(s.reason, "not answered; automated evidence shows it is not met");
  assert.deepEqual(s.toConfirm, []);
});

test("an element nobody rated is not rated, with the records' cap; only people's ratings are counted", () => {
  for (const id of ["CM 1", "NET 1"]) {
    const p = element(onDefault, id);
    assert.equal(p.maturity, null, id);
    assert.equal(p.rated, false, id);
    assert.equal(p.cap, 2, id);
    assert.equal(p.reasons.at(-1), "not rated in answers.yaml; the records support at most 2", id);
  }
  const org3 = element(onDefault, "ORG 3");
  assert.deepEqual([org3.maturity, org3.rated, org3.cap], [null, false, null]);
  assert.deepEqual(org3.reasons, ["not rated in answers.yaml, and no records bear on it"]);
  const c = programCounts(onDefault.program);
  assert.deepEqual([c.total, c.rated], [16, 2]);
  assert.deepEqual(
    onDefault.program.filter((p) => p.rated).map((p) => [p.element, p.maturity]),
    [
      ["ORG 1", 2],
      ["AVAIL 2", 3],
    ],
  );
});

test("a shortfall on otaudit's default caps no one's rating; on the site's interval it does", () => {
  const avail = element(onDefault, "AVAIL 2");
  assert.equal(avail.maturity, 3);
  assert.equal(avail.cap, 2);
  assert.equal(avail.toConfirm.length, 1);
  assert.match(
    avail.toConfirm[0]!,
    /^2 findings show shortfalls in its requirements against otaudit's default thresholds: BAK-004:plc1, BAK-004:sis1, against otaudit's default backup interval of 180 days, which baseline\.yaml does not set/,
  );
  const capped = element(stated, "AVAIL 2");
  assert.equal(capped.maturity, 2);
  assert.deepEqual(capped.toConfirm, []);
  assert.ok(capped.reasons.includes("the records cap it at 2 until the shortfalls above are resolved"));
});

test("the report shows points to confirm beside the answers, and unrated elements as not rated with their cap", async () => {
  const v = await reportView(onDefault);
  const gaps = gapsSection.html(v);
  assert.match(gaps, /<h3>Points to confirm<\/h3>/);
  assert.ok(gaps.includes("confirm the site&#39;s backup interval and state it in baseline.yaml"));
  const program = programSection.html(v);
  assert.match(program, /not rated<\/span><br><span class="small">records support at most 2<\/span>/);
  assert.match(
    program,
    /2 of 16 elements rated in answers\.yaml, average 2\.5 of 4; 14 not rated, 3 of them with records that support at most a level\./,
  );
  assert.ok(
    v.posture.points.includes(
      "Security program: 2 of 16 elements rated by the assessors; 14 not rated (for 3 of them the records support at most a level, a cap rather than a rating).",
    ),
    JSON.stringify(v.posture.points),
  );
});

test("the records support a restore-tested backup only within the restore-test interval the site states", async () => {
  // Restore-tested 2026-06-01, 185 days before: within otaudit's default year, beyond a stated quarter.
  const onDefaultInterval = requirement(onDefault, "control", "SR 7.3 RE 1");
  assert.deepEqual(
    onDefaultInterval.evidence.map((e) => (e.kind === "line" ? e.note : "")),
    ["for: Every backup of the zone was restore-tested within 365 days."],
  );
  assert.equal(
    onDefaultInterval.reason,
    "not answered; the plant's records support it: confirm it in answers.yaml",
  );
  const dir = withStatedInterval();
  writeFileSync(join(dir, "baseline.yaml"), "backups:\n  restoreTestMaxDays: 90\n");
  const quarterly = requirement(await assess(dir, { now }), "control", "SR 7.3 RE 1");
  // No support beyond the stated interval: BAK-001 now speaks against it instead.
  assert.deepEqual(
    quarterly.evidence.map((e) => (e.kind === "line" ? e.note : "")),
    [
      "against: BAK-001 The backup of plc1 was last restore-tested 185 days ago (2026-06-01); baseline.yaml allows 90 days.",
    ],
  );
  assert.equal(quarterly.result, "not-met");
});
