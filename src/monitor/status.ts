/** How monitoring stands in a plant's workspace: for `otaudit alerts` and the assessment. */
import { existsSync } from "node:fs";
import type { MonitoringStatus } from "../model/alert.js";
import { MonitorStore } from "../store/monitor-store.js";
import { workspacePath } from "../store/workspace.js";
import { describePlan } from "./learning.js";
import { loadLearning } from "./learning-state.js";

/** Null when nothing was ever watched in this workspace. */
export function monitoringStatus(store: MonitorStore, allAlerts = false): MonitoringStatus | null {
  const learning = loadLearning(store);
  if (learning === null) return null;
  const files = store.fileCounts();
  const last = store.lastIngested();
  return {
    phase: learning.phase,
    learning: describePlan(learning.plan),
    filesIngested: files.learned + files.monitored,
    filesLearned: files.learned,
    filesUnreadable: files.unreadable,
    lastFile: last?.display ?? null,
    lastPacket: last?.lastPacket ?? null,
    baselineFacts: store.baselineSize(),
    ...store.inventoryCounts(),
    alerts: store.alerts(allAlerts),
  };
}

/** The plant's monitoring status, without creating a workspace where there is none. */
export function readMonitoring(plantDir: string): MonitoringStatus | null {
  const path = workspacePath(plantDir);
  if (!existsSync(path)) return null;
  const store = MonitorStore.open(path);
  try {
    return monitoringStatus(store);
  } finally {
    store.close();
  }
}
