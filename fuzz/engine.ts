/**
 * The fuzzing loop for one target: run the seeds, then mutate corpus inputs and keep every mutant that reaches a
 * coverage feature no input reached before; what fails goes to triage. Figures: executions, execs/s, the time
 * in the target and taking coverage, covered blocks, corpus size, crashes and hangs.
 */
import { join, resolve } from "node:path";
import { Prng } from "../src/synth/prng.js";
import { Corpus } from "./corpus.js";
import { Mutator } from "./mutators.js";
import type { Listed } from "./targets/index.js";
import { type Finding, Triage } from "./triage.js";
import type { WorkerSetup } from "./worker.js";
import { WorkerHost } from "./worker-host.js";

export type { Finding } from "./triage.js";

export interface FuzzOptions {
  /** Time budget once the worker is up and the seeds are read; the seeds run within it. */
  seconds: number;
  /** Stop after this many executions, whichever comes first. */
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

export interface FuzzReport {
  target: string;
  execs: number;
  seconds: number;
  execsPerSecond: number;
  /** Mean time inside the target per input, ms: the rest of 1/execsPerSecond is the fuzzer's own. */
  targetMs: number;
  /** Mean time taking the coverage after each input, ms. */
  coverageMs: number;
  coveredBlocks: number;
  features: number;
  corpus: number;
  seeds: number;
  findings: Finding[];
  /** Failures matching a bug on record, not kept again. */
  known: number;
  restarts: number;
}

/** What the worker needs: the target, its module, and its compiled sources as absolute paths. */
export function workerSetup(target: Listed): WorkerSetup {
  return {
    target: target.name,
    module: target.module,
    include: target.sources.map((s) => resolve("dist", s)),
  };
}

export async function fuzz(target: Listed, o: FuzzOptions): Promise<FuzzReport> {
  const log = o.log ?? (() => {});
  const rng = new Prng(o.seed, target.name);
  const timeoutMs = target.timeoutMs ?? o.timeoutMs;
  const host = new WorkerHost(workerSetup(target), { timeoutMs, memoryMb: o.memoryMb });
  const dictionary = (target.dictionary ?? []).map((w) =>
    typeof w === "string" ? new TextEncoder().encode(w) : w,
  );
  const mutator = new Mutator(rng, { maxLen: target.maxLen, dictionary });
  const corpus = new Corpus(o.corpusDir ? join(o.corpusDir, target.name) : null);
  let execs = 0;
  let targetMs = 0;
  let coverageMs = 0;
  const triage = new Triage(host, { ...o, target: target.name, timeoutMs, log, ran: () => execs++ });

  /** Runs one input; returns how many features it reached first (0 when it failed). */
  const execute = async (data: Uint8Array): Promise<number> => {
    const outcome = await host.run(data);
    execs++;
    targetMs += outcome.ms;
    coverageMs += outcome.coverageMs ?? 0;
    triage.ran(data);
    const gained = corpus.merge(outcome.features);
    await triage.check(outcome, data);
    return outcome.kind === "ok" ? gained : 0;
  };

  let seeds = 0;
  // The budget starts once the worker is up and the seeds are read: loading a big target takes its own while.
  let started = performance.now();
  const report = (): FuzzReport => {
    const seconds = (performance.now() - started) / 1000;
    return {
      target: target.name,
      execs,
      seconds,
      execsPerSecond: execs / Math.max(seconds, 1e-3),
      targetMs: targetMs / Math.max(execs, 1),
      coverageMs: coverageMs / Math.max(execs, 1),
      coveredBlocks: corpus.coveredBlocks,
      features: corpus.featureCount,
      corpus: corpus.size,
      seeds,
      findings: triage.findings,
      known: triage.known,
      restarts: host.restarts,
    };
  };

  try {
    await host.start();
    corpus.merge(host.startupFeatures);
    const inputs = [...(await target.seeds()), ...corpus.saved()].filter((s) => s.length <= target.maxLen);
    seeds = inputs.length;
    started = performance.now();
    const deadline = started + o.seconds * 1000;
    const more = () =>
      performance.now() < deadline &&
      (o.maxRuns === undefined || execs < o.maxRuns) &&
      !(o.stopOnFinding && triage.findings.length > 0);
    for (const seed of inputs.length > 0 ? inputs : [new Uint8Array(0)]) {
      if (!more()) break;
      const gained = await execute(seed);
      if (gained > 0) corpus.keep(seed, gained);
    }
    if (corpus.size === 0) corpus.keep(inputs[0] ?? new Uint8Array(0), 0);
    log(`${target.name}: ${seeds} seeds, ${corpus.size} kept, ${corpus.coveredBlocks} blocks`);

    let lastStats = performance.now();
    while (more()) {
      const base = corpus.pick(rng);
      const structured = target.mutate && rng.chance(0.5) ? target.mutate(base, rng) : null;
      const data =
        structured && structured.length <= target.maxLen
          ? structured
          : mutator.mutate(base, corpus.pick(rng));
      const gained = await execute(data);
      if (gained > 0) corpus.keep(data, gained);
      if (performance.now() - lastStats > (o.statsEveryMs ?? 10_000)) {
        lastStats = performance.now();
        log(line(report()));
      }
    }
  } finally {
    await host.stop();
  }
  return report();
}

/** `csaf: 9000 execs in 60 s, 150/s (0.8 ms in the target, 1.9 ms taking coverage), 160 blocks, ...` */
export function line(r: FuzzReport): string {
  const crashes = r.findings.filter((f) => f.kind !== "hang").length;
  const hangs = r.findings.length - crashes;
  return (
    `${r.target}: ${r.execs} execs in ${r.seconds.toFixed(0)} s, ${r.execsPerSecond.toFixed(0)}/s ` +
    `(${r.targetMs.toFixed(2)} ms in the target, ${r.coverageMs.toFixed(2)} ms taking coverage), ` +
    `${r.coveredBlocks} blocks, ${r.corpus} in corpus, ${crashes} crashes, ${hangs} hangs` +
    (r.known > 0 ? `, ${r.known} known` : "")
  );
}
