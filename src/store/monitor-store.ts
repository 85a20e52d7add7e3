/**
 * The monitoring half of the workspace: which capture files were ingested (so a restart neither reads one twice
 * nor skips one), the learning state, the baseline facts, the alerts with their notices still to deliver, and
 * the inventory kept current from every file. The caller groups each file's changes in one `transaction`, so a
 * process killed at any point leaves either all of a file's effects or none.
 */
import type Database from "better-sqlite3";
import type { z } from "zod";
import { Alert, type AlertNotice, type AlertType } from "../model/alert.js";
import type { CaptureReport, ObservedAsset } from "../model/capture.js";
import type { FrameEvidence } from "../model/evidence.js";
import { severityRank } from "../model/finding.js";
import { openWorkspaceDatabase } from "./workspace.js";

/** A fact of the baseline: its kind (`asset`, `zone-flow`, ...) and its key. */
export interface FactRef {
  kind: string;
  key: string;
}

/** What folding an alert adds to the baseline: a fact's keys (a device's addresses are keys of one fact). */
export interface Fold {
  kind: string;
  keys: string[];
}

export type FileStatus = "learned" | "monitored" | "unreadable" | "duplicate";

export interface FileRecord {
  seq: number;
  path: string;
  display: string;
  size: number;
  mtimeMs: number;
  sha256: string;
  status: FileStatus;
  packets: number;
  bytes: number;
  lastPacket: string | null;
  alerts: number;
  note: string | null;
  ingestedAt: string;
}

export type NewFileRecord = Omit<FileRecord, "seq">;

/** An alert to raise or to count again: the alert's identity, what folding it adds, and this file's occurrence. */
export interface AlertOccurrence {
  type: AlertType;
  title: string;
  subject: string;
  fold: Fold;
  severity: Alert["severity"];
  requirements: string[];
  summary: string;
  zones: string[];
  assets: string[];
  file: string;
  first: { frame: number | null; time: string };
  last: { frame: number | null; time: string };
  count: number;
}

export interface InventoryCounts {
  assets: number;
  conversations: number;
  operations: number;
}

export type NoticeChannel = "file" | "syslog";

/** Source and role evidence kept per monitored asset: the first ones, which say where it was found. */
const MAX_ASSET_EVIDENCE = 4;

export class MonitorStore {
  private readonly statements = new Map<string, Database.Statement>();

  private constructor(private readonly db: Database.Database) {}

  static open(path: string): MonitorStore {
    return new MonitorStore(openWorkspaceDatabase(path));
  }

  close(): void {
    this.db.close();
  }

  /** Runs `fn` as one write transaction, taken at once so two watchers never interleave. */
  transaction<T>(fn: () => T): T {
    return this.db.transaction(fn).immediate();
  }

  private sql(text: string): Database.Statement {
    let s = this.statements.get(text);
    if (s === undefined) {
      s = this.db.prepare(text);
      this.statements.set(text, s);
    }
    return s;
  }

  // ---- state ---------------------------------------------------------------------------------------------------

  getState(name: string): string | undefined {
    const row = this.sql("SELECT value FROM monitor_state WHERE name = ?").get(name) as
      | { value: string }
      | undefined;
    return row?.value;
  }

  setState(name: string, value: string): void {
    this.sql(
      "INSERT INTO monitor_state (name, value) VALUES (?, ?) ON CONFLICT (name) DO UPDATE SET value = excluded.value",
    ).run(name, value);
  }

  // ---- files ---------------------------------------------------------------------------------------------------

  /** The latest record of a path (a ring-buffer file name is reused for new content). */
  lastRecordOf(path: string): FileRecord | undefined {
    const row = this.sql(`${FILE_SELECT} WHERE path = ? ORDER BY seq DESC LIMIT 1`).get(path);
    return row as FileRecord | undefined;
  }

  /** A record of this content under any path. */
  recordOfContent(sha256: string): FileRecord | undefined {
    return this.sql(`${FILE_SELECT} WHERE sha256 = ? ORDER BY seq LIMIT 1`).get(sha256) as
      | FileRecord
      | undefined;
  }

  /** Whether this content of this path is recorded (checked again inside the transaction that would record it). */
  hasRecord(path: string, sha256: string): boolean {
    return (
      this.sql("SELECT 1 FROM monitor_file WHERE path = ? AND sha256 = ?").get(path, sha256) !== undefined
    );
  }

  recordFile(r: NewFileRecord): void {
    this.sql(
      `INSERT INTO monitor_file (path, display, size, mtime_ms, sha256, status, packets, bytes, last_packet, alerts, note, ingested_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ).run(
      r.path,
      r.display,
      r.size,
      r.mtimeMs,
      r.sha256,
      r.status,
      r.packets,
      r.bytes,
      r.lastPacket,
      r.alerts,
      r.note,
      r.ingestedAt,
    );
  }

  files(): FileRecord[] {
    return this.sql(`${FILE_SELECT} ORDER BY seq`).all() as FileRecord[];
  }

  fileCounts(): Record<FileStatus, number> {
    const counts: Record<FileStatus, number> = { learned: 0, monitored: 0, unreadable: 0, duplicate: 0 };
    for (const row of this.sql("SELECT status, COUNT(*) AS n FROM monitor_file GROUP BY status").all() as {
      status: FileStatus;
      n: number;
    }[]) {
      counts[row.status] = row.n;
    }
    return counts;
  }

  lastIngested(): FileRecord | undefined {
    return this.sql(
      `${FILE_SELECT} WHERE status IN ('learned', 'monitored') ORDER BY seq DESC LIMIT 1`,
    ).get() as FileRecord | undefined;
  }

  // ---- baseline --------------------------------------------------------------------------------------------------

  has(kind: string, key: string): boolean {
    return this.sql("SELECT 1 FROM baseline_fact WHERE kind = ? AND key = ?").get(kind, key) !== undefined;
  }

  keysWithPrefix(kind: string, prefix: string): string[] {
    // Range scan on the primary key: every key that starts with `prefix` sorts between it and prefix + U+FFFF.
    const rows = this.sql(
      "SELECT key FROM baseline_fact WHERE kind = ? AND key >= ? AND key < ? ORDER BY key",
    ).all(kind, prefix, `${prefix}\uffff`) as { key: string }[];
    return rows.map((r) => r.key);
  }

  learn(facts: readonly (FactRef & { frame: number | null })[], file: string, at: string): void {
    const insert = this.sql(
      "INSERT OR IGNORE INTO baseline_fact (kind, key, origin, file, frame, added_at) VALUES (?, ?, 'learned', ?, ?, ?)",
    );
    for (const f of facts) insert.run(f.kind, f.key, file, f.frame, at);
  }

  baselineSize(): number {
    return (this.sql("SELECT COUNT(*) AS n FROM baseline_fact").get() as { n: number }).n;
  }

  // ---- alerts ----------------------------------------------------------------------------------------------------

  /**
   * Records this file's occurrences: a new alert is raised (and a notice queued for delivery); a known one adds
   * the occurrence to its count and evidence; a folded one whose fact left the baseline is raised again.
   * Returns the alerts raised.
   */
  raise(occurrences: readonly AlertOccurrence[], raisedAt: string): Alert[] {
    const raised: Alert[] = [];
    for (const o of occurrences) {
      const id = `${o.type}:${o.subject}`;
      const row = this.sql("SELECT number, alert_json FROM monitor_alert WHERE id = ?").get(id) as
        | { number: number; alert_json: string }
        | undefined;
      if (row === undefined) {
        const info = this.sql(
          "INSERT INTO monitor_alert (id, status, severity, fold_kind, fold_keys, alert_json) VALUES (?, 'open', ?, ?, ?, '{}')",
        ).run(id, o.severity, o.fold.kind, JSON.stringify(o.fold.keys));
        const alert = newAlert(o, id, Number(info.lastInsertRowid), raisedAt);
        this.saveAlert(alert);
        this.queueNotice(alert);
        raised.push(alert);
        continue;
      }
      const alert = repeated(Alert.parse(JSON.parse(row.alert_json)), o);
      if (alert.status === "folded") {
        alert.status = "open";
        alert.acknowledged = null;
        alert.raisedAt = raisedAt;
        this.queueNotice(alert);
        raised.push(alert);
      }
      this.saveAlert(alert);
    }
    return raised;
  }

  private saveAlert(a: Alert): void {
    this.sql("UPDATE monitor_alert SET status = ?, severity = ?, alert_json = ? WHERE number = ?").run(
      a.status,
      a.severity,
      JSON.stringify(a),
      a.number,
    );
  }

  private queueNotice(a: Alert): void {
    const info = this.sql("INSERT INTO monitor_notice (alert_id, notice_json) VALUES (?, '{}')").run(a.id);
    const seq = Number(info.lastInsertRowid);
    const notice: AlertNotice = { seq, event: "raised", ...a };
    this.sql("UPDATE monitor_notice SET notice_json = ? WHERE seq = ?").run(JSON.stringify(notice), seq);
  }

  /** Alerts, highest severity first, then in the order raised; folded ones only with `all`. */
  alerts(all = false): Alert[] {
    const rows = this.sql(
      `SELECT alert_json FROM monitor_alert ${all ? "" : "WHERE status <> 'folded'"} ORDER BY number`,
    ).all() as { alert_json: string }[];
    return rows
      .map((r) => Alert.parse(JSON.parse(r.alert_json)))
      .sort((a, b) => severityRank(b.severity) - severityRank(a.severity) || a.number - b.number);
  }

  /** By full id or by number. */
  alert(ref: string): Alert | undefined {
    const row = (
      /^\d+$/.test(ref)
        ? this.sql("SELECT alert_json FROM monitor_alert WHERE number = ?").get(Number(ref))
        : this.sql("SELECT alert_json FROM monitor_alert WHERE id = ?").get(ref)
    ) as { alert_json: string } | undefined;
    return row ? Alert.parse(JSON.parse(row.alert_json)) : undefined;
  }

  /**
   * An assessor has seen the alert; with `fold`, what it reports becomes part of the baseline and it stops
   * recurring. A firmware fact replaces the device's earlier firmware: the new version is now the expected one.
   */
  acknowledge(
    ref: string,
    how: { at: string; by: string | null; note: string | null; fold: boolean },
  ): Alert | undefined {
    return this.transaction(() => {
      const alert = this.alert(ref);
      if (alert === undefined) return undefined;
      alert.acknowledged = { at: how.at, by: how.by, note: how.note };
      if (how.fold) {
        const row = this.sql("SELECT fold_kind, fold_keys FROM monitor_alert WHERE number = ?").get(
          alert.number,
        ) as {
          fold_kind: string;
          fold_keys: string;
        };
        const keys = JSON.parse(row.fold_keys) as string[];
        if (row.fold_kind === "firmware") {
          for (const key of keys) {
            const device = key.slice(0, key.lastIndexOf("=") + 1);
            this.sql("DELETE FROM baseline_fact WHERE kind = 'firmware' AND key >= ? AND key < ?").run(
              device,
              `${device}\uffff`,
            );
          }
        }
        const evidence = alert.evidence[0];
        const insert = this.sql(
          `INSERT INTO baseline_fact (kind, key, origin, file, frame, added_at) VALUES (?, ?, 'folded', ?, ?, ?)
           ON CONFLICT (kind, key) DO UPDATE SET origin = 'folded', added_at = excluded.added_at`,
        );
        for (const key of keys)
          insert.run(row.fold_kind, key, evidence?.file ?? "", evidence?.frame ?? null, how.at);
        alert.status = "folded";
      } else if (alert.status === "open") {
        alert.status = "acknowledged";
      }
      this.saveAlert(alert);
      return alert;
    });
  }

  // ---- notices ---------------------------------------------------------------------------------------------------

  pendingNotices(channel: NoticeChannel): AlertNotice[] {
    const rows = this.sql(
      channel === "file"
        ? "SELECT notice_json FROM monitor_notice WHERE file_done = 0 ORDER BY seq"
        : "SELECT notice_json FROM monitor_notice WHERE syslog_done = 0 ORDER BY seq",
    ).all() as { notice_json: string }[];
    return rows.map((r) => JSON.parse(r.notice_json) as AlertNotice);
  }

  /** Marks notices up to `seq` delivered on the channel. */
  delivered(channel: NoticeChannel, seq: number): void {
    this.sql(
      channel === "file"
        ? "UPDATE monitor_notice SET file_done = 1 WHERE file_done = 0 AND seq <= ?"
        : "UPDATE monitor_notice SET syslog_done = 1 WHERE syslog_done = 0 AND seq <= ?",
    ).run(seq);
  }

  // ---- monitored inventory ---------------------------------------------------------------------------------------

  /** Adds one file's assets, conversations and operations to the inventory kept in the workspace. */
  updateInventory(report: CaptureReport, file: string): void {
    for (const a of report.assets) {
      const row = this.sql("SELECT asset_json FROM monitor_asset WHERE id = ?").get(a.id) as
        | { asset_json: string }
        | undefined;
      const merged =
        row === undefined ? capEvidence(a) : mergeAsset(JSON.parse(row.asset_json) as ObservedAsset, a);
      this.sql(
        `INSERT INTO monitor_asset (id, asset_json, files, first_file, last_file) VALUES (?, ?, 1, ?, ?)
         ON CONFLICT (id) DO UPDATE SET asset_json = excluded.asset_json, files = files + 1, last_file = excluded.last_file`,
      ).run(a.id, JSON.stringify(merged), file, file);
    }
    const conversation = this.sql(
      `INSERT INTO monitor_conversation (key, transport, client, server, server_port, vlan, protocol, connections, packets,
         bytes, first_seen, last_seen, file, first_frame, last_file)
       VALUES (?, ?, ?, ?, ?, ?, ?, 1, ?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT (key) DO UPDATE SET connections = connections + 1, packets = packets + excluded.packets,
         bytes = bytes + excluded.bytes, last_seen = max(last_seen, excluded.last_seen), last_file = excluded.last_file`,
    );
    for (const f of report.flows) {
      const key = [f.transport, f.client, f.server, f.serverPort ?? "", f.vlan ?? "", f.protocol ?? ""].join(
        "|",
      );
      conversation.run(
        key,
        f.transport,
        f.client,
        f.server,
        f.serverPort,
        f.vlan,
        f.protocol,
        f.packets,
        f.bytes,
        f.firstSeen,
        f.lastSeen,
        f.file,
        f.firstFrame,
        file,
      );
    }
    const operation = this.sql(
      `INSERT INTO monitor_operation (key, protocol, client, server, code, name, category, count, exceptions, file,
         first_frame, last_file, last_frame)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT (key) DO UPDATE SET count = count + excluded.count, exceptions = exceptions + excluded.exceptions,
         last_file = excluded.last_file, last_frame = excluded.last_frame`,
    );
    for (const o of report.operations) {
      const key = [o.protocol, o.client, o.server, o.code].join("|");
      operation.run(
        key,
        o.protocol,
        o.client,
        o.server,
        o.code,
        o.name,
        o.category,
        o.count,
        o.exceptions,
        o.file,
        o.firstFrame,
        o.lastFile,
        o.lastFrame,
      );
    }
  }

  inventoryCounts(): InventoryCounts {
    const count = (table: string) =>
      (this.sql(`SELECT COUNT(*) AS n FROM ${table}`).get() as { n: number }).n;
    return {
      assets: count("monitor_asset"),
      conversations: count("monitor_conversation"),
      operations: count("monitor_operation"),
    };
  }
}

const FILE_SELECT = `SELECT seq, path, display, size, mtime_ms AS mtimeMs, sha256, status, packets, bytes,
  last_packet AS lastPacket, alerts, note, ingested_at AS ingestedAt FROM monitor_file`;

type Frame = z.infer<typeof FrameEvidence>;

function frameOf(file: string, frame: number | null): Frame[] {
  return frame === null ? [] : [{ kind: "frame", file, frame }];
}

function newAlert(o: AlertOccurrence, id: string, number: number, raisedAt: string): Alert {
  const first = frameOf(o.file, o.first.frame);
  const last = o.last.frame !== o.first.frame ? frameOf(o.file, o.last.frame) : [];
  return {
    id,
    number,
    type: o.type,
    title: o.title,
    severity: o.severity,
    requirements: o.requirements,
    subject: o.subject,
    summary: o.summary,
    zones: o.zones,
    assets: o.assets,
    evidence: [...first, ...last],
    count: o.count,
    firstSeen: o.first.time,
    lastSeen: o.last.time,
    raisedAt,
    status: "open",
    acknowledged: null,
  };
}

/** The alert with one more file's occurrence: the first evidence stays, the latest replaces the previous latest. */
function repeated(a: Alert, o: AlertOccurrence): Alert {
  const latest = frameOf(o.file, o.last.frame);
  return {
    ...a,
    evidence: [...a.evidence.slice(0, 1), ...latest],
    count: a.count + o.count,
    lastSeen: o.last.time,
    zones: [...new Set([...a.zones, ...o.zones])],
    assets: [...new Set([...a.assets, ...o.assets])],
  };
}

function capEvidence(a: ObservedAsset): ObservedAsset {
  return {
    ...a,
    identity: { ...a.identity, sources: a.identity.sources.slice(0, MAX_ASSET_EVIDENCE) },
    roles: a.roles.map((r) => ({ ...r, evidence: r.evidence.slice(0, MAX_ASSET_EVIDENCE) })),
  };
}

const union = <T>(a: readonly T[], b: readonly T[]): T[] => [...new Set([...a, ...b])];

/** An asset as known so far joined with a file's view of it: identity fields take the latest reading. */
function mergeAsset(known: ObservedAsset, seen: ObservedAsset): ObservedAsset {
  const { sources: knownSources, ...knownIdentity } = known.identity;
  const { sources: seenSources, ...seenIdentity } = seen.identity;
  const roles = new Map(known.roles.map((r) => [r.role, r]));
  for (const r of seen.roles) {
    const had = roles.get(r.role);
    if (had === undefined || r.confidence > had.confidence)
      roles.set(r.role, had ? { ...r, evidence: had.evidence } : r);
  }
  const services = new Map(known.services.map((s) => [`${s.transport}/${s.port}/${s.protocol}`, s]));
  for (const s of seen.services) services.set(`${s.transport}/${s.port}/${s.protocol}`, s);
  return capEvidence({
    id: known.id,
    macs: union(known.macs, seen.macs),
    ips: union(known.ips, seen.ips),
    vlans: union(known.vlans, seen.vlans).sort((x, y) => x - y),
    vendor: seen.vendor ?? known.vendor,
    hostnames: union(known.hostnames, seen.hostnames).sort(),
    identity: { ...knownIdentity, ...seenIdentity, sources: [...knownSources, ...seenSources] },
    roles: [...roles.values()].sort((x, y) => y.confidence - x.confidence),
    services: [...services.values()],
  });
}
