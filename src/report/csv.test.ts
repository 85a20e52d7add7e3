/**
 * Formula injection: the CSVs of a real run carry a DHCP vendor class from the wire (`=cmd|' /C calc'!A0`) and
 * our own risk reasons (`+3 untrusted-traffic: ...`). Opened in a spreadsheet, no cell may become a formula,
 * and the numbers must stay numbers. LibreOffice opens them here as a person's spreadsheet would, with formula
 * evaluation on (Excel's behaviour).
 */
import assert from "node:assert/strict";
import { execFileSync, spawnSync } from "node:child_process";
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, test } from "node:test";
import { parse } from "csv-parse/sync";
import ExcelJS from "exceljs";
import { assess } from "../app/assess.js";
import { writeOutputs } from "../app/outputs.js";
import { ethernet, ipv4, pcapFile, udp } from "../capture/testing.js";
import type { Assessment } from "../model/assessment.js";
import { dhcpMessage, REQUEST } from "../synth/protocols/dhcp.js";

const PAYLOAD = "=cmd|' /C calc'!A0";
const CLIENT = "192.168.20.77";
const hasSoffice = spawnSync("sh", ["-c", "command -v soffice"]).status === 0;

let root: string;
let out: string;
let a: Assessment;

/** A DHCP renewal whose vendor class (option 60) is a spreadsheet formula. */
function injectionCapture(): Uint8Array {
  const message = dhcpMessage({
    type: REQUEST,
    xid: 0x5eed,
    mac: Uint8Array.of(0x02, 0, 0, 0, 0x20, 0x77),
    clientIp: (192 << 24) | (168 << 16) | (20 << 8) | 77,
    vendorClass: PAYLOAD,
  });
  const frame = ethernet(
    "02:00:00:00:20:01",
    "02:00:00:00:20:77",
    0x0800,
    ipv4(CLIENT, "192.168.20.1", 17, udp(68, 67, message)),
  );
  return pcapFile([{ ms: Date.parse("2026-11-20T08:00:00Z"), data: frame }]);
}

const SPARE = "-- spare HMI, filter gallery --";

before(async () => {
  root = mkdtempSync(join(tmpdir(), "otaudit-csv-"));
  const plant = join(root, "plant");
  cpSync("examples/water-treatment", plant, {
    recursive: true,
    filter: (src) => !src.endsWith("/out") && !src.includes(".otaudit"),
  });
  writeFileSync(join(plant, "captures", "dhcp-renewal.pcap"), injectionCapture());
  // A name of the plant's own that a spreadsheet would read as a formula.
  const plantYaml = join(plant, "plant.yaml");
  writeFileSync(
    plantYaml,
    readFileSync(plantYaml, "utf8").replace("name: Operator HMI 2 (filter gallery)", `name: "${SPARE}"`),
  );
  a = await assess(plant, { now: new Date("2026-12-01T00:00:00Z") });
  out = join(root, "out");
  await writeOutputs(a, out);
});
after(() => rmSync(root, { recursive: true, force: true }));

const rows = (name: string) =>
  parse(readFileSync(join(out, name), "utf8"), { columns: true }) as Record<string, string>[];

test("the written CSVs start no cell with a formula character; the wire's formula is quoted as text", () => {
  const client = a.assets.find((x) => x.ips.includes(CLIENT));
  assert.equal(client?.product?.value, PAYLOAD, "the vendor class reaches the inventory as the product");
  assert.equal(rows("assets.csv").find((r) => r.ips === CLIENT)?.product, `'${PAYLOAD}`);
  assert.equal(rows("assets.csv").find((r) => r.id === "hmi-02")?.name, `'${SPARE}`);
  for (const name of ["assets.csv", "findings.csv", "gaps.csv", "risks.csv"]) {
    for (const row of rows(name))
      for (const [column, cell] of Object.entries(row))
        assert.doesNotMatch(cell, /^[=+\-@\t\r]/, `${name} ${column}: ${cell}`);
  }
  // Scores are written as numbers, which the escaping leaves alone.
  for (const r of rows("risks.csv"))
    for (const c of ["likelihood", "impact", "unmitigated", "residual"]) assert.match(r[c]!, /^\d+$/);
});

test("LibreOffice opens the CSVs with every cell as text or a number, never a formula", {
  skip:
    !hasSoffice && !process.env.CI && "LibreOffice is not installed (apt-get install libreoffice-calc-nogui)",
  timeout: 180_000,
}, async () => {
  const converted = join(root, "converted");
  mkdirSync(converted);
  // Comma, double quote, UTF-8, from line 1, ..., token 13: evaluate formulas, as a spreadsheet does by default.
  execFileSync(
    "soffice",
    [
      "--headless",
      "--infilter=CSV:44,34,76,1,,0,false,true,false,false,false,-1,true",
      "--convert-to",
      "xlsx",
      "--outdir",
      converted,
      join(out, "assets.csv"),
      join(out, "risks.csv"),
    ],
    { env: { ...process.env, HOME: converted }, stdio: "ignore", timeout: 170_000 },
  );
  const sheet = async (name: string) => {
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(join(converted, name));
    const ws = book.worksheets[0]!;
    const head = (ws.getRow(1).values as unknown[]).map(String);
    const cells: { column: string; row: number; cell: ExcelJS.Cell }[] = [];
    ws.eachRow((row, r) => {
      row.eachCell((cell, c) => {
        cells.push({ column: head[c]!, row: r, cell });
      });
    });
    return cells;
  };

  const assets = await sheet("assets.xlsx");
  for (const { column, row, cell } of assets)
    assert.notEqual(
      cell.type,
      ExcelJS.ValueType.Formula,
      `assets ${column} row ${row}: ${JSON.stringify(cell.value)}`,
    );
  const ipsRow = assets.find((x) => x.column === "ips" && x.cell.value === CLIENT)?.row;
  const product = assets.find((x) => x.column === "product" && x.row === ipsRow)?.cell;
  assert.equal(product?.type, ExcelJS.ValueType.String);
  assert.equal(product?.value, `'${PAYLOAD}`);

  const risks = await sheet("risks.xlsx");
  for (const { column, row, cell } of risks)
    assert.notEqual(
      cell.type,
      ExcelJS.ValueType.Formula,
      `risks ${column} row ${row}: ${JSON.stringify(cell.value)}`,
    );
  const reasons = risks.filter((x) => x.column === "reasons" && x.row > 1);
  assert.ok(reasons.length > 0 && reasons.every((x) => x.cell.type === ExcelJS.ValueType.String));
  const scores = risks.filter((x) => x.column === "residual" && x.row > 1);
  assert.equal(scores.length, a.risks?.length);
  assert.ok(
    scores.every((x) => x.cell.type === ExcelJS.ValueType.Number),
    "scores open as numbers",
  );
});
