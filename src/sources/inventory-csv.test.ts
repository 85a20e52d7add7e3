import assert from "node:assert/strict";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "node:test";
import { readInventoryCsv } from "./inventory-csv.js";

function csv(text: string): string {
  const path = join(mkdtempSync(join(tmpdir(), "otaudit-csv-")), "inventory.csv");
  writeFileSync(path, text);
  return path;
}

test("an asset register: required columns in any order and case, extra columns kept, quoted fields", () => {
  const path = csv(
    "\ufeffIP,Name,Vendor,Product,Model,Firmware,Zone\n" +
      '192.168.30.11,Intake PLC,Siemens,SIMATIC S7-1200,"CPU 1214C DC/DC/DC",V4.2.1,control\n' +
      "192.168.30.12,Filter PLC,Schneider Electric,Modicon M340,BMX P34 2020,,control\n",
  );
  const { rows, problems } = readInventoryCsv(path, "inventory.csv");
  assert.deepEqual(problems, []);
  assert.deepEqual(
    rows.map((r) => [r.id, r.name, r.model, r.firmware, r.extra, r.evidence.line]),
    [
      [
        "intake-plc",
        "Intake PLC",
        "CPU 1214C DC/DC/DC",
        "V4.2.1",
        { ip: "192.168.30.11", zone: "control" },
        2,
      ],
      ["filter-plc", "Filter PLC", "BMX P34 2020", null, { ip: "192.168.30.12", zone: "control" }, 3],
    ],
  );
});

test("a header without the identity columns is one error and no rows", () => {
  const { rows, problems } = readInventoryCsv(csv("name,vendor,product\nA,B,C\n"), "inv.csv");
  assert.deepEqual(rows, []);
  assert.equal(problems.length, 1);
  assert.equal(problems[0]!.code, "missing-column");
  assert.match(problems[0]!.message, /model, firmware/);
});

test("bad rows are reported with their line and skipped; repeated names get distinct ids", () => {
  const { rows, problems } = readInventoryCsv(
    csv(
      "name,vendor,product,model,firmware\n" +
        "PLC,Siemens,S7-1200,,V4.2.1\n" +
        "too,few,fields\n" +
        ",Siemens,S7-1500,,\n" +
        "PLC,Siemens,S7-1200,,V4.4.0\n" +
        // An open quote runs to the end of the file, as CSV says: the row and nothing after it is read.
        'broken,"Siemens,S7-1500,,\n',
    ),
    "inv.csv",
  );
  assert.deepEqual(
    rows.map((r) => r.id),
    ["plc", "plc-2"],
  );
  assert.deepEqual(
    problems.map((p) => [p.line, p.code]),
    [
      [3, "unparsed-line"],
      [4, "schema"],
      [6, "unparsed-line"],
    ],
  );
});
