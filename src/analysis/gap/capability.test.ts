/**
 * A person's word beside the evidence, and the components' capability, on test/fixtures/capability-plant, worked
 * out by hand. The zone cell has SL-T {0,0,0,3,0,2,0}; plc1 declares SL-C 2 in every FR, hmi1 states none.
 *   FR4: SR 4.1, 4.1 RE 1, 4.2, 4.2 RE 1 and 4.3 answered met: the requirements reach 3 (SR 4.1 RE 2 of SL 4 is
 *        unanswered). plc1's SL-C 2 caps it at 2, until a requirement of FR4 is met by compensating countermeasure.
 *   FR6: SR 6.1 met, SR 6.2 not met: 1. SR 6.2 met by compensating countermeasure: 2 (SL 3 adds 6.1 RE 1).
 *   SR 1.5: answered met; ACC-001 (the shared operator login on hmi1) contradicts it.
 */
import assert from "node:assert/strict";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "node:test";
import { loadAnswersFile } from "../../sources/answers-yaml.js";
import { loadPlantFile } from "../../sources/plant-yaml.js";
import { sharedAccount } from "../accounts.js";
import { analysisContext } from "../context.js";
import { runRules } from "../registry.js";
import { automatedBearings, judgeZones, type ZoneVerdict } from "./judge-zones.js";

const DIR = "test/fixtures/capability-plant";
const PLANT = readFileSync(`${DIR}/plant.yaml`, "utf8");
const ANSWERS = readFileSync(`${DIR}/answers.yaml`, "utf8");
const now = new Date("2026-03-01T00:00:00Z");

/** Replaces one exact snippet of a fixture file, failing loudly if it no longer holds it. */
function edit(text: string, from: string, to: string): string {
  assert.ok(text.includes(from), `the fixture no longer holds ${from}`);
  return text.replace(from, to);
}

/** The zone cell judged from the fixture, with the plant's or the answers' text changed as given. */
function cell(plantText = PLANT, answersText = ANSWERS): ZoneVerdict {
  const dir = mkdtempSync(join(tmpdir(), "otaudit-capability-"));
  writeFileSync(join(dir, "plant.yaml"), plantText);
  writeFileSync(join(dir, "answers.yaml"), answersText);
  const { plant, problems } = loadPlantFile(join(dir, "plant.yaml"), "plant.yaml");
  assert.ok(plant, JSON.stringify(problems));
  const loaded = loadAnswersFile(join(dir, "answers.yaml"), plant, "answers.yaml");
  assert.ok(loaded.answers, JSON.stringify(loaded.problems));
  const ctx = analysisContext({ plant, capture: null, now });
  const findings = runRules(ctx, [sharedAccount]);
  const bearings = automatedBearings({ ...ctx, findings });
  const zones = judgeZones({ plant, answers: loaded.answers, findings, bearings, normativeTexts: new Map() });
  return zones.find((z) => z.id === "cell")!;
}

const result = (z: ZoneVerdict, id: string) => z.requirements.find((r) => r.id === id)!;
const FR4 = 3;
const FR6 = 5;

/** SR 4.3 met by compensating countermeasure instead of by the PLC's own cryptography. */
const SR_4_3_COMPENSATED = `      - requirement: SR 4.3
        status: compensated
        compensation:
          countermeasure: The engineering protocol runs only on a dedicated fibre inside the locked cabinets.
          standsFor: Encryption of the engineering protocol, which the PLC's firmware cannot provide.
          evidence: Cabinet drawing CD-3 and the fibre patch list of 2026-02-20.
          approvedBy: R. Osei (OT engineering manager)
          date: "2026-02-25"`;
const SR_4_3_MET = `      - requirement: SR 4.3
        status: met
        evidence: The HMI's web interface uses TLS 1.3 only (scan of 2026-02-20).`;

test("a component with SL-C 2 caps its zone's FR4 at 2 although the requirements reach 3", () => {
  const z = cell();
  assert.equal(z.slAchieved[FR4], 2);
  assert.deepEqual(z.slCapability, [2, 2, 2, 2, 2, 2, 2]);
  assert.deepEqual(z.capped, [
    {
      fr: "FR4",
      slCapability: 2,
      components: ["plc1"],
      fromRequirements: 3,
      applied: true,
      compensatedBy: [],
      reason:
        "capped at 2 by the SL-C of plc1 (supplier declaration EXAMPLE-DECL-0100); the requirements alone reach 3",
    },
  ]);
  // hmi1 states no SL-C: unknown, and it caps nothing.
  assert.deepEqual(z.capabilityUnknown, ["hmi1"]);
  assert.deepEqual(
    z.capabilities?.map((c) => [c.asset, c.scheme, c.number, c.source.file, c.source.line]),
    [["plc1", "supplier-declaration", "EXAMPLE-DECL-0100", "plant.yaml", 8]],
  );
  // Every requirement of FR4 up to the target is met: the capability, not a requirement, holds the level down.
  assert.deepEqual(
    z.gaps.filter((g) => g.fr === "FR4"),
    [],
  );
});

test("a compensating countermeasure for a requirement of FR4 lifts the cap, and the note says why", () => {
  const z = cell(PLANT, edit(ANSWERS, SR_4_3_MET, SR_4_3_COMPENSATED));
  assert.equal(z.slAchieved[FR4], 3);
  assert.equal(z.capped?.length, 1);
  const note = z.capped![0]!;
  assert.equal(note.applied, false);
  assert.deepEqual(note.compensatedBy, ["SR 4.3"]);
  assert.match(
    note.reason,
    /^not capped at the SL-C 2 of plc1 .*: SR 4\.3 is met by compensating countermeasure/,
  );
});

test("components without a stated SL-C cap nothing; nor does one of unknown role", () => {
  const stated =
    '    capability: { scheme: supplier-declaration, number: EXAMPLE-DECL-0100, issued: "2026-01-15", slC: [2, 2, 2, 2, 2, 2, 2] }\n';
  const none = cell(edit(PLANT, stated, ""));
  assert.equal(none.slAchieved[FR4], 3);
  assert.deepEqual(none.slCapability, [null, null, null, null, null, null, null]);
  assert.deepEqual(none.capped, []);
  assert.deepEqual(none.capabilityUnknown, ["plc1", "hmi1"]);
  // Of unknown role nobody can say which FRs it must provide: its SL-C is listed but caps nothing.
  const unknownRole = cell(edit(PLANT, "    role: plc\n", "    role: unknown\n"));
  assert.equal(unknownRole.slAchieved[FR4], 3);
  assert.deepEqual(unknownRole.slCapability, [null, null, null, null, null, null, null]);
  assert.deepEqual(unknownRole.capabilityUnknown, ["hmi1"]);
});

test("a compensating countermeasure makes a requirement count as met: FR6 rises where it was the only blocker", () => {
  const before = cell();
  assert.equal(result(before, "SR 6.2").result, "not-met");
  assert.equal(before.slAchieved[FR6], 1);
  assert.ok(before.gaps.some((g) => g.requirement === "SR 6.2"));

  const z = cell(
    PLANT,
    edit(
      ANSWERS,
      "      - requirement: SR 6.2\n        status: not-met\n        comment: Nothing watches the cell's network.",
      `      - requirement: SR 6.2
        status: compensated
        compensation:
          countermeasure: The shift engineer reviews the switch port counters and the PLC diagnostic buffer daily.
          standsFor: Continuous monitoring by an IDS, which the cell's unmanaged switch cannot feed.
          evidence: Shift log SL-4, reviews of 2026-02 signed.
          approvedBy: R. Osei (OT engineering manager)
          date: "2026-02-25"`,
    ),
  );
  const r = result(z, "SR 6.2");
  assert.equal(r.result, "met");
  assert.equal(r.answered, "compensated");
  assert.equal(r.conflict, null);
  assert.deepEqual(
    r.compensations?.map((c) => [c.countermeasure.slice(0, 33), c.approvedBy, c.date, c.answeredBy]),
    [
      [
        "The shift engineer reviews the sw",
        "R. Osei (OT engineering manager)",
        "2026-02-25",
        "T. Tester, 2026-03-01",
      ],
    ],
  );
  assert.match(
    r.reason,
    /^met by compensating countermeasure, answered by T\. Tester, 2026-03-01: The shift engineer/,
  );
  assert.match(
    r.evidence[0]!.note!,
    /^compensated: The shift engineer .* \(stands for: Continuous monitoring/,
  );
  assert.equal(z.slAchieved[FR6], 2);
  assert.ok(!z.gaps.some((g) => g.requirement === "SR 6.2"));
});

test("an override makes the verdict follow the answer, the evidence staying listed; without it the evidence wins", () => {
  const plain = result(cell(), "SR 1.5");
  assert.equal(plain.result, "not-met");
  assert.match(
    plain.conflict!,
    /^Answered met by T\. Tester, 2026-03-01, but automated evidence contradicts it: ACC-001/,
  );
  assert.equal(plain.overruled, undefined);

  const rationale =
    "The operator login on hmi1 is view-only and has no password to manage: the HMI runs in kiosk mode (seen 2026-02-27).";
  const overridden = result(
    cell(
      PLANT,
      edit(
        ANSWERS,
        "        evidence: Passwords of personal accounts are managed in the cell's directory (procedure ACC-2).",
        `        evidence: Passwords of personal accounts are managed in the cell's directory (procedure ACC-2).
        override:
          rationale: "${rationale}"
          by: T. Tester
          date: "2026-03-02"`,
      ),
    ),
    "SR 1.5",
  );
  assert.equal(overridden.result, "met");
  assert.equal(overridden.conflict, null);
  assert.deepEqual(overridden.overruled, {
    contradiction: plain.conflict,
    overrides: [{ rationale, by: "T. Tester", date: "2026-03-02" }],
  });
  assert.match(
    overridden.reason,
    /^answered met by T\. Tester, 2026-03-01; automated evidence contradicts it, overruled by T\. Tester, 2026-03-02$/,
  );
  // The contradicting evidence and its finding stay listed, as without the override.
  assert.deepEqual(overridden.evidence, plain.evidence);
  assert.deepEqual(overridden.findings, ["ACC-001:hmi1/operator"]);
  assert.ok(overridden.evidence.some((e) => e.kind === "line" && e.note?.startsWith("against: ACC-001")));
});
