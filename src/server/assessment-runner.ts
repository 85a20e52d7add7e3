/** Runs one assessment at a time in the background and reports its progress to the UI. */
import { assessAndStore } from "../app/assess.js";

export interface RunState {
  running: boolean;
  step: string | null;
  done: number;
  total: number;
  /** The last run's failure, in words; null when it succeeded or none ran. */
  error: string | null;
  /** The id of the last assessment this server stored. */
  lastId: string | null;
}

export class AssessmentRunner {
  readonly state: RunState = { running: false, step: null, done: 0, total: 0, error: null, lastId: null };

  constructor(private readonly plantDir: string) {}

  /** Starts a run; false when one is already running. */
  start(): boolean {
    if (this.state.running) return false;
    Object.assign(this.state, { running: true, step: "reading inputs", done: 0, total: 0, error: null });
    assessAndStore(this.plantDir, {
      onProgress: (step, done, total) => Object.assign(this.state, { step, done, total }),
    })
      .then((a) => Object.assign(this.state, { lastId: a.id }))
      .catch((err: unknown) => {
        // PlantInputError's message lists every error with its file:line:column.
        this.state.error = (err as Error).message;
      })
      .finally(() => Object.assign(this.state, { running: false, step: null }));
    return true;
  }
}
