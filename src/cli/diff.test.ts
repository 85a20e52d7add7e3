/**
 * `otaudit assess`, `otaudit history` and `otaudit diff` end to end on a copy of the example plant: the assessment
 * JSON carries the verdicts (SL-T, SL-A, gaps, maturity), one answer changed between two runs shows as exactly that
 * change, and once the first run is labelled an official review, a third run compares with it, not the second.
 */
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir, userInfo } from "node:os";
import { join } from "node:path";
import { test } from "node:test";
import { fileURLToPath } from "node:url";
import type { Assessment } from "../model/assessment.js";

const MAIN = fileURLToPath(new URL("./main.js", import.meta.url));

function otaudit(args: string[], env: NodeJS.ProcessEnv = {}) {
  const r = spawnSync(process.execPath, [...process.execArgv, MAIN, ...args], {
    encoding: "utf8",
    env: { ...process.env, NO_COLOR: "1", ...env },
    // An assessment of the example reads a 4.5 MB capture and prints a PDF: minutes on a busy machine.
    timeout: 600_000,
    maxBuffer: 256 * 1024 * 1024,
  });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

const dir = join(mkdtempSync(join(tmpdir(), "otaudit-diff-")), "plant");
cpSync("examples/water-treatment", dir, {
  recursive: true,
  filter: (src) => !src.includes(`${"/"}out`) && !src.includes(".otaudit"),
});

const first = otaudit(["assess", dir, "--json", "--out", join(dir, "out1")]);
const answersPath = join(dir, "answers.yaml");
// Safety SR 2.1 RE 4 (dual approval) is required at SL 4 only, and safety's FR2 is below 3: answering it "met"
// instead of "partial" changes that one result and nothing else, neither SL-A, findings nor maturity.
const partialAnswer = `      - requirement: SR 2.1 RE 4
        status: partial
        comment: A bypass of a safety function needs the shift supervisor and the safety engineer; a program download needs only the safety engineer.`;
const metAnswer = `      - requirement: SR 2.1 RE 4
        status: met
        evidence: Two-person rule for bypasses and program downloads (procedure SP-4, revised 2026-11-25).`;
const answers = readFileSync(answersPath, "utf8");
assert.equal(
  answers.split(partialAnswer).length,
  2,
  "the example answers safety SR 2.1 RE 4 once, as partial",
);
writeFileSync(answersPath, answers.replace(partialAnswer, metAnswer));
const second = otaudit(["assess", dir, "--json", "--out", join(dir, "out2")]);

test("assess --json carries per zone SL-T, SL-A, requirement results and gaps, and the maturity table", () => {
  assert.equal(first.code, 0, first.err);
  const a = JSON.parse(first.out) as Assessment;
  assert.deepEqual(
    a.zones.map((z) => [z.id, z.slTarget]),
    [
      ["enterprise", [1, 1, 1, 1, 1, 1, 1]],
      ["dmz", [2, 2, 2, 2, 2, 2, 2]],
      ["supervisory", [2, 2, 2, 2, 2, 2, 2]],
      ["control", [2, 2, 3, 2, 3, 2, 3]],
      ["safety", [3, 3, 3, 3, 3, 3, 3]],
    ],
  );
  // Utility IT's network is outside the system under consideration: not judged.
  const enterprise = a.zones.find((z) => z.id === "enterprise")!;
  assert.deepEqual(
    [enterprise.inScope, enterprise.requirements.length, enterprise.gaps.length],
    [false, 0, 0],
  );
  for (const z of a.zones.filter((x) => x.inScope)) {
    assert.equal(z.slAchieved.length, 7);
    assert.equal(z.requirements.length, 100, z.id);
    assert.ok(z.gaps.length > 0, z.id);
    for (const g of z.gaps) {
      const i = Number(g.fr.slice(2)) - 1;
      assert.ok(
        z.slAchieved[i]! < z.slTarget[i]! && g.neededFor <= z.slTarget[i]!,
        `${z.id} ${g.requirement}`,
      );
      assert.ok(g.remediation.length > 0 && g.question.endsWith("?"));
    }
  }
  // The assessor answered "met", the account register shows shared accounts on scada01 and ews-01.
  const supervisory = a.zones.find((z) => z.id === "supervisory")!;
  const unique = supervisory.requirements.find((r) => r.id === "SR 1.1 RE 1")!;
  assert.equal(unique.result, "not-met");
  assert.equal(unique.answered, "met");
  assert.match(
    unique.conflict ?? "",
    /^Answered met by M\. Lindqvist .* ACC-001 Shared account "operator" on scada01/,
  );
  assert.ok(
    supervisory.gaps.some(
      (g) => g.requirement === "SR 1.1 RE 1" && g.findings.includes("ACC-001:scada01/operator"),
    ),
  );
  // Answered per system: met on four hosts, not met on hmi-02.
  assert.equal(supervisory.requirements.find((r) => r.id === "SR 3.2")!.result, "partial");
  // What nobody answered and no evidence bears on is unknown, never met; the example leaves many such.
  const silent = a.zones.flatMap((z) =>
    z.requirements.filter((r) => r.answered === null && r.evidence.length === 0),
  );
  assert.ok(silent.length > 50, `${silent.length}`);
  assert.deepEqual([...new Set(silent.map((r) => r.result))], ["unknown"]);
  assert.equal(a.program.length, 16);
  assert.deepEqual(
    a.program.slice(0, 4).map((p) => p.element),
    ["ORG 1", "ORG 2", "ORG 3", "CM 1"],
  );
  const cm = a.program.find((p) => p.element === "CM 1")!;
  assert.ok(cm.maturity !== null && cm.maturity < 3, "the records cap the assessor's rating of 3");
  assert.ok(cm.reasons.some((r) => r.startsWith("rated 3 by M. Lindqvist")));
});

test("one answer changed between two runs: the comparison and otaudit diff show exactly that change", () => {
  assert.equal(second.code, 0, second.err);
  const before = JSON.parse(first.out) as Assessment;
  const after = JSON.parse(second.out) as Assessment;
  // The preconditions of the expectation: safety's FR2 below SL 3, and no automated evidence on SR 2.1 RE 4.
  const safety = before.zones.find((z) => z.id === "safety")!;
  const dual = safety.requirements.find((r) => r.id === "SR 2.1 RE 4")!;
  assert.ok(safety.slAchieved[1]! < 3, `safety FR2 is at ${safety.slAchieved[1]}`);
  assert.deepEqual([dual.result, dual.findings, dual.evidence.length], ["partial", [], 1]);
  const expected = {
    // No run is labelled yet: the latest run stands in for the last review, and the comparison says so.
    previous: { id: before.id, finishedAt: before.finishedAt, basis: "latest-run" },
    findings: { new: [], resolved: [], persisting: after.findings.map((f) => f.id).sort() },
    slAchieved: [],
    requirements: [{ zone: "safety", requirement: "SR 2.1 RE 4", before: "partial", after: "met" }],
    maturity: [],
    risks: [],
  };
  assert.ok(after.findings.length > 0);
  assert.deepEqual(after.comparison, expected);

  assert.match(
    readFileSync(join(dir, "out2", "report.html"), "utf8"),
    /No stored run is labelled as an official review yet, so this assessment is compared with the latest run/,
  );

  const diff = otaudit(["diff", dir, "--json"]);
  assert.equal(diff.code, 0, diff.err);
  // diff names both runs itself: no basis for choosing one.
  assert.deepEqual(JSON.parse(diff.out), {
    ...expected,
    previous: { id: before.id, finishedAt: before.finishedAt },
  });
  const text = otaudit(["diff", dir, "--from", before.id.slice(0, 8), "--to", after.id]);
  assert.equal(text.code, 0, text.err);
  assert.match(text.out, /^Requirements\n {2}safety +SR 2\.1 RE 4 +partial -> met$/m);
  assert.doesNotMatch(text.out, /SL-A/);
  assert.match(text.out, /^Findings: 0 new, 0 resolved, \d+ persisting$/m);
  assert.doesNotMatch(text.out, /Program maturity/);
});

test("diff names what it cannot compare", () => {
  const unknown = otaudit(["diff", dir, "--from", "nope"]);
  assert.equal(unknown.code, 2);
  assert.match(unknown.err, /no stored assessment has the label or id "nope"/);
  const empty = join(mkdtempSync(join(tmpdir(), "otaudit-diff-")), "none");
  assert.equal(otaudit(["diff", empty]).code, 2);
});

test("a labelled run is what the next assessment compares with, though a later unlabelled run exists", () => {
  const first1 = JSON.parse(first.out) as Assessment;
  const second1 = JSON.parse(second.out) as Assessment;
  const label = otaudit(["history", dir, "--label", "2025 annual review", "--run", first1.id.slice(0, 8)]);
  assert.equal(label.code, 0, label.err);
  assert.match(label.err, new RegExp(`^labelled run ${first1.id} "2025 annual review" \\(by .+\\)$`, "m"));
  assert.match(
    label.out,
    new RegExp(`^\\S+ {2}${first1.id} .*"2025 annual review" labelled by .+, \\d{4}-`, "m"),
  );
  assert.match(label.out, new RegExp(`^\\S+ {2}${second1.id} {2}\\d+ findings {2}otaudit \\S+$`, "m"));

  // The third run, with the answer of the second: since the first run, that answer is its one change.
  // (The PDF left out: Chromium pointed at nothing, to spare the machine a third print.)
  const third = otaudit(["assess", dir, "--out", join(dir, "out3")], { OTAUDIT_CHROMIUM: "/nonexistent" });
  assert.equal(third.code, 0, third.err);
  assert.match(
    third.out,
    new RegExp(
      `^since the 2025 annual review \\(run ${first1.id.slice(0, 8)}, ${first1.finishedAt.slice(0, 10)}\\): 0 new, 0 resolved, \\d+ persisting$`,
      "m",
    ),
  );
  const a = JSON.parse(readFileSync(join(dir, "out3", "assessment.json"), "utf8")) as Assessment;
  assert.deepEqual(a.comparison?.previous, {
    id: first1.id,
    finishedAt: first1.finishedAt,
    label: "2025 annual review",
    basis: "last-review",
  });
  assert.deepEqual(a.comparison?.requirements, [
    { zone: "safety", requirement: "SR 2.1 RE 4", before: "partial", after: "met" },
  ]);
  const report = readFileSync(join(dir, "out3", "report.html"), "utf8");
  assert.match(
    report,
    new RegExp(
      `Changes since the 2025 annual review \\(run ${first1.id.slice(0, 8)}, ${first1.finishedAt.slice(0, 10)}\\)`,
    ),
  );

  // Named: the comparison follows --compare-with, and a name that names nothing stops before assessing.
  const missing = otaudit([
    "assess",
    dir,
    "--compare-with",
    "2024 annual review",
    "--out",
    join(dir, "out4"),
  ]);
  assert.equal(missing.code, 2);
  assert.match(
    missing.err,
    new RegExp(
      `no stored assessment has the label or id "2024 annual review"; the labels are "2025 annual review" \\(run ${first1.id.slice(0, 8)}\\)`,
    ),
  );
});

test("diff takes labels; an unknown label lists those that exist, a label given twice names the run that has it", () => {
  type Listed = { id: string; label: { text: string; by: string; at: string } | null };
  const history = () => JSON.parse(otaudit(["history", dir, "--json"]).out) as Listed[];
  const runs = history();
  const [r1, r2, r3] = runs.map((r) => r.id) as [string, string, string];
  const labelled = otaudit(["history", dir, "--label", "2026 annual review", "--by", "J. Consultant"]);
  assert.equal(labelled.code, 0, labelled.err);
  // Who labelled: the OS user unless --by names someone; and when.
  assert.deepEqual(
    history().map((r) => r.label && [r.label.text, r.label.by]),
    [["2025 annual review", userInfo().username], null, ["2026 annual review", "J. Consultant"]],
  );
  assert.match(history()[2]!.label!.at, /^\d{4}-\d\d-\d\dT/);

  const byLabels = otaudit(["diff", dir, "2025 annual review", "2026 annual review", "--json"]);
  assert.equal(byLabels.code, 0, byLabels.err);
  const c = JSON.parse(byLabels.out) as NonNullable<Assessment["comparison"]>;
  assert.deepEqual([c.previous.id, c.previous.label], [r1, "2025 annual review"]);
  assert.deepEqual(c.requirements, [
    { zone: "safety", requirement: "SR 2.1 RE 4", before: "partial", after: "met" },
  ]);
  const text = otaudit(["diff", dir, "2025 ANNUAL REVIEW", r2.slice(0, 8)]);
  assert.equal(text.code, 0, text.err);
  assert.match(text.out, /^.+: "2025 annual review" \d{4}-\d\d-\d\d \d\d:\d\d \(\w{8}\) -> \d{4}-/m);

  const unknown = otaudit(["diff", dir, "2024 annual review", "2026 annual review"]);
  assert.equal(unknown.code, 2);
  assert.match(
    unknown.err,
    new RegExp(
      `no stored assessment has the label or id "2024 annual review"; the labels are "2025 annual review" \\(run ${r1.slice(0, 8)}\\), "2026 annual review" \\(run ${r3.slice(0, 8)}\\)`,
    ),
  );

  const again = otaudit(["history", dir, "--label", "2026 Annual Review", "--run", r2]);
  assert.equal(again.code, 2);
  assert.match(
    again.err,
    new RegExp(`the label "2026 Annual Review" is already on run ${r3} of .*--move moves it`),
  );
  const moved = otaudit(["history", dir, "--label", "2026 annual review", "--run", r2, "--move"]);
  assert.equal(moved.code, 0, moved.err);
  assert.match(moved.err, new RegExp(`moved from run ${r3}`));
  const removed = otaudit(["history", dir, "--unlabel", "2026 annual review"]);
  assert.equal(removed.code, 0, removed.err);
  assert.doesNotMatch(removed.out, /2026 annual review/);
  const gone = otaudit(["history", dir, "--unlabel", "2026 annual review"]);
  assert.equal(gone.code, 2);
  assert.match(gone.err, /no run is labelled "2026 annual review"; the labels are "2025 annual review"/);
});
