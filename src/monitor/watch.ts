/**
 * Continuous monitoring (`otaudit watch`). `src/monitor/` is an application of the capture engine and the
 * workspace, as `src/app/` is of every stage: it wires them, it does not re-implement them.
 *
 *   capture folder ──► complete files ──► per-file CaptureReport ──► facts ──► baseline (learning)
 *   (tcpdump/dumpcap    (capture-folder)   (capture/analyze-file)    (facts)   or alerts (deviations)
 *    rotation)                                                                   ──► workspace ──► notices
 *                                                                                   (one transaction   (JSON lines,
 *                                                                                    per file)          syslog)
 *
 * Pure parts (facts, deviations, learning, plant-context, file-view, alert-catalogue) take data and return data;
 * I/O stays in capture-folder, file-hash, ingest, notify/ and this loop. Memory is one file's analysis at a
 * time: the baseline, the alerts and the monitored inventory live in the workspace, not in the process.
 */
import { statSync } from "node:fs";
import { isAbsolute, join, relative, resolve } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { CaptureFileError } from "../capture/readers/open-capture.js";
import type { Plant } from "../model/plant.js";
import { MonitorStore } from "../store/monitor-store.js";
import { workspacePath } from "../store/workspace.js";
import { type CaptureFile, completion, listCaptureFiles } from "./capture-folder.js";
import { sha256File } from "./file-hash.js";
import { type IngestContext, type IngestOutcome, ingestFile, recordUnreadable } from "./ingest.js";
import type { LearningState, LearnPlan } from "./learning.js";
import { resolveLearning } from "./learning-state.js";
import { AlertsFile } from "./notify/alerts-file.js";
import { Notifier } from "./notify/notifier.js";
import { localIdentity, SyslogSender, type SyslogTarget } from "./notify/syslog.js";
import { type PlantContext, plantContext } from "./plant-context.js";

export interface WatchOptions {
  plantDir: string;
  /** Reads and checks plant.yaml (the application layer's loader; it throws on a plant with errors). */
  loadPlant: (plantDir: string) => Plant;
  /** otaudit's version, named in the syslog messages. */
  version: string;
  /** The folder the capture writer rotates files into. */
  captures: string;
  /** Learning plan; null keeps the workspace's (or the default for a new one). */
  learn: LearnPlan | null;
  /** The newest file is complete once unwritten for this long. */
  settleMs: number;
  /** Pause between two looks at the folder. */
  intervalMs: number;
  /** One pass over the folder, then return. */
  once: boolean;
  alertsFile: string;
  syslog: SyslogTarget | null;
  signal?: AbortSignal;
  onEvent?: (event: WatchEvent) => void;
}

export type WatchEvent =
  | { kind: "started"; learning: LearningState; note: string | null }
  | { kind: "reading"; display: string; bytes: number }
  | { kind: "file"; outcome: IngestOutcome }
  | { kind: "waiting"; display: string }
  | { kind: "warning"; message: string };

export interface WatchSummary {
  ingested: number;
  raised: number;
  unreadable: number;
}

/**
 * An analysis that throws something other than "not a capture" (a read error, a file deleted under us) is tried
 * again on this many passes, then recorded unreadable so the folder goes on.
 */
const MAX_ATTEMPTS = 3;

export async function watch(o: WatchOptions): Promise<WatchSummary> {
  const emit = o.onEvent ?? (() => {});
  let plant = loadPlantContext(o);
  if (!statSync(o.captures, { throwIfNoEntry: false })?.isDirectory()) {
    throw new CaptureFileError(o.captures, "no such folder");
  }
  const store = MonitorStore.open(workspacePath(o.plantDir));
  const syslog = o.syslog === null ? null : new SyslogSender(o.syslog);
  const notifier = new Notifier(store, new AlertsFile(o.alertsFile), syslog, localIdentity(o.version));
  const summary: WatchSummary = { ingested: 0, raised: 0, unreadable: 0 };
  try {
    const { state, note } = resolveLearning(store, o.learn);
    emit({ kind: "started", learning: state, note });
    notifier.reconcile();
    const deliver = deliverer(notifier, emit);
    await deliver();
    const ctx: IngestContext = { store, plant: plant.ctx, now: () => new Date() };
    const folder = resolve(o.captures);
    const attempts = new Map<string, number>();
    const grown = new Set<string>();
    let waitingFor = "";
    for (;;) {
      plant = reloadIfChanged(o, plant, emit);
      ctx.plant = plant.ctx;
      let files: CaptureFile[];
      try {
        files = listCaptureFiles(folder);
      } catch (err) {
        // The folder went away (an unmounted share, a writer recreating it): look again next time.
        if (!(err instanceof CaptureFileError)) throw err;
        emit({ kind: "warning", message: err.message });
        files = [];
      }
      const { complete, writing } = completion(files, Date.now(), o.settleMs);
      for (const file of complete) {
        if (o.signal?.aborted) break;
        const display = displayName(o.plantDir, file.path);
        if (!(await isPending(store, file, display, grown, emit))) continue;
        emit({ kind: "reading", display, bytes: file.size });
        let outcome: IngestOutcome;
        try {
          outcome = await ingestFile(ctx, file, display);
        } catch (err) {
          const n = (attempts.get(file.path) ?? 0) + 1;
          attempts.set(file.path, n);
          const message = `${display}: ${(err as Error).message}`;
          if (n < MAX_ATTEMPTS) {
            // Files go in order: the next pass tries this one again before any later one.
            emit({ kind: "warning", message: `${message} (attempt ${n} of ${MAX_ATTEMPTS})` });
            break;
          }
          recordUnreadable(ctx, file, display, await sha256File(file.path), (err as Error).message);
          outcome = { kind: "unreadable", display, error: (err as Error).message };
        }
        if (outcome.kind === "learned" || outcome.kind === "monitored") {
          summary.ingested++;
          summary.raised += outcome.raised.length;
        } else if (outcome.kind === "unreadable") {
          summary.unreadable++;
        }
        await deliver();
        emit({ kind: "file", outcome });
      }
      if (writing !== null && writing.path !== waitingFor) {
        waitingFor = writing.path;
        emit({ kind: "waiting", display: displayName(o.plantDir, writing.path) });
      }
      if (o.once || o.signal?.aborted) break;
      // A collector that was down gets what it missed even while no file arrives.
      await deliver();
      try {
        await sleep(o.intervalMs, undefined, o.signal ? { signal: o.signal } : {});
      } catch {
        break;
      }
    }
  } finally {
    await notifier.close();
    store.close();
  }
  return summary;
}

/** Delivers pending notices; a collector that stays unreachable is reported once, not at every pass. */
function deliverer(notifier: Notifier, emit: (e: WatchEvent) => void): () => Promise<void> {
  let reported = "";
  return async () => {
    const err = await notifier.deliver();
    const message = err === null ? "" : `syslog: ${err.message}; will retry`;
    if (message !== "" && message !== reported) emit({ kind: "warning", message });
    reported = message;
  };
}

/**
 * Whether a complete file still has to be ingested. A recorded file whose size or time changed is read again
 * only when its recorded bytes changed (a ring buffer reused the name); one that only grew was ingested too
 * early, and is reported rather than read twice.
 */
async function isPending(
  store: MonitorStore,
  file: CaptureFile,
  display: string,
  grown: Set<string>,
  emit: (e: WatchEvent) => void,
): Promise<boolean> {
  const rec = store.lastRecordOf(file.path);
  if (rec === undefined) return true;
  if (rec.size === file.size && rec.mtimeMs === file.mtimeMs) return false;
  const state = `${file.path}\u0000${file.size}\u0000${file.mtimeMs}`;
  if (grown.has(state)) return false;
  if (file.size >= rec.size && (await sha256File(file.path, rec.size)) === rec.sha256) {
    grown.add(state);
    if (file.size > rec.size) {
      emit({
        kind: "warning",
        message: `${display} grew by ${file.size - rec.size} bytes after it was ingested; the new packets are not read (set --settle above the writer's longest pause)`,
      });
    }
    return false;
  }
  return true;
}

/** Evidence names a file as the assessment does, from the plant folder (`captures/plant.pcap`); by full path outside it. */
function displayName(plantDir: string, path: string): string {
  const rel = relative(resolve(plantDir), path);
  return rel.startsWith("..") || isAbsolute(rel) ? path : rel;
}

interface LoadedPlant {
  ctx: PlantContext;
  mtimeMs: number;
}

function loadPlantContext(o: WatchOptions): LoadedPlant {
  const mtimeMs = statSync(join(o.plantDir, "plant.yaml")).mtimeMs;
  return { ctx: plantContext(o.loadPlant(o.plantDir)), mtimeMs };
}

/** plant.yaml edited while watching (a zone added, a conduit declared) applies from the next file on. */
function reloadIfChanged(o: WatchOptions, current: LoadedPlant, emit: (e: WatchEvent) => void): LoadedPlant {
  const mtimeMs = statSync(join(o.plantDir, "plant.yaml"), { throwIfNoEntry: false })?.mtimeMs;
  if (mtimeMs === undefined || mtimeMs === current.mtimeMs) return current;
  try {
    return loadPlantContext(o);
  } catch (err) {
    emit({
      kind: "warning",
      message: `plant.yaml changed but cannot be used, keeping the previous one: ${(err as Error).message}`,
    });
    return { ...current, mtimeMs };
  }
}
