/**
 * The workspace: a SQLite database in `<plant>/.otaudit/workspace.db` keeping every assessment run, and the labels
 * naming the official reviews among them, so that a review compares against the last one. Each run, and each
 * change of labels, is stored in one transaction: a process killed midway leaves the earlier state whole.
 */
import { mkdirSync } from "node:fs";
import { dirname, join } from "node:path";
import Database from "better-sqlite3";
import type { Assessment } from "../model/assessment.js";
import { MIGRATIONS, type Migration } from "./migrations.js";
import { storedRun } from "./stored-run.js";

/** A label naming a run as an official review: its text, who gave it and when. */
export interface RunLabel {
  text: string;
  by: string;
  at: string;
}

/** A label with the run it names. */
export interface LabelledRun extends RunLabel {
  run: string;
}

export interface AssessmentSummary {
  id: string;
  site: string;
  toolVersion: string;
  startedAt: string;
  finishedAt: string;
  findings: number;
  /** The label naming the run an official review; null for a run nobody labelled. */
  label: RunLabel | null;
}

/** What labelling a run did, or why it did not: the caller words it. */
export type LabelOutcome =
  | { outcome: "labelled"; movedFrom: string | null }
  /** The run already carries the label (its text as stored, whatever the case asked). */
  | { outcome: "unchanged"; label: RunLabel }
  /** Another run carries the label and it was not to be moved. */
  | { outcome: "taken"; run: string }
  /** The run carries another label: one label per run. */
  | { outcome: "run-labelled"; label: RunLabel };

const LABEL_COLUMNS = "l.label AS text, l.labelled_by AS by, l.labelled_at AS at, l.assessment_id AS run";

export function workspacePath(plantDir: string): string {
  return join(plantDir, ".otaudit", "workspace.db");
}

export class Workspace {
  private constructor(private readonly db: Database.Database) {}

  static open(path: string, migrations: readonly Migration[] = MIGRATIONS): Workspace {
    return new Workspace(openWorkspaceDatabase(path, migrations));
  }

  get schemaVersion(): number {
    return this.db.pragma("user_version", { simple: true }) as number;
  }

  save(a: Assessment): void {
    const insertAssessment = this.db.prepare(
      "INSERT INTO assessment (id, site, tool_version, started_at, finished_at, result_json) VALUES (?, ?, ?, ?, ?, ?)",
    );
    const insertInput = this.db.prepare(
      "INSERT INTO assessment_input (assessment_id, path, kind, sha256, bytes) VALUES (?, ?, ?, ?, ?)",
    );
    const insertFinding = this.db.prepare(
      "INSERT INTO finding (assessment_id, finding_id, rule, severity, title) VALUES (?, ?, ?, ?, ?)",
    );
    this.db.transaction(() => {
      insertAssessment.run(a.id, a.site, a.tool.version, a.startedAt, a.finishedAt, JSON.stringify(a));
      for (const i of a.inputs) insertInput.run(a.id, i.path, i.kind, i.sha256, i.bytes);
      for (const f of a.findings) insertFinding.run(a.id, f.id, f.rule, f.severity, f.title);
    })();
  }

  list(): AssessmentSummary[] {
    const rows = this.db
      .prepare(
        `SELECT a.id, a.site, a.tool_version AS toolVersion, a.started_at AS startedAt, a.finished_at AS finishedAt,
                (SELECT COUNT(*) FROM finding f WHERE f.assessment_id = a.id) AS findings,
                l.label, l.labelled_by, l.labelled_at
         FROM assessment a LEFT JOIN run_label l ON l.assessment_id = a.id
         ORDER BY a.finished_at, a.rowid`,
      )
      .all() as (Omit<AssessmentSummary, "label"> & {
      label: string | null;
      labelled_by: string | null;
      labelled_at: string | null;
    })[];
    return rows.map(({ label, labelled_by, labelled_at, ...run }) => ({
      ...run,
      label: label === null ? null : { text: label, by: labelled_by!, at: labelled_at! },
    }));
  }

  /** Every label with the run it names, in the order of the runs. */
  labels(): LabelledRun[] {
    return this.db
      .prepare(
        `SELECT ${LABEL_COLUMNS} FROM run_label l JOIN assessment a ON a.id = l.assessment_id
         ORDER BY a.finished_at, a.rowid`,
      )
      .all() as LabelledRun[];
  }

  /** The run a label names; labels match whatever their case. */
  labelled(text: string): LabelledRun | undefined {
    return this.db.prepare(`SELECT ${LABEL_COLUMNS} FROM run_label l WHERE l.label = ?`).get(text) as
      | LabelledRun
      | undefined;
  }

  /**
   * Labels run `run` with `label.text`, in one transaction: a label another run carries moves only when `move`
   * says so, and a run carries one label.
   */
  label(run: string, label: RunLabel, move = false): LabelOutcome {
    return this.db.transaction((): LabelOutcome => {
      const holder = this.labelled(label.text);
      if (holder?.run === run) return { outcome: "unchanged", label: holder };
      const own = this.db
        .prepare(`SELECT ${LABEL_COLUMNS} FROM run_label l WHERE l.assessment_id = ?`)
        .get(run) as LabelledRun | undefined;
      if (own) return { outcome: "run-labelled", label: own };
      if (holder && !move) return { outcome: "taken", run: holder.run };
      if (holder) this.db.prepare("DELETE FROM run_label WHERE label = ?").run(holder.text);
      this.db
        .prepare("INSERT INTO run_label (label, assessment_id, labelled_by, labelled_at) VALUES (?, ?, ?, ?)")
        .run(label.text, run, label.by, label.at);
      return { outcome: "labelled", movedFrom: holder?.run ?? null };
    })();
  }

  /** Removes a label; what it was, or undefined when no run carries it. */
  unlabel(text: string): LabelledRun | undefined {
    return this.db.transaction(() => {
      const holder = this.labelled(text);
      if (holder) this.db.prepare("DELETE FROM run_label WHERE label = ?").run(holder.text);
      return holder;
    })();
  }

  get(id: string): Assessment | undefined {
    const row = this.db.prepare("SELECT result_json FROM assessment WHERE id = ?").get(id) as
      | { result_json: string }
      | undefined;
    return row ? storedRun(row.result_json) : undefined;
  }

  latest(): Assessment | undefined {
    const row = this.db
      .prepare("SELECT id FROM assessment ORDER BY finished_at DESC, rowid DESC LIMIT 1")
      .get() as { id: string } | undefined;
    return row ? this.get(row.id) : undefined;
  }

  /** The latest run that carries a label: the last official review. */
  lastLabelled(): Assessment | undefined {
    const row = this.db
      .prepare(
        `SELECT a.id FROM assessment a JOIN run_label l ON l.assessment_id = a.id
         ORDER BY a.finished_at DESC, a.rowid DESC LIMIT 1`,
      )
      .get() as { id: string } | undefined;
    return row ? this.get(row.id) : undefined;
  }

  close(): void {
    this.db.close();
  }
}

/** The workspace database, brought to the latest schema; other stores of the workspace open it through here. */
export function openWorkspaceDatabase(
  path: string,
  migrations: readonly Migration[] = MIGRATIONS,
): Database.Database {
  if (path !== ":memory:") mkdirSync(dirname(path), { recursive: true });
  const db = new Database(path);
  db.pragma("journal_mode = WAL");
  db.pragma("foreign_keys = ON");
  db.pragma("busy_timeout = 5000");
  migrate(db, migrations);
  return db;
}

function migrate(db: Database.Database, migrations: readonly Migration[]): void {
  const current = db.pragma("user_version", { simple: true }) as number;
  const latest = migrations.at(-1)?.version ?? 0;
  if (current > latest) {
    throw new Error(
      `workspace schema version ${current} is newer than this otaudit knows (${latest}); upgrade otaudit`,
    );
  }
  for (const m of migrations) {
    if (m.version <= current) continue;
    db.transaction(() => {
      // Another process (watch beside assess) may have migrated since the version was read: read it again under
      // the write lock this immediate transaction holds, so no migration runs twice.
      if ((db.pragma("user_version", { simple: true }) as number) >= m.version) return;
      db.exec(m.sql);
      db.pragma(`user_version = ${m.version}`);
    }).immediate();
  }
}
