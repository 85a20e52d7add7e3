import assert from "node:assert/strict";
import { test } from "node:test";
import type { InputProblem } from "../../model/problem.js";
import { readCsvTable } from "../csv-table.js";
import { readText } from "../text-decode.js";
import { isHotfixExport, readHotfixes } from "./hotfix-csv.js";

function read(path: string, file: string) {
  const problems: InputProblem[] = [];
  const table = readCsvTable(readText(path).text, file, problems)!;
  assert.ok(isHotfixExport(table.columns));
  const list = readHotfixes(table, "x", file, problems);
  return { list, problems: problems.map((p) => `${p.file}:${p.line} ${p.severity} ${p.message}`) };
}

test("Windows PowerShell's WMI export (#TYPE line, __ columns, German dates)", () => {
  const { list, problems } = read("test/fixtures/controls-plant/hardening/hmi-07.hotfixes.csv", "h7.csv");
  assert.deepEqual(
    list.updates.map((u) => [u.id, u.installedOn, u.line]),
    [
      ["KB4589208", "2022-02-11T00:00:00.000Z", 3],
      ["KB5012170", "2022-08-10T00:00:00.000Z", 4],
      ["KB5017308", "2022-09-14T00:00:00.000Z", 5],
    ],
  );
  assert.deepEqual(problems, ["h7.csv:6 error row skipped: no HotFixID"]);
});

test("PowerShell 7's CIM export without a type line; an update without InstalledOn is kept and reported", () => {
  const { list } = read("test/fixtures/controls-plant/hardening/hmi-08.hotfixes.csv", "h8.csv");
  assert.deepEqual(
    list.updates.map((u) => [u.id, u.description, u.installedOn]),
    [
      ["KB5046617", "Security Update", "2026-11-12T00:00:00.000Z"],
      ["KB5044091", "Update", "2026-10-08T00:00:00.000Z"],
    ],
  );
  const { list: ews, problems } = read("examples/water-treatment/hardening/ews-01.hotfixes.csv", "ews.csv");
  assert.deepEqual(
    ews.updates.filter((u) => u.installedOn === null).map((u) => u.id),
    ["KB5011048"],
  );
  assert.deepEqual(problems, ["ews.csv:4 warning KB5011048: no InstalledOn date"]);
});
