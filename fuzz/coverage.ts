/**
 * Coverage feedback from V8's own precise block coverage (node:inspector, Profiler.takePreciseCoverage with call
 * counts): V8 instruments, we read the counts after each input and reset them.
 *
 * V8 reports, per executed function, nested source ranges with their counts, and merges a range away when its
 * count equals its parent's. So a branch that ran as often as its function is absent, not reported: a block is
 * known here by the offsets where counts change, collected over every report. Each such offset is a block start;
 * its count in one run is the count of the innermost reported range around it. A feature is a block reached with
 * a count in one of AFL's buckets (1, 2, 3, 4-7, 8-15, 16-31, 32-127, 128+), so loops running more often count.
 */
import { Session } from "node:inspector";

interface Range {
  startOffset: number;
  endOffset: number;
  count: number;
}
interface ScriptCoverage {
  url: string;
  functions: { ranges: Range[] }[];
}

/** A block start (script URL and offset) reached with a count in `bucket` (0-7), first seen in this run. */
export type Feature = [url: string, offset: number, bucket: number];

interface FunctionBlocks {
  /** Offsets where a count may change, ascending; the function's own start first. */
  points: number[];
  /** Offset -> bit mask of the buckets reached there. */
  seen: Map<number, number>;
}

export function bucketOf(count: number): number {
  if (count <= 3) return count - 1;
  if (count < 8) return 3;
  if (count < 16) return 4;
  if (count < 32) return 5;
  if (count < 128) return 6;
  return 7;
}

/** Inserts `value` into the ascending array unless present. */
function insertSorted(a: number[], value: number): void {
  let lo = 0;
  let hi = a.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (a[mid]! < value) lo = mid + 1;
    else hi = mid;
  }
  if (a[lo] !== value) a.splice(lo, 0, value);
}

export class BlockCoverage {
  private readonly session = new Session();
  /** Per script URL of interest, its functions by start offset; null for scripts not of interest. */
  private readonly scripts = new Map<string, Map<number, FunctionBlocks> | null>();
  private covered = 0;

  /** `include` tells the scripts whose blocks count (the target's own source files). */
  constructor(private readonly include: (url: string) => boolean) {}

  /** Starts counting; call before the target's modules are loaded, so that they are compiled with counters. */
  start(): void {
    this.session.connect();
    this.post("Profiler.enable");
    this.post("Profiler.startPreciseCoverage", { callCount: true, detailed: true });
  }

  stop(): void {
    this.post("Profiler.stopPreciseCoverage");
    this.session.disconnect();
  }

  /** Blocks reached so far (with any count). */
  get coveredBlocks(): number {
    return this.covered;
  }

  /** Takes the counts since the last call (V8 resets them) and returns the features not seen before. */
  collect(): Feature[] {
    const { result } = this.post("Profiler.takePreciseCoverage") as { result: ScriptCoverage[] };
    const fresh: Feature[] = [];
    for (const script of result) {
      let functions = this.scripts.get(script.url);
      if (functions === undefined) {
        functions = this.include(script.url) ? new Map() : null;
        this.scripts.set(script.url, functions);
      }
      if (functions === null) continue;
      for (const fn of script.functions) this.function(script.url, functions, fn.ranges, fresh);
    }
    return fresh;
  }

  private function(url: string, functions: Map<number, FunctionBlocks>, ranges: Range[], fresh: Feature[]) {
    const whole = ranges[0];
    if (!whole || whole.count === 0) return;
    let blocks = functions.get(whole.startOffset);
    if (!blocks) {
      blocks = { points: [whole.startOffset], seen: new Map() };
      functions.set(whole.startOffset, blocks);
    }
    const { points, seen } = blocks;
    for (let i = 1; i < ranges.length; i++) {
      const r = ranges[i]!;
      insertSorted(points, r.startOffset);
      if (r.endOffset < whole.endOffset) insertSorted(points, r.endOffset);
    }
    // Sweep: ranges come sorted by start (a parent before its children); the innermost open range gives the count.
    const open: Range[] = [];
    let next = 0;
    for (const p of points) {
      while (open.length > 0 && open[open.length - 1]!.endOffset <= p) open.pop();
      while (next < ranges.length && ranges[next]!.startOffset <= p) {
        const r = ranges[next++]!;
        if (r.endOffset > p) open.push(r);
      }
      const count = open.length > 0 ? open[open.length - 1]!.count : 0;
      if (count === 0) continue;
      const bucket = bucketOf(count);
      const mask = seen.get(p) ?? 0;
      if (mask & (1 << bucket)) continue;
      if (mask === 0) this.covered++;
      seen.set(p, mask | (1 << bucket));
      fresh.push([url, p, bucket]);
    }
  }

  private post(method: string, params?: object): unknown {
    let failure = null as Error | null;
    let value: unknown;
    // A session on the thread's own isolate answers synchronously.
    this.session.post(method, params, (err, result) => {
      failure = err;
      value = result;
    });
    if (failure) throw failure;
    return value;
  }
}
