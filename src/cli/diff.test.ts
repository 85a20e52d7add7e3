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
    timeout: 120_000,
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
// Safety FR5 is at SL 2 and SR 5.2 RE 2 (island mode) is the one SL 3 item of FR5 answered "not-met": answering
// it "met" must raise safety's FR5 from 2 to 3 and change nothing else.
const notMet = `      - requirement: SR 5.2 RE 2
        status: not-met
        comment: There is no prepared way to cut the supervisory-safety conduit quickly during an incident.`;
const met = `      - requirement: SR 5.2 RE 2
        status: met
        evidence: Isolation switch for the supervisory-safety conduit, installed and tested on 2026-11-25.`;
const answers = readFileSync(answersPath, "utf8");
assert.equal(answers.split(notMet).length, 2, "the example answers safety SR 5.2 RE 2 once, as not-met");
writeFileSync(answersPath, answers.replace(notMet, met));
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
  for (const z of a.zones) {
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
  // Left unanswered: unknown, never met.
  assert.equal(
    a.zones.find((z) => z.id === "safety")!.requirements.find((r) => r.id === "SR 2.8")!.result,
    "unknown",
  );
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
  // The preconditions of the hand-worked expectation: FR5 of safety at 2, its SL 3 items met but for SR 5.2 RE 2,
  // on which no automated evidence bears.
  const safety = before.zones.find((z) => z.id === "safety")!;
  const result = (id: string) => safety.requirements.find((r) => r.id === id)!;
  assert.equal(safety.slAchieved[4], 2);
  assert.deepEqual(
    ["SR 5.1 RE 2", "SR 5.2 RE 2", "SR 5.2 RE 3", "SR 5.3 RE 1"].map((id) => [id, result(id).result]),
    [
      ["SR 5.1 RE 2", "met"],
      ["SR 5.2 RE 2", "not-met"],
      ["SR 5.2 RE 3", "met"],
      ["SR 5.3 RE 1", "met"],
    ],
  );
  assert.deepEqual(result("SR 5.2 RE 2").findings, []);
  const expected = {
    previous: { id: before.id, finishedAt: before.finishedAt },
    findings: { new: [], resolved: [], persisting: after.findings.map((f) => f.id).sort() },
    slAchieved: [{ zone: "safety", fr: "FR5", before: 2, after: 3 }],
    requirements: [{ zone: "safety", requirement: "SR 5.2 RE 2", before: "not-met", after: "met" }],
    maturity: [],
  };
  assert.ok(after.findings.length > 0);
  assert.deepEqual(after.comparison, expected);

  const diff = otaudit(["diff", dir, "--json"]);
  assert.equal(diff.code, 0, diff.err);
  assert.deepEqual(JSON.parse(diff.out), expected);
  const text = otaudit(["diff", dir, "--from", before.id.slice(0, 8), "--to", after.id]);
  assert.equal(text.code, 0, text.err);
  assert.match(text.out, /^SL-A\n {2}safety +FR5 RDF +2 -> 3$/m);
  assert.match(text.out, /^Requirements\n {2}safety +SR 5\.2 RE 2 +not-met -> met$/m);
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
