/**
 * The worker thread that runs one target: it starts V8's block coverage before loading the target, then runs
 * each input it is sent and answers with the outcome and the coverage features the input reached first. A hang
 * or an out-of-memory ends the thread; the parent ({@link WorkerHost}) sees it and starts another.
 */
import { pathToFileURL } from "node:url";
import { parentPort, workerData } from "node:worker_threads";
import { BlockCoverage, type Feature } from "./coverage.js";
import type { TargetModule } from "./targets/index.js";

export interface WorkerSetup {
  target: string;
  /** The targets/ module that defines it (only that one is loaded). */
  module: TargetModule;
  /** Absolute paths (files or folders ending in /) whose compiled scripts count as coverage. */
  include: string[];
}

export type ToWorker = { id: number; data: Uint8Array };
export type FromWorker =
  | { type: "ready"; features: Feature[] }
  | {
      type: "done";
      id: number;
      ms: number;
      coverageMs: number;
      error: ErrorInfo | null;
      features: Feature[];
    };

export interface ErrorInfo {
  name: string;
  message: string;
  stack: string;
}

export function errorInfo(err: unknown): ErrorInfo {
  if (err instanceof Error) return { name: err.name, message: err.message, stack: err.stack ?? "" };
  return { name: typeof err, message: String(err), stack: "" };
}

async function main(port: NonNullable<typeof parentPort>, setup: WorkerSetup): Promise<void> {
  // Stacks of findings name the TypeScript lines.
  process.setSourceMapsEnabled(true);
  // A folder ends in a slash and keeps it as a URL; a file's URL is a prefix of only itself (and its .map).
  const prefixes = setup.include.map((p) => pathToFileURL(p).href);
  const coverage = new BlockCoverage(
    (url) => !url.endsWith(".test.js") && prefixes.some((p) => url.startsWith(p)),
  );
  coverage.start();
  const { loadTarget } = await import("./targets/index.js");
  const target = await loadTarget(setup.module, setup.target);
  await target.setup?.();
  port.postMessage({ type: "ready", features: coverage.collect() } satisfies FromWorker);
  port.on("message", async (msg: ToWorker) => {
    const started = performance.now();
    let error: ErrorInfo | null = null;
    try {
      await target.run(msg.data);
    } catch (err) {
      error = errorInfo(err);
    }
    const ended = performance.now();
    const features = coverage.collect();
    const coverageMs = performance.now() - ended;
    port.postMessage({
      type: "done",
      id: msg.id,
      ms: ended - started,
      coverageMs,
      error,
      features,
    } satisfies FromWorker);
  });
}

if (parentPort) await main(parentPort, workerData as WorkerSetup);
