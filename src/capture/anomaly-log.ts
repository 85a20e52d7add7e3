/** Anomalies with a cap per (protocol, code): the first ones are kept with their frames, the rest counted. */
import type { Anomaly } from "../model/capture.js";

/** Anomalies kept per protocol and code; a fuzzed or hostile capture can produce millions. */
export const MAX_ANOMALIES_PER_CODE = 20;

interface Tally {
  kept: number;
  dropped: number;
  droppedFile: string;
}

export class AnomalyLog {
  readonly kept: (Anomaly & { fileIndex: number })[] = [];
  private readonly tallies = new Map<string, Tally>();
  total = 0;

  add(fileIndex: number, file: string, frame: number, protocol: string, code: string, message: string): void {
    this.total++;
    const key = `${protocol}\u0000${code}`;
    let t = this.tallies.get(key);
    if (t === undefined) {
      t = { kept: 0, dropped: 0, droppedFile: file };
      this.tallies.set(key, t);
    }
    if (t.kept < MAX_ANOMALIES_PER_CODE) {
      t.kept++;
      this.kept.push({ file, frame, protocol, code, message, fileIndex });
    } else {
      if (t.dropped === 0) t.droppedFile = file;
      t.dropped++;
    }
  }

  /** The kept anomalies in file and frame order, then one summary per capped code (frame 0: no single frame). */
  list(): Anomaly[] {
    const sorted = [...this.kept].sort(
      (a, b) =>
        a.fileIndex - b.fileIndex ||
        a.frame - b.frame ||
        cmp(a.protocol, b.protocol) ||
        cmp(a.code, b.code) ||
        cmp(a.message, b.message),
    );
    const out: Anomaly[] = sorted.map(({ fileIndex: _, ...a }) => a);
    const capped = [...this.tallies.entries()].filter(([, t]) => t.dropped > 0).sort(([a], [b]) => cmp(a, b));
    for (const [key, t] of capped) {
      const [protocol, code] = key.split("\u0000");
      out.push({
        file: t.droppedFile,
        frame: 0,
        protocol,
        code,
        message: `${t.dropped} more ${code} anomalies not listed (the first ${MAX_ANOMALIES_PER_CODE} are)`,
      });
    }
    return out;
  }
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
