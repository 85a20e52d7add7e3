/**
 * The fuzzing loop for one target: run the seeds, then mutate corpus inputs and keep every mutant that reaches a
 * coverage feature no input reached before. Crashes are shrunk and kept once per signature; hangs are confirmed
 * with a second, longer run before they are kept. Figures: executions, execs/s, covered blocks, corpus size,
 * crashes and hangs.
 */
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { Prng } from "../src/synth/prng.js";
import type { Feature } from "./coverage.js";
import { Mutator } from "./mutators.js";
import {
  describeFinding,
  type FindingKind,
  listRegressions,
  regressionDir,
  saveRegression,
  signature,
} from "./regressions.js";
import type { Listed } from "./targets/index.js";
import type { WorkerSetup } from "./worker.js";
import { type Outcome, WorkerHost } from "./worker-host.js";

export interface FuzzOptions {
  /** Wall-clock budget of the loop, seeds included. */
  seconds: number;
  /** Stop after this many executions, whichever comes first (a fixed amount of work for tests). */
  maxRuns?: number;
  seed: number;
  /** Per-input time limit; an input over it is a hang (the target's own limit wins). */
  timeoutMs: number;
  memoryMb: number;
  /** Where to keep found crashes and hangs (`<root>/<target>/`); null keeps them in the report only. */
  regressionsRoot: string | null;
  /** The regressions folder whose pending findings are known bugs: matching crashes are counted, not reported. */
  knownFrom: string | null;
  /** Corpus folder to resume from and to add to (`<dir>/<target>/`), or null. */
  corpusDir: string | null;
  /** Progress lines; the final figures are in the returned report. */
  log?: (line: string) => void;
  statsEveryMs?: number;
  /** End the run at the first finding (tests). */
  stopOnFinding?: boolean;
}

export interface Finding {
  kind: FindingKind;
  description: string;
  data: Uint8Array;
  /** Where it was saved, if it was. */
  path: string | null;
}

export interface FuzzReport {
  target: string;
  execs: number;
  seconds: number;
  execsPerSecond: number;
  /** Mean time inside the target per input, ms: the rest of 1/execsPerSecond is the fuzzer's own (coverage, IPC). */
  targetMs: number;
  coveredBlocks: number;
  features: number;
  corpus: number;
  seeds: number;
  findings: Finding[];
  /** Crashes matching a signature already kept (fixed or pending), not kept again. */
  known: number;
  restarts: number;
}

interface Entry {
  data: Uint8Array;
  /** Features it reached first. */
  gain: number;
}

const MINIMIZE_RUNS = 400;
/** Inputs kept for finding which one an uncaught failure came from, and the time its callbacks get. */
const RECENT = 8;
const LATE_MS = 100;
const MAX_HANGS_KEPT = 3;

export async function fuzz(target: Listed, o: FuzzOptions): Promise<FuzzReport> {
  const log = o.log ?? (() => {});
  const rng = new Prng(o.seed, target.name);
  const timeoutMs = target.timeoutMs ?? o.timeoutMs;
  const host = new WorkerHost(workerSetup(target), { timeoutMs, memoryMb: o.memoryMb });
  const dictionary = (target.dictionary ?? []).map((w) =>
    typeof w === "string" ? new TextEncoder().encode(w) : w,
  );
  const mutator = new Mutator(rng, { maxLen: target.maxLen, dictionary });

  const urls = new Map<string, number>();
  const features = new Set<number>();
  const covered = new Set<number>();
  /** Adds the features (new to the worker) to the run's; returns how many were new to the run. */
  const merge = (list: readonly Feature[]): number => {
    let gained = 0;
    for (const [url, offset, bucket] of list) {
      let u = urls.get(url);
      if (u === undefined) {
        u = urls.size;
        urls.set(url, u);
      }
      const block = u * 2 ** 24 + offset;
      const key = block * 8 + bucket;
      if (features.has(key)) continue;
      features.add(key);
      covered.add(block);
      gained++;
    }
    return gained;
  };

  const corpus: Entry[] = [];
  const findings: Finding[] = [];
  const root = o.regressionsRoot;
  // Bugs already on record: the pending ones (not fixed yet), and, when saving, every one kept (no second file for
  // one bug). A fixed bug coming back under a new input is reported.
  const knownSignatures = new Set<string>();
  for (const r of o.knownFrom ? listRegressions(o.knownFrom) : [])
    if (r.target === target.name && r.pending) knownSignatures.add(signature(r.description));
  for (const r of root ? listRegressions(root) : [])
    if (r.target === target.name) knownSignatures.add(signature(r.description));
  let known = 0;
  let hangsKept = 0;
  let execs = 0;
  let targetMs = 0;
  // The budget starts once the worker is up and the seeds are read: loading a big target takes its own while.
  let started = performance.now();
  let deadline = Number.POSITIVE_INFINITY;
  const corpusDir = o.corpusDir ? join(o.corpusDir, target.name) : null;
  const keep = (data: Uint8Array, gain: number) => {
    corpus.push({ data, gain });
    if (corpusDir) {
      mkdirSync(corpusDir, { recursive: true });
      const name = createHash("sha256").update(data).digest("hex").slice(0, 16);
      const path = join(corpusDir, name);
      if (!existsSync(path)) writeFileSync(path, data);
    }
  };

  const record = async (outcome: Exclude<Outcome, { kind: "ok" }>, data: Uint8Array): Promise<void> => {
    if (outcome.kind === "hang") {
      if (hangsKept >= MAX_HANGS_KEPT) return;
      // A loaded machine can stall a run: only an input that also fails a second, longer run is a hang.
      const again = await host.run(data, timeoutMs * 2);
      execs++;
      if (again.kind !== "hang") {
        if (again.kind !== "ok") return record(again, data);
        log(
          `${target.name}: an input took ${Math.round(outcome.ms)} ms once, ${Math.round(again.ms)} ms again: slow, not kept`,
        );
        return;
      }
      hangsKept++;
      return found("hang", data, describeFinding("hang", null, `no result within ${timeoutMs} ms`));
    }
    const note = outcome.kind === "oom" ? `${o.memoryMb} MB heap` : "";
    let description = describeFinding(outcome.kind, outcome.error, note);
    const sig = signature(description);
    if (knownSignatures.has(sig)) {
      known++;
      return;
    }
    knownSignatures.add(sig);
    let small = data;
    if (outcome.kind === "crash" && !outcome.uncaught) {
      small = await minimize(host, data, sig, () => execs++);
      const again = await host.run(small);
      if (again.kind === "crash") description = describeFinding("crash", again.error);
    }
    return found(outcome.kind, small, description);
  };
  const found = (kind: FindingKind, data: Uint8Array, description: string) => {
    const path = root ? saveRegression(regressionDir(root, target.name), kind, data, description) : null;
    findings.push({ kind, description, data, path });
    log(`${target.name}: ${description}${path ? ` -> ${path}` : ""}`);
  };

  /** The last inputs run, newest last: a failure that killed the thread later may be one of theirs. */
  const recent: Uint8Array[] = [];
  /**
   * Which recent input makes the thread die this way when run alone (its callbacks given time to fail), or
   * null: a failure no single input reproduces is reported in the log, not kept.
   */
  const culprit = async (failure: Exclude<Outcome, { kind: "ok" | "hang" }>): Promise<Uint8Array | null> => {
    const sig = signature(describeFinding(failure.kind, failure.error));
    const same = (o: Outcome | undefined) =>
      o !== undefined &&
      o.kind !== "ok" &&
      o.kind !== "hang" &&
      signature(describeFinding(o.kind, o.error)) === sig;
    for (const candidate of [...recent].reverse()) {
      const o = await host.run(candidate);
      execs++;
      if (same(o) || same((await host.settle(LATE_MS))?.outcome)) return candidate;
    }
    log(
      `${target.name}: ${describeFinding(failure.kind, failure.error)}: no recent input reproduces it alone; not kept`,
    );
    return null;
  };

  const execute = async (data: Uint8Array): Promise<number> => {
    const outcome = await host.run(data);
    execs++;
    targetMs += outcome.ms;
    recent.push(data);
    if (recent.length > RECENT) recent.shift();
    const late = host.takeLateFailure();
    if (late && late.outcome.kind !== "ok" && late.outcome.kind !== "hang") {
      const input = await culprit(late.outcome);
      if (input) await record(late.outcome, input);
    }
    const gained = merge(outcome.features);
    if (outcome.kind === "ok") return gained;
    if (outcome.kind !== "hang" && outcome.uncaught && outcome.kind !== "oom") {
      const input = await culprit(outcome);
      if (input) await record(outcome, input);
    } else await record(outcome, data);
    if (o.stopOnFinding && findings.length > 0) deadline = 0;
    return 0;
  };

  let lastStats = started;
  const stats = (): FuzzReport => {
    const seconds = (performance.now() - started) / 1000;
    return {
      target: target.name,
      execs,
      seconds,
      execsPerSecond: execs / Math.max(seconds, 1e-3),
      targetMs: targetMs / Math.max(execs, 1),
      coveredBlocks: covered.size,
      features: features.size,
      corpus: corpus.length,
      seeds: seedCount,
      findings,
      known,
      restarts: host.restarts,
    };
  };
  let seedCount = 0;

  try {
    await host.start();
    merge(host.startupFeatures);
    const seeds = [...(await target.seeds()), ...(corpusDir ? readCorpus(corpusDir) : [])].filter(
      (s) => s.length <= target.maxLen,
    );
    seedCount = seeds.length;
    started = performance.now();
    lastStats = started;
    deadline = started + o.seconds * 1000;
    for (const seed of seeds.length > 0 ? seeds : [new Uint8Array(0)]) {
      if (performance.now() > deadline) break;
      const gained = await execute(seed);
      if (gained > 0) keep(seed, gained);
    }
    if (corpus.length === 0) keep(seeds[0] ?? new Uint8Array(0), 0);
    log(`${target.name}: ${seedCount} seeds, ${corpus.length} kept, ${covered.size} blocks`);

    while (performance.now() < deadline && (o.maxRuns === undefined || execs < o.maxRuns)) {
      const base = pick(corpus, rng).data;
      const other = pick(corpus, rng).data;
      const structured = target.mutate && rng.chance(0.5) ? target.mutate(base, rng) : null;
      const data =
        structured && structured.length <= target.maxLen ? structured : mutator.mutate(base, other);
      const gained = await execute(data);
      if (gained > 0) keep(data, gained);
      const now = performance.now();
      if (now - lastStats > (o.statsEveryMs ?? 10_000)) {
        lastStats = now;
        log(line(stats()));
      }
    }
  } finally {
    await host.stop();
  }
  return stats();
}

/** What the worker needs: the target, its module, and its compiled sources as absolute paths. */
export function workerSetup(target: Listed): WorkerSetup {
  return {
    target: target.name,
    module: target.module,
    include: target.sources.map((s) => resolve("dist", s)),
  };
}

/** Recent finds and small inputs are picked more often. */
function pick(corpus: readonly Entry[], rng: Prng): Entry {
  if (corpus.length > 8 && rng.chance(0.3)) return corpus[corpus.length - 1 - rng.int(8)]!;
  const a = rng.pick(corpus);
  const b = rng.pick(corpus);
  return a.data.length <= b.data.length ? a : b;
}

/**
 * Shrinks a crashing input while it still crashes with the same signature: cuts of halves, quarters, ... down
 * to single bytes, within a budget of runs.
 */
async function minimize(
  host: WorkerHost,
  data: Uint8Array,
  sig: string,
  count: () => void,
): Promise<Uint8Array> {
  let best = data;
  let runs = 0;
  for (let size = best.length >> 1; size >= 1 && runs < MINIMIZE_RUNS; size >>= 1) {
    for (let at = 0; at + size <= best.length && runs < MINIMIZE_RUNS; ) {
      const candidate = new Uint8Array(best.length - size);
      candidate.set(best.subarray(0, at));
      candidate.set(best.subarray(at + size), at);
      const outcome = await host.run(candidate);
      runs++;
      count();
      if (outcome.kind === "crash" && signature(describeFinding("crash", outcome.error)) === sig)
        best = candidate;
      else at += size;
    }
  }
  return best;
}

function readCorpus(dir: string): Uint8Array[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .sort()
    .map((f) => new Uint8Array(readFileSync(join(dir, f))));
}

/** `firewall-iptables: 12345 execs, 410/s, 1830 blocks, 212 in corpus, 0 crashes, 0 hangs` */
export function line(r: FuzzReport): string {
  const crashes = r.findings.filter((f) => f.kind !== "hang").length;
  const hangs = r.findings.filter((f) => f.kind === "hang").length;
  return (
    `${r.target}: ${r.execs} execs in ${r.seconds.toFixed(0)} s, ${r.execsPerSecond.toFixed(0)}/s ` +
    `(${r.targetMs.toFixed(2)} ms in the target), ` +
    `${r.coveredBlocks} blocks, ${r.corpus} in corpus, ${crashes} crashes, ${hangs} hangs` +
    (r.known > 0 ? `, ${r.known} known` : "")
  );
}
