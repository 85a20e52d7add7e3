/**
 * The leavers list (`leavers.csv`) HR or the site keeps: `user` (the account name) and/or `name` (the person's
 * full name), and `left` (the leaving date). Accounts of people on it that are still enabled are findings.
 */
import type { Leaver } from "../model/controls.js";
import type { InputProblem } from "../model/problem.js";
import { CsvCells } from "./csv-cells.js";
import { readCsvTable } from "./csv-table.js";
import { readText } from "./text-decode.js";

export function readLeavers(absolute: string, file: string, problems: InputProblem[]): Leaver[] {
  let text: string;
  try {
    text = readText(absolute).text;
  } catch (err) {
    problems.push({
      severity: "error",
      file,
      line: 0,
      column: 0,
      path: "",
      message: `cannot be read: ${(err as Error).message}`,
    });
    return [];
  }
  const table = readCsvTable(text, file, problems);
  if (!table) return [];
  return table.rows.flatMap((row) => {
    const c = new CsvCells(row, file, problems);
    const user = c.text("user", "username", "account");
    const name = c.text("name", "fullname");
    if (!user && !name) {
      c.warn("row skipped: neither user nor name", "error");
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
