/**
 * What happens to an input that did not end well: a hang is run again with twice the time and kept only if it
 * hangs again; a crash is compared with the bugs on record by its signature, shrunk, and kept once; a failure
 * that killed the thread (an async callback) is traced to the recent input that reproduces it alone.
 */
import {
  describeFinding,
  type FindingKind,
  listRegressions,
  regressionDir,
  saveRegression,
  signature,
} from "./regressions.js";
import type { Outcome, WorkerHost } from "./worker-host.js";

export interface Finding {
  kind: FindingKind;
  description: string;
  data: Uint8Array;
  /** Where it was saved, if it was. */
  path: string | null;
}

export interface TriageOptions {
  target: string;
  timeoutMs: number;
  memoryMb: number;
  /** Where to keep findings (`<root>/<target>/`), or null. */
  regressionsRoot: string | null;
  /** The regressions folder whose pending findings are known bugs. */
  knownFrom: string | null;
  log: (line: string) => void;
  /** Called for every run triage makes (they count as executions). */
  ran: () => void;
}

type Failure = Exclude<Outcome, { kind: "ok" | "hang" }>;

const MINIMIZE_RUNS = 400;
/** Inputs kept for finding which one an uncaught failure came from, and the time its callbacks get. */
const RECENT = 8;
const LATE_MS = 100;

const sigOf = (f: Failure) => signature(describeFinding(f.kind, f.error));

export class Triage {
  readonly findings: Finding[] = [];
  /** Failures matching a bug on record, not kept again. */
  known = 0;
  private readonly signatures = new Set<string>();
  private readonly recent: Uint8Array[] = [];

  constructor(
    private readonly host: WorkerHost,
    private readonly o: TriageOptions,
  ) {
    // Bugs on record: the pending ones (not fixed yet) and, when saving, every one kept (no second file for one
    // bug). A fixed bug coming back under a new input is reported.
    for (const r of o.knownFrom ? listRegressions(o.knownFrom) : [])
      if (r.target === o.target && r.pending) this.signatures.add(signature(r.description));
    for (const r of o.regressionsRoot ? listRegressions(o.regressionsRoot) : [])
      if (r.target === o.target) this.signatures.add(signature(r.description));
  }

  /** Notes an input that ran: a failure killing the thread later may be its. */
  ran(data: Uint8Array): void {
    this.recent.push(data);
    if (this.recent.length > RECENT) this.recent.shift();
  }

  /** Handles the outcome of `data`, and a failure that ended the thread between inputs. */
  async check(outcome: Outcome, data: Uint8Array): Promise<void> {
    const late = this.host.takeLateFailure();
    if (late && late.outcome.kind !== "ok" && late.outcome.kind !== "hang") await this.traced(late.outcome);
    if (outcome.kind === "ok") return;
    if (outcome.kind === "hang") return this.hang(data, outcome.ms);
    if (outcome.uncaught && outcome.kind !== "oom") return this.traced(outcome);
    return this.failed(outcome, data);
  }

  private async hang(data: Uint8Array, ms: number): Promise<void> {
    // A loaded machine can stall a run: only an input that also fails a second, longer run is a hang.
    const again = await this.host.run(data, this.o.timeoutMs * 2);
    this.o.ran();
    if (again.kind === "ok") {
      this.o.log(
        `${this.o.target}: an input took ${Math.round(ms)} ms once, ${Math.round(again.ms)} ms again: slow, not kept`,
      );
      return;
    }
    if (again.kind !== "hang") return this.check(again, data);
    const description = describeFinding("hang", null, `no result within ${this.o.timeoutMs} ms`);
    if (this.isKnown(signature(description))) return;
    this.keep("hang", data, description);
  }

  private async failed(f: Failure, data: Uint8Array): Promise<void> {
    let description = describeFinding(f.kind, f.error, f.kind === "oom" ? `${this.o.memoryMb} MB heap` : "");
    const sig = signature(description);
    if (this.isKnown(sig)) return;
    let small = data;
    if (f.kind === "crash" && !f.uncaught) {
      small = await this.minimize(data, sig);
      const again = await this.host.run(small);
      this.o.ran();
      if (again.kind === "crash") description = describeFinding("crash", again.error);
    }
    this.keep(f.kind, small, description);
  }

  /** Which recent input makes the thread die this way when run alone; none reproducing it, it is only logged. */
  private async traced(f: Failure): Promise<void> {
    const sig = sigOf(f);
    if (this.signatures.has(sig)) {
      this.known++;
      return;
    }
    const same = (o: Outcome | undefined) =>
      o !== undefined && o.kind !== "ok" && o.kind !== "hang" && sigOf(o) === sig;
    for (const candidate of [...this.recent].reverse()) {
      const o = await this.host.run(candidate);
      this.o.ran();
      if (same(o) || same((await this.host.settle(LATE_MS))?.outcome)) return this.failed(f, candidate);
    }
    this.o.log(
      `${this.o.target}: ${describeFinding(f.kind, f.error)}: no recent input reproduces it alone; not kept`,
    );
  }

  private isKnown(sig: string): boolean {
    if (this.signatures.has(sig)) {
      this.known++;
      return true;
    }
    this.signatures.add(sig);
    return false;
  }

  private keep(kind: FindingKind, data: Uint8Array, description: string): void {
    const root = this.o.regressionsRoot;
    const path = root ? saveRegression(regressionDir(root, this.o.target), kind, data, description) : null;
    this.findings.push({ kind, description, data, path });
    this.o.log(`${this.o.target}: ${description}${path ? ` -> ${path}` : ""}`);
  }

  /** Cuts halves, quarters, ... down to single bytes while the input still crashes the same way. */
  private async minimize(data: Uint8Array, sig: string): Promise<Uint8Array> {
    let best = data;
    let runs = 0;
    for (let size = best.length >> 1; size >= 1 && runs < MINIMIZE_RUNS; size >>= 1) {
      for (let at = 0; at + size <= best.length && runs < MINIMIZE_RUNS; ) {
        const candidate = new Uint8Array(best.length - size);
        candidate.set(best.subarray(0, at));
        candidate.set(best.subarray(at + size), at);
        const outcome = await this.host.run(candidate);
        runs++;
        this.o.ran();
        if (outcome.kind === "crash" && !outcome.uncaught && sigOf(outcome) === sig) best = candidate;
        else at += size;
      }
    }
    return best;
  }
}
