/**
 * Test helper run as a child process: starts changing the workspace and kills itself with SIGKILL inside the
 * transaction, as a power cut or `kill -9` would. `node kill-during-save.fixture.js <db> [what]`:
 * - `save` (the default): a run's first row written;
 * - `label <run> <text>`: `Workspace.label` moving a label, killed by a trigger once it wrote the new label;
 * - `migrate <version>`: the migration to that version applied, its version not yet committed;
 * - `open`: no kill: opens the workspace (migrating it) and prints its schema version, as `watch` or `assess` would.
 */
import Database from "better-sqlite3";
import { MIGRATIONS } from "./migrations.js";
import { Workspace } from "./workspace.js";

const [path, what = "save", ...rest] = process.argv.slice(2) as [string, ...string[]];
const die = (): never => {
  process.kill(process.pid, "SIGKILL");
  throw new Error("not killed");
};

if (what === "open") {
  const ws = Workspace.open(path);
  process.stdout.write(String(ws.schemaVersion));
  ws.close();
} else if (what === "label") {
  const ws = Workspace.open(path);
  // The workspace's own connection, so that the kill lands inside its transaction.
  const db = Reflect.get(ws, "db") as Database.Database;
  db.function("die", () => die());
  db.exec("CREATE TEMP TRIGGER kill_on_label AFTER INSERT ON run_label BEGIN SELECT die(); END");
  ws.label(rest[0]!, { text: rest[1]!, by: "killed", at: "2026-01-01T00:00:00.000Z" }, true);
} else if (what === "migrate") {
  const db = new Database(path);
  const migration = MIGRATIONS.find((m) => m.version === Number(rest[0]))!;
  db.exec("BEGIN");
  db.exec(migration.sql);
  db.pragma(`user_version = ${migration.version}`);
  die();
} else {
  const db = new Database(path);
  db.exec("BEGIN");
  db.prepare(
    "INSERT INTO assessment (id, site, tool_version, started_at, finished_at, result_json) VALUES ('killed', 's', 'v', 't', 't', '{}')",
  ).run();
  die();
}
