/**
 * CSV as Windows tools and people write it, read into rows keyed by normalised column names. Handles the
 * `#TYPE ...` first line of PowerShell's Export-Csv (absent with -NoTypeInformation), the blank first line of
 * `auditpol /r`, and a BOM. Columns that may hold a password, a hash or another secret are dropped by the
 * parser itself: their values are never read. A row that cannot be read is reported with its line and skipped.
 */
import { parse } from "csv-parse/sync";
import type { InputProblem } from "../model/problem.js";

export interface CsvRow {
  line: number;
  /** Normalised column name -> trimmed value; columns missing from a short row are absent. */
  cells: Record<string, string>;
}

export interface CsvTable {
  /** Normalised names of the columns kept, in file order. */
  columns: string[];
  headerLine: number;
  rows: CsvRow[];
}

/** `Last Logon`, `last_logon`, `LastLogon` -> `lastlogon`. */
export function normaliseColumn(name: string): string {
  return name.toLowerCase().replace(/[\s_.-]+/g, "");
}

/** Columns known to carry secrets in account exports (AD, LAPS, hand-made sheets); also any "hash" or "secret". */
const SECRET_COLUMNS = new Set([
  "password",
  "passwd",
  "pwd",
  "unicodepwd",
  "userpassword",
  "dbcspwd",
  "ntpwdhistory",
  "lmpwdhistory",
  "supplementalcredentials",
  "msmcsadmpwd",
  "mslapspassword",
  "mslapsencryptedpassword",
  "msdsmanagedpassword",
]);

export function isSecretColumn(normalised: string): boolean {
  return SECRET_COLUMNS.has(normalised) || normalised.includes("hash") || normalised.includes("secret");
}

type Located = { record: Record<string, string>; info: { lines: number; error?: { code: string } } };

export function readCsvTable(text: string, file: string, problems: InputProblem[]): CsvTable | null {
  const problem = (line: number, message: string, severity: InputProblem["severity"] = "error") =>
    problems.push({ severity, file, line, column: 0, path: "", message });
  // The type line of Export-Csv is not CSV; blanking it keeps every later line number true.
  const body = text.replace(/^(\uFEFF?)#TYPE[^\r\n]*/, "$1");
  let headerLine = 0;
  let headerFields = 0;
  const columns: string[] = [];
  let records: Located[];
  try {
    records = parse(body, {
      bom: true,
      info: true,
      skip_empty_lines: true,
      relax_column_count: true,
      skip_records_with_error: true,
      on_skip: (err) => {
        if (err) problem(typeof err.lines === "number" ? err.lines : 0, `row skipped: ${err.message}`);
        return undefined;
      },
      columns: (header: string[]) => {
        headerLine = lineOfFirstRecord(body);
        headerFields = header.length;
        return header.map((raw) => {
          const name = normaliseColumn(raw);
          if (isSecretColumn(name)) {
            problem(headerLine, `column "${raw}" may hold a password, hash or secret: ignored, never read`, "warning");
            return false;
          }
          if (name === "" || columns.includes(name)) {
            if (name !== "") problem(headerLine, `column "${raw}" repeats an earlier column: ignored`, "warning");
            return false;
          }
          columns.push(name);
          return name;
        });
      },
    }) as unknown as Located[];
  } catch (err) {
    problem(0, `not readable as CSV: ${(err as Error).message}`);
    return null;
  }
  if (columns.length === 0) {
    problem(0, "empty file: expected a header row");
    return null;
  }
  const rows: CsvRow[] = [];
  for (const { record, info } of records) {
    if (info.error) {
      problem(info.lines, `row skipped: its number of fields differs from the header's ${headerFields}`);
      continue;
    }
    const cells: Record<string, string> = {};
    for (const [k, v] of Object.entries(record)) cells[k] = typeof v === "string" ? v.trim() : "";
    rows.push({ line: info.lines, cells });
  }
  return { columns, headerLine, rows };
}

/** The line of the first non-blank line: the header. */
function lineOfFirstRecord(text: string): number {
  const lines = text.split(/\r\n|\n|\r/);
  const i = lines.findIndex((l) => l.replace(/^\uFEFF/, "").trim() !== "");
  return i < 0 ? 1 : i + 1;
}
