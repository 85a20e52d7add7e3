import assert from "node:assert/strict";
import { readdirSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import { InputProblem, PROBLEM_CODES } from "../model/problem.js";
import { assess } from "./assess.js";
import { PlantInputError } from "./errors.js";

const PLANTS = [
  "examples/water-treatment",
  ...readdirSync("test/fixtures").map((d) => join("test/fixtures", d)),
];

// A problem built past problemAt (a spread, a cast) could lose its code; the parse would catch it.
test("every problem the example plant and the test fixtures produce has a known code", async () => {
  let seen = 0;
  for (const dir of PLANTS) {
    const problems = await assess(dir).then(
      (a) => a.problems,
      (err: unknown) => {
        if (err instanceof PlantInputError) return err.problems;
        throw err;
      },
    );
    seen += problems.length;
    for (const p of problems) {
      assert.ok(InputProblem.safeParse(p).success, `${dir}: ${JSON.stringify(p)}`);
      assert.ok(p.code in PROBLEM_CODES, `${dir}: ${p.code}`);
    }
  }
  assert.ok(seen > 0, "the plants produce no problem: the test would prove nothing");
});
