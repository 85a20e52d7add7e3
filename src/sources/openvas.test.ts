import assert from "node:assert/strict";
import { test } from "node:test";
import { readOpenvas } from "./openvas.js";

test("OpenVAS: results, CVE references, solution type and host details (defectdojo one_vuln.xml)", async () => {
  const { report, problems } = await readOpenvas(
    "test/corpus/scans/openvas/defectdojo__one_vuln.xml",
    "o.xml",
  );
  assert.deepEqual(problems, []);
  assert.equal(report?.hosts.length, 1);
  const f = report!.hosts[0]!.findings[0]!;
  assert.equal(f.id, "1.3.6.1.4.1.25623.1.0.832260");
  assert.equal(f.cves.length, 12);
  assert.equal(f.severity, "High");
  assert.equal(f.solutionCategory, "vendor_fix");
  // GMP 9 gives the base score without its vector: the score is kept, version and vector unknown.
  assert.deepEqual(f.cvss, { version: null, score: 10, vector: null, severity: "critical" });
  const empty = await readOpenvas("test/corpus/scans/openvas/defectdojo__no_vuln.xml", "n.xml");
  assert.equal(empty.report?.hosts.length, 0);
});

test("a file that is not a GVM report is one clear error", async () => {
  const { report, problems } = await readOpenvas("test/corpus/scans/nmap/libnmap__1_hosts.xml", "x.xml");
  assert.equal(report, null);
  assert.equal(problems[0]!.code, "unsupported-format");
  assert.match(problems[0]!.message, /<nmaprun>/);
});
