/**
 * The parent's side of a target's worker thread: sends an input, waits at most the time limit, and tells a
 * finished run from a crash, a hang (the thread is terminated) and an out-of-memory (V8 stops the thread at
 * its heap limit). A new thread is started for the next input after either.
 */
import { fileURLToPath } from "node:url";
import { Worker } from "node:worker_threads";
import type { Feature } from "./coverage.js";
import type { ErrorInfo, FromWorker, WorkerSetup } from "./worker.js";

/** `ms`: time in the target; `coverageMs`: time taking its coverage afterwards. */
export type Outcome =
  | { kind: "ok"; ms: number; coverageMs?: number; features: Feature[] }
  /** `uncaught`: the thread died of it, perhaps of an earlier input's callback, not by `run` throwing. */
  | {
      kind: "crash" | "oom";
      ms: number;
      coverageMs?: number;
      error: ErrorInfo;
      features: Feature[];
      uncaught?: boolean;
    }
  | { kind: "hang"; ms: number; coverageMs?: number; features: Feature[] };

export interface HostOptions {
  timeoutMs: number;
  /** The worker's old-generation heap limit. */
  memoryMb: number;
  /** Time allowed for loading the target and its setup. */
  startupMs?: number;
}

/** A failure that ended the thread after an input had finished (an async callback threw): it belongs to `data`. */
export interface LateFailure {
  data: Uint8Array;
  outcome: Outcome;
}

const WORKER = fileURLToPath(new URL("./worker.js", import.meta.url));

type Waiter = (event: { msg?: FromWorker; error?: Error & { code?: string }; exit?: number }) => void;

export class WorkerHost {
  private worker: Worker | null = null;
  private waiter: Waiter | null = null;
  private nextId = 1;
  private lastData: Uint8Array | null = null;
  private late: LateFailure | null = null;
  /** Features the worker reached while starting (module loading, the target's setup). */
  startupFeatures: Feature[] = [];
  restarts = 0;

  constructor(
    private readonly setup: WorkerSetup,
    private readonly options: HostOptions,
  ) {}

  /** Starts the worker when none runs; resolves once the target is loaded and set up. */
  async start(): Promise<void> {
    if (this.worker) return;
    const worker = new Worker(WORKER, {
      workerData: this.setup,
      resourceLimits: { maxOldGenerationSizeMb: this.options.memoryMb, maxYoungGenerationSizeMb: 64 },
      // What the code under test prints is not ours to show.
      stdout: true,
      stderr: true,
    });
    worker.stdout.resume();
    worker.stderr.resume();
    worker.on("message", (msg: FromWorker) => this.event(worker, { msg }));
    worker.on("error", (error: Error) => this.event(worker, { error }));
    worker.on("exit", (exit: number) => this.event(worker, { exit }));
    this.worker = worker;
    const limit = this.options.startupMs ?? 60_000;
    const ready = await this.wait(limit);
    if (ready.msg?.type !== "ready") {
      await this.discard();
      const why =
        ready.error?.stack ??
        (ready.exit !== undefined ? `exit code ${ready.exit}` : `no answer in ${limit} ms`);
      throw new Error(`${this.setup.target}: the worker did not start: ${why}`);
    }
    this.startupFeatures = ready.msg.features;
  }

  /** Runs one input. The data is copied to the worker; the caller keeps its own. */
  async run(data: Uint8Array, timeoutMs = this.options.timeoutMs): Promise<Outcome> {
    await this.start();
    const id = this.nextId++;
    const started = performance.now();
    this.lastData = data;
    this.worker!.postMessage({ id, data });
    for (;;) {
      const event = await this.wait(timeoutMs);
      const ms = performance.now() - started;
      if (event.msg?.type === "done" && event.msg.id === id) {
        const { error, features, ms: inTarget, coverageMs } = event.msg;
        return error
          ? { kind: "crash", ms: inTarget, coverageMs, error, features }
          : { kind: "ok", ms: inTarget, coverageMs, features };
      }
      if (event.msg) continue;
      await this.discard();
      if (event.error) {
        const kind = event.error.code === "ERR_WORKER_OUT_OF_MEMORY" ? "oom" : "crash";
        return { kind, ms, error: info(event.error), features: [], uncaught: true };
      }
      if (event.exit !== undefined)
        return { kind: "crash", ms, error: exitInfo(event.exit), features: [], uncaught: true };
      return { kind: "hang", ms, features: [] };
    }
  }

  /** A failure that ended the thread between inputs, with the input that caused it; taken once. */
  takeLateFailure(): LateFailure | null {
    const late = this.late;
    this.late = null;
    return late;
  }

  /** Gives the last input's callbacks `ms` to fail, then takes what failed, if anything. */
  async settle(ms: number): Promise<LateFailure | null> {
    if (this.worker && !this.late) await new Promise((resolve) => setTimeout(resolve, ms));
    return this.takeLateFailure();
  }

  async stop(): Promise<void> {
    await this.discard(false);
  }

  private event(worker: Worker, e: Parameters<Waiter>[0]): void {
    if (worker !== this.worker) return;
    if (this.waiter) {
      const w = this.waiter;
      this.waiter = null;
      w(e);
    } else if ((e.error || e.exit !== undefined) && this.lastData) {
      const error = e.error ? info(e.error) : exitInfo(e.exit!);
      const kind = e.error?.code === "ERR_WORKER_OUT_OF_MEMORY" ? "oom" : "crash";
      this.late = { data: this.lastData, outcome: { kind, ms: 0, error, features: [], uncaught: true } };
      void this.discard();
    }
  }

  /** The next event of the current worker, or an empty event after `ms` (a hang). */
  private wait(ms: number): Promise<Parameters<Waiter>[0]> {
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.waiter = null;
        resolve({});
      }, ms);
      this.waiter = (e) => {
        clearTimeout(timer);
        resolve(e);
      };
    });
  }

  private async discard(restart = true): Promise<void> {
    const worker = this.worker;
    if (!worker) return;
    this.worker = null;
    this.waiter = null;
    if (restart) this.restarts++;
    await worker.terminate();
  }
}

function info(err: Error): ErrorInfo {
  return { name: err.name, message: err.message, stack: err.stack ?? "" };
}

function exitInfo(code: number): ErrorInfo {
  return { name: "Exit", message: `the worker exited with code ${code}`, stack: "" };
}
