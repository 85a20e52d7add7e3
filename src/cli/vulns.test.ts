import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "node:test";
import { fileURLToPath } from "node:url";
import type { VulnerabilityReport } from "../model/vulnerability.js";

const MAIN = fileURLToPath(new URL("./main.js", import.meta.url));
const CSAF = "test/corpus/advisories/csaf";
const KEV = "test/corpus/advisories/kev/known_exploited_vulnerabilities_2025-02-24.json";

function otaudit(args: string[]) {
  const r = spawnSync(process.execPath, [...process.execArgv, MAIN, ...args], {
    encoding: "utf8",
    env: { ...process.env, NO_COLOR: "1" },
    timeout: 120_000,
  });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

const tmp = () => mkdtempSync(join(tmpdir(), "otaudit-vulns-"));

test("vulns <plant-dir> --json -: the example plant's vulnerable PLCs and KEV-listed HMIs, in priority order", () => {
  const r = otaudit(["vulns", "examples/water-treatment", "--json", "-"]);
  assert.equal(r.code, 0, r.err);
  const report = JSON.parse(r.out) as VulnerabilityReport & { problems: unknown[] };
  const m = (asset: string, advisory: string) =>
    report.matches.find((x) => x.asset === asset && x.advisory === advisory);
  const intake = m("plc-intake", "ICSA-19-344-06")!;
  assert.deepEqual(
    [intake.confidence, intake.cves, intake.kev, intake.remediations[0]?.fixedVersion],
    ["affected", ["CVE-2019-10929", "CVE-2019-10943"], false, "v4.4.0"],
  );
  assert.equal(m("plc-filter", "ICSA-20-016-01")?.confidence, "affected");
  assert.equal(m("sis-01", "ICSA-19-344-06")?.confidence, "possibly-affected");
  // KEV first; among KEV, the HMI an enterprise PC reaches over RDP (seen in the capture) before the other.
  assert.deepEqual(
    report.matches.slice(0, 2).map((x) => [x.asset, x.kev, x.exposure.level]),
    [
      ["hmi-01", true, "enterprise"],
      ["hmi-02", true, "indirect"],
    ],
  );
  assert.deepEqual(
    report.matches.map((x) => x.priority),
    report.matches.map((_, i) => i + 1),
  );
  assert.ok(report.notAffected.some((n) => n.asset === "ews-01" && n.kind === "version-outside-range"));
});

test("vulns --inventory --advisories --kev --json <file>: an asset register without a plant model", () => {
  const dir = tmp();
  const csv = join(dir, "inventory.csv");
  writeFileSync(
    csv,
    "name,vendor,product,model,firmware,ip\n" +
      "Press line switch,Rockwell Automation,Stratix 5800,1783-MMS10B,17.9.4,10.1.1.2\n" +
      "Mixer PLC,Allen-Bradley,MicroLogix 1400,1766-L32BXB,21.7,10.1.1.10\n" +
      "Boiler PLC,Siemens,SIMATIC S7-1200,CPU 1215C,,10.1.1.11\n",
  );
  const out = join(dir, "vulns.json");
  const r = otaudit(["vulns", "--inventory", csv, "--advisories", CSAF, "--kev", KEV, "--json", out]);
  assert.equal(r.code, 0, r.err);
  const report = JSON.parse(readFileSync(out, "utf8")) as VulnerabilityReport;
  assert.deepEqual(
    report.matches.map((x) => [x.asset, x.advisory, x.confidence, x.kev]),
    [
      ["press-line-switch", "ICSA-23-297-01", "affected", true],
      ["boiler-plc", "ICSA-19-344-06", "possibly-affected", false],
    ],
  );
  assert.equal(report.matches[0]!.exposure.level, "unknown");
  assert.deepEqual(
    report.notAffected.filter((n) => n.asset === "mixer-plc").map((n) => [n.advisory, n.kind]),
    [["ICSA-21-033-01", "version-outside-range"]],
  );
});

test("vulns without --json prints the prioritised list", () => {
  const dir = tmp();
  const csv = join(dir, "inventory.csv");
  writeFileSync(csv, "name,vendor,product,model,firmware\nIntake PLC,Siemens,S7-1200,CPU 1214C,V4.2.1\n");
  const r = otaudit(["vulns", "--inventory", csv, "--advisories", CSAF]);
  assert.equal(r.code, 0, r.err);
  assert.match(r.out, /^1 of 1 assets affected or possibly affected; 1 matches from 90 advisories/);
  assert.match(
    r.out,
    /1\. intake-plc ICSA-19-344-06 affected CVSS 5\.3 exposure unknown: CVE-2019-10929, CVE-2019-10943; fix: v4\.4\.0/,
  );
});

test("usage mistakes and an unreadable register exit 2 with the reason", () => {
  const dir = tmp();
  const csv = join(dir, "inventory.csv");
  writeFileSync(csv, "name,vendor,product\nA,B,C\n");
  const noColumns = otaudit(["vulns", "--inventory", csv, "--advisories", CSAF, "--json", "-"]);
  assert.equal(noColumns.code, 2);
  assert.match(noColumns.err, /inventory\.csv:1:0 the header lacks the columns model, firmware/);
  const both = otaudit(["vulns", "examples/water-treatment", "--inventory", csv, "--advisories", CSAF]);
  assert.equal(both.code, 2);
  assert.match(both.err, /either a plant folder or --inventory/);
  assert.equal(otaudit(["vulns", "--inventory", csv]).code, 2);
  assert.equal(otaudit(["vulns", "--inventory", join(dir, "nope.csv"), "--advisories", CSAF]).code, 2);
  assert.equal(otaudit(["vulns", dir]).code, 2);
});
