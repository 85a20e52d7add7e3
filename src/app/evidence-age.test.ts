/**
 * Evidence age and capture coverage through assess, on test/fixtures/evidence-age-plant: a capture of 2026 declared
 * on the supervisory and control zones, a capture of 2004-2023 declared on the conduit between them, an nmap scan
 * of 2005, and a limit of 180 days. Nothing saw the enterprise or the safety zone. The assessment date is set, so
 * the verdicts do not depend on the clock.
 */
import assert from "node:assert/strict";
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, test } from "node:test";
import type { Assessment } from "../model/assessment.js";
import type { RequirementResult } from "../model/verdicts.js";
import { reportHtml } from "../report/html.js";
import { assess } from "./assess.js";

const DIR = "test/fixtures/evidence-age-plant";
/** Five days after the engineering capture; years after the other two inputs. */
const LATE = new Date("2026-12-01T00:00:00Z");
/** The day after the scan. */
const EARLY = new Date("2005-07-20T00:00:00Z");

const OLD_CAPTURE = "captures/scada-poll.pcap";
const OLD_SCAN = "scans/pumps-2005.xml";
const RECENT_CAPTURE = "captures/engineering.pcap";

function result(a: Assessment, zone: string, requirement: string): RequirementResult {
  const r = a.zones.find((z) => z.id === zone)?.requirements.find((q) => q.id === requirement);
  assert.ok(r, `${zone} ${requirement}`);
  return r;
}

/** The fixture copied with its plant.yaml changed by `edit`, for variants of the declaration. */
function variant(edit: (yaml: string) => string): { dir: string; done: () => void } {
  const root = mkdtempSync(join(tmpdir(), "otaudit-age-"));
  const dir = join(root, "plant");
  cpSync(DIR, dir, { recursive: true });
  const path = join(dir, "plant.yaml");
  const before = readFileSync(path, "utf8");
  const after = edit(before);
  assert.notEqual(after, before, "the edit changed nothing: the fixture no longer holds what it replaces");
  writeFileSync(path, after);
  return { dir, done: () => rmSync(root, { recursive: true, force: true }) };
}

/** The line of plant.yaml holding `text`, where a declaration starts. */
function lineOf(text: string): number {
  const i = readFileSync(join(DIR, "plant.yaml"), "utf8")
    .split("\n")
    .findIndex((l) => l.includes(text));
  assert.ok(i >= 0, text);
  return i + 1;
}

const withoutCoverage = (yaml: string) => yaml.replace(/\n {2}captures:\n[\s\S]*$/, "\n");

describe("evidence older than the limit at the assessment date", () => {
  let a: Assessment;
  before(async () => {
    a = await assess(DIR, { now: LATE });
  });

  test("each input is listed with the span its own times give", () => {
    const span = (path: string) => a.inputs.find((i) => i.path === path)?.span;
    assert.deepEqual(span(RECENT_CAPTURE), {
      from: "2026-11-26T09:00:00.500Z",
      to: "2026-11-26T09:00:28.701Z",
      basis: "packets",
    });
    assert.equal(span(OLD_CAPTURE)?.from.slice(0, 10), "2004-08-26");
    assert.equal(span(OLD_CAPTURE)?.to.slice(0, 10), "2023-07-08");
    assert.deepEqual(span(OLD_SCAN), {
      from: "2005-07-19T00:40:17.000Z",
      to: "2005-07-19T00:41:42.000Z",
      basis: "scan",
    });
    // plant.yaml is the design, not evidence taken at a time: it has no span, and no age.
    assert.equal(span("plant.yaml"), undefined);
  });

  test("each old input is one warning naming the file and when it was taken; the recent capture is none", () => {
    const old = a.problems.filter((p) => p.code === "old-evidence");
    assert.deepEqual(
      old.map((p) => [p.file, p.severity]),
      [
        [OLD_CAPTURE, "warning"],
        [OLD_SCAN, "warning"],
      ],
    );
    assert.match(old[0]!.message, /captured 2004-08-26 to 2023-07-08, 1241 days before .* 2026-12-01/);
    assert.match(old[1]!.message, /scanned 2005-07-19, 7804 days before .*older than 180 days/);
    assert.deepEqual(a.evidenceAge, {
      maxAgeDays: 180,
      stated: true,
      old: [
        { path: OLD_CAPTURE, ageDays: 1241 },
        { path: OLD_SCAN, ageDays: 7804 },
      ],
    });
  });

  test("a finding resting only on the old scan, and the results it alone decides, are marked", () => {
    const telnet = a.findings.find((f) => f.id === "CTRL-001:plc-pumps");
    assert.ok(telnet, a.findings.map((f) => f.id).join(", "));
    assert.equal(
      telnet.oldEvidence,
      `rests on evidence older than 180 days: ${OLD_SCAN}, scanned 2005-07-19`,
    );
    for (const r of ["SR 4.1", "SR 7.7"]) {
      const q = result(a, "control", r);
      assert.equal(q.result, "not-met", r);
      assert.equal(q.oldEvidence, telnet.oldEvidence, r);
    }
    // The office PC's writes come from the recent capture: neither the findings nor the result are marked.
    const boundary = result(a, "control", "SR 5.2");
    assert.equal(boundary.result, "not-met");
    assert.equal(boundary.oldEvidence, undefined);
    assert.ok(a.findings.filter((f) => f.rule === "ARCH-004").every((f) => f.oldEvidence === undefined));
  });

  test("the report says it: the inputs appendix, the gap assessment, the levels and the findings", async () => {
    const html = await reportHtml(a);
    assert.match(html, /Evidence taken more than 180 days before the assessment date \(2026-12-01\) is old/);
    assert.match(html, /7804 days old/);
    assert.match(html, /<h3>Results resting on old evidence<\/h3>/);
    assert.match(html, /control FR4 \(SR 4\.1\)/);
    assert.match(html, /Rests on evidence older than 180 days: scans\/pumps-2005\.xml, scanned 2005-07-19\./);
  });
});

test("as of the day after the scan nothing is old, and nothing is marked", async () => {
  const a = await assess(DIR, { now: EARLY });
  assert.deepEqual(
    a.problems.filter((p) => p.code === "old-evidence"),
    [],
  );
  assert.deepEqual(a.evidenceAge?.old, []);
  // Both captures end long after 2005-07-20: warned of, still counted.
  assert.deepEqual(
    a.problems.filter((p) => p.code === "later-evidence").map((p) => [p.file, p.severity]),
    [
      [RECENT_CAPTURE, "warning"],
      [OLD_CAPTURE, "warning"],
    ],
  );
  assert.match(
    a.problems.find((p) => p.code === "later-evidence" && p.file === OLD_CAPTURE)!.message,
    /^captured 2004-08-26 to 2023-07-08, after the assessment date 2005-07-20: a review as of that date could not have seen it/,
  );
  assert.ok(a.findings.some((f) => f.id === "CTRL-001:plc-pumps"));
  assert.ok(a.findings.every((f) => f.oldEvidence === undefined));
  assert.ok(a.zones.every((z) => z.requirements.every((q) => q.oldEvidence === undefined)));
});

test("the limit is plant.yaml's; without one it is 180 days, and the warning says it is otaudit's", async () => {
  const raised = variant((y) => y.replace("maxAgeDays: 180", "maxAgeDays: 8000"));
  const unset = variant((y) => y.replace("  maxAgeDays: 180\n", ""));
  try {
    const a = await assess(raised.dir, { now: LATE });
    assert.deepEqual(a.evidenceAge, { maxAgeDays: 8000, stated: true, old: [] });
    const b = await assess(unset.dir, { now: LATE });
    assert.equal(b.evidenceAge?.stated, false);
    assert.deepEqual(
      b.evidenceAge?.old.map((o) => o.path),
      [OLD_CAPTURE, OLD_SCAN],
    );
    assert.match(b.problems.find((p) => p.file === OLD_SCAN)!.message, /otaudit's default/);
  } finally {
    raised.done();
    unset.done();
  }
});

describe("capture coverage", () => {
  let a: Assessment;
  let undeclared: Assessment;
  const plain = variant(withoutCoverage);
  before(async () => {
    a = await assess(DIR, { now: LATE });
    undeclared = await assess(plain.dir, { now: LATE });
  });
  after(() => plain.done());

  const frames = (q: RequirementResult) => q.evidence.filter((e) => e.kind === "frame");

  test("a zone no capture saw is not observed; a conduit's capture sees both zones at the boundary", () => {
    const c = a.coverage!;
    assert.equal(c.declared, true);
    assert.deepEqual(
      c.zones.map((z) => [z.id, z.captures]),
      [
        ["enterprise", []],
        ["supervisory", [RECENT_CAPTURE, OLD_CAPTURE]],
        ["control", [RECENT_CAPTURE, OLD_CAPTURE]],
        ["safety", []],
      ],
    );
    // The supervisory zone's capture sees its side of the safety conduit.
    assert.deepEqual(
      c.conduits.map((k) => [k.id, k.captures]),
      [
        ["supervisory-control", [RECENT_CAPTURE, OLD_CAPTURE]],
        ["supervisory-safety", [RECENT_CAPTURE]],
      ],
    );
    assert.deepEqual(
      c.captures.map((x) => [x.file, x.method, x.declaredAt?.line]),
      [
        [RECENT_CAPTURE, "span", lineOf("- file: engineering.pcap")],
        [OLD_CAPTURE, "tap", lineOf("- file: captures/scada-*.pcap")],
      ],
    );
  });

  test("the wire bears on no requirement of a zone no capture saw; declared-less, it did", () => {
    // The office PC's writes name the enterprise zone too (ARCH-002, SEG-003): the wire saw them leave a zone
    // nobody captured, so they decide nothing there.
    const withFrames = (x: Assessment, zone: string) =>
      x.zones
        .find((z) => z.id === zone)!
        .requirements.filter((q) => frames(q).length > 0)
        .map((q) => q.id);
    assert.deepEqual(withFrames(a, "enterprise"), []);
    assert.deepEqual(withFrames(a, "safety"), []);
    assert.equal(result(a, "enterprise", "SR 5.2").result, "unknown");
    // Without the declaration every capture is taken to see every zone, as before: the same writes count there.
    assert.equal(undeclared.coverage?.declared, false);
    assert.equal(result(undeclared, "enterprise", "SR 5.2").result, "not-met");
    assert.ok(withFrames(undeclared, "enterprise").includes("SR 5.2"));
  });

  test("in the zone that was captured, the undeclared enterprise-to-PLC write makes SR 5.2 not met, with its frame", () => {
    const q = result(a, "control", "SR 5.2");
    assert.equal(q.result, "not-met");
    assert.ok(
      frames(q).some((e) => e.file === RECENT_CAPTURE && e.kind === "frame" && e.frame === 49),
      JSON.stringify(frames(q)),
    );
  });

  test("the report and the summary say which zones were not observed, or that nobody declared it", async () => {
    const html = await reportHtml(a);
    assert.match(html, /Not observed by any capture: zone enterprise, zone safety/);
    assert.match(html, /<h3>Capture coverage<\/h3>/);
    const plainHtml = await reportHtml(undeclared);
    assert.match(plainHtml, /plant\.yaml does not declare which zones the captures saw/);
    assert.doesNotMatch(plainHtml, /Not observed by any capture/);
  });

  test("a capture no declaration names, and a declaration naming no capture, are warnings", async () => {
    const odd = variant((y) => y.replace("file: engineering.pcap", "file: engineering-*.pcapng"));
    try {
      const b = await assess(odd.dir, { now: LATE });
      const coverage = b.problems.filter((p) => p.code === "not-modelled" || p.code === "no-evidence");
      assert.deepEqual(
        coverage.map((p) => [p.code, p.file, p.line]),
        [
          ["not-modelled", RECENT_CAPTURE, 0],
          ["no-evidence", "plant.yaml", lineOf("- file: engineering.pcap")],
        ],
      );
      // What no declaration covers bears on no zone: the office PC's write decides nothing in control now.
      assert.notEqual(result(b, "control", "SR 5.2").result, "not-met");
    } finally {
      odd.done();
    }
  });
});
