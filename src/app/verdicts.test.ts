import assert from "node:assert/strict";
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "node:test";
import { analysisContext } from "../analysis/context.js";
import { loadPlant } from "./assess.js";
import { PlantInputError } from "./errors.js";
import { loadAnswers, reachVerdicts } from "./verdicts.js";

function plantFolder(): string {
  const dir = join(mkdtempSync(join(tmpdir(), "otaudit-verdicts-")), "plant");
  cpSync("test/fixtures/gap-plant", dir, { recursive: true });
  return dir;
}

test("normativeTexts in answers.yaml puts the user's texts beside the gaps; a bad id in the file only warns", () => {
  const dir = plantFolder();
  writeFileSync(join(dir, "licensed.yaml"), '"SR 1.1": "Licensed text of SR 1.1."\n"SR 1.99": "?"\n');
  const answers = readFileSync(join(dir, "answers.yaml"), "utf8");
  writeFileSync(join(dir, "answers.yaml"), `normativeTexts: licensed.yaml\n${answers}`);
  const { plant } = loadPlant(dir);
  const { problems, ...inputs } = loadAnswers(dir, plant);
  assert.deepEqual(
    problems.map((p) => [p.severity, p.code, p.path]),
    [["warning", "unknown-reference", "SR 1.99"]],
  );
  const now = new Date("2026-03-01T00:00:00Z");
  const verdicts = reachVerdicts({
    ...inputs,
    ...analysisContext({ plant, capture: null, now }),
    findings: [],
  });
  const cell = verdicts.zones.find((z) => z.id === "cell")!;
  assert.equal(cell.gaps.find((g) => g.requirement === "SR 1.2")!.normativeText, undefined);
  // Without findings SR 1.1 is met in the cell; in scada nobody answered it, so it is a gap there.
  const scada = verdicts.zones.find((z) => z.id === "scada")!;
  assert.equal(scada.gaps.find((g) => g.requirement === "SR 1.1")!.normativeText, "Licensed text of SR 1.1.");
  assert.equal(verdicts.program.length, 16);
});

test("an answers.yaml with errors stops the assessment with every error located", () => {
  const dir = plantFolder();
  writeFileSync(
    join(dir, "answers.yaml"),
    "zones:\n  - zone: cel\n    answers:\n      - { requirement: SR 1.1, status: done }\n",
  );
  const { plant } = loadPlant(dir);
  assert.throws(
    () => loadAnswers(dir, plant),
    (err: unknown) =>
      err instanceof PlantInputError &&
      err.problems.length === 2 &&
      /answers\.yaml:2:11 zones\[0\]\.zone: unknown zone "cel"/.test(err.message) &&
      /answers\.yaml:4:40 zones\[0\]\.answers\[0\]\.status: invalid option/.test(err.message),
  );
});

test("without answers.yaml, or with an empty one, the plant is assessed from the evidence alone", () => {
  const dir = plantFolder();
  rmSync(join(dir, "answers.yaml"));
  const { plant } = loadPlant(dir);
  assert.deepEqual(loadAnswers(dir, plant), { answers: null, normativeTexts: new Map(), problems: [] });
  writeFileSync(join(dir, "answers.yaml"), "# answers to come\n");
  const empty = loadAnswers(dir, plant);
  assert.deepEqual(empty.problems, []);
  assert.deepEqual(empty.answers?.spec, { zones: [], conduits: [], program: [] });
});
