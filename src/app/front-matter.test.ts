/**
 * The front matter of the report a client signs, end to end with real components: the example plant's report.pdf
 * printed by Chromium and its report.docx converted by LibreOffice, both read back with pdftotext; page images of
 * the cover and the scope page kept (pdftoppm) as artefacts. Then a plant without `engagement`, which says what is
 * not stated, and a missing logo, a located warning the report goes without.
 */
import assert from "node:assert/strict";
import { execFileSync, spawnSync } from "node:child_process";
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, test } from "node:test";
import JSZip from "jszip";
import type { Assessment } from "../model/assessment.js";
import { chromiumUnavailable } from "../report/chromium.js";
import { reportDocx } from "../report/docx/report-docx.js";
import { renderReport } from "../report/html.js";
import { limitationLines } from "../report/sections/front-matter.js";
import { dateText } from "../report/view/dates.js";
import { reportView } from "../report/view/report-view.js";
import { assess, loadPlant } from "./assess.js";
import { PlantInputError } from "./errors.js";
import { writeOutputs } from "./outputs.js";

const PLANT = "examples/water-treatment";
const NOW = new Date("2026-12-01T00:00:00Z");
const has = (tool: string) => spawnSync("sh", ["-c", `command -v ${tool}`]).status === 0;
const skip =
  chromiumUnavailable() ??
  ((!has("soffice") || !has("pdftotext") || !has("pdftoppm")) &&
    "LibreOffice (soffice) or poppler (pdftotext, pdftoppm) is not installed");

/** The facts of the example's engagement each rendering must show. */
const FRONT_FACTS = [
  "Riverside Water Utility",
  "OT Secure Consulting",
  "M. Lindqvist",
  "Confidential: Riverside Water Utility and OT Secure Consulting only",
  "IEC 62443-3-3:2013",
  "IEC 62443-3-2:2020",
  "IEC 62443-2-1:2024",
  "IEC 62443-4-2:2019",
  "Sign-off",
  "Prepared by",
  "Reviewed by",
  "Approved by (client)",
  "Helen Park",
  "2026-11-24 to 2026-11-26",
  "OT network drawing RWT-NET-001",
  "Control system engineer",
];

/** pdftotext's text in reading order (a table cell's lines together), one string per page. */
const pagesOf = (pdf: string): string[] =>
  execFileSync("pdftotext", [pdf, "-"], { encoding: "utf8", maxBuffer: 64e6 }).split("\f");
/** Whitespace folded, so that a table cell wrapped over lines still reads as one phrase. */
const flat = (s: string): string => s.replace(/\s+/g, " ");

describe("the example's front matter in report.pdf and report.docx", { skip, timeout: 600_000 }, () => {
  let a: Assessment;
  let dir: string;
  let artefacts: string;
  const pdfs: Record<"chromium" | "libreoffice", string[]> = { chromium: [], libreoffice: [] };
  /** The 0-based page "Scope and method" starts on, after the cover and the contents. */
  const scopeAt: Record<"chromium" | "libreoffice", number> = { chromium: -1, libreoffice: -1 };

  before(async () => {
    a = await assess(PLANT, { now: NOW });
    dir = mkdtempSync(join(tmpdir(), "otaudit-front-"));
    await writeOutputs(a, dir, { plantDir: PLANT });
    execFileSync(
      "soffice",
      ["--headless", "--convert-to", "pdf", "--outdir", join(dir, "lo"), join(dir, "report.docx")],
      {
        env: { ...process.env, HOME: dir },
        stdio: "ignore",
        timeout: 280_000,
      },
    );
    pdfs.chromium = pagesOf(join(dir, "report.pdf"));
    pdfs.libreoffice = pagesOf(join(dir, "lo", "report.pdf"));
    // Page images of the cover and the scope page, kept for a person to look at.
    artefacts = mkdtempSync(join(tmpdir(), "otaudit-front-pages-"));
    for (const [name, pages, pdf] of [
      ["chromium", pdfs.chromium, join(dir, "report.pdf")],
      ["libreoffice", pdfs.libreoffice, join(dir, "lo", "report.pdf")],
    ] as const) {
      scopeAt[name] = pages.findIndex((p) => /Scope and method/.test(p) && /Fieldwork/.test(p));
      assert.ok(scopeAt[name] > 0, `${name}: no scope page`);
      const scope = scopeAt[name] + 1;
      execFileSync("pdftoppm", [
        "-png",
        "-r",
        "60",
        "-f",
        "1",
        "-l",
        "1",
        pdf,
        join(artefacts, `${name}-cover`),
      ]);
      execFileSync("pdftoppm", [
        "-png",
        "-r",
        "60",
        "-f",
        String(scope),
        "-l",
        String(scope),
        pdf,
        join(artefacts, `${name}-scope`),
      ]);
    }
    process.stderr.write(`front matter page images: ${artefacts}\n`);
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  for (const renderer of ["chromium", "libreoffice"] as const) {
    test(`${renderer}: the front matter comes first and shows plant.yaml's engagement`, () => {
      const pages = pdfs[renderer];
      const text = flat(pages.join("\n"));
      for (const fact of FRONT_FACTS) assert.ok(text.includes(fact), `${renderer} lacks ${fact}`);
      // The four front matter sections, numbered first, before the executive summary.
      const heads = [
        "1. Scope and method",
        "2. Limitations",
        "3. Assessment team",
        "4. Document control",
        "5. Executive summary",
      ];
      const body = flat(pages.slice(scopeAt[renderer]).join("\n"));
      const at = heads.map((h) => body.indexOf(h));
      assert.ok(
        at.every((x, i) => x >= 0 && (i === 0 || x > at[i - 1]!)),
        `${renderer}: ${heads.join(" | ")} at ${at}`,
      );
      // The limitations name the input older than the limit, with its age.
      const limitations = body.slice(at[1]!, at[2]!);
      assert.match(limitations, /firewalls\/dose-4g\.rules \(\d+ days old/);
      assert.match(limitations, /requirement results? needed for the SL-T that nobody answered/);
    });

    test(`${renderer}: the cover carries the assessor, the client and the classification`, () => {
      const cover = flat(pdfs[renderer][0]!);
      for (const fact of [
        "OT Secure Consulting",
        "Riverside Water Utility",
        "Classification",
        "Confidential: Riverside Water Utility",
      ])
        assert.ok(cover.includes(fact), `${renderer} cover lacks ${fact}`);
      assert.ok(existsSync(artefacts), artefacts);
      assert.equal(readdirSync(artefacts).filter((f) => f.startsWith(renderer)).length, 2);
    });
  }

  test("the logo is on both covers: an image in report.html and a picture in report.docx", async () => {
    const html = readFileSync(join(dir, "report.html"), "utf8");
    assert.match(
      html,
      /<img class="cover-logo" alt="OT Secure Consulting logo" src="data:image\/svg\+xml;base64,/,
    );
    const zip = await JSZip.loadAsync(readFileSync(join(dir, "report.docx")));
    const xml = await zip.file("word/document.xml")!.async("string");
    assert.ok(
      xml.indexOf('name="logo"') >= 0 && xml.indexOf('name="logo"') < xml.indexOf("TOC \\"),
      "no logo before the contents",
    );
  });
});

describe("a plant without engagement", () => {
  test("renders the front matter with what plant.yaml does not state", async () => {
    const a = await assess("test/fixtures/conduit-plant", { now: NOW });
    assert.equal(a.engagement, undefined);
    const v = await reportView(a);
    const text = flat(
      renderReport(v)
        .replace(/<[^>]+>/g, " ")
        .replace(/&#39;/g, "'"),
    );
    for (const field of [
      "client",
      "assessor",
      "team",
      "methods",
      "documents",
      "interviews",
      "version",
      "distribution",
      "classification",
      "signOff.approvedBy",
    ])
      assert.ok(text.includes(`not stated in plant.yaml (engagement.${field})`), field);
    assert.match(text, /Scope and method/);
    assert.match(text, /IEC 62443-3-3:2013/);
    assert.doesNotMatch(renderReport(v), /<img class="cover-logo"/);
    // The Word document builds from the same view.
    const docx = await reportDocx(v, new Map());
    const xml = await (await JSZip.loadAsync(docx)).file("word/document.xml")!.async("string");
    assert.ok(xml.includes("not stated in plant.yaml (engagement.signOff.preparedBy)"));
  });
});

test("the limitations name the zones no capture saw, from the coverage the analyses found", async () => {
  const a = await assess("test/fixtures/evidence-age-plant", { now: NOW });
  const lines = limitationLines(await reportView(a));
  const unseen = lines.find((l) => l.startsWith("Zones no capture saw"));
  // No capture was declared on the office network or its conduits; the supervisory zone was seen.
  assert.ok(unseen, lines.join("\n"));
  assert.match(unseen, /Office network \(enterprise\)/);
  assert.doesNotMatch(unseen, /Supervisory control/);
});

describe("engagement values in plant.yaml", () => {
  let plant: string;
  before(() => {
    plant = mkdtempSync(join(tmpdir(), "otaudit-engagement-"));
    cpSync("test/fixtures/conduit-plant", plant, { recursive: true });
  });
  after(() => rmSync(plant, { recursive: true, force: true }));
  const withEngagement = (yaml: string): number => {
    const base = readFileSync("test/fixtures/conduit-plant/plant.yaml", "utf8");
    writeFileSync(join(plant, "plant.yaml"), `${base}\nengagement:\n${yaml}`);
    return base.split("\n").length + 1;
  };

  test("a missing logo is a warning at its line, and the report goes without it", async () => {
    const line = withEngagement("  client: Acme Water\n  logo: brand/missing.png\n  locale: en-GB\n");
    const a = await assess(plant, { now: NOW });
    const warning = a.problems.find((p) => p.path === "engagement.logo");
    assert.ok(warning, JSON.stringify(a.problems));
    assert.equal(warning.severity, "warning");
    assert.equal(warning.file, "plant.yaml");
    assert.equal(warning.line, line + 2);
    assert.match(warning.message, /brand\/missing\.png/);
    assert.equal(a.engagement?.logo, undefined);
    assert.equal(a.engagement?.client, "Acme Water");
    const dir = join(plant, "out");
    await writeOutputs(a, dir, { plantDir: plant });
    const html = readFileSync(join(dir, "report.html"), "utf8");
    assert.doesNotMatch(html, /<img class="cover-logo"/);
    // The locale prints the report's days in its words.
    assert.match(html, /Report date<\/dt><dd>1 December 2026/);
  });

  test("bad values are errors at their lines", () => {
    const line = withEngagement(
      '  methods: [passive-capture, telepathy]\n  dates: { fieldworkFrom: "2026-11-26", fieldworkTo: "2026-11-24" }\n  logo: logo.gif\n  locale: "not a locale!"\n',
    );
    const err = (() => {
      try {
        loadPlant(plant);
      } catch (e) {
        return e;
      }
      return null;
    })();
    assert.ok(err instanceof PlantInputError);
    const at = (path: string) =>
      err.problems.find((p) => p.severity === "error" && p.path.startsWith(path))?.line;
    assert.equal(at("engagement.methods"), line + 1);
    assert.equal(at("engagement.dates"), line + 2);
    assert.equal(at("engagement.logo"), line + 3);
    assert.equal(at("engagement.locale"), line + 4);
  });
});

test("dates are ISO unless a locale is given", () => {
  assert.equal(dateText(undefined)("2026-12-01T10:00:00Z"), "2026-12-01");
  assert.equal(dateText("en-GB")("2026-12-01"), "1 December 2026");
  assert.equal(dateText("de-DE")("2026-12-01"), "1. Dezember 2026");
});
