/**
 * The leavers list (`leavers.csv`) HR or the site keeps: `user` (the account name) and/or `name` (the person's
 * full name), and `left` (the leaving date). Accounts of people on it that are still enabled are findings.
 */
import type { Leaver } from "../model/controls.js";
import type { InputProblem } from "../model/problem.js";
import { CsvCells } from "./csv-cells.js";
import { readCsvFile } from "./csv-table.js";

export function readLeavers(absolute: string, file: string, problems: InputProblem[]): Leaver[] {
  const table = readCsvFile(absolute, file, problems);
  if (!table) return [];
  return table.rows.flatMap((row) => {
    const c = new CsvCells(row, file, problems);
    const user = c.text("user", "username", "account");
    const name = c.text("name", "fullname");
    if (!user && !name) {
      c.warn("schema", "row skipped: neither user nor name", "error");
      return [];
    }
    return [
      {
        user,
        name,
        left: c.date("left", "leftdate", "leavingdate", "date"),
        evidence: { kind: "line" as const, file, line: row.line },
      },
    ];
  });
}
