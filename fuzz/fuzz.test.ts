/**
 * A short fuzzing run of every target, part of `npm test`: each target's seeds, then a second or so of mutants
 * (OTAUDIT_FUZZ_TEST_SECONDS), two targets at a time. A new crash or hang fails its target's test, naming the
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

const SECONDS = Number(process.env.OTAUDIT_FUZZ_TEST_SECONDS ?? "1");
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
