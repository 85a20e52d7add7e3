/**
 * An asset register as CSV: a header row with at least name, vendor, product, model and firmware (any case,
 * any order); other columns (ip, zone, role, serial, ...) are kept as written. A row that cannot be read is
 * reported with its line and skipped.
 */
import { parse } from "csv-parse/sync";
import { type InputProblem, lineProblems } from "../model/problem.js";
import type { RegisterRow } from "../model/vulnerability.js";
import { readFailureCode } from "./bounded-read.js";
import { readText } from "./text-decode.js";

export const REQUIRED_COLUMNS = ["name", "vendor", "product", "model", "firmware"] as const;

export function readInventoryCsv(
  path: string,
  file: string,
): { rows: RegisterRow[]; problems: InputProblem[] } {
  const problems: InputProblem[] = [];
  const problem = lineProblems(file, problems);
  let text: string;
  try {
    text = readText(path).text;
  } catch (err) {
    problem(0, readFailureCode(err), `cannot be read: ${(err as Error).message}`);
    return { rows: [], problems };
  }
  let records: { record: string[]; info: { lines: number } }[];
  try {
    records = parse(text, {
      bom: true,
      info: true,
      skip_empty_lines: true,
      relax_column_count: true,
      skip_records_with_error: true,
      on_skip: (err) => {
        if (err)
          problem(
            typeof err.lines === "number" ? err.lines : 0,
            "unparsed-line",
            `row skipped: ${err.message}`,
          );
        return undefined;
      },
    }) as unknown as { record: string[]; info: { lines: number } }[];
  } catch (err) {
    problem(0, "unparsed-line", `not readable as CSV: ${(err as Error).message}`);
    return { rows: [], problems };
  }
  const [header, ...body] = records;
  if (!header) {
    problem(0, "missing-column", "empty file: expected a header row with name,vendor,product,model,firmware");
    return { rows: [], problems };
  }
  const columns = header.record.map((c) => c.trim().toLowerCase());
  const missing = REQUIRED_COLUMNS.filter((c) => !columns.includes(c));
  if (missing.length > 0) {
    problem(
      header.info.lines,
      "missing-column",
      `the header lacks the column${missing.length > 1 ? "s" : ""} ${missing.join(", ")}`,
    );
    return { rows: [], problems };
  }
  const rows: RegisterRow[] = [];
  const ids = new Set<string>();
  for (const { record, info } of body) {
    if (record.length !== columns.length) {
      problem(
        info.lines,
        "unparsed-line",
        `row skipped: ${record.length} fields where the header has ${columns.length}`,
      );
      continue;
    }
    const cell = (name: string) => {
      const v = record[columns.indexOf(name)]?.trim();
      return v ? v : null;
    };
    const name = cell("name");
    if (!name) {
      problem(info.lines, "schema", "row skipped: no name");
      continue;
    }
    const id = uniqueId(cell("id") ?? name, ids);
    const extra: Record<string, string> = {};
    columns.forEach((c, i) => {
      if (!(REQUIRED_COLUMNS as readonly string[]).includes(c) && c !== "id" && record[i]?.trim())
        extra[c] = record[i]!.trim();
    });
    rows.push({
      id,
      name,
      vendor: cell("vendor"),
      product: cell("product"),
      model: cell("model"),
      firmware: cell("firmware"),
      extra,
      evidence: { kind: "line", file, line: info.lines },
    });
  }
  return { rows, problems: problems.sort((a, b) => a.line - b.line) };
}

/** A register names assets in prose; ids must be unique and stable, so a repeated name gets a suffix. */
function uniqueId(raw: string, taken: Set<string>): string {
  const base =
    raw
      .toLowerCase()
      .replace(/[^a-z0-9._-]+/g, "-")
      .replace(/^-+|-+$/g, "") || "asset";
  let id = base;
  for (let n = 2; taken.has(id); n++) id = `${base}-${n}`;
  taken.add(id);
  return id;
}
