/** The learning state kept in the workspace, and how a watch run's `--learn` request is reconciled with it. */
import type { MonitorStore } from "../store/monitor-store.js";
import { DEFAULT_PLAN, describePlan, type LearningState, type LearnPlan } from "./learning.js";

const KEY = "learning";

export function loadLearning(store: MonitorStore): LearningState | null {
  const text = store.getState(KEY);
  return text === undefined ? null : (JSON.parse(text) as LearningState);
}

export function saveLearning(store: MonitorStore, state: LearningState): void {
  store.setState(KEY, JSON.stringify(state));
}

const samePlan = (a: LearnPlan, b: LearnPlan) =>
  a.by === b.by && (a.by === "time" ? a.ms === (b as typeof a).ms : a.files === (b as typeof a).files);

/**
 * The state a run starts from: the stored one, with the requested plan when learning is still under way (the
 * assessor lengthens or shortens it); once the baseline is learned a new plan changes nothing, and says so.
 */
export function resolveLearning(
  store: MonitorStore,
  requested: LearnPlan | null,
): { state: LearningState; note: string | null } {
  return store.transaction(() => {
    const stored = loadLearning(store);
    if (stored === null) {
      const state: LearningState = {
        phase: "learning",
        plan: requested ?? DEFAULT_PLAN,
        start: null,
        learnedFiles: 0,
      };
      saveLearning(store, state);
      return { state, note: null };
    }
    if (requested === null || samePlan(stored.plan, requested)) return { state: stored, note: null };
    if (stored.phase === "monitoring") {
      return {
        state: stored,
        note: `the baseline was learned over ${describePlan(stored.plan)}; the requested ${describePlan(requested)} changes nothing`,
      };
    }
    const state = { ...stored, plan: requested };
    saveLearning(store, state);
    return {
      state,
      note: `learning period changed from ${describePlan(stored.plan)} to ${describePlan(requested)}`,
    };
  });
}
