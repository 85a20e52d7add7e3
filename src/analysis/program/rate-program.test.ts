/**
 * Program maturity of test/fixtures/gap-plant (now = 2026-03-01). Only a person rates an element; what the records
 * support is its cap, worked out from them:
 * - CM 1: 4 assets declared, no capture to check them -> at most 2.
 * - NET 1: two zones, the one conduit protected by a firewall, nothing against SR 5.1/5.2, no capture -> at most 2.
 * - USER 1: the shared operator account on hmi1 (ACC-001) -> at most 1.
 * - AVAIL 2: 3 of 4 backups restore-tested within a year (BAK-001 on srv1, against otaudit's default interval of
 *   365 days, which the fixture states nowhere), all offline, none missing -> at most 2, the 2 to confirm.
 * - NET 3, COMP 3, EVENT 1 and the other nine elements: no records -> no cap.
 * Without answers.yaml every element is not rated.
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import type { AnswerSet } from "../../model/answers.js";
import type { CaptureReport, ObservedAsset } from "../../model/capture.js";
import type { Plant } from "../../model/plant.js";
import { loadPlantFile } from "../../sources/plant-yaml.js";
import { privilegedRemoteWithoutMfa, sharedAccount, staleAccount } from "../accounts.js";
import { missingBackup, noOfflineCopy, restoreNotTested } from "../backups.js";
import { analysisContext } from "../context.js";
import { automatedBearings } from "../gap/judge-zones.js";
import { noRecentExercise, responsePlanOutdated } from "../incident-readiness.js";
import { mergedInventory } from "../inventory.js";
import { runRules } from "../registry.js";
import {
  remoteAccessBypassesJumpHost,
  remoteAccessWithoutMfa,
  unmonitoredRemoteAccess,
} from "../remote-access.js";
import { rateProgram } from "./rate-program.js";

const fixture = loadPlantFile("test/fixtures/gap-plant/plant.yaml", "plant.yaml").plant!;
const now = new Date("2026-03-01T00:00:00Z");
/** The rules over the records these elements are rated from; findings citing 2-1 requirements are tested below. */
const RULES = [
  sharedAccount,
  privilegedRemoteWithoutMfa,
  staleAccount,
  restoreNotTested,
  noOfflineCopy,
  missingBackup,
  unmonitoredRemoteAccess,
  remoteAccessBypassesJumpHost,
  remoteAccessWithoutMfa,
];

function rated(plant: Plant, capture: CaptureReport | null = null, answers: AnswerSet | null = null) {
  const ctx = analysisContext({ plant, capture, now });
  const findings = runRules(ctx, RULES);
  const bearings = automatedBearings({ ...ctx, findings });
  const ratings = rateProgram({
    plant,
    inventory: mergedInventory(plant, capture),
    findings,
    bearings,
    capture,
    answers,
    now,
  });
  return new Map(ratings.map((r) => [r.element, r]));
}

const maturities = (m: ReturnType<typeof rated>) =>
  Object.fromEntries([...m.values()].filter((r) => r.maturity !== null).map((r) => [r.element, r.maturity]));
const caps = (m: ReturnType<typeof rated>) =>
  Object.fromEntries([...m.values()].filter((r) => r.cap !== null).map((r) => [r.element, r.cap]));

test("the records alone rate no element: they cap those they bear on, which stay not rated", () => {
  const m = rated(fixture);
  assert.equal(m.size, 16);
  assert.deepEqual(maturities(m), {});
  assert.ok([...m.values()].every((r) => r.rated === false));
  assert.deepEqual(caps(m), { "CM 1": 2, "NET 1": 2, "USER 1": 1, "AVAIL 2": 2 });
  assert.deepEqual(m.get("USER 1")!.reasons, [
    "1 shared or default account in use (ACC-001)",
    "not rated in answers.yaml; the records support at most 1",
  ]);
  assert.deepEqual(m.get("AVAIL 2")!.reasons, [
    "3 of 4 backups restore-tested within 365 days (BAK-001)",
    "not rated in answers.yaml; the records support at most 2",
  ]);
  assert.deepEqual(m.get("AVAIL 2")!.toConfirm, [
    "3 of 4 backups restore-tested within 365 days (BAK-001), against otaudit's default restore-test interval of 365 days, which baseline.yaml does not set: confirm the site's restore-test interval and state it in baseline.yaml (backups.restoreTestMaxDays)",
  ]);
  assert.deepEqual(m.get("ORG 3")!.reasons, ["not rated in answers.yaml, and no records bear on it"]);
});

test("program facts rate patching and incident response; assessors' ratings are capped by the records", () => {
  const plant: Plant = structuredClone(fixture);
  plant.spec.program = {
    incidentResponsePlan: "2025-06-01",
    lastTabletopExercise: "2025-11-01",
    securityMonitoring: "ids",
    patchProcess: "managed",
    changeRecords: true,
    documentationReview: "2024-12-01",
  };
  const answers: AnswerSet = {
    file: "answers.yaml",
    lines: { "program.0": 3, "program.1": 4, "program.2": 5 },
    spec: {
      zones: [],
      conduits: [],
      program: [
        {
          element: "EVENT 1",
          maturity: 4,
          assessor: "K. Osei",
          evidence: "Exercise findings tracked to closure",
        },
        { element: "USER 1", maturity: 3, assessor: "K. Osei" },
        { element: "ORG 3", maturity: 2, assessor: "K. Osei", evidence: "Badge readers on the control room" },
      ],
    },
  };
  const m = rated(plant, null, answers);
  assert.deepEqual(maturities(m), {
    "USER 1": 1, // rated 3, but the shared account caps it at 1
    "EVENT 1": 4, // records show 3 (plan exercised 120 days ago, IDS); 4 is the assessor's to give
    "ORG 3": 2,
  });
  assert.deepEqual(caps(m), {
    "CM 1": 2, // documentation last reviewed 455 days before the assessment
    "NET 1": 2,
    "COMP 3": 3,
    "USER 1": 1,
    "EVENT 1": 3,
    "AVAIL 2": 2,
  });
  assert.deepEqual(m.get("USER 1")!.reasons, [
    "1 shared or default account in use (ACC-001)",
    "rated 3 by K. Osei",
    "the records cap it at 1 until the shortfalls above are resolved",
  ]);
  assert.deepEqual(m.get("CM 1")!.reasons, [
    "plant.yaml declares 4 assets; no capture to check them against",
    "change records are kept",
    "documentation last reviewed on 2024-12-01, 455 days ago",
    "not rated in answers.yaml; the records support at most 2",
  ]);
  // The yearly review is otaudit's interval, which no file of the plant states: a point to confirm.
  assert.deepEqual(m.get("CM 1")!.toConfirm, [
    "documentation last reviewed on 2024-12-01, 455 days ago, against otaudit's default documentation review interval of 365 days, which no file of the plant states: confirm the site's documentation review interval",
  ]);
  assert.deepEqual(m.get("ORG 3")!.evidence, [
    { kind: "line", file: "answers.yaml", line: 5, note: "maturity rating" },
  ]);
});

function observed(ip: string): ObservedAsset {
  return {
    id: `ip:${ip}`,
    macs: [],
    ips: [ip],
    vlans: [],
    vendor: null,
    hostnames: [],
    identity: { sources: [] },
    roles: [],
    services: [],
  };
}

test("a capture measures inventory completeness and shows remote sessions that bypass the jump host", () => {
  const capture: CaptureReport = {
    stats: { packets: 10, bytes: 1000, files: [] },
    // plc1 and srv1 are declared; 10.1.1.99 is not; 203.0.113.5 lies in no zone and does not count.
    assets: [observed("10.1.1.10"), observed("10.1.2.10"), observed("10.1.1.99"), observed("203.0.113.5")],
    flows: [],
    operations: [],
    observations: [
      {
        kind: "remote-access",
        asset: "ip:10.1.2.10",
        flow: "10.1.2.10:50000 -> 203.0.113.5:5938/tcp",
        ends: {
          transport: "tcp",
          client: "10.1.2.10",
          clientPort: 50000,
          server: "203.0.113.5",
          serverPort: 5938,
        },
        protocol: "teamviewer",
        detail: "TeamViewer session",
        file: "captures/a.pcap",
        frame: 42,
      },
    ],
    anomalies: [],
  };
  const m = rated(fixture, capture);
  assert.equal(m.get("CM 1")!.maturity, null);
  assert.equal(m.get("CM 1")!.cap, 1);
  assert.deepEqual(m.get("CM 1")!.reasons, [
    "1 of 3 hosts seen in the plant's 2 zones is missing from plant.yaml (33%): 10.1.1.99",
    "not rated in answers.yaml; the records support at most 1",
  ]);
  assert.equal(m.get("NET 3")!.cap, 1);
  assert.deepEqual(m.get("NET 3")!.reasons, [
    "1 remote-access session seen in the captures bypasses the jump host, and no remote-access path is declared",
    "not rated in answers.yaml; the records support at most 1",
  ]);
  assert.deepEqual(
    m.get("NET 3")!.evidence.map((e) => (e.kind === "frame" ? `${e.file}#${e.frame}` : "")),
    ["captures/a.pcap#42"],
  );
  // With captured traffic and nothing against SR 5.1/5.2, segmentation is practised: records support up to 3.
  assert.equal(m.get("NET 1")!.cap, 3);
});

test("findings that cite a program requirement count against its element", () => {
  const findings = runRules(analysisContext({ plant: fixture, capture: null, now }), [
    responsePlanOutdated,
    noRecentExercise,
  ]);
  const ratings = rateProgram({
    plant: fixture,
    inventory: mergedInventory(fixture, null),
    findings,
    bearings: [],
    capture: null,
    answers: null,
    now,
  });
  const event = ratings.find((r) => r.element === "EVENT 1")!;
  // The fixture records no incident response plan and no exercise: IR-001 and IR-002 cite EVENT 1.8. No
  // interval excuses a plan that does not exist, so nothing rests on otaudit's yearly default.
  assert.equal(event.maturity, null);
  assert.equal(event.cap, 2);
  assert.deepEqual(event.reasons, [
    "2 findings show shortfalls in its requirements: IR-001:plan, IR-002:exercise",
    "not rated in answers.yaml; the records support at most 2",
  ]);
  assert.deepEqual(event.toConfirm, []);
  assert.equal(event.evidence.length, 2);
});

test("a shortfall found only against otaudit's default thresholds caps no one's rating: it is to confirm", () => {
  const plant: Plant = structuredClone(fixture);
  // Plan reviewed and exercised, but 400 days ago: IR-001 and IR-002 rest on otaudit's yearly default.
  plant.spec.program = { incidentResponsePlan: "2025-01-25", lastTabletopExercise: "2025-01-25" };
  const answers: AnswerSet = {
    file: "answers.yaml",
    lines: { "program.0": 3, "program.1": 4 },
    spec: {
      zones: [],
      conduits: [],
      program: [
        { element: "AVAIL 2", maturity: 3, assessor: "K. Osei" },
        { element: "EVENT 1", maturity: 3, assessor: "K. Osei" },
      ],
    },
  };
  const ctx = analysisContext({ plant, capture: null, now });
  const findings = runRules(ctx, [...RULES, responsePlanOutdated, noRecentExercise]);
  const ratings = new Map(
    rateProgram({
      plant,
      inventory: mergedInventory(plant, null),
      findings,
      bearings: automatedBearings({ ...ctx, findings }),
      capture: null,
      answers,
      now,
    }).map((r) => [r.element, r]),
  );
  // AVAIL 2: BAK-001 on srv1 is measured against otaudit's default restore-test interval: rated 3, stays 3.
  const avail = ratings.get("AVAIL 2")!;
  assert.deepEqual([avail.maturity, avail.rated, avail.cap], [3, true, 2]);
  assert.deepEqual(avail.reasons.slice(-1), [
    "the records support at most 2 only against otaudit's default thresholds: the rating stands, to confirm",
  ]);
  assert.equal(avail.toConfirm.length, 1);
  // EVENT 1: the plan and the exercise are 400 days old against otaudit's yearly limit: rated 3, stays 3.
  const event = ratings.get("EVENT 1")!;
  assert.deepEqual([event.maturity, event.cap], [3, 2]);
  assert.deepEqual(event.toConfirm, [
    "incident response plan of 2025-01-25, last exercised on 2025-01-25, 400 days ago, against otaudit's default exercise interval of 365 days, which no file of the plant states: confirm the site's exercise interval",
    "2 findings show shortfalls in its requirements against otaudit's default thresholds: IR-001:plan, IR-002:exercise, against otaudit's default review and exercise interval of 365 days, which no file of the plant states: confirm the site's review and exercise interval",
  ]);
});
