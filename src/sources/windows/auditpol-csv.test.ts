import assert from "node:assert/strict";
import { test } from "node:test";
import type { InputProblem } from "../../model/problem.js";
import { readCsvTable } from "../csv-table.js";
import { readText } from "../text-decode.js";
import { isAuditpolExport, readAuditpol } from "./auditpol-csv.js";

test("auditpol /r output: the blank first line, GUIDs upper-cased, settings normalised, foreign words reported", () => {
  const problems: InputProblem[] = [];
  const file = "hardening/hmi-08.auditpol.csv";
  const table = readCsvTable(
    readText("test/fixtures/controls-plant/hardening/hmi-08.auditpol.csv").text,
    file,
    problems,
  )!;
  assert.equal(table.headerLine, 2);
  assert.ok(isAuditpolExport(table.columns));
  const policy = readAuditpol(table, "hmi-08", file, problems);
  assert.equal(policy.settings.length, 26);
  assert.deepEqual(policy.settings[0], {
    subcategory: "Security State Change",
    guid: "{0CCE9210-69AE-11D9-BED3-505054503030}",
    setting: "success",
    line: 3,
  });
  assert.equal(
    policy.settings.find((s) => s.subcategory === "Credential Validation")?.setting,
    "success-and-failure",
  );
  assert.equal(policy.settings.find((s) => s.subcategory === "File System")?.setting, "none");
  assert.deepEqual(
    problems.map((p) => `${p.file}:${p.line} ${p.code} ${p.message.split(":")[0]}`),
    [`${file}:29 invalid-value Detailed Tracking Extra`],
  );
});
