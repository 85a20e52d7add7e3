/** Typed reads of one CSV row's cells; a value that does not parse is reported with its line and read as absent. */
import { type InputProblem, type ProblemCode, problemAt } from "../model/problem.js";
import type { CsvRow } from "./csv-table.js";
import { parseExportDate, parseFlag } from "./export-dates.js";

export class CsvCells {
  constructor(
    private readonly row: CsvRow,
    private readonly file: string,
    private readonly problems: InputProblem[],
  ) {}

  get line(): number {
    return this.row.line;
  }

  /** The first of the columns that has a non-empty value. */
  text(...columns: string[]): string | null {
    for (const c of columns) {
      const v = this.row.cells[c];
      if (v) return v;
    }
    return null;
  }

  date(...columns: string[]): string | null {
    const column = columns.find((c) => this.row.cells[c]);
    if (!column) return null;
    const raw = this.row.cells[column]!;
    const d = parseExportDate(raw);
    if (d === undefined) {
      this.warn(
        "invalid-value",
        `${column}: "${raw.slice(0, 40)}" is not a date (expected ISO 2026-11-21, 11/21/2026 or 21.11.2026)`,
      );
      return null;
    }
    return d;
  }

  flag(...columns: string[]): boolean | null {
    const column = columns.find((c) => this.row.cells[c]);
    if (!column) return null;
    const raw = this.row.cells[column]!;
    const f = parseFlag(raw);
    if (f === undefined) {
      this.warn("invalid-value", `${column}: "${raw.slice(0, 40)}" is not a yes/no value`);
      return null;
    }
    return f;
  }

  warn(code: ProblemCode, message: string, severity: InputProblem["severity"] = "warning"): void {
    this.problems.push(problemAt(this.file, { line: this.row.line }, code, message, severity));
  }
}
