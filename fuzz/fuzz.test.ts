/**
 * A short fuzzing run of every target, part of `npm test`: each target's seeds, then mutants up to a fixed number
 * of executions (OTAUDIT_FUZZ_TEST_RUNS), two targets at a time. The number, not a time, bounds the run, so every
 * machine tries the same inputs from the same seed and CI cannot meet a finding the developer's run did not;
 * the time limit only stops a run on a machine too slow to finish it. A new crash or hang fails its target's test, naming the
 * input, which is saved in a temporary folder: copy it to fuzz/regressions/<target>/ to keep it. Crashes of bugs
 * already recorded in fuzz/regressions/pending/ are counted, not failed.
 */
import assert from "node:assert/strict";
import { mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, describe, it } from "node:test";
import { type FuzzReport, fuzz, line } from "./engine.js";
import { REGRESSIONS } from "./regressions.js";
import { scratchRoot } from "./targets/common.js";
import { loadTargets } from "./targets/index.js";

const RUNS = Number(process.env.OTAUDIT_FUZZ_TEST_RUNS ?? "300");
const SECONDS = 30;
const JOBS = 2;

const targets = await loadTargets();
const findings = mkdtempSync(join(tmpdir(), "otaudit-fuzz-findings-"));

/** Every target's run, started now, JOBS at a time, in table order. */
const runs = new Map<string, Promise<FuzzReport>>();
{
  let slots: Promise<unknown>[] = Array.from({ length: JOBS }, () => Promise.resolve());
  targets.forEach((target, i) => {
    const slot = i % JOBS;
    const run = slots[slot]!.then(() =>
      fuzz(target, {
        seconds: SECONDS,
        maxRuns: RUNS,
        seed: 20261207,
        // Generous: the test shares the machine with the rest of the suite.
        timeoutMs: 10_000,
        memoryMb: 512,
        regressionsRoot: findings,
        knownFrom: REGRESSIONS,
        corpusDir: null,
      }),
    );
    slots = slots.map((s, j) => (j === slot ? run.catch(() => {}) : s));
    runs.set(target.name, run);
  });
}

describe("fuzzing, a short run of every target", { timeout: 900_000 }, () => {
  after(() => {
    rmSync(scratchRoot(), { recursive: true, force: true });
    if (readdirSync(findings).length === 0) rmSync(findings, { recursive: true });
  });

  for (const target of targets) {
    it(`${target.name}: seeds and mutants, no new crash or hang`, async (t) => {
      const r = await runs.get(target.name)!;
      t.diagnostic(line(r));
      assert.ok(r.seeds > 0, `${target.name} has no seeds`);
      assert.ok(r.execs > 0 && r.coveredBlocks > 0, `${target.name} ran nothing or covered nothing`);
      assert.deepEqual(
        r.findings.map((f) => `${f.description}; input: ${f.path}`),
        [],
        "new findings: copy each input and its .txt to fuzz/regressions/<target>/",
      );
    });
  }
});
