/**
 * The IEC 62443-3-2 design basis in the outputs (issue #19: ZCR 6, ZCR 7 and the CRS): the design basis section of
 * report.html, the unapproved-design note on the cover, zones outside the SuC marked wherever zones are listed, and
 * the cybersecurity requirements specification in report.html and in crs.docx, which LibreOffice lays out and
 * poppler reads back. Assessed from the example plant (whose security-level-targets subject is unapproved), from a
 * plant that states no design basis (test/fixtures/conduit-plant), and from a copy of it with all four approvals.
 * Nothing here depends on the wording of the risk analysis's SL-T rationale.
 */
import assert from "node:assert/strict";
import { execFileSync, spawnSync } from "node:child_process";
import { appendFileSync, cpSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, test } from "node:test";
import JSZip from "jszip";
import { assess } from "../app/assess.js";
import type { Assessment } from "../model/assessment.js";
import { APPROVAL_SUBJECTS } from "../model/system-design.js";
import { SYSTEM_REQUIREMENTS } from "../standard/requirements.js";
import { DEFAULT_THREAT_AGENTS } from "../standard/threat-agents.js";
import { crsDocx } from "./docx/crs-docx.js";
import { renderReport } from "./html.js";
import { requirementsAtTarget } from "./view/crs.js";
import { DEFAULT_AGENTS_NOTE, NO_SUC } from "./view/design.js";
import { type ReportView, reportView } from "./view/report-view.js";

const NOW = new Date("2026-12-01T00:00:00Z");
const has = (tool: string) => spawnSync("sh", ["-c", `command -v ${tool}`]).status === 0;
const OUTSIDE = "outside the SuC (trust: partially-trusted): not assessed against 62443-3-3";

const dir = mkdtempSync(join(tmpdir(), "otaudit-crs-"));
let a: Assessment;
let v: ReportView;
let html: string;

before(async () => {
  a = await assess("examples/water-treatment", { now: NOW });
  v = await reportView(a);
  html = renderReport(v);
});
after(() => rmSync(dir, { recursive: true, force: true }));

/** The text of an HTML fragment: tags dropped, entities read, white space collapsed. */
function text(fragment: string): string {
  return fragment
    .replace(/<[^>]+>/g, " ")
    .replace(/&#39;/g, "'")
    .replace(/&quot;/g, '"')
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&amp;/g, "&")
    .replace(/\s+/g, " ");
}

function section(page: string, id: string): string {
  const start = page.indexOf(`<section id="${id}">`);
  assert.ok(start >= 0, `no section ${id}`);
  return text(page.slice(start, page.indexOf("</section>", start)));
}

const cover = (page: string) =>
  text(page.slice(page.indexOf('<header class="cover"'), page.indexOf("</header>")));

/** The text of a Word document's body, one line per paragraph. */
async function docxText(buffer: Buffer): Promise<string> {
  const zip = await JSZip.loadAsync(buffer);
  const xml = await zip.file("word/document.xml")!.async("string");
  return xml
    .replace(/<\/w:p>/g, "\n")
    .replace(/<[^>]+>/g, "")
    .replace(/&apos;/g, "'")
    .replace(/&quot;/g, '"')
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&amp;/g, "&");
}

/** A requirement id as a whole word: `SR 3.3 RE 1` is not found inside `SR 3.3 RE 12`. */
const mentions = (haystack: string, id: string) =>
  new RegExp(`${id.replace(/\./g, "\\.")}(?![\\d.]|\\s?RE)`).test(haystack);

test("report.html: the design basis section states the SuC, its boundary and access points, the zone outside it, the threat agents and the approvals", () => {
  const s = section(html, "design");
  const system = a.design!.system!;
  assert.ok(s.includes(system.name));
  assert.ok(s.includes(system.boundary!));
  for (const p of system.accessPoints) assert.ok(s.includes(p.id), p.id);
  assert.ok(s.includes("Enterprise network") && s.includes("partially-trusted"));
  assert.ok(s.includes("Managed by Utility IT, but its users browse the internet and read e-mail"));
  for (const t of a.design!.threats.agents) assert.ok(s.includes(t.name), t.name);
  assert.ok(!s.includes(DEFAULT_AGENTS_NOTE), "the example states its agents");
  for (const x of a.design!.approvals) assert.ok(s.includes(x.by) && s.includes(x.reference!), x.subject);
  assert.match(s, /security-level-targets .*? not approved/);
  // ZCR 6 characteristics of zones and of the conduit that states them.
  assert.ok(s.includes("SIS cabinet SP-01 in the chlorine store annex"));
  assert.ok(s.includes("The router is powered on only during a call-out agreed by phone"));
});

test("report.html: the cover and the summary say the assessment rests on a design not approved in security-level-targets", () => {
  assert.deepEqual(a.design!.unapproved, ["security-level-targets"]);
  const c = cover(html);
  assert.match(c, /Design not approved\..*not approved in one subject: security-level-targets/);
  for (const approved of ["system-under-consideration", "partitioning", "risk-criteria"])
    assert.ok(!c.includes(approved), approved);
  assert.ok(c.includes("Riverside WTW process control system (4 of 5 zones)"));
  assert.match(section(html, "summary"), /not approved in one subject: security-level-targets/);
});

test("report.html: the enterprise zone is marked outside the SuC in the zones, levels and gaps sections, and is not specified", () => {
  for (const id of ["zones", "levels", "gaps"]) assert.ok(section(html, id).includes(OUTSIDE), id);
  const crs = section(html, "crs");
  assert.ok(!crs.includes("Zone: Enterprise network"));
  assert.ok(crs.includes(`Not specified: Enterprise network (enterprise), ${OUTSIDE}`));
  // The gap table has a column per assessed zone only.
  assert.doesNotMatch(html.slice(html.indexOf('<section id="gaps">')), /<th>enterprise<\/th>/);
});

test("requirements at SL-T: each SR and RE within the SL-T in its FR; a conduit's in FR3-FR5 only", () => {
  const control = a.zones.find((z) => z.id === "control")!;
  assert.deepEqual(control.slTarget, [2, 2, 3, 2, 3, 2, 3]);
  const frs = requirementsAtTarget(control.slTarget);
  const ids = frs.flatMap((f) => f.requirements.map((r) => r.id));
  const expected = SYSTEM_REQUIREMENTS.filter(
    (r) => r.minSL <= control.slTarget[Number(r.fr.slice(2)) - 1]!,
  ).map((r) => r.id);
  assert.deepEqual(ids, expected);
  assert.ok(ids.includes("SR 3.3 RE 1"), "FR3 at SL 3 asks for the SL 3 enhancement");
  assert.ok(!ids.includes("SR 3.3 RE 2"), "an SL 4 enhancement is beyond SL-T 3");
  assert.ok(!ids.includes("SR 1.1 RE 2"), "FR1 at SL 2 does not ask for an SL 3 enhancement");
  const conduit = requirementsAtTarget([0, 0, 2, 2, 2, 0, 0], ["FR3", "FR4", "FR5"]);
  assert.deepEqual(
    conduit.map((f) => f.fr.id),
    ["FR3", "FR4", "FR5"],
  );
  assert.ok(conduit.every((f) => f.requirements.every((r) => r.fr === f.fr.id && r.minSL <= 2)));
  // The report's CRS view reads the same list.
  assert.deepEqual(
    v.crs.zones
      .find((z) => z.zone.id === "control")!
      .requirements.flatMap((f) => f.requirements.map((r) => r.id)),
    expected,
  );
});

test("report.html: the CRS section specifies each zone of the SuC and each conduit, with requirement ids at SL-T", () => {
  const crs = section(html, "crs");
  for (const id of ["dmz", "supervisory", "control", "safety"]) assert.ok(crs.includes(`(${id}), SL-T`), id);
  const control = crs.slice(
    crs.indexOf("Zone: Basic process control"),
    crs.indexOf("Zone: Safety instrumented"),
  );
  assert.ok(control.includes("Control-room cabinets CP-01 to CP-04"));
  assert.ok(mentions(control, "SR 3.3 RE 1") && !mentions(control, "SR 3.3 RE 2"));
  assert.ok(control.includes("dosetech-service: from the networks outside every declared zone"));
  assert.ok(
    crs.includes(
      "Conduit: DoseTech remote service of the dosing skid (dosetech-service), SL-T FR3 2, FR4 2, FR5 2",
    ),
  );
  const noTarget = crs.slice(
    crs.indexOf("Conduit: Business users to the historian mirror (enterprise-dmz)"),
    crs.indexOf("Conduit: Historian replication"),
  );
  assert.ok(noTarget.length > 0);
  assert.match(noTarget, /gives this conduit no SL-T/);
});

test("crs.docx on the example, laid out by LibreOffice, reads as a specification", {
  skip:
    (!has("soffice") || !has("pdftotext")) && "LibreOffice (soffice) or poppler (pdftotext) is not installed",
  timeout: 240_000,
}, async () => {
  const docx = join(dir, "crs.docx");
  writeFileSync(docx, await crsDocx(v));
  execFileSync("soffice", ["--headless", "--convert-to", "pdf", "--outdir", dir, docx], {
    env: { ...process.env, HOME: dir },
    stdio: "ignore",
    timeout: 230_000,
  });
  const pdf = execFileSync("pdftotext", [join(dir, "crs.pdf"), "-"], { encoding: "utf8" }).replace(
    /\s+/g,
    " ",
  );
  // A document a client signs: its title, a document-control block and a sign-off table.
  assert.ok(pdf.includes("CYBERSECURITY REQUIREMENTS SPECIFICATION"));
  for (const fact of [
    "Document control",
    a.site,
    a.id,
    `${a.tool.name} ${a.tool.version}`,
    NOW.toISOString().slice(0, 10),
    "Sign-off",
    "Approved by (client)",
  ])
    assert.ok(pdf.includes(fact), fact);
  // It opens with the SuC, the threat environment, the approvals and what is unapproved.
  const system = a.design!.system!;
  assert.ok(pdf.includes(system.name));
  for (const t of a.design!.threats.agents) assert.ok(pdf.includes(t.name), t.name);
  assert.match(pdf, /Subjects not approved: \W*security-level-targets/);
  assert.ok(pdf.includes("Draft: the design is not approved in security-level-targets"));
  // The control zone: its physical boundary and the requirements of its SL-T {2,2,3,2,3,2,3}, with their titles.
  const start = pdf.indexOf("Zone: Basic process control (control) Description");
  assert.ok(start > 0, "the control zone's part");
  const end = pdf.indexOf("Zone: Safety instrumented system (safety) Description");
  assert.ok(end > start, "the safety zone's part follows");
  const control = pdf.slice(start, end);
  assert.ok(
    control.includes(
      "Control-room cabinets CP-01 to CP-04, the dosing skid enclosure, the reservoir and pump-station kiosks",
    ),
  );
  assert.ok(control.includes("SL-T: {2,2,3,2,3,2,3}"));
  assert.ok(
    control.includes("SR 3.3 RE 1 Automated mechanisms for security functionality verification SL 3"),
  );
  assert.ok(!mentions(control, "SR 3.3 RE 2"), "SR 3.3 RE 2 is required from SL 4 only");
  assert.ok(mentions(control, "SR 5.1 RE 2") && !mentions(control, "SR 1.1 RE 2"));
  assert.ok(!mentions(pdf, "SR 3.3 RE 2"), "no zone or conduit of the example has SL-T 4");
  // The conduits, the dosing skid's included, at their own SL-T in FR3-FR5.
  assert.ok(pdf.includes("Conduit: DoseTech remote service of the dosing skid (dosetech-service)"));
  assert.ok(pdf.includes("FR3 2, FR4 2, FR5 2"));
  assert.ok(pdf.includes("Enterprise network (enterprise): outside the SuC (trust: partially-trusted)"));
});

/** A copy of the conduit fixture, which states no SuC, threat agents or approvals; `yaml` is appended to it. */
async function fixturePlant(yaml = ""): Promise<ReportView> {
  const plant = mkdtempSync(join(dir, "plant-"));
  cpSync("test/fixtures/conduit-plant", plant, { recursive: true });
  if (yaml) appendFileSync(join(plant, "plant.yaml"), yaml);
  return reportView(await assess(plant, { now: NOW }));
}

test("a plant that states no SuC, threat agents or approvals still renders, saying so, in report.html and crs.docx", async () => {
  const bare = await fixturePlant();
  assert.equal(bare.design!.system, null);
  assert.deepEqual(bare.design!.unapproved, [...APPROVAL_SUBJECTS]);
  const page = renderReport(bare);
  const design = section(page, "design");
  assert.ok(design.includes(NO_SUC));
  assert.ok(design.includes(DEFAULT_AGENTS_NOTE));
  for (const t of DEFAULT_THREAT_AGENTS) assert.ok(design.includes(t.name), t.name);
  assert.ok(cover(page).includes("not stated in plant.yaml: every zone assessed"));
  // Nothing is approved: the cover lists all four subjects.
  for (const subject of APPROVAL_SUBJECTS) assert.ok(cover(page).includes(subject), subject);
  // Every zone is in scope, specified in the CRS, and none is marked outside.
  assert.ok(!page.includes("outside the SuC (trust"));
  assert.equal(bare.crs.zones.length, bare.a.zones.length);
  const crs = await docxText(await crsDocx(bare));
  assert.ok(crs.includes(NO_SUC));
  assert.ok(crs.includes(DEFAULT_AGENTS_NOTE));
  assert.ok(crs.includes("All zones of plant.yaml (no system under consideration stated)"));
  assert.ok(crs.includes("Zone: Pumping and dosing control (control)"));
});

test("a plant with all four approvals shows no unapproved note, and who approved what in the design section", async () => {
  const approved = await fixturePlant(
    `\napprovals:\n${APPROVAL_SUBJECTS.map((s, i) => `  - { subject: ${s}, by: Approver ${i + 1}, role: Plant manager, date: "2026-11-0${i + 1}", reference: "Minute ${i + 1}" }\n`).join("")}`,
  );
  assert.deepEqual(approved.design!.unapproved, []);
  const page = renderReport(approved);
  assert.ok(!cover(page).includes("Design not approved"));
  assert.ok(!page.includes("has not approved"));
  const design = section(page, "design");
  for (const [i, subject] of APPROVAL_SUBJECTS.entries())
    assert.ok(
      design.includes(`${subject}`) &&
        design.includes(`Approver ${i + 1}`) &&
        design.includes(`Minute ${i + 1}`),
    );
  assert.ok(!design.includes("not approved"));
  const crs = await docxText(await crsDocx(approved));
  assert.ok(crs.includes("Every subject of the design is approved."));
  assert.ok(crs.includes(`Design basis approved in all ${APPROVAL_SUBJECTS.length} subjects`));
});
