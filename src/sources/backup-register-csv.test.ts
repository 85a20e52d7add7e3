import assert from "node:assert/strict";
import { test } from "node:test";
import type { InputProblem } from "../model/problem.js";
import { readBackupRegister } from "./backup-register-csv.js";

test("the register CSV: headers in any spelling, files relative to backups/, bad cells reported by line", () => {
  const problems: InputProblem[] = [];
  const records = readBackupRegister(
    "test/fixtures/controls-plant/backup-register.csv",
    "backup-register.csv",
    problems,
  );
  assert.deepEqual(
    records.map((r) => [
      r.system,
      r.lastBackup?.slice(0, 10) ?? null,
      r.offlineCopy,
      r.file,
      r.evidence.line,
    ]),
    [
      ["plc-l2", "2026-11-24", true, "plc-l2/Line2_PLC_2026-11-24.ACD", 2],
      // Immutable storage counts as the offline copy; a `backups/` prefix is dropped.
      ["sw-hardened", "2026-11-01", true, "sw-hardened/startup-config_2026-11-01.txt", 3],
      ["hmi-07", "2025-12-01", false, "hmi-07/HMI-07_2025-12-01.tib", 4],
      ["hmi-08", "2026-11-15", true, null, 5],
      ["sw-weak", null, false, null, 6],
      ["plc-l2", null, false, null, 8],
    ],
  );
  assert.equal(records[3]!.sha256?.length, 64);
  assert.deepEqual(
    problems.map((p) => `${p.line} ${p.severity} ${p.code} ${p.message.split(":")[0]}`),
    [
      "7 error invalid-value row skipped",
      "8 warning invalid-value sha256",
      "8 warning invalid-value lastbackup",
      "8 warning invalid-value offline",
    ],
  );
});

test("a register without a system column is refused at its header", () => {
  const problems: InputProblem[] = [];
  const records = readBackupRegister("test/fixtures/controls-plant/leavers.csv", "leavers.csv", problems);
  assert.deepEqual(records, []);
  assert.deepEqual(
    problems.map((p) => `${p.line} ${p.code}`),
    ["1 missing-column"],
  );
});
