/**
 * Test helper run as a child process: starts saving a run and kills itself with SIGKILL inside the
 * transaction, as a power cut or `kill -9` would.
 */
import Database from "better-sqlite3";

const db = new Database(process.argv[2]!);
db.exec("BEGIN");
db.prepare(
  "INSERT INTO assessment (id, site, tool_version, started_at, finished_at, result_json) VALUES ('killed', 's', 'v', 't', 't', '{}')",
).run();
process.kill(process.pid, "SIGKILL");
