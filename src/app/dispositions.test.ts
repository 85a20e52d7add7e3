/**
 * dispositions.yaml end to end on the hand-checked gap plant (test/fixtures/gap-plant): in the cell zone every
 * SL 1 requirement of FR1 is answered met or not applicable, and only the shared operator account on hmi1
 * (ACC-001:hmi1/operator, against SR 1.5 and SR 1.1 RE 1) holds FR1 at SL-A 0. What the assessor records of that
 * one finding moves the verdicts, or does not, as the disposition says.
 */
import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { after, test } from "node:test";
import type { Assessment } from "../model/assessment.js";
import { inPlan } from "../model/dispositions.js";
import { findingsCsv } from "../report/csv.js";
import { dispositionsSection } from "../report/sections/dispositions.js";
import { findingsSection } from "../report/sections/findings.js";
import { reportView } from "../report/view/report-view.js";
import { assess, assessAndStore } from "./assess.js";
import { PlantInputError } from "./errors.js";

const SHARED = "ACC-001:hmi1/operator";
const NOW = new Date("2026-03-01T00:00:00Z");
const folders: string[] = [];
after(() => {
  for (const f of folders) rmSync(f, { recursive: true, force: true });
});

function plantFolder(dispositions?: string): string {
  const root = mkdtempSync(join(tmpdir(), "otaudit-dispositions-"));
  folders.push(root);
  const dir = join(root, "plant");
  cpSync("test/fixtures/gap-plant", dir, { recursive: true });
  if (dispositions !== undefined) writeFileSync(join(dir, "dispositions.yaml"), dispositions);
  return dir;
}

const zone = (a: Assessment, id: string) => a.zones.find((z) => z.id === id)!;
const result = (a: Assessment, z: string, r: string) => zone(a, z).requirements.find((x) => x.id === r)!;
const fr1 = (a: Assessment) => zone(a, "cell").slAchieved[0];

const FALSE_POSITIVE = `# The assessor's word on single findings.
dispositions:
  - finding: ${SHARED}
    status: false-positive
    justification: The account "operator" is K. Osei's personal account, named after her role; the HMI has no other user.
    by: K. Osei
    date: 2026-02-25
`;

test("a false positive bears on no verdict: SR 1.5 is met and the cell reaches SL-A 1 in FR1; the finding stays, marked, in the findings and the appendix", async () => {
  const before = await assess(plantFolder(), { now: NOW });
  assert.equal(fr1(before), 0);
  assert.equal(result(before, "cell", "SR 1.5").result, "not-met");
  assert.deepEqual(result(before, "cell", "SR 1.5").findings, [SHARED]);
  assert.equal(result(before, "cell", "SR 1.1 RE 1").result, "not-met");
  assert.ok(before.actions!.some((x) => x.findings.includes(SHARED)));
  assert.equal(before.dispositions, undefined);

  const a = await assess(plantFolder(FALSE_POSITIVE), { now: NOW });
  assert.equal(fr1(a), 1, "the dismissed finding no longer holds FR1 down");
  assert.equal(result(a, "cell", "SR 1.5").result, "met");
  assert.deepEqual(result(a, "cell", "SR 1.5").findings, []);
  assert.equal(result(a, "cell", "SR 1.5").conflict, null);
  // Nobody answered SR 1.1 RE 1: without the finding nothing decides it.
  assert.equal(result(a, "cell", "SR 1.1 RE 1").result, "unknown");
  assert.ok(!a.actions!.some((x) => x.findings.includes(SHARED)), "the plan leaves it out");

  const finding = a.findings.find((f) => f.id === SHARED);
  assert.ok(finding, "the finding stays in the assessment");
  assert.equal(finding.disposition?.status, "false-positive");
  assert.deepEqual([finding.disposition?.file, finding.disposition?.line], ["dispositions.yaml", 3]);
  assert.deepEqual(
    a.dispositions?.map((d) => [d.finding, d.state]),
    [[SHARED, "applied"]],
  );
  assert.ok(a.inputs.some((i) => i.path === "dispositions.yaml" && i.kind === "dispositions"));
  assert.match(findingsCsv(a), /ACC-001:hmi1\/operator,.*,false-positive\r?\n/);

  const view = await reportView(a);
  const appendix = dispositionsSection.html(view);
  assert.match(appendix, /Dismissed as false positives \(1\)/);
  assert.match(appendix, /href="#finding-ACC-001:hmi1_operator"/);
  assert.match(appendix, /K\. Osei&#39;s personal account|K\. Osei's personal account/);
  assert.match(appendix, /dispositions\.yaml:3/);
  const findings = findingsSection.html(view);
  assert.match(findings, /<h3 id="findings-dismissed">Dismissed as false positives \(1\)/);
  assert.match(findings, /id="finding-ACC-001:hmi1_operator" data-disposition="false-positive"/);
  assert.doesNotThrow(() => dispositionsSection.docx({ v: view, images: new Map(), nextFigure: () => 1 }));
});

const LATER = `dispositions:
  - finding: ${SHARED}
    status: accepted
    owner: K. Osei (OT lead)
    approver: R. Adeyemi (plant manager)
    expires: 2026-02-27
    rationale: The HMI is replaced in April; a personal logon before then needs a second licence.
    by: K. Osei
    date: 2026-02-20
  # hmi2 was retired in January: its finding is gone, the entry stayed.
  - finding: BAK-001:hmi2
    status: fixed-pending-verification
    reference: WO-4471
    by: K. Osei
    date: 2026-01-10
  - finding: BAK-001:srv2
    status: false-positive
    justification: The restore test of srv2 is in the vendor's report.
    by: K. Osei
    date: 2026-02-20
`;

test("an acceptance holds through its last day; after it the finding counts again with a warning; a stale entry is reported at its line", async () => {
  const dir = plantFolder(LATER);
  const held = await assess(dir, { now: new Date("2026-02-27T18:00:00Z") });
  const shared = held.findings.find((f) => f.id === SHARED)!;
  assert.equal(shared.disposition?.status, "accepted");
  // An accepted risk is still a weakness: it counts against SR 1.5, but the plan does not rank it.
  assert.equal(result(held, "cell", "SR 1.5").result, "not-met");
  assert.equal(fr1(held), 0);
  assert.ok(!held.actions!.some((x) => x.findings.includes(SHARED)));
  assert.ok(!held.problems.some((p) => p.code === "expired"));

  const a = await assess(dir, { now: NOW });
  const back = a.findings.find((f) => f.id === SHARED)!;
  assert.equal(back.disposition, undefined, "the expired acceptance no longer marks the finding");
  assert.ok(inPlan(back));
  assert.ok(
    a.actions!.some((x) => x.findings.includes(SHARED)),
    "back in the plan",
  );
  assert.equal(result(a, "cell", "SR 1.5").result, "not-met");
  const expired = a.problems.find((p) => p.code === "expired")!;
  assert.deepEqual(
    [expired.severity, `${expired.file}:${expired.line}`, expired.path],
    ["warning", "dispositions.yaml:2", "dispositions[0]"],
  );
  assert.match(
    expired.message,
    /ended on 2026-02-27 .* before the assessment date 2026-03-01: the finding counts again/,
  );

  const [stale, renamed] = a.problems.filter((p) => p.file === "dispositions.yaml" && p.code === "no-effect");
  assert.deepEqual([stale!.severity, stale!.line, renamed!.line], ["warning", 11, 16]);
  assert.match(
    stale!.message,
    /^stale: this run no longer raises "BAK-001:hmi2", so the evidence shows the fix \(WO-4471\)/,
  );
  // An id one edit away from one the rule raised: most likely the same finding, its subject renamed.
  assert.match(
    renamed!.message,
    /^stale: this run raises no finding "BAK-001:srv2" .*; did you mean "BAK-001:srv1"\?$/,
  );
  assert.deepEqual(
    a.dispositions?.map((d) => [d.finding, d.state, d.disposition.line]),
    [
      [SHARED, "expired", 2],
      ["BAK-001:hmi2", "stale", 11],
      ["BAK-001:srv2", "stale", 16],
    ],
  );
  const appendix = dispositionsSection.html(await reportView(a));
  assert.match(appendix, /Expired acceptances \(1\)/);
  assert.match(appendix, /Stale entries \(2\)/);
  assert.match(appendix, /<code>dispositions\.yaml:11<\/code>/);
});

test("a compensation stands as a met answer for the requirements it covers, where nobody answered; the finding's others still count", async () => {
  const a = await assess(
    plantFolder(`dispositions:
  - finding: ${SHARED}
    status: compensated
    countermeasure: The HMI runs in kiosk mode behind a badge reader that logs each operator.
    requirements: [SR 1.1 RE 1]
    evidence: Badge reader log export 2026-02
    by: K. Osei
    date: 2026-02-25
`),
    { now: NOW },
  );
  const re1 = result(a, "cell", "SR 1.1 RE 1");
  assert.equal(re1.result, "met");
  assert.equal(re1.answered, null);
  assert.match(re1.reason, /^not answered; met by a recorded countermeasure: The HMI runs in kiosk mode/);
  assert.ok(re1.evidence.some((e) => e.kind === "line" && e.file === "dispositions.yaml" && e.line === 2));
  // SR 1.5 is not covered: the finding still contradicts its "met" answer.
  assert.equal(result(a, "cell", "SR 1.5").result, "not-met");
  assert.equal(fr1(a), 0);
  const f = a.findings.find((x) => x.id === SHARED)!;
  assert.equal(f.disposition?.status, "compensated");
  assert.ok(
    a.actions!.some((x) => x.findings.includes(SHARED)),
    "a compensated finding stays in the plan",
  );
});

/** Every file under `dir` with its content's hash: what "the plant folder is unchanged" compares. */
function snapshot(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const e of readdirSync(dir, { recursive: true, withFileTypes: true })) {
    const path = join(e.parentPath, e.name);
    out[relative(dir, path)] = statSync(path).isFile()
      ? createHash("sha256").update(readFileSync(path)).digest("hex")
      : "dir";
  }
  return out;
}

test("a dispositions.yaml with errors stops the assessment with each error at its line, and the plant folder is left as it was", async () => {
  const dir = plantFolder(`dispositions:
  - finding: ACC-01:hmi1/operator
    status: accepted
    owner: K. Osei
    approver: R. Adeyemi
    expires: 2027-01-31
    rationale: Replaced in April.
    by: K. Osei
    date: 2026-02-25
  - finding: BAK-001:srv1
    status: false-positive
    by: K. Osei
    date: 2026-02-25
  - finding: RISK-001:cell
    status: accepted
    owner: K. Osei
    approver: R. Adeyemi
    expires: 2026-02-01
    rationale: The SL-T review is due in June.
    by: K. Osei
    date: 2026-02-25
  - finding: IR-001:plan
    status: fixed-pending-verification
    reference: Plan reviewed 2026-02-24
    reviewer: K. Osei
    by: K. Osei
    date: 2026-02-25
`);
  const before = snapshot(dir);
  await assert.rejects(assessAndStore(dir, { now: NOW }), (err: unknown) => {
    assert.ok(err instanceof PlantInputError);
    const errors = err.problems.filter((p) => p.severity === "error");
    assert.deepEqual(
      errors.map((p) => [`${p.file}:${p.line}`, p.code, p.path]),
      [
        ["dispositions.yaml:2", "unknown-reference", "dispositions[0].finding"],
        ["dispositions.yaml:10", "schema", "dispositions[1].justification"],
        ["dispositions.yaml:18", "invalid-value", "dispositions[2].expires"],
        ["dispositions.yaml:25", "unknown-key", "dispositions[3].reviewer"],
      ],
    );
    const [rule, missing, past, key] = errors.map((p) => p.message);
    assert.match(rule!, /unknown rule "ACC-01" .*did you mean "ACC-001"\?/);
    assert.match(missing!, /^missing; a false-positive needs a justification/);
    assert.match(past!, /expires on 2026-02-01, before the day it was recorded \(2026-02-25\)/);
    assert.match(key!, /unknown key "reviewer"; expected one of finding, status, reference, by, date/);
    return true;
  });
  assert.deepEqual(snapshot(dir), before, "no workspace, no outputs, nothing changed");
});
