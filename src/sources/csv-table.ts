/**
 * CSV as Windows tools and people write it, read into rows keyed by normalised column names. Handles the
 * `#TYPE ...` first line of PowerShell's Export-Csv (absent with -NoTypeInformation), the blank first line of
 * `auditpol /r`, a BOM, and quoted fields that span lines. Columns that may hold a password, a hash or another
 * secret are dropped as each row is read: their values are never kept.
 *
 * Records are cut at line ends where the quotes balance, then each is parsed on its own (csv-parse), so a
 * broken quote costs its own row and not the rest of the file: it is reported with its line and skipped.
 */
import { parse } from "csv-parse/sync";
import { type InputProblem, lineProblems, problemAt, WHOLE_FILE } from "../model/problem.js";
import { readFailureCode } from "./bounded-read.js";
import { readText, splitLines } from "./text-decode.js";

export interface CsvRow {
  line: number;
  /** Normalised column name -> trimmed value. */
  cells: Record<string, string>;
}

export interface CsvTable {
  /** Normalised names of the columns kept, in file order. */
  columns: string[];
  headerLine: number;
  rows: CsvRow[];
}

/** `Last Logon`, `last_logon`, `LastLogon` -> `lastlogon`. */
function normaliseColumn(name: string): string {
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

function isSecretColumn(normalised: string): boolean {
  return SECRET_COLUMNS.has(normalised) || normalised.includes("hash") || normalised.includes("secret");
}

interface RawRecord {
  text: string;
  /** First and last line (1-based) of the record. */
  line: number;
  end: number;
  /** Set when the record's quotes never close: it is reported, and reading resumes on its next line. */
  unclosed: boolean;
}

const quotes = (s: string) => s.split('"').length - 1;

/** The record starting at or after line index `from`: it ends at the first line end where its quotes balance. */
function recordAt(lines: readonly string[], from: number): RawRecord | null {
  let i = from;
  while (i < lines.length && lines[i]!.trim() === "") i++;
  if (i >= lines.length) return null;
  let j = i;
  let count = quotes(lines[i]!);
  while (count % 2 === 1 && j + 1 < lines.length) count += quotes(lines[++j]!);
  if (count % 2 === 1) return { text: lines[i]!, line: i + 1, end: i + 1, unclosed: true };
  return { text: lines.slice(i, j + 1).join("\n"), line: i + 1, end: j + 1, unclosed: false };
}

function fields(text: string): string[] {
  const [record] = parse(text, { bom: true, relax_column_count: true }) as string[][];
  return record ?? [];
}

export function readCsvTable(text: string, file: string, problems: InputProblem[]): CsvTable | null {
  const problem = lineProblems(file, problems);
  // The type line of Export-Csv is not CSV; blanking it keeps every later line number true.
  const lines = splitLines(text.replace(/^(\uFEFF?)#TYPE[^\r\n]*/, "$1"));
  const head = recordAt(lines, 0);
  if (!head) {
    problem(0, "missing-column", "empty file: expected a header row");
    return null;
  }
  let header: string[];
  try {
    if (head.unclosed) throw new Error("a quote is not closed");
    header = fields(head.text);
  } catch (err) {
    problem(
      head.line,
      "unparsed-line",
      `the header is not readable as CSV: ${(err as Error).message.split(":")[0]}`,
    );
    return null;
  }
  const columns: string[] = [];
  // Index in the record -> column name, for the columns kept.
  const kept: [number, string][] = [];
  header.forEach((raw, index) => {
    const name = normaliseColumn(raw.replace(/^\uFEFF/, ""));
    if (isSecretColumn(name)) {
      problem(
        head.line,
        "secret-column",
        `column "${raw}" may hold a password, hash or secret: ignored, never read`,
        "warning",
      );
    } else if (name !== "" && columns.includes(name)) {
      problem(head.line, "duplicate-id", `column "${raw}" repeats an earlier column: ignored`, "warning");
    } else if (name !== "") {
      columns.push(name);
      kept.push([index, name]);
    }
  });
  const rows: CsvRow[] = [];
  for (let r = recordAt(lines, head.end); r !== null; ) {
    let values: string[] | null = null;
    if (r.unclosed)
      problem(r.line, "unparsed-line", "row skipped: a quote opened on this line is never closed");
    else {
      try {
        values = fields(r.text);
      } catch (err) {
        // csv-parse counts lines within the record; its message up to the colon names the fault.
        problem(r.line, "unparsed-line", `row skipped: ${(err as Error).message.split(":")[0]}`);
        // A stray quote can swallow the lines after it: read them again on their own.
        if (r.end > r.line) {
          r = recordAt(lines, r.line);
          continue;
        }
      }
    }
    if (values && values.length !== header.length)
      problem(
        r.line,
        "unparsed-line",
        `row skipped: ${values.length} fields where the header has ${header.length}`,
      );
    else if (values) {
      const cells: Record<string, string> = {};
      for (const [index, name] of kept) cells[name] = values[index]!.trim();
      rows.push({ line: r.line, cells });
    }
    r = recordAt(lines, r.end);
  }
  return { columns, headerLine: head.line, rows };
}

/** Reads and parses a CSV file; an unreadable file is one located error, and the result is null. */
export function readCsvFile(absolute: string, file: string, problems: InputProblem[]): CsvTable | null {
  let text: string;
  try {
    text = readText(absolute).text;
  } catch (err) {
    problems.push(
      problemAt(file, WHOLE_FILE, readFailureCode(err), `cannot be read: ${(err as Error).message}`),
    );
    return null;
  }
  return readCsvTable(text, file, problems);
}
