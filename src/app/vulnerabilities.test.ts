import assert from "node:assert/strict";
import { test } from "node:test";
import { reportHtml } from "../report/html.js";
import { assess } from "./assess.js";

test("the assessment of the example plant carries its vulnerabilities, findings and report section", async () => {
  const a = await assess("examples/water-treatment", { now: new Date("2026-11-25T12:00:00Z") });
  const v = a.vulnerabilities!;
  assert.equal(v.sources.advisories, 6);
  assert.equal(v.sources.kev?.entries, 12);
  assert.deepEqual(
    v.sources.scans.map((s) => [s.file, s.scanner, s.hosts]),
    [
      ["scans/control-nmap.xml", "nmap", 9],
      ["scans/supervisory.nessus", "nessus", 5],
    ],
  );
  const affectedPlcs = new Set(
    v.matches.filter((m) => m.confidence === "affected" && m.asset.startsWith("plc-")).map((m) => m.asset),
  );
  assert.deepEqual([...affectedPlcs].sort(), ["plc-filter", "plc-intake"]);
  // The capture shows office-pc-07 writing to the filter PLC: its 7.5-8.1 CVSS flaws are exposed.
  assert.ok(a.findings.some((f) => f.id === "VULN-002:plc-filter"));
  assert.ok(a.findings.some((f) => f.id === "VULN-001:hmi-02"));
  // plc-dosing's firmware, missing in plant.yaml, is known from the capture (CIP identity) and the scan.
  const dosing = a.assets.find((x) => x.id === "plc-dosing")!;
  assert.equal(dosing.firmware?.value, "33.11");
  const sources = dosing.firmware?.sources ?? [];
  assert.ok(sources.some((s) => s.kind === "frame"));
  assert.deepEqual(
    sources.flatMap((s) => (s.kind === "line" ? [`${s.file}:${s.line}`] : [])),
    ["scans/control-nmap.xml:89"],
  );
  // Advisory and scan problems would be listed with the assessment's input problems; these files have none.
  assert.deepEqual(
    a.problems.filter((p) => p.file.startsWith("advisories") || p.file.startsWith("scans")),
    [],
  );
  const html = await reportHtml(a);
  assert.match(html, /id="vulnerabilities"/);
  assert.match(html, /ICSA-19-344-06/);
});
