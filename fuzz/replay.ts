/** Replays kept regression inputs, each target's in one worker under the same limits as fuzzing. */
import { readFileSync } from "node:fs";
import { workerSetup } from "./engine.js";
import {
  describeFinding,
  listRegressions,
  moveRegression,
  REGRESSIONS,
  type Regression,
} from "./regressions.js";
import { loadTargets } from "./targets/index.js";
import { type Outcome, WorkerHost } from "./worker-host.js";

export interface ReplayResult {
  regression: Regression;
  ok: boolean;
  /** What went wrong, as a finding's description; empty when it passed. */
  detail: string;
  /** Stack of the failure, for the report. */
  stack: string;
}

export interface ReplayOptions {
  timeoutMs?: number;
  memoryMb?: number;
}

function judge(regression: Regression, outcome: Outcome, timeoutMs: number): ReplayResult {
  if (outcome.kind === "ok") return { regression, ok: true, detail: "", stack: "" };
  if (outcome.kind === "hang")
    return {
      regression,
      ok: false,
      detail: describeFinding("hang", null, `no result within ${timeoutMs} ms`),
      stack: "",
    };
  return {
    regression,
    ok: false,
    detail: describeFinding(outcome.kind, outcome.error),
    stack: outcome.error.stack,
  };
}

/** Replays the given regressions, grouped by target. */
export async function replay(
  regressions: readonly Regression[],
  o: ReplayOptions = {},
): Promise<ReplayResult[]> {
  const timeoutMs = o.timeoutMs ?? 5000;
  const results: ReplayResult[] = [];
  const targets = await loadTargets();
  for (const name of [...new Set(regressions.map((r) => r.target))]) {
    const mine = regressions.filter((r) => r.target === name);
    const target = targets.find((t) => t.name === name);
    if (!target) {
      for (const regression of mine)
        results.push({ regression, ok: false, detail: `no fuzz target "${name}" any more`, stack: "" });
      continue;
    }
    const limit = target.timeoutMs ?? timeoutMs;
    const host = new WorkerHost(workerSetup(target), { timeoutMs: limit, memoryMb: o.memoryMb ?? 512 });
    try {
      for (const regression of mine) {
        const outcome = await host.run(new Uint8Array(readFileSync(regression.path)));
        // Its callbacks get a moment to fail after it returned.
        const late = outcome.kind === "ok" ? await host.settle(100) : host.takeLateFailure();
        results.push(judge(regression, late ? late.outcome : outcome, limit));
      }
    } finally {
      await host.stop();
    }
  }
  return results;
}

/**
 * Replays every regression and prints each result. With `triage`, failing ones move to pending/ and passing
 * pending ones move back. Returns how many of the replayed (not pending) ones failed.
 */
export async function replayAll(
  o: ReplayOptions & { triage: boolean; log: (line: string) => void; root?: string },
) {
  const root = o.root ?? REGRESSIONS;
  const results = await replay(listRegressions(root), o);
  let failing = 0;
  for (const r of results) {
    const { regression: reg } = r;
    const state = r.ok ? (reg.pending ? "FIXED" : "ok") : reg.pending ? "pending" : "FAILS";
    o.log(`${state}\t${reg.target}\t${reg.path}\t${r.ok ? reg.description : r.detail}`);
    if (!r.ok && !reg.pending) failing++;
    if (o.triage && r.ok === reg.pending) o.log(`\t-> ${moveRegression(reg, root, !r.ok)}`);
  }
  return failing;
}
