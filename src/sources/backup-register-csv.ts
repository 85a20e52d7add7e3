/**
 * A backup register kept as a spreadsheet (`backup-register.csv`): a header with `system` and any of
 * `lastBackup`, `lastRestoreTest`, `offline` (or `offlineCopy`), `immutable`, `location`, `file` (relative to
 * the plant's backups/ folder) and `sha256`. Column names are matched ignoring case, spaces, dashes and
 * underscores; a row that cannot be read is reported with its line and skipped.
 */
import type { BackupRecord } from "../model/controls.js";
import { Id } from "../model/plant.js";
import { type InputProblem, problemAt } from "../model/problem.js";
import { CsvCells } from "./csv-cells.js";
import { readCsvFile } from "./csv-table.js";

export function readBackupRegister(absolute: string, file: string, problems: InputProblem[]): BackupRecord[] {
  const table = readCsvFile(absolute, file, problems);
  if (!table) return [];
  if (!table.columns.includes("system")) {
    problems.push(
      problemAt(file, { line: table.headerLine }, "missing-column", "the header lacks the column system"),
    );
    return [];
  }
  return table.rows.flatMap((row) => {
    const c = new CsvCells(row, file, problems);
    const system = c.text("system");
    if (!system || !Id.safeParse(system).success) {
      c.warn(
        "invalid-value",
        system ? `row skipped: system "${system.slice(0, 40)}" is not an asset id` : "row skipped: no system",
        "error",
      );
      return [];
    }
    let sha256 = c.text("sha256")?.toLowerCase() ?? null;
    if (sha256 !== null && !/^[0-9a-f]{64}$/.test(sha256)) {
      c.warn("invalid-value", `sha256: expected 64 hexadecimal digits, got "${sha256.slice(0, 70)}"`);
      sha256 = null;
    }
    return [
      {
        system,
        lastBackup: c.date("lastbackup"),
        lastRestoreTest: c.date("lastrestoretest", "restoretest"),
        offlineCopy: (c.flag("offline", "offlinecopy") ?? false) || (c.flag("immutable") ?? false),
        location: c.text("location"),
        file:
          c
            .text("file")
            ?.replace(/\\/g, "/")
            .replace(/^backups\//, "") ?? null,
        sha256,
        evidence: { kind: "line" as const, file, line: row.line },
      },
    ];
  });
}
