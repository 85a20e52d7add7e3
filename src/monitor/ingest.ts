/**
 * Ingests one complete capture file: hash it, analyse it, then in one workspace transaction record the file,
 * add its facts to the baseline (learning) or raise what departs from it (monitoring), and bring the monitored
 * inventory up to date. A process killed before the commit leaves no trace of the file, so it is read again
 * on restart; after the commit the file is recorded, so it is never read twice.
 */
import { analyzeCaptureFile } from "../capture/analyze-file.js";
import { CaptureFileError } from "../capture/readers/open-capture.js";
import { isoTime } from "../capture/report.js";
import type { Alert } from "../model/alert.js";
import type { AlertOccurrence, MonitorStore } from "../store/monitor-store.js";
import { ALERT_INFO } from "./alert-catalogue.js";
import type { CaptureFile } from "./capture-folder.js";
import { type AlertDraft, deviationsOf } from "./deviations.js";
import { factsOf } from "./facts.js";
import { sha256File } from "./file-hash.js";
import { fileView } from "./file-view.js";
import { admit } from "./learning.js";
import { loadLearning, saveLearning } from "./learning-state.js";
import type { PlantContext } from "./plant-context.js";

export type IngestOutcome =
  | {
      kind: "learned" | "monitored";
      display: string;
      packets: number;
      bytes: number;
      /** Learned files so far (learning), or facts learned from this file. */
      learnedFiles: number;
      facts: number;
      raised: Alert[];
      /** Occurrences added to alerts already raised. */
      repeated: number;
      /** The capture's warnings as `file: message`, for the console. */
      warnings: string[];
    }
  | { kind: "unreadable"; display: string; error: string }
  | { kind: "duplicate"; display: string; of: string }
  /** Another watcher on the same workspace recorded it first. */
  | { kind: "taken"; display: string };

export interface IngestContext {
  store: MonitorStore;
  plant: PlantContext;
  now: () => Date;
}

/** Records a file that cannot be analysed, so it is reported once and the folder goes on. */
export function recordUnreadable(
  ctx: IngestContext,
  file: CaptureFile,
  display: string,
  sha256: string,
  error: string,
) {
  ctx.store.transaction(() => {
    if (ctx.store.hasRecord(file.path, sha256)) return;
    ctx.store.recordFile({
      path: file.path,
      display,
      size: file.size,
      mtimeMs: file.mtimeMs,
      sha256,
      status: "unreadable",
      packets: 0,
      bytes: 0,
      lastPacket: null,
      alerts: 0,
      note: error,
      ingestedAt: ctx.now().toISOString(),
    });
  });
}

export async function ingestFile(
  ctx: IngestContext,
  file: CaptureFile,
  display: string,
): Promise<IngestOutcome> {
  const { store } = ctx;
  const sha256 = await sha256File(file.path);
  const copyOf = duplicateOf(store, file, sha256);
  if (copyOf !== null) {
    store.transaction(() => {
      if (store.hasRecord(file.path, sha256)) return;
      store.recordFile({
        path: file.path,
        display,
        size: file.size,
        mtimeMs: file.mtimeMs,
        sha256,
        status: "duplicate",
        packets: 0,
        bytes: 0,
        lastPacket: null,
        alerts: 0,
        note: `same capture as ${copyOf}`,
        ingestedAt: ctx.now().toISOString(),
      });
    });
    return { kind: "duplicate", display, of: copyOf };
  }

  let analysis: Awaited<ReturnType<typeof analyzeCaptureFile>>;
  try {
    analysis = await analyzeCaptureFile(file.path, display);
  } catch (err) {
    if (!(err instanceof CaptureFileError)) throw err;
    recordUnreadable(ctx, file, display, sha256, err.message);
    return { kind: "unreadable", display, error: err.message };
  }
  const report = analysis.report;
  const view = fileView(analysis, ctx.plant);
  const lastPacket = analysis.lastPacketMs === null ? null : isoTime(analysis.lastPacketMs);

  return store.transaction((): IngestOutcome => {
    if (store.hasRecord(file.path, sha256)) return { kind: "taken", display };
    const now = ctx.now().toISOString();
    const state = loadLearning(store);
    if (state === null) throw new Error("monitoring state missing: resolveLearning must run first");
    const { learn, next } = admit(state, analysis.firstPacketMs);
    let raised: Alert[] = [];
    let repeated = 0;
    let facts = 0;
    if (learn) {
      const learned = factsOf(view, ctx.plant);
      facts = learned.length;
      store.learn(
        learned.flatMap((f) =>
          [f.key, ...f.aliases].map((key) => ({ kind: f.kind, key, frame: f.first.frame })),
        ),
        display,
        now,
      );
    } else {
      const drafts = deviationsOf(view, ctx.plant, store);
      raised = store.raise(
        drafts.map((d) => occurrence(d, display)),
        now,
      );
      repeated = drafts.length - raised.length;
    }
    store.updateInventory(report, display);
    saveLearning(store, next);
    store.recordFile({
      path: file.path,
      display,
      size: file.size,
      mtimeMs: file.mtimeMs,
      sha256,
      status: learn ? "learned" : "monitored",
      packets: report.stats.packets,
      bytes: report.stats.bytes,
      lastPacket,
      alerts: raised.length,
      note: null,
      ingestedAt: now,
    });
    return {
      kind: learn ? "learned" : "monitored",
      display,
      packets: report.stats.packets,
      bytes: report.stats.bytes,
      learnedFiles: next.learnedFiles,
      facts,
      raised,
      repeated,
      warnings: report.stats.files.flatMap((f) => f.warnings.map((w) => `${f.path}: ${w.message}`)),
    };
  });
}

/**
 * The display name of an earlier record of the same capture: the same bytes under another name, or the gzip
 * copy of an ingested file (`tcpdump -z gzip` compresses each file after rotating away from it).
 */
function duplicateOf(store: MonitorStore, file: CaptureFile, sha256: string): string | null {
  const same = store.recordOfContent(sha256);
  if (same !== undefined && same.path !== file.path) return same.display;
  if (file.path.endsWith(".gz")) {
    const plain = store.lastRecordOf(file.path.slice(0, -3));
    if (plain !== undefined && plain.status !== "duplicate") return plain.display;
  }
  return null;
}

function occurrence(d: AlertDraft, file: string): AlertOccurrence {
  return {
    type: d.type,
    title: ALERT_INFO[d.type].title,
    subject: d.subject,
    fold: d.fold,
    severity: d.severity,
    requirements: d.requirements,
    summary: d.summary,
    zones: d.zones,
    assets: d.assets,
    file,
    first: d.first,
    last: d.last,
    count: d.count,
  };
}
