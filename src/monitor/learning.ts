/**
 * The learning period: the first files, or the first stretch of capture time, make the baseline; every file
 * after it is compared with the baseline. Time is capture time (packet timestamps), not the clock: replaying a
 * week of files learns the same baseline as living through it. A file is learned whole when its first packet
 * falls inside the period.
 */

export type LearnPlan = { by: "time"; ms: number } | { by: "files"; files: number };

export interface LearningState {
  phase: "learning" | "monitoring";
  plan: LearnPlan;
  /** Capture time (ms since the epoch) of the first learned packet; null before any. */
  start: number | null;
  learnedFiles: number;
}

export const DEFAULT_PLAN: LearnPlan = { by: "time", ms: 3_600_000 };

const UNITS: Record<string, number> = {
  ms: 1,
  s: 1000,
  m: 60_000,
  h: 3_600_000,
  d: 86_400_000,
  w: 604_800_000,
};

/** `90s`, `15m`, `1h`, `7d`, `2w`, `500ms`; a bare number is seconds. */
export function parseDuration(text: string): number {
  const m = /^\s*(\d+(?:\.\d+)?)\s*(ms|s|m|h|d|w)?\s*$/i.exec(text);
  if (!m) throw new Error(`expected a duration such as 90s, 15m, 1h or 7d, got "${text}"`);
  return Math.round(Number(m[1]) * UNITS[(m[2] ?? "s").toLowerCase()]);
}

export function formatDuration(ms: number): string {
  for (const unit of ["w", "d", "h", "m", "s"]) {
    const size = UNITS[unit];
    if (ms >= size && ms % size === 0) return `${ms / size}${unit}`;
  }
  return `${ms}ms`;
}

export function describePlan(plan: LearnPlan): string {
  return plan.by === "time"
    ? `${formatDuration(plan.ms)} of capture time`
    : `${plan.files} file${plan.files === 1 ? "" : "s"}`;
}

/**
 * Whether the next file is learned, and the state after it. `fileStart` is the capture time of the file's
 * first packet (null for a file without packets, which neither starts nor ends the period).
 */
export function admit(
  state: LearningState,
  fileStart: number | null,
): { learn: boolean; next: LearningState } {
  if (state.phase === "monitoring") return { learn: false, next: state };
  const plan = state.plan;
  if (plan.by === "files") {
    if (state.learnedFiles < plan.files)
      return { learn: true, next: { ...state, learnedFiles: state.learnedFiles + 1 } };
    return { learn: false, next: { ...state, phase: "monitoring" } };
  }
  if (fileStart === null) return { learn: true, next: { ...state, learnedFiles: state.learnedFiles + 1 } };
  const start = state.start ?? fileStart;
  if (fileStart < start + plan.ms) {
    return { learn: true, next: { ...state, start, learnedFiles: state.learnedFiles + 1 } };
  }
  return { learn: false, next: { ...state, start, phase: "monitoring" } };
}
