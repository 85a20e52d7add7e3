/** The fuzzer itself: block coverage, the worker's outcomes, and a search that needs coverage to succeed. */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { Prng } from "../src/synth/prng.js";
import { BlockCoverage, bucketOf } from "./coverage.js";
import { fuzz, workerSetup } from "./engine.js";
import { Mutator } from "./mutators.js";
import { signature } from "./regressions.js";
import { type Listed, loadTarget } from "./targets/index.js";
import { WorkerHost } from "./worker-host.js";

const selftest: Listed = { ...(await loadTarget("selftest", "selftest")), module: "selftest" };
const bytes = (s: string) => new TextEncoder().encode(s);

describe("the fuzzer", { timeout: 120_000 }, () => {
  it("buckets counts as AFL does", () => {
    assert.deepEqual(
      [1, 2, 3, 4, 7, 8, 15, 16, 31, 32, 127, 128, 9999].map(bucketOf),
      [0, 1, 2, 3, 3, 4, 4, 5, 5, 6, 6, 7, 7],
    );
  });

  it("tells a branch taken from one not taken, though V8 reports a taken branch only by its absence", async () => {
    const coverage = new BlockCoverage((url) => url.endsWith("/fuzz/targets/selftest.js"));
    coverage.start();
    try {
      const { targets } = await import("./targets/selftest.js");
      const run = targets[0]!.run;
      coverage.collect();
      await run(bytes("ok"));
      coverage.collect();
      const before = coverage.coveredBlocks;
      await run(bytes("ok"));
      assert.deepEqual(coverage.collect(), [], "the same input again reaches nothing new");
      await run(bytes("FU"));
      assert.ok(coverage.collect().length > 0, "the nested branch is new");
      assert.ok(coverage.coveredBlocks > before);
    } finally {
      coverage.stop();
    }
  });

  it("runs each input in a worker: a result, a crash, a late crash, a hang, out of memory", async () => {
    const host = new WorkerHost(workerSetup(selftest), { timeoutMs: 2000, memoryMb: 64 });
    try {
      assert.equal((await host.run(bytes("ok"))).kind, "ok");
      const crash = await host.run(bytes("throw"));
      assert.equal(crash.kind, "crash");
      assert.match(crash.kind === "crash" ? crash.error.message : "", /thrown on purpose/);
      assert.equal((await host.run(bytes("late"))).kind, "ok");
      const late = await host.settle(500);
      assert.match(
        late?.outcome.kind === "crash" ? late.outcome.error.message : "",
        /rejected after the run/,
      );
      assert.deepEqual(late?.data, bytes("late"));
      assert.equal((await host.run(bytes("hang"))).kind, "hang");
      assert.equal((await host.run(bytes("ok"))).kind, "ok", "a new worker takes over after a hang");
      assert.equal((await host.run(bytes("oom"))).kind, "oom");
      assert.equal((await host.run(bytes("ok"))).kind, "ok", "and after running out of memory");
    } finally {
      await host.stop();
    }
  });

  it("finds the crash behind four nested comparisons, shrinks it and reports it once", async () => {
    const r = await fuzz(selftest, {
      seconds: 60,
      maxRuns: 20_000,
      stopOnFinding: true,
      seed: 7,
      timeoutMs: 2000,
      memoryMb: 128,
      regressionsRoot: null,
      knownFrom: null,
      corpusDir: null,
    });
    const found = r.findings.filter((f) => f.description.includes("FUZZ reached"));
    assert.equal(found.length, 1, JSON.stringify(r.findings.map((f) => f.description)));
    assert.equal(r.findings.length, 1);
    assert.equal(new TextDecoder().decode(found[0]!.data), "FUZZ");
    assert.ok(r.corpus >= 2, "the step on the way was kept");
  });

  it("mutates within the length limit and keeps the input itself intact", () => {
    const m = new Mutator(new Prng(1), { maxLen: 32, dictionary: [bytes("token")] });
    const input = bytes("line one\nline two\n");
    const copy = input.slice();
    for (let i = 0; i < 2000; i++) assert.ok(m.mutate(input, bytes("other\n")).length <= 32);
    assert.deepEqual(input, copy);
  });

  it("gives one signature to one bug whatever the input quoted", () => {
    const a = signature('crash: TypeError: bad "x1" at 12 @ parse (src/sources/a.ts:10:5)');
    const b = signature('crash: TypeError: bad "y" at 345 @ parse (src/sources/a.ts:11:7)');
    assert.equal(a, b);
    assert.notEqual(a, signature('crash: TypeError: bad "x1" at 12 @ other (src/sources/a.ts:10:5)'));
  });
});
