/**
 * Conduits judged as an assessor judges them, on test/fixtures/conduit-plant: the declared-flows site (its captures
 * are copied in from test/fixtures/declared-flows-plant) with fw-ot's rule base and the consultant's answers.
 *
 * supervisory-control, SL-T [0,0,2,2,2,0,0]: judged on FR3, FR4 and FR5 at SL 2. fw-ot lets through from
 * supervisory to control only Modbus from scada01 (policy 1, line 73) and S7comm from the HMIs (2, line 84) and
 * ews-01 (3, line 95), and nothing back: the declared services, so the rule base supports SR 5.2 and SR 5.2 RE 1.
 * M. Lindqvist answered SR 5.2 met, naming the rule base review; nobody answered SR 5.2 RE 1 or SR 3.1 for the
 * conduit (K. Osei's "met" on SR 3.1 is the control zone's, and says nothing of the conduit).
 *  - With the real SCADA capture alone (scada01 polling and setting plc-pumps, as declared) nothing contradicts the
 *    conduit: SR 5.2 is met on the answer, SR 5.2 RE 1 is unknown with the rules as support (to confirm), SR 3.1
 *    unknown. FR5 SL 1 still needs SR 5.1, 5.3 and 5.4, unanswered: SL-A 0 in all three FRs.
 *  - With the engineering capture too, hmi-01 writes plc-dosing over Modbus (frames 25 and 34; scada01 is the only
 *    declared initiator) and hmi-02 downloads DB 10 to plc-s7 (frame 123) over the HMIs' read-only flow: cleartext
 *    changes crossing the conduit outside its declared flows. SR 3.1 and SR 5.2 are not met at those frames; the
 *    "met" answer on SR 5.2 becomes a conflict. ews-01's declared download (82, 85) and scada01's declared writes
 *    (scada-poll.pcap 13, 19) are the design and count for nothing.
 * enterprise-control has no SL-T: no verdict, whatever crosses it (office-pc's writes, frames 49 and 58, outside
 * its read-only flow); the findings on its boundary are still listed.
 */
import assert from "node:assert/strict";
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, test } from "node:test";
import { parse } from "csv-parse/sync";
import { assess } from "../../app/assess.js";
import type { Assessment, ConduitResult } from "../../model/assessment.js";
import type { Evidence } from "../../model/evidence.js";
import { gapsCsv } from "../../report/csv.js";
import { levelsSection } from "../../report/sections/levels.js";
import { reportView } from "../../report/view/report-view.js";
import { loadAnswersFile } from "../../sources/answers-yaml.js";
import { loadPlantFile } from "../../sources/plant-yaml.js";
import { SYSTEM_REQUIREMENTS, systemRequirement } from "../../standard/requirements.js";

const FIXTURE = "test/fixtures/conduit-plant";
const CAPTURES = "test/fixtures/declared-flows-plant/captures";
const NOW = new Date("2026-11-26T12:00:00Z");

const made: string[] = [];

/** The fixture in a folder of its own, with these captures of the declared-flows site. */
async function assessed(captures: readonly string[]): Promise<Assessment> {
  const root = mkdtempSync(join(tmpdir(), "otaudit-conduits-"));
  made.push(root);
  const dir = join(root, "plant");
  cpSync(FIXTURE, dir, { recursive: true });
  mkdirSync(join(dir, "captures"));
  for (const c of captures) cpSync(join(CAPTURES, c), join(dir, "captures", c));
  return assess(dir, { now: NOW });
}

after(() => {
  for (const root of made) rmSync(root, { recursive: true, force: true });
});

const conduit = (a: Assessment, id: string): ConduitResult => a.conduits.find((c) => c.id === id)!;
const requirement = (c: ConduitResult, id: string) => c.requirements.find((r) => r.id === id)!;

/** `engineering.pcap#25`, `firewalls/fw-ot.conf:73`, `answer`: where a piece of evidence points. */
const at = (e: Evidence) =>
  e.kind === "frame"
    ? `${e.file.split("/").pop()}#${e.frame}`
    : e.kind === "line"
      ? `${e.file}:${e.line}`
      : `answer ${e.zone}/${e.requirement}`;

const frames = (list: readonly Evidence[]) =>
  [...new Set(list.filter((e) => e.kind === "frame").map(at))].sort();

describe("supervisory-control with only its declared traffic, behind a firewall that admits only its flows", () => {
  let a: Assessment;
  let c: ConduitResult;
  before(async () => {
    a = await assessed(["scada-poll.pcap"]);
    c = conduit(a, "supervisory-control");
  });

  test("its SL-T names FR3-FR5 only: those three are judged, on every requirement of theirs and no other", () => {
    assert.deepEqual(c.slTarget, [0, 0, 2, 2, 2, 0, 0]);
    assert.deepEqual(c.zones, ["supervisory", "control"]);
    assert.deepEqual(
      c.levels,
      ["FR3", "FR4", "FR5"].map((fr) => ({ fr, slTarget: 2, slAchieved: 0 })),
    );
    const ids = c.requirements.map((r) => r.id);
    assert.deepEqual(
      ids,
      SYSTEM_REQUIREMENTS.filter((r) => ["FR3", "FR4", "FR5"].includes(r.fr)).map((r) => r.id),
    );
    assert.ok(c.gaps.every((g) => ["FR3", "FR4", "FR5"].includes(g.fr) && g.neededFor <= 2));
  });

  test("SR 5.2 is met on the consultant's answer, beside the rule base that supports it", () => {
    const r = requirement(c, "SR 5.2");
    assert.equal(r.result, "met");
    assert.equal(r.answered, "met");
    assert.equal(r.conflict, null);
    assert.match(r.reason, /answered met by M\. Lindqvist, 2026-11-25/);
    const answer = r.evidence.find((e) => e.kind === "answer")!;
    assert.deepEqual(answer, {
      kind: "answer",
      file: "answers.yaml",
      zone: "supervisory-control",
      scope: "conduit",
      requirement: "SR 5.2",
      assessor: "M. Lindqvist",
      note: "met: fw-ot policies 1-3 carry the declared flows and policy 5 denies the rest (rule base reviewed 2026-11-25)",
    });
    const rules = r.evidence.filter((e) => e.kind === "line" && e.file.startsWith("firewalls/")).map(at);
    assert.deepEqual(rules.sort(), [
      "firewalls/fw-ot.conf:73",
      "firewalls/fw-ot.conf:84",
      "firewalls/fw-ot.conf:95",
    ]);
    assert.ok(!c.gaps.some((g) => g.requirement === "SR 5.2"));
  });

  test("SR 5.2 RE 1, which nobody answered, is only supported by the rule base: unknown, to confirm", () => {
    const r = requirement(c, "SR 5.2 RE 1");
    assert.equal(r.result, "unknown");
    assert.equal(r.answered, null);
    assert.equal(r.reason, "not answered; the plant's records support it: confirm it in answers.yaml");
    assert.ok(r.evidence.every((e) => e.kind === "line" && e.note?.startsWith("for: ")));
    assert.ok(r.evidence.some((e) => at(e) === "firewalls/fw-ot.conf:73"));
    assert.equal(c.gaps.find((g) => g.requirement === "SR 5.2 RE 1")?.result, "unknown");
  });

  test("the control zone's answer on SR 3.1 says nothing of the conduit: unknown there, met in the zone", () => {
    const r = requirement(c, "SR 3.1");
    assert.equal(r.result, "unknown");
    assert.equal(r.reason, "not answered");
    assert.deepEqual(r.evidence, []);
    const zone = a.zones.find((z) => z.id === "control")!;
    assert.equal(zone.requirements.find((q) => q.id === "SR 3.1")!.result, "met");
  });

  test("nothing crossing it is outside its design: no finding on its boundary, no requirement not met", () => {
    assert.deepEqual(c.findings, []);
    assert.deepEqual(
      c.requirements.filter((r) => r.result === "not-met").map((r) => r.id),
      [],
    );
  });
});

describe("supervisory-control crossed by what its design forbids", () => {
  let a: Assessment;
  let c: ConduitResult;
  before(async () => {
    a = await assessed(["scada-poll.pcap", "engineering.pcap"]);
    c = conduit(a, "supervisory-control");
  });

  test("hmi-01's Modbus writes and hmi-02's download make SR 3.1 not met, at their frames and no others", () => {
    const r = requirement(c, "SR 3.1");
    assert.equal(r.result, "not-met");
    assert.equal(r.reason, "not answered; automated evidence shows it is not met");
    assert.deepEqual(frames(r.evidence), [
      "engineering.pcap#123",
      "engineering.pcap#25",
      "engineering.pcap#34",
    ]);
    assert.ok(
      r.evidence.some((e) => /hmi-01 \(10\.0\.0\.10\) in supervisory to plc-dosing/.test(e.note ?? "")),
    );
  });

  test("the same frames make SR 5.2 not met, overturning the consultant's met as a conflict to resolve", () => {
    const r = requirement(c, "SR 5.2");
    assert.equal(r.result, "not-met");
    assert.equal(r.answered, "met");
    assert.match(
      r.conflict ?? "",
      /^Answered met by M\. Lindqvist, 2026-11-25, but automated evidence contradicts it/,
    );
    assert.deepEqual(r.findings, ["SEG-004:supervisory-control:supervisory>control"]);
    assert.deepEqual(frames(r.evidence), [
      "engineering.pcap#123",
      "engineering.pcap#25",
      "engineering.pcap#34",
    ]);
  });

  test("the design's own traffic is no evidence against it: ews-01's download, scada01's writes", () => {
    for (const id of ["SR 3.1", "SR 5.2"])
      for (const frame of [
        "engineering.pcap#82",
        "engineering.pcap#85",
        "scada-poll.pcap#13",
        "scada-poll.pcap#19",
      ])
        assert.ok(!frames(requirement(c, id).evidence).includes(frame), `${id} ${frame}`);
  });

  test("SR 3.1 and SR 5.2 are its gaps at SL 1, with the boundary findings listed", () => {
    const gap = (id: string) => c.gaps.find((g) => g.requirement === id)!;
    assert.deepEqual(
      [gap("SR 3.1"), gap("SR 5.2")].map((g) => [g.fr, g.neededFor, g.result]),
      [
        ["FR3", 1, "not-met"],
        ["FR5", 1, "not-met"],
      ],
    );
    assert.deepEqual(gap("SR 5.2").findings, ["SEG-004:supervisory-control:supervisory>control"]);
    assert.deepEqual(c.findings.sort(), [
      "ARCH-004:modbus:supervisory>control",
      "ARCH-004:s7comm:supervisory>control",
      "CTRL-002:plc-s7",
      "SEG-004:supervisory-control:supervisory>control",
    ]);
  });

  test("gaps.csv lists the conduit's gaps after the zones', named by the conduit", () => {
    const rows = parse(gapsCsv(a), { columns: true }) as Record<string, string>[];
    const own = rows.filter((r) => r.conduit === "supervisory-control");
    assert.equal(own.length, c.gaps.length);
    assert.ok(own.every((r) => r.zone === ""));
    assert.deepEqual(
      own.filter((r) => r.result === "not-met").map((r) => r.requirement),
      ["SR 5.2", "SR 3.1"],
    );
  });
});

describe("a conduit without an SL-T", () => {
  let a: Assessment;
  before(async () => {
    a = await assessed(["scada-poll.pcap", "engineering.pcap"]);
  });

  test("has no verdict, though office-pc's writes cross it outside its read-only flow; its findings are listed", () => {
    const c = conduit(a, "enterprise-control");
    assert.equal(c.slTarget, null);
    assert.deepEqual([c.levels, c.requirements, c.gaps], [[], [], []]);
    assert.ok(c.findings.includes("SEG-004:enterprise-control:enterprise>control"), c.findings.join(" "));
  });

  test("the report says so in its row, beside the judged conduit's SL-A / SL-T", async () => {
    const html = levelsSection.html(await reportView(a));
    const row = (name: string) => html.slice(html.indexOf(name), html.indexOf("</tr>", html.indexOf(name)));
    assert.match(row("Office dashboard of the dosing PLC"), /no SL-T in plant\.yaml: no verdict/);
    assert.equal(row("SCADA polling, HMI reads and engineering").match(/>0 \/ 2</g)?.length, 3);
  });
});

describe("answers.yaml conduits", () => {
  test("name a declared conduit, requirements of FR3-FR5, and systems the conduit reaches", () => {
    const { plant } = loadPlantFile(`${FIXTURE}/plant.yaml`, "plant.yaml");
    assert.ok(plant);
    const root = mkdtempSync(join(tmpdir(), "otaudit-conduit-answers-"));
    made.push(root);
    const file = join(root, "answers.yaml");
    writeFileSync(
      file,
      [
        "conduits:",
        "  - conduit: supervisory-contrl",
        "    answers: []",
        "  - conduit: enterprise-control",
        "    answers:",
        "      - { requirement: SR 1.2, status: not-met }",
        "      - { requirement: SR 5.2, system: hmi-01, status: not-met }",
        "      - { requirement: SR 5.2, system: fw-ot, status: partial }",
        "",
      ].join("\n"),
    );
    const { answers, problems } = loadAnswersFile(file, plant, "answers.yaml");
    assert.equal(answers, undefined);
    assert.deepEqual(
      problems.map((p) => [p.severity, p.code, p.path]),
      [
        ["error", "unknown-reference", "conduits[0].conduit"],
        ["warning", "no-effect", "conduits[1].answers[0].requirement"],
        ["error", "outside-zone", "conduits[1].answers[1].system"],
      ],
    );
    assert.match(problems[0]!.message, /unknown conduit "supervisory-contrl"/);
    assert.equal(systemRequirement("SR 1.2")!.fr, "FR1");
  });
});
