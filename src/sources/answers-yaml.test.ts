import assert from "node:assert/strict";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "node:test";
import { Ajv2020 } from "ajv/dist/2020.js";
import { parse } from "yaml";
import { jsonSchemas } from "../app/schemas.js";
import { formatProblem } from "../model/problem.js";
import { loadAnswersFile } from "./answers-yaml.js";
import { loadNormativeTexts } from "./normative-texts.js";
import { loadPlantFile } from "./plant-yaml.js";

const plant = loadPlantFile("test/fixtures/gap-plant/plant.yaml", "plant.yaml").plant!;

function fileWith(name: string, text: string): string {
  const path = join(mkdtempSync(join(tmpdir(), "otaudit-answers-")), name);
  writeFileSync(path, text);
  return path;
}

test("the fixture's answers load with the line of every answer", () => {
  const { answers, problems } = loadAnswersFile(
    "test/fixtures/gap-plant/answers.yaml",
    plant,
    "answers.yaml",
  );
  assert.deepEqual(problems, []);
  assert.equal(answers!.spec.zones.length, 2);
  assert.equal(answers!.spec.zones[0]!.answers[0]!.requirement, "SR 1.1");
  assert.equal(answers!.lines["zones.0.answers.0"], 8);
  assert.equal(answers!.lines["zones.1.answers.0"], 44);
});

test("unknown zones, requirements, systems, statuses and elements are errors with file:line; met without evidence warns", () => {
  const path = fileWith(
    "answers.yaml",
    [
      "zones:",
      "  - zone: cel",
      "    answers:",
      "      - { requirement: SR 1.14, status: met, evidence: x }",
      "      - { requirement: SR 1.1(1), status: met, evidence: x }",
      "      - { requirement: SR 1.3, status: done, evidence: x }",
      "      - { requirement: SR 1.4, system: srv1, status: met, evidence: x }",
      "      - { requirement: SR 1.5, system: plc9, status: met, evidence: x }",
      "      - { requirement: SR 1.7, status: met }",
      "      - { requirement: SR 1.7, status: partial }",
      "      - { requirement: SR 1.6, status: not-applicable }",
      "program:",
      "  - { element: EVENT 9, maturity: 2 }",
      "  - { element: CM 1, maturity: 5 }",
      "",
    ].join("\n"),
  );
  const { answers, problems } = loadAnswersFile(path, plant, "answers.yaml");
  assert.equal(answers, undefined);
  assert.deepEqual(
    problems.map((p) => p.code),
    [
      "unknown-reference",
      "unknown-reference",
      "schema",
      "schema",
      "unknown-reference",
      "no-evidence",
      "duplicate-id",
      "schema",
      "unknown-reference",
      "schema",
    ],
  );
  // The messages are what a person reads: the suggestions and what was found are pinned here.
  const shown = problems.map((p) => `${p.severity} ${formatProblem(p)}`);
  assert.deepEqual(shown, [
    'error answers.yaml:2:11 zones[0].zone: unknown zone "cel"; did you mean "cell"?',
    'error answers.yaml:4:24 zones[0].answers[0].requirement: unknown requirement "SR 1.14": not an SR or RE of IEC 62443-3-3; did you mean "SR 1.1"?',
    'error answers.yaml:5:24 zones[0].answers[1].requirement: expected a requirement id like "SR 1.1" or "SR 1.1 RE 2", got "SR 1.1(1)"',
    'error answers.yaml:6:40 zones[0].answers[2].status: invalid option: expected one of "met"|"compensated"|"partial"|"not-met"|"not-applicable", got "done"',
    'error answers.yaml:8:40 zones[0].answers[4].system: unknown asset "plc9"; did you mean "plc1"?',
    'warning answers.yaml:9:40 zones[0].answers[5].status: "met" without evidence counts as unknown: say what shows it is met (a document, an export, a test)',
    "error answers.yaml:10:24 zones[0].answers[6].requirement: SR 1.7 is answered twice in this zone; first at zones[0].answers[5]",
    "error answers.yaml:11:9 zones[0].answers[7].justification: not-applicable needs a justification, got nothing",
    'error answers.yaml:13:16 program[0].element: unknown program element "EVENT 9": not an element of IEC 62443-2-1; did you mean "EVENT 1"?',
    "error answers.yaml:14:32 program[1].maturity: expected a maturity level 1-4, got 5",
  ]);
});

test("a system must lie in the zone it is answered for", () => {
  const path = fileWith(
    "answers.yaml",
    "zones:\n  - zone: cell\n    answers:\n      - { requirement: SR 1.4, system: srv1, status: met, evidence: x }\n",
  );
  const { problems } = loadAnswersFile(path, plant, "answers.yaml");
  assert.deepEqual(
    problems.map((p) => [p.code, p.file, p.line, p.column, p.path]),
    [["outside-zone", "answers.yaml", 4, 40, "zones[0].answers[0].system"]],
  );
});

test("answers for a zone outside the system under consideration are a warning that they are not used", () => {
  const example = loadPlantFile("examples/water-treatment/plant.yaml", "plant.yaml").plant!;
  const path = fileWith(
    "answers.yaml",
    "zones:\n  - zone: dmz\n    answers: []\n  - zone: enterprise\n    answers:\n      - { requirement: SR 1.1, status: met, evidence: AD logons }\n",
  );
  const { answers, problems } = loadAnswersFile(path, example, "answers.yaml");
  assert.ok(answers, "a warning, not an error: the file still loads");
  assert.deepEqual(
    problems.map((p) => [p.severity, p.code, p.line, p.path]),
    [["warning", "no-effect", 4, "zones[1].zone"]],
  );
  assert.match(problems[0]!.message, /^zone "enterprise" is outside the system under consideration/);
});

test("normative texts load by id; unknown ids and a missing file are warnings, never errors", () => {
  const path = fileWith(
    "texts.yaml",
    '"SR 1.1": "  Text of the licensed copy.  "\n"SR 9.9": other\n"SR 1.2": 3\n',
  );
  const { texts, problems } = loadNormativeTexts(path, "texts.yaml");
  assert.deepEqual([...texts], [["SR 1.1", "Text of the licensed copy."]]);
  assert.deepEqual(
    problems.map((p) => [p.severity, p.code, formatProblem(p).split(": ")[0]]),
    [
      ["warning", "unknown-reference", "texts.yaml:2:1 SR 9.9"],
      ["warning", "schema", "texts.yaml:3:11 SR 1.2"],
    ],
  );
  const missing = loadNormativeTexts("/nonexistent/texts.yaml", "texts.yaml");
  assert.equal(missing.texts.size, 0);
  assert.deepEqual(
    missing.problems.map((p) => [p.severity, p.code]),
    [["warning", "unreadable"]],
  );
});

test("the example's answers load cleanly, and an editor using the answers schema accepts them", () => {
  const example = loadPlantFile("examples/water-treatment/plant.yaml", "plant.yaml").plant!;
  const { answers, problems } = loadAnswersFile(
    "examples/water-treatment/answers.yaml",
    example,
    "answers.yaml",
  );
  assert.deepEqual(problems, []);
  // The four zones of the system under consideration; Utility IT's network is outside it.
  assert.deepEqual(
    answers!.spec.zones.map((z) => z.zone),
    ["dmz", "supervisory", "control", "safety"],
  );
  const validate = new Ajv2020({ allErrors: true, strict: false }).compile(
    JSON.parse(jsonSchemas()["answers.schema.json"]!),
  );
  const value = parse(readFileSync("examples/water-treatment/answers.yaml", "utf8"));
  assert.equal(validate(value), true, JSON.stringify(validate.errors));
  value.zones[0].answers[0].status = "done";
  assert.equal(validate(value), false);
});

test("normativeTexts naming /dev/zero is refused at once: a warning, the texts not shown", () => {
  const { texts, problems } = loadNormativeTexts("/dev/zero", "/dev/zero");
  assert.equal(texts.size, 0);
  assert.deepEqual(
    problems.map((p) => [p.severity, p.code, p.file]),
    [["warning", "unreadable", "/dev/zero"]],
  );
});

test("answers.yaml saved as UTF-16 (LE or BE, with a BOM) loads as the UTF-8 file does", () => {
  const text = readFileSync("test/fixtures/gap-plant/answers.yaml", "utf8");
  const plain = loadAnswersFile("test/fixtures/gap-plant/answers.yaml", plant, "answers.yaml");
  const le = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, "utf16le")]);
  const be = Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from(text, "utf16le").swap16()]);
  for (const bytes of [le, be]) {
    const path = join(mkdtempSync(join(tmpdir(), "otaudit-answers-")), "answers.yaml");
    writeFileSync(path, bytes);
    assert.deepEqual(loadAnswersFile(path, plant, "answers.yaml"), plain);
  }
});

test("a compensated answer without its compensation and an override without a rationale are located errors", () => {
  const path = fileWith(
    "answers.yaml",
    [
      "zones:",
      "  - zone: cell",
      "    answers:",
      "      - requirement: SR 1.1",
      "        status: compensated",
      "        evidence: Key switch in the cabinet.",
      "      - requirement: SR 1.3",
      "        status: met",
      "        evidence: Account list of 2026-02-01.",
      "        override: { by: A. Assessor, date: 2026-03-01 }",
      "      - requirement: SR 1.4",
      "        status: met",
      "        evidence: Naming scheme NS-1.",
      "        override: { rationale: because, by: A. Assessor, date: 2026-03-01 }",
      "      - requirement: SR 1.5",
      "        status: met",
      "        evidence: Directory policy.",
      "        compensation: { countermeasure: x, standsFor: y, evidence: z, approvedBy: w, date: 2026-03-01 }",
      "      - requirement: SR 1.7",
      "        status: partial",
      "        comment: Only the HMI enforces length.",
      "        override: { rationale: The secedit export predates the domain join., by: A. Assessor, date: 2026-03-01 }",
      "",
    ].join("\n"),
  );
  const { answers, problems } = loadAnswersFile(path, plant, "answers.yaml");
  assert.equal(answers, undefined, "nothing loads: the assessment stops here");
  assert.deepEqual(
    problems.map((p) => `${p.severity} ${formatProblem(p)}`),
    [
      'error answers.yaml:5:17 zones[0].answers[0].status: compensated needs a compensation: countermeasure, standsFor, evidence, approvedBy and date (IEC 62443-3-3 compensating countermeasure), got "compensated"',
      "error answers.yaml:10:19 zones[0].answers[1].override.rationale: missing; say why the answer stands against the evidence",
      'error answers.yaml:14:32 zones[0].answers[2].override.rationale: say why the answer stands against the evidence, in at least 20 characters a reader can check, got "because"',
      'error answers.yaml:18:23 zones[0].answers[3].compensation: a compensation goes with status compensated only: set the status, or remove the compensation, got {"countermeasure":"x","standsFor":"y","evidence":"z","app...',
      'warning answers.yaml:22:19 zones[0].answers[4].override: evidence against a requirement never overturns a "partial" answer, so this override has nothing to overrule; it is for a "met", "compensated" or "not-applicable" answer the evidence contradicts',
    ],
  );
});
