import assert from "node:assert/strict";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
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

test("a result port past 65535 is reported on its line; a solution type named constructor is no category", async () => {
  const path = join(mkdtempSync(join(tmpdir(), "otaudit-openvas-")), "ports.xml");
  const result = (id: string, port: string, solution: string) =>
    `<result id="${id}"><host>10.0.0.1</host><port>${port}</port><threat>High</threat><nvt oid="1.2.${id}"><name>n${id}</name><solution type="${solution}">fix</solution><refs><ref type="cve" id="CVE-2020-000${id}"/></refs></nvt></result>`;
  writeFileSync(
    path,
    [
      '<?xml version="1.0"?>',
      '<report id="x">',
      "<results>",
      result("1", "502/tcp", "VendorFix"),
      result("2", "99999/tcp", "VendorFix"),
      result("3", "general/tcp", "constructor"),
      "</results>",
      "</report>",
      "",
    ].join("\n"),
  );
  const { report, problems } = await readOpenvas(path, "ports.xml");
  assert.deepEqual(
    problems.map((p) => [p.line, p.code, p.message]),
    [[5, "invalid-value", 'port "99999/tcp" is no port number (0-65535); the result is read without a port']],
  );
  const host = report!.hosts[0]!;
  assert.deepEqual(
    host.services.map((s) => s.port),
    [502],
  );
  assert.deepEqual(
    host.findings.map((f) => [f.port, f.transport, f.solutionCategory]),
    [
      [502, "tcp", "vendor_fix"],
      [null, "tcp", "vendor_fix"],
      [null, "tcp", null],
    ],
  );
});
