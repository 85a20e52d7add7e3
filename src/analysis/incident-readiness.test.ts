import assert from "node:assert/strict";
import { test } from "node:test";
import { contextOf, EXAMPLE_PLANT, FIXTURE_PLANT } from "../../test/control-context.js";
import {
  criticalRestoreUntested,
  noIncidentContacts,
  noPlaybooks,
  noRecentExercise,
  responsePlanOutdated,
} from "./incident-readiness.js";
import type { Rule } from "./rule.js";

const READINESS: Rule[] = [
  responsePlanOutdated,
  noRecentExercise,
  noPlaybooks,
  noIncidentContacts,
  criticalRestoreUntested,
];

test("the example plant's program falls short on each point, each finding citing plant.yaml's line", async () => {
  const ctx = await contextOf(EXAMPLE_PLANT, null);
  const lines = ctx.plant.lines;
  const found = READINESS.flatMap((r) => r.check(ctx));
  assert.deepEqual(
    found.map((f) => [f.id, f.summary]),
    [
      [
        "IR-001:plan",
        "The incident response plan's last review dates from 2023-04-11, 1324 days ago; otaudit's default limit is 365.",
      ],
      [
        "IR-002:exercise",
        "The last tabletop exercise dates from 2022-10-05, 1512 days ago; otaudit's default limit is 365.",
      ],
      ["IR-003:playbooks", "No OT incident playbook is recorded (program.playbooks)."],
      ["IR-004:contacts", "No incident contacts are recorded (program.incidentContacts)."],
      [
        "IR-005:restore",
        "3 of 6 critical systems have no restore tested within 365 days: fw-ot (never), plc-intake (never), plc-filter (never).",
      ],
    ],
  );
  assert.deepEqual(found[0]!.evidence, [
    {
      kind: "line",
      file: "plant.yaml",
      line: lines["program.incidentResponsePlan"],
      note: "incidentResponsePlan: 2023-04-11",
    },
  ]);
  // A fact that is missing points at the program section.
  assert.equal((found[2]!.evidence[0] as { line: number }).line, lines.program);
  assert.deepEqual(found[4]!.zones, ["dmz", "control"]);
  // The plan and the exercise are too old only by otaudit's yearly limit, which no file states; IR-005 names
  // systems never restore-tested, which no interval excuses.
  assert.deepEqual(
    found.map((f) => f.thresholds.map((t) => `${t.name} ${t.value} ${t.source}`)),
    [
      ["review and exercise interval 365 days default"],
      ["review and exercise interval 365 days default"],
      [],
      [],
      [],
    ],
  );
  // The 62443-2-1 references let the program rating of EVENT 1 and AVAIL 2 rest on these findings.
  assert.ok(found.every((f) => f.requirements.some((r) => r.startsWith("EVENT ") || r.startsWith("AVAIL "))));
});

test("a current plan, exercise, playbooks, contacts and tested restores raise nothing", async () => {
  const ctx = await contextOf(FIXTURE_PLANT, null);
  assert.deepEqual(
    READINESS.flatMap((r) => r.check(ctx)),
    [],
  );
});

test("IR-004 names vendors without a support contact even when incident contacts exist", async () => {
  const ctx = await contextOf(EXAMPLE_PLANT, null);
  ctx.plant.spec.program.incidentContacts = [{ role: "Incident lead", name: "Robert Osei" }];
  ctx.plant.spec.vendors[1]!.contact = undefined;
  const [f] = noIncidentContacts.check(ctx);
  assert.equal(f?.summary, "vendors without a contact: dosetech.");
  assert.deepEqual(f?.evidence, [
    { kind: "line", file: "plant.yaml", line: ctx.plant.lines["vendors.1"], note: "no contact" },
  ]);
});
