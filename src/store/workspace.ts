/**
 * The workspace: a SQLite database in `<plant>/.otaudit/workspace.db` keeping every assessment run, so that
 * a review compares against the last one. Each run is stored in one transaction: a run killed midway leaves
 * the earlier state whole.
 */
import { mkdirSync } from "node:fs";
import { dirname, join } from "node:path";
import Database from "better-sqlite3";
import type { Assessment } from "../model/assessment.js";
import { MIGRATIONS, type Migration } from "./migrations.js";
import { storedRun } from "./stored-run.js";

export interface AssessmentSummary {
  id: string;
  site: string;
  toolVersion: string;
  startedAt: string;
  finishedAt: string;
  findings: number;
}

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
    return this.db
      .prepare(
        `SELECT a.id, a.site, a.tool_version AS toolVersion, a.started_at AS startedAt, a.finished_at AS finishedAt,
                (SELECT COUNT(*) FROM finding f WHERE f.assessment_id = a.id) AS findings
         FROM assessment a ORDER BY a.finished_at, a.rowid`,
      )
      .all() as AssessmentSummary[];
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
      db.exec(m.sql);
      db.pragma(`user_version = ${m.version}`);
    })();
  }
}
