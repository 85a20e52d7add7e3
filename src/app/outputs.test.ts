/**
 * The outputs of the example plant, end to end: every file written, assessment.json valid against its JSON
 * Schema, the CSVs and the remediation spreadsheet consistent with the assessment, the PDF's pages and text
 * (read with poppler's pdfinfo and pdftotext), DOCX and XLSX opened by LibreOffice when it is installed, and
 * the outputs without Chromium.
 */
import assert from "node:assert/strict";
import { execFileSync, spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, test } from "node:test";
import { Ajv2020 } from "ajv/dist/2020.js";
import { parse } from "csv-parse/sync";
import ExcelJS from "exceljs";
import JSZip from "jszip";
import { Assessment } from "../model/assessment.js";
import { inPlan } from "../model/dispositions.js";
import { chromiumUnavailable } from "../report/chromium.js";
import { REPORT_SECTIONS } from "../report/sections/index.js";
import { assess } from "./assess.js";
import { writeOutputs } from "./outputs.js";
import { jsonSchemas } from "./schemas.js";

const PLANT = "examples/water-treatment";
const NOW = new Date("2026-12-01T00:00:00Z");
const noChromium = chromiumUnavailable();
const has = (tool: string) => spawnSync("sh", ["-c", `command -v ${tool}`]).status === 0;

let a: Assessment;
let dir: string;
let written: Awaited<ReturnType<typeof writeOutputs>>;

before(async () => {
  a = await assess(PLANT, { now: NOW });
  dir = mkdtempSync(join(tmpdir(), "otaudit-outputs-"));
  written = await writeOutputs(a, dir);
});
after(() => rmSync(dir, { recursive: true, force: true }));

test("every output is written; report.html first; only the PDF may be skipped, and only without Chromium", () => {
  const names = written.files.map((f) => f.slice(dir.length + 1)).sort();
  const expected = [
    "actions.xlsx",
    "assessment.json",
    "assets.csv",
    "crs.docx",
    "findings.csv",
    "gaps.csv",
    "report.docx",
    "report.html",
    "risks.csv",
  ];
  assert.deepEqual(
    names.filter((n) => n !== "report.pdf"),
    expected,
  );
  assert.equal(written.report, join(dir, "report.html"));
  assert.equal(names.includes("report.pdf"), noChromium === null);
  assert.equal(written.skipped.length === 0, noChromium === null, JSON.stringify(written.skipped));
  for (const f of written.files) assert.ok(existsSync(f), f);
});

test("assessment.json is the assessment, valid against schemas/assessment.schema.json", () => {
  const json = JSON.parse(readFileSync(join(dir, "assessment.json"), "utf8"));
  const validate = new Ajv2020({ allErrors: true, strict: false }).compile(
    JSON.parse(jsonSchemas()["assessment.schema.json"]!),
  );
  assert.equal(validate(json), true, JSON.stringify(validate.errors?.slice(0, 5)));
  assert.deepEqual(Assessment.parse(json), a);
  // The schema is strict where the model is: an unknown field or a bad severity is flagged.
  json.findings[0].severity = "urgent";
  json.surprise = true;
  assert.equal(validate(json), false);
  const where = (validate.errors ?? []).map((e) => e.instancePath);
  assert.ok(where.includes("/findings/0/severity"), JSON.stringify(validate.errors));
});

test("the CSVs hold one row per finding, asset, gap and risk", () => {
  const rows = (name: string) =>
    parse(readFileSync(join(dir, name), "utf8"), { columns: true }) as Record<string, string>[];
  const findings = rows("findings.csv");
  assert.equal(findings.length, a.findings.length);
  const kev = findings.find((f) => f.id === "VULN-001:hmi-01");
  assert.ok(kev, "hmi-01 carries a KEV-listed vulnerability in the example plant");
  assert.equal(kev.severity, "critical");
  assert.match(kev.evidence!, /scans\/supervisory\.nessus:\d+/);
  // The disposition column carries the status dispositions.yaml gives a finding, empty where it gives none.
  assert.deepEqual(
    Object.fromEntries(findings.filter((f) => f.disposition).map((f) => [f.id, f.disposition])),
    Object.fromEntries(a.findings.flatMap((f) => (f.disposition ? [[f.id, f.disposition.status]] : []))),
  );
  assert.equal(findings.find((f) => f.id === "BAK-003:hist-mirror")?.disposition, "accepted");
  assert.equal(kev.disposition, "");
  assert.equal(rows("assets.csv").length, a.assets.length);
  const all = rows("gaps.csv");
  // After the gaps, marked gap "no": what counts as met only on a person's word, each saying which word.
  const gaps = all.filter((g) => g.gap === "yes");
  const judged = all.filter((g) => g.gap === "no");
  assert.equal(gaps.length + judged.length, all.length);
  assert.ok(judged.length > 0, "the example has a compensated answer and an overruled contradiction");
  assert.ok(
    judged.every(
      (g) =>
        (g.result === "met by compensating countermeasure" && g.compensation !== "") ||
        (g.overruled !== "" && ["met", "not-applicable", "unknown"].includes(g.result!)),
    ),
  );
  assert.equal(
    gaps.filter((g) => g.zone !== "").length,
    a.zones.reduce((n, z) => n + z.gaps.length, 0),
  );
  // The example's supervisory-control conduit has an SL-T: its gaps follow the zones', named by the conduit.
  const conduitGaps = gaps.filter((g) => g.conduit !== "");
  assert.equal(
    conduitGaps.length,
    a.conduits.reduce((n, c) => n + c.gaps.length, 0),
  );
  assert.ok(conduitGaps.some((g) => g.conduit === "supervisory-control"));
  assert.ok(conduitGaps.every((g) => g.zone === "" && ["FR3", "FR4", "FR5"].includes(g.fr!)));
  assert.ok(
    gaps.every((g) => ["not-met", "partial", "unknown"].includes(g.result!)),
    "a gap is never met",
  );
  const risks = rows("risks.csv");
  assert.equal(risks.length, a.risks?.length ?? 0);
  for (const r of risks)
    assert.equal(Number(r.residual), Number(r.residual_likelihood) * Number(r.residual_impact), r.id);
});

test("actions.xlsx: every finding in exactly one action, the plan's order, owner/due/status left blank", async () => {
  const book = new ExcelJS.Workbook();
  await book.xlsx.readFile(join(dir, "actions.xlsx"));
  assert.deepEqual(
    book.worksheets.map((w) => w.name),
    ["Remediation plan", "Findings", "About"],
  );
  const plan = book.getWorksheet("Remediation plan")!;
  const head = (plan.getRow(1).values as unknown[]).slice(1);
  assert.deepEqual(head.slice(-4), ["Owner", "Due date", "Status", "Notes"]);
  const col = (name: string) => head.indexOf(name) + 1;
  const rows = [];
  for (let r = 2; r <= plan.rowCount; r++) rows.push(plan.getRow(r));
  const ids = rows.flatMap((r) =>
    String(r.getCell(col("Findings")).value ?? "")
      .split("\n")
      .filter(Boolean),
  );
  // A finding dismissed as a false positive or whose risk is accepted (dispositions.yaml) has no action.
  assert.deepEqual(
    [...ids].sort(),
    a.findings
      .filter(inPlan)
      .map((f) => f.id)
      .sort(),
  );
  assert.ok(
    !ids.includes("BAK-003:hist-mirror"),
    "the example accepts the historian mirror's missing backup",
  );
  const sheet = book.getWorksheet("Findings")!;
  const sheetHead = (sheet.getRow(1).values as unknown[]).slice(1);
  const mirror = [...Array(sheet.rowCount).keys()]
    .map((r) => sheet.getRow(r + 1))
    .find((r) => r.getCell(1).value === "BAK-003:hist-mirror")!;
  assert.equal(mirror.getCell(sheetHead.indexOf("Action") + 1).value, "");
  assert.match(
    String(mirror.getCell(sheetHead.indexOf("Disposition") + 1).value),
    /^Risk accepted until 2027-06-30/,
  );
  // The example plant's weaknesses that matter most, office PCs reaching the controllers and vendor access around
  // the jump host (scratch/plant-plan.md 1, 2 and 8), lead the plan.
  const titles = rows.slice(0, 5).map((r) => String(r.getCell(col("Action")).value));
  assert.ok(
    titles.some((t) => /IT-to-OT|enterprise/i.test(t)),
    titles.join(" | "),
  );
  assert.ok(
    titles.some((t) => /jump host/i.test(t)),
    titles.join(" | "),
  );
  for (const r of rows) {
    for (const name of ["Owner", "Due date", "Status"]) assert.equal(r.getCell(col(name)).value, null, name);
  }
  assert.deepEqual(rows[0]!.getCell(col("Status")).dataValidation.formulae, [
    '"Not started,In progress,Done,Risk accepted"',
  ]);
});

test("report.pdf: A4 pages numbered, with the site, every part and the top action", {
  skip: noChromium ?? (!has("pdftotext") && "pdftotext (poppler-utils) is not installed"),
}, () => {
  const pdf = join(dir, "report.pdf");
  const info = execFileSync("pdfinfo", [pdf], { encoding: "utf8" });
  const pages = Number(info.match(/^Pages:\s+(\d+)/m)?.[1]);
  assert.ok(pages >= 15 && pages <= 80, `${pages} pages`);
  assert.match(info, /^Page size:.*\(A4\)$/m);
  assert.match(info, /^Title:\s+IEC 62443 security assessment: Riverside Water Treatment Works$/m);
  const text = execFileSync("pdftotext", ["-layout", pdf, "-"], { encoding: "utf8" });
  for (const [i, part] of REPORT_SECTIONS.entries())
    assert.ok(text.includes(`${i + 1}. ${part.title}`), part.title);
  assert.ok(text.includes(`Page 1 of ${pages}`) && text.includes(`Page ${pages} of ${pages}`));
  assert.match(text, /Remote access that bypasses the jump host/);
  // Page 1 is the cover: the site and the posture, not the summary.
  const first = execFileSync("pdftotext", ["-f", "1", "-l", "1", pdf, "-"], { encoding: "utf8" });
  assert.match(first, /Riverside Water Treatment Works/);
  assert.match(first, /OVERALL POSTURE: CRITICAL/i);
  assert.doesNotMatch(first, /The 10 actions/);
});

test("report.docx: a table of contents after the cover lists every part, linked to its heading", async () => {
  const zip = await JSZip.loadAsync(readFileSync(join(dir, "report.docx")));
  const xml = await zip.file("word/document.xml")!.async("string");
  const toc = xml.indexOf("TOC \\");
  assert.ok(toc > xml.indexOf("Overall posture"), "no TOC field after the cover");
  const entries = xml.slice(toc, xml.indexOf("</w:sdt>", toc));
  for (const [i, part] of REPORT_SECTIONS.entries())
    assert.ok(entries.includes(`>${i + 1}. ${part.title}<`), `contents lack ${part.title}`);
  // Every entry links to a bookmark on its heading, after the contents.
  const anchors = [...entries.matchAll(/w:anchor="([^"]+)"/g)].map((m) => m[1]!);
  assert.ok(anchors.length >= REPORT_SECTIONS.length);
  for (const name of anchors) assert.ok(xml.indexOf(`w:name="${name}"`, toc) > toc, name);
});

test("report.docx and actions.xlsx open in LibreOffice", {
  skip: !has("libreoffice") && "LibreOffice is not installed",
  timeout: 300_000,
}, () => {
  const out = mkdtempSync(join(tmpdir(), "otaudit-lo-"));
  try {
    execFileSync(
      "libreoffice",
      [
        "--headless",
        "--convert-to",
        "pdf",
        "--outdir",
        out,
        join(dir, "report.docx"),
        join(dir, "actions.xlsx"),
      ],
      {
        env: { ...process.env, HOME: out },
        stdio: "ignore",
        timeout: 280_000,
      },
    );
    for (const name of ["report.pdf", "actions.pdf"]) assert.ok(existsSync(join(out, name)), name);
    if (has("pdftotext")) {
      const text = execFileSync("pdftotext", [join(out, "report.pdf"), "-"], { encoding: "utf8" });
      assert.match(text, /1\. Scope and method/);
      assert.match(text, /5\. Executive summary/);
      assert.match(text, /Figure 1\. Zones and conduits/);
    }
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
});

test("without Chromium, everything but the PDF is written and the reason is given", async () => {
  const saved = process.env.OTAUDIT_CHROMIUM;
  const out = mkdtempSync(join(tmpdir(), "otaudit-nochromium-"));
  process.env.OTAUDIT_CHROMIUM = join(out, "no-such-chromium");
  try {
    const w = await writeOutputs(a, out);
    assert.equal(existsSync(join(out, "report.pdf")), false);
    assert.ok(existsSync(join(out, "report.docx")) && existsSync(join(out, "report.html")));
    assert.equal(w.skipped[0]?.file, "report.pdf");
    assert.match(w.skipped[0]!.reason, /Chromium is not installed at .*no-such-chromium/);
  } finally {
    if (saved === undefined) delete process.env.OTAUDIT_CHROMIUM;
    else process.env.OTAUDIT_CHROMIUM = saved;
    rmSync(out, { recursive: true, force: true });
  }
});
