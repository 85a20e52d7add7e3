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
];
