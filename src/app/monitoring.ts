/**
 * Continuous monitoring through the application layer: `watch` is handed the plant loader and the version it
 * needs (so the monitor never imports the application layer back), and the alerts of a plant's workspace are
 * listed and acknowledged here for the CLI and the server alike.
 */
import { existsSync } from "node:fs";
import { CaptureFileError } from "../capture/readers/open-capture.js";
import type { Alert, MonitoringStatus } from "../model/alert.js";
import { monitoringStatus } from "../monitor/status.js";
import { type WatchOptions, type WatchSummary, watch } from "../monitor/watch.js";
import { MonitorStore } from "../store/monitor-store.js";
import { workspacePath } from "../store/workspace.js";
import { loadPlant } from "./assess.js";
import { RequestError } from "./errors.js";
import { VERSION } from "./version.js";

export { ALERT_INFO } from "../monitor/alert-catalogue.js";
export { describePlan, type LearnPlan, parseDuration } from "../monitor/learning.js";
export { parseSyslogTarget } from "../monitor/notify/syslog.js";
export type { WatchEvent, WatchSummary } from "../monitor/watch.js";

/** Follows the plant's rotated captures (see monitor/watch.ts); a captures folder that is not there is the caller's to fix. */
export async function watchPlant(o: Omit<WatchOptions, "loadPlant" | "version">): Promise<WatchSummary> {
  try {
    return await watch({ ...o, loadPlant: (dir) => loadPlant(dir).plant, version: VERSION });
  } catch (err) {
    if (err instanceof CaptureFileError) throw new RequestError(err.message);
    throw err;
  }
}

function openMonitor(dir: string): MonitorStore {
  const path = workspacePath(dir);
  if (!existsSync(path)) throw new RequestError(`${dir}: no workspace yet; run otaudit watch ${dir} first`);
  return MonitorStore.open(path);
}

/** What monitoring has learned and raised for the plant in `dir`; null when nothing was watched yet. */
export function plantMonitoring(dir: string, allAlerts: boolean): MonitoringStatus | null {
  const store = openMonitor(dir);
  try {
    return monitoringStatus(store, allAlerts);
  } finally {
    store.close();
  }
}

export interface Acknowledgement {
  by: string | null;
  note: string | null;
  /** What the alerts report becomes normal and stops alerting. */
  fold: boolean;
}

/** Acknowledges alerts by number or id, all or none: an unknown reference changes nothing. */
export function acknowledgeAlerts(dir: string, refs: readonly string[], ack: Acknowledgement): Alert[] {
  const store = openMonitor(dir);
  try {
    const missing = refs.filter((ref) => store.alert(ref) === undefined);
    if (missing.length > 0)
      throw new RequestError(`no such alert: ${missing.join(", ")} (see otaudit alerts ${dir})`);
    const at = new Date().toISOString();
    return refs.flatMap((ref) => store.acknowledge(ref, { at, ...ack }) ?? []);
  } finally {
    store.close();
  }
}
