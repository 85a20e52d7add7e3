/**
 * A person's word beside the evidence, as a reader of the outputs meets it: a requirement met by compensating
 * countermeasure, evidence an assessor overruled shown beside the rationale, SL-T, SL-C and SL-A side by side in
 * the report (test/fixtures/capability-plant); and each kind of bad input stops `otaudit assess` with a located
 * error before it writes anything.
 */
import assert from "node:assert/strict";
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, test } from "node:test";
import { parse } from "csv-parse/sync";
import { assess } from "../app/assess.js";
import { gapsCsv } from "../report/csv.js";
import { reportHtml } from "../report/html.js";
import { EXIT_BAD_INPUT } from "./exit-codes.js";
import { otaudit } from "./testing.js";

const FIXTURE = "test/fixtures/capability-plant";
const copies: string[] = [];
after(() => {
  for (const dir of copies.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** A copy of the fixture with one exact snippet of a file replaced per edit. */
function plantWith(edits: { file: "plant.yaml" | "answers.yaml"; from: string; to: string }[]): string {
  const root = mkdtempSync(join(tmpdir(), "otaudit-judgements-"));
  copies.push(root);
  const dir = join(root, "plant");
  cpSync(FIXTURE, dir, { recursive: true });
  for (const e of edits) {
    const path = join(dir, e.file);
    const text = readFileSync(path, "utf8");
    assert.ok(text.includes(e.from), `the fixture's ${e.file} no longer holds ${e.from}`);
    writeFileSync(path, text.replace(e.from, e.to));
  }
  return dir;
}

const SR_6_2 =
  "      - requirement: SR 6.2\n        status: not-met\n        comment: Nothing watches the cell's network.";
const SR_6_2_COMPENSATED = `      - requirement: SR 6.2
        status: compensated
        compensation:
          countermeasure: The shift engineer reviews the switch port counters and the PLC diagnostic buffer daily.
          standsFor: Continuous monitoring by an IDS, which the cell's unmanaged switch cannot feed.
          evidence: Shift log SL-4, reviews of 2026-02 signed.
          approvedBy: R. Osei (OT engineering manager)
          date: "2026-02-25"`;
const SR_4_3 =
  "      - requirement: SR 4.3\n        status: met\n        evidence: The HMI's web interface uses TLS 1.3 only (scan of 2026-02-20).";
const SR_4_3_COMPENSATED = `      - requirement: SR 4.3
        status: compensated
        compensation:
          countermeasure: The engineering protocol runs only on a dedicated fibre inside the locked cabinets.
          standsFor: Encryption of the engineering protocol, which the PLC's firmware cannot provide.
          evidence: Cabinet drawing CD-3 and the fibre patch list of 2026-02-20.
          approvedBy: R. Osei (OT engineering manager)
          date: "2026-02-25"`;
const SR_1_5_EVIDENCE =
  "        evidence: Passwords of personal accounts are managed in the cell's directory (procedure ACC-2).";
const RATIONALE =
  "The operator login on hmi1 is view-only and has no password to manage (kiosk mode, seen 2026-02-27).";
const SR_1_5_OVERRIDE = `${SR_1_5_EVIDENCE}
        override:
          rationale: ${RATIONALE}
          by: T. Tester
          date: "2026-03-02"`;

/** The part of the report between a section's opening tag and its end. */
const section = (html: string, id: string) => {
  const start = html.indexOf(`<section id="${id}">`);
  assert.ok(start >= 0, `no section ${id}`);
  return html.slice(start, html.indexOf("</section>", start));
};

test("the report shows a requirement met by compensating countermeasure, overruled evidence beside its rationale, and SL-T/SL-C/SL-A", async () => {
  const dir = plantWith([
    { file: "answers.yaml", from: SR_6_2, to: SR_6_2_COMPENSATED },
    { file: "answers.yaml", from: SR_1_5_EVIDENCE, to: SR_1_5_OVERRIDE },
  ]);
  const a = await assess(dir, { now: new Date("2026-03-01T00:00:00Z") });
  const html = await reportHtml(a);
  const gaps = section(html, "gaps");
  // Met by compensating countermeasure: the result, the countermeasure, what it stands for, who approved it.
  assert.match(gaps, /<h3>Met by compensating countermeasure<\/h3>/);
  const row = gaps.slice(gaps.indexOf("<h3>Met by compensating countermeasure</h3>"));
  assert.match(row, /SR 6\.2<\/td><td><span class="result"[^>]*>met by compensating countermeasure<\/span>/);
  assert.match(row, /The shift engineer reviews the switch port counters/);
  assert.match(row, /Continuous monitoring by an IDS/);
  assert.match(row, /R\. Osei \(OT engineering manager\), 2026-02-25/);
  // The overruled evidence and the rationale in one row: who, when, why, the finding and the evidence's source.
  const overruled = gaps.slice(gaps.indexOf("<h3>Evidence overruled by the assessor</h3>"));
  assert.ok(overruled.length < gaps.length, "the gap assessment lists the overruled evidence");
  const start = overruled.indexOf('<tr class="flagged">');
  const overruledRow = overruled.slice(start, overruled.indexOf("</tr>", start));
  assert.match(overruledRow, /SR 1\.5/);
  assert.match(overruledRow, /but automated evidence contradicts it: ACC-001/);
  assert.match(
    overruledRow,
    /<strong>T\. Tester, 2026-03-02<\/strong>: The operator login on hmi1 is view-only/,
  );
  assert.match(overruledRow, /findings: ACC-001:hmi1\/operator/);
  assert.match(overruledRow, /<code>plant\.yaml:\d+<\/code><\/a> <span class="ev-note">against: ACC-001/);
  // Nothing contradicts an answer without the assessor's word: no open conflict is left.
  assert.doesNotMatch(gaps, /<h3>Answers that the evidence contradicts<\/h3>/);

  // SL-T, SL-C and SL-A side by side: FR4 capped at plc1's 2, hmi1's SL-C unknown.
  const levels = section(html, "levels");
  assert.match(levels, /<h3>Target, capability and achieved levels<\/h3>/);
  assert.match(levels, /<td class="nowrap">SL-C<\/td>(<td class="sl-cell">2<\/td>){7}/);
  assert.match(levels, /capped by SL-C/);
  assert.match(
    levels,
    /Packaging cell FR4: capped at 2 by the SL-C of plc1 \(supplier declaration EXAMPLE-DECL-0100\); the requirements alone reach 3\./,
  );
  assert.match(levels, /Packaging cell: SL-C unknown for 1 component \(hmi1\): it caps nothing\./);
  assert.match(levels, /EXAMPLE-DECL-0100<\/td><td>2026-01-15<\/td>/);

  // gaps.csv: the requirement met by compensating countermeasure, with its countermeasure.
  const rows = parse(gapsCsv(a), { columns: true }) as Record<string, string>[];
  const sr62 = rows.find((r) => r.requirement === "SR 6.2")!;
  assert.equal(sr62.result, "met by compensating countermeasure");
  assert.match(
    sr62.compensation!,
    /^The shift engineer .* \(stands for: Continuous monitoring .*approved by R\. Osei/,
  );
});

test("with a requirement of FR4 met by compensating countermeasure the report says the cap does not apply, and why", async () => {
  const dir = plantWith([{ file: "answers.yaml", from: SR_4_3, to: SR_4_3_COMPENSATED }]);
  const a = await assess(dir, { now: new Date("2026-03-01T00:00:00Z") });
  assert.equal(a.zones[0]!.slAchieved[3], 3);
  const levels = section(await reportHtml(a), "levels");
  assert.match(levels, /cap lifted/);
  assert.match(
    levels,
    /Packaging cell FR4: not capped at the SL-C 2 of plc1 \(supplier declaration EXAMPLE-DECL-0100\): SR 4\.3 is met by compensating countermeasure in the zone/,
  );
});

test("bad input stops the assessment with a located error, and nothing is written", () => {
  const cases = [
    {
      what: "a compensated answer without its compensation",
      edit: {
        file: "answers.yaml" as const,
        from: SR_6_2,
        to: "      - requirement: SR 6.2\n        status: compensated\n        evidence: Daily reviews.",
      },
      error:
        /^error answers\.yaml:\d+:\d+ zones\[0\]\.answers\[7\]\.status: compensated needs a compensation/m,
    },
    {
      what: "an override without a rationale",
      edit: {
        file: "answers.yaml" as const,
        from: SR_1_5_EVIDENCE,
        to: `${SR_1_5_EVIDENCE}\n        override: { by: T. Tester, date: "2026-03-02" }`,
      },
      error: /^error answers\.yaml:\d+:\d+ zones\[0\]\.answers\[0\]\.override\.rationale: missing; say why/m,
    },
    {
      what: "an SL-C of eight levels",
      edit: {
        file: "plant.yaml" as const,
        from: "slC: [2, 2, 2, 2, 2, 2, 2]",
        to: "slC: [2, 2, 2, 2, 2, 2, 2, 2]",
      },
      error:
        /^error plant\.yaml:14:\d+ assets\[0\]\.capability\.slC: expected seven levels 0-4, one for each of FR1\.\.FR7/m,
    },
  ];
  for (const c of cases) {
    const dir = plantWith([c.edit]);
    const r = otaudit(["assess", dir]);
    assert.equal(r.code, EXIT_BAD_INPUT, `${c.what}: ${r.err}`);
    assert.match(r.err, c.error, c.what);
    assert.equal(existsSync(join(dir, "out")), false, `${c.what}: no outputs`);
    assert.equal(existsSync(join(dir, ".otaudit")), false, `${c.what}: no stored run`);
  }
});
