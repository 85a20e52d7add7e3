/**
 * Every input that once crashed or hung a fuzz target, replayed under the fuzzer's limits: fixed ones must pass;
 * pending ones (fuzz/regressions/pending/, bugs not fixed yet) run as to-do, and say so when they pass.
 */
import assert from "node:assert/strict";
import { rmSync } from "node:fs";
import { basename } from "node:path";
import { after, before, describe, it } from "node:test";
import { listRegressions } from "./regressions.js";
import { type ReplayResult, replay } from "./replay.js";
import { scratchRoot } from "./targets/common.js";

const all = listRegressions();

describe("fuzz regressions", { timeout: 600_000 }, () => {
  let results = new Map<string, ReplayResult>();
  before(async () => {
    results = new Map((await replay(all, { timeoutMs: 10_000 })).map((r) => [r.regression.path, r]));
  });
  after(() => rmSync(scratchRoot(), { recursive: true, force: true }));

  for (const reg of all) {
    const todo = reg.pending ? `pending fix: ${reg.description}` : false;
    it(`${reg.target}/${basename(reg.path)}: ${reg.description}`, { todo }, (t) => {
      const r = results.get(reg.path);
      assert.ok(r, "not replayed");
      if (reg.pending && r.ok)
        t.diagnostic("passes now: move it out of pending/ (node dist/fuzz/run.js --triage)");
      assert.ok(r.ok, `${r.detail}\n${r.stack}`);
    });
  }

  it("replays every kept input", () => {
    assert.equal(results.size, all.length);
  });
});
