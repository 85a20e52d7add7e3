/**
 * `otaudit assess` and `otaudit diff` end to end on a copy of the example plant: the assessment JSON carries the
 * verdicts (SL-T, SL-A, gaps, maturity), and one answer changed between two runs shows as exactly that change.
 */
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "node:test";
import { fileURLToPath } from "node:url";
import type { Assessment } from "../model/assessment.js";

const MAIN = fileURLToPath(new URL("./main.js", import.meta.url));

function otaudit(args: string[]) {
  const r = spawnSync(process.execPath, [...process.execArgv, MAIN, ...args], {
    encoding: "utf8",
    env: { ...process.env, NO_COLOR: "1" },
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
    previous: { id: before.id, finishedAt: before.finishedAt },
    findings: { new: [], resolved: [], persisting: after.findings.map((f) => f.id).sort() },
    slAchieved: [],
    requirements: [{ zone: "safety", requirement: "SR 2.1 RE 4", before: "partial", after: "met" }],
    maturity: [],
    risks: [],
  };
  assert.ok(after.findings.length > 0);
  assert.deepEqual(after.comparison, expected);

  const diff = otaudit(["diff", dir, "--json"]);
  assert.equal(diff.code, 0, diff.err);
  assert.deepEqual(JSON.parse(diff.out), expected);
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
  assert.match(unknown.err, /no stored assessment has the id nope/);
  const empty = join(mkdtempSync(join(tmpdir(), "otaudit-diff-")), "none");
  assert.equal(otaudit(["diff", empty]).code, 2);
});
