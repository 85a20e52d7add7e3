/**
 * Versioned schema of the workspace. Append only: a released migration is never edited, a change is a new
 * entry, so every workspace a user has can be brought forward.
 */
export interface Migration {
  version: number;
  description: string;
  sql: string;
}

export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    description: "assessments, their inputs and findings",
    sql: `
      CREATE TABLE assessment (
        id TEXT PRIMARY KEY,
        site TEXT NOT NULL,
        tool_version TEXT NOT NULL,
        started_at TEXT NOT NULL,
        finished_at TEXT NOT NULL,
        result_json TEXT NOT NULL
      );
      CREATE INDEX assessment_finished ON assessment(finished_at);
      CREATE TABLE assessment_input (
        assessment_id TEXT NOT NULL REFERENCES assessment(id) ON DELETE CASCADE,
        path TEXT NOT NULL,
        kind TEXT NOT NULL,
        sha256 TEXT NOT NULL,
        bytes INTEGER NOT NULL,
        PRIMARY KEY (assessment_id, path)
      );
      CREATE TABLE finding (
        assessment_id TEXT NOT NULL REFERENCES assessment(id) ON DELETE CASCADE,
        finding_id TEXT NOT NULL,
        rule TEXT NOT NULL,
        severity TEXT NOT NULL,
        title TEXT NOT NULL,
        PRIMARY KEY (assessment_id, finding_id)
      );
    `,
  },
  {
    version: 2,
    description:
      "continuous monitoring: ingested capture files, baseline, alerts and their notices, monitored inventory",
    sql: `
      CREATE TABLE monitor_state (
        name TEXT PRIMARY KEY,
        value TEXT NOT NULL
      );
      CREATE TABLE monitor_file (
        seq INTEGER PRIMARY KEY AUTOINCREMENT,
        path TEXT NOT NULL,
        display TEXT NOT NULL,
        size INTEGER NOT NULL,
        mtime_ms INTEGER NOT NULL,
        sha256 TEXT NOT NULL,
        status TEXT NOT NULL CHECK (status IN ('learned', 'monitored', 'unreadable', 'duplicate')),
        packets INTEGER NOT NULL,
        bytes INTEGER NOT NULL,
        last_packet TEXT,
        alerts INTEGER NOT NULL,
        note TEXT,
        ingested_at TEXT NOT NULL,
        UNIQUE (path, sha256)
      );
      CREATE INDEX monitor_file_path ON monitor_file(path);
      CREATE INDEX monitor_file_sha256 ON monitor_file(sha256);
      CREATE TABLE baseline_fact (
        kind TEXT NOT NULL,
        key TEXT NOT NULL,
        origin TEXT NOT NULL CHECK (origin IN ('learned', 'folded')),
        file TEXT NOT NULL,
        frame INTEGER,
        added_at TEXT NOT NULL,
        PRIMARY KEY (kind, key)
      ) WITHOUT ROWID;
      CREATE TABLE monitor_alert (
        number INTEGER PRIMARY KEY AUTOINCREMENT,
        id TEXT NOT NULL UNIQUE,
        status TEXT NOT NULL,
        severity TEXT NOT NULL,
        fold_kind TEXT NOT NULL,
        fold_key TEXT NOT NULL,
        alert_json TEXT NOT NULL
      );
      CREATE INDEX monitor_alert_status ON monitor_alert(status);
      CREATE TABLE monitor_notice (
        seq INTEGER PRIMARY KEY AUTOINCREMENT,
        alert_id TEXT NOT NULL,
        notice_json TEXT NOT NULL,
        file_done INTEGER NOT NULL DEFAULT 0,
        syslog_done INTEGER NOT NULL DEFAULT 0
      );
      CREATE INDEX monitor_notice_file ON monitor_notice(file_done, seq);
      CREATE INDEX monitor_notice_syslog ON monitor_notice(syslog_done, seq);
      CREATE TABLE monitor_asset (
        id TEXT PRIMARY KEY,
        asset_json TEXT NOT NULL,
        files INTEGER NOT NULL,
        first_file TEXT NOT NULL,
        last_file TEXT NOT NULL
      );
      CREATE TABLE monitor_conversation (
        key TEXT PRIMARY KEY,
        transport TEXT NOT NULL,
        client TEXT NOT NULL,
        server TEXT NOT NULL,
        server_port INTEGER,
        vlan INTEGER,
        protocol TEXT,
        connections INTEGER NOT NULL,
        packets INTEGER NOT NULL,
        bytes INTEGER NOT NULL,
        first_seen TEXT NOT NULL,
        last_seen TEXT NOT NULL,
        file TEXT NOT NULL,
        first_frame INTEGER NOT NULL,
        last_file TEXT NOT NULL
      );
      CREATE TABLE monitor_operation (
        key TEXT PRIMARY KEY,
        protocol TEXT NOT NULL,
        client TEXT NOT NULL,
        server TEXT NOT NULL,
        code INTEGER NOT NULL,
        name TEXT NOT NULL,
        category TEXT NOT NULL,
        count INTEGER NOT NULL,
        exceptions INTEGER NOT NULL,
        file TEXT NOT NULL,
        first_frame INTEGER NOT NULL,
        last_file TEXT NOT NULL,
        last_frame INTEGER NOT NULL
      );
    `,
  },
  {
    version: 3,
    description: "an alert folds into the baseline as a list of facts, not one",
    sql: `
      ALTER TABLE monitor_alert RENAME COLUMN fold_key TO fold_keys;
      UPDATE monitor_alert SET fold_keys = json_array(fold_keys);
    `,
  },
  {
    version: 4,
    description:
      "labels naming the official reviews among the runs: one per run, unique in the workspace whatever its case",
    sql: `
      CREATE TABLE run_label (
        label TEXT NOT NULL COLLATE NOCASE PRIMARY KEY,
        assessment_id TEXT NOT NULL UNIQUE REFERENCES assessment(id) ON DELETE CASCADE,
        labelled_by TEXT NOT NULL,
        labelled_at TEXT NOT NULL
      );
    `,
  },
];
