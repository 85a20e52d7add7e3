import assert from "node:assert/strict";
import { test } from "node:test";
import type { InputProblem } from "../model/problem.js";
import { readCsvTable } from "./csv-table.js";

const where = (p: InputProblem) => `${p.file}:${p.line} ${p.severity} ${p.code}`;

test("the #TYPE line of Export-Csv is skipped and line numbers stay true", () => {
  const problems: InputProblem[] = [];
  const text =
    '#TYPE Microsoft.PowerShell.Commands.LocalUser\r\n"Name","Enabled"\r\n"Administrator","False"\r\n"j.meyer","True"\r\n';
  const t = readCsvTable(text, "users.csv", problems)!;
  assert.equal(t.headerLine, 2);
  assert.deepEqual(t.columns, ["name", "enabled"]);
  assert.deepEqual(
    t.rows.map((r) => [r.line, r.cells.name]),
    [
      [3, "Administrator"],
      [4, "j.meyer"],
    ],
  );
  assert.deepEqual(problems, []);
});

test("secret columns are dropped by the parser: their values never reach a row", () => {
  const problems: InputProblem[] = [];
  const text =
    "user,NTHash,Password,unicodePwd,passwordLastSet\nbob,8846f7eaee8fb117ad06bdd830b7586c,Sommer2026,x,2026-01-01\n";
  const t = readCsvTable(text, "accounts.csv", problems)!;
  assert.deepEqual(t.columns, ["user", "passwordlastset"]);
  assert.deepEqual(t.rows[0]!.cells, { user: "bob", passwordlastset: "2026-01-01" });
  assert.ok(!JSON.stringify(t).includes("8846f7ea") && !JSON.stringify(t).includes("Sommer2026"));
  assert.deepEqual(
    problems.map((p) => `${where(p)} ${p.message.split(" may hold")[0]}`),
    [
      'accounts.csv:1 warning secret-column column "NTHash"',
      'accounts.csv:1 warning secret-column column "Password"',
      'accounts.csv:1 warning secret-column column "unicodePwd"',
    ],
  );
});

test("a row with a broken quote or the wrong number of fields is reported with its line; the others are kept", () => {
  const problems: InputProblem[] = [];
  const text =
    'system,user\nplc-1,admin\nplc-1,"bro"ken\nplc-1\n"plc-3,never closed\nplc-2,maint\nplc-4,"two\nlines"\n';
  const t = readCsvTable(text, "list.csv", problems)!;
  assert.deepEqual(
    t.rows.map((r) => `${r.line}:${r.cells.user}`),
    ["2:admin", "6:maint", "7:two\nlines"],
  );
  assert.deepEqual(problems.map(where), [
    "list.csv:3 error unparsed-line",
    "list.csv:4 error unparsed-line",
    "list.csv:5 error unparsed-line",
  ]);
});

test("an empty file is reported, not thrown", () => {
  const problems: InputProblem[] = [];
  assert.equal(readCsvTable("\r\n\r\n", "empty.csv", problems), null);
  assert.deepEqual(problems.map(where), ["empty.csv:0 error missing-column"]);
});

test("a quote left open at the end of the file costs its own line only", () => {
  const problems: InputProblem[] = [];
  const t = readCsvTable('user,enabled\nbob,yes\n"eve,yes\n', "tail.csv", problems)!;
  assert.deepEqual(
    t.rows.map((r) => r.cells.user),
    ["bob"],
  );
  assert.deepEqual(problems.map(where), ["tail.csv:3 error unparsed-line"]);
});
