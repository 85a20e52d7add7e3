/**
 * `Get-HotFix | Export-Csv`: Windows PowerShell writes the WMI object (`__GENUS`, `__CLASS`, ..., HotFixID,
 * InstalledOn, InstalledBy, Description), PowerShell 7 the CIM instance (Description, HotFixID, InstalledBy,
 * InstalledOn, ...). InstalledOn is sometimes empty on real systems: such rows are reported and still counted
 * as installed, with no date.
 */
import type { HotfixList } from "../../model/controls.js";
import type { InputProblem } from "../../model/problem.js";
import { CsvCells } from "../csv-cells.js";
import type { CsvTable } from "../csv-table.js";

export function isHotfixExport(columns: readonly string[]): boolean {
  return columns.includes("hotfixid");
}

export function readHotfixes(
  table: CsvTable,
  system: string,
  file: string,
  problems: InputProblem[],
): HotfixList {
  const updates: HotfixList["updates"] = [];
  for (const row of table.rows) {
    const c = new CsvCells(row, file, problems);
    const id = c.text("hotfixid");
    if (!id) {
      c.warn("schema", "row skipped: no HotFixID", "error");
      continue;
    }
    const installedOn = c.date("installedon");
    if (installedOn === null && !row.cells.installedon) c.warn("schema", `${id}: no InstalledOn date`);
    updates.push({ id, description: c.text("description"), installedOn, line: row.line });
  }
  return { system, file, updates };
}
