import assert from "node:assert/strict";
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "node:test";
import { readNessus } from "./nessus.js";
import { readScanFile } from "./scan-files.js";

const NESSUS = "test/corpus/scans/nessus";

/** Per Nessus file the manifest gives ReportHosts, the number of <cve> references and the host OS. */
function manifestFacts(): Map<string, { hosts: number; cves: number }> {
  const out = new Map<string, { hosts: number; cves: number }>();
  for (const r of readFileSync("test/corpus/advisories/MANIFEST-advisories-and-scans.tsv", "utf8")
    .split("\n")
    .map((l) => l.split("\t"))) {
    const m = /ReportHosts=(\d+);.*cve_refs=(\d+)/.exec(r[6] ?? "");
    if (r[1] === "scan-nessus" && m)
      out.set(r[0]!.replace("scans/nessus/", ""), { hosts: +m[1]!, cves: +m[2]! });
  }
  return out;
}

test("every Nessus report of the corpus loads, with the manifest's hosts and CVE references", async () => {
  const facts = manifestFacts();
  const files = readdirSync(NESSUS);
  assert.equal(facts.size, files.length);
  for (const f of files) {
    const { report, problems } = await readScanFile(join(NESSUS, f), f);
    assert.equal(report?.scanner, "nessus", f);
    assert.deepEqual(problems, [], f);
    const cves = report!.hosts.reduce((n, h) => n + h.findings.reduce((k, x) => k + x.cves.length, 0), 0);
    assert.deepEqual({ hosts: report!.hosts.length, cves }, facts.get(f), f);
  }
});

test("host properties and findings (defectdojo nessus_v_unknown.xml)", async () => {
  const { report } = await readNessus(join(NESSUS, "defectdojo__nessus_v_unknown.xml"), "v.xml");
  const h = report!.hosts.find((x) => x.hostnames.includes("qa3app09"))!;
  assert.deepEqual(h.ips, ["10.31.112.29"]);
  assert.deepEqual(h.macs, ["00:50:56:81:01:e3"]);
  assert.equal(h.os?.name, "Microsoft Windows Server 2008 R2 Standard Service Pack 1");
  assert.ok(h.services.some((s) => s.port === 3389 && s.name === "msrdp"));
  const mitm = h.findings.find((f) => f.id === "18405")!;
  assert.deepEqual(mitm.cves, ["CVE-2005-1794"]);
  // The v2 vector AV:N/AC:H/Au:N/C:P/I:P/A:P scores 5.1, as the report states.
  assert.deepEqual([mitm.cvss?.version, mitm.cvss?.score], ["2.0", 5.1]);
  assert.equal(mitm.port, 3389);
});

test("a CVSS v3 score is preferred to the v2 one (defectdojo issue_6992.nessus)", async () => {
  const { report } = await readNessus(join(NESSUS, "defectdojo__issue_6992.nessus"), "x");
  const f = report!.hosts[0]!.findings[0]!;
  assert.match(f.cvss?.version ?? "", /^3\./);
});

test("the example plant's Nessus report: MS17-010 on hmi-02 with its six CVEs", async () => {
  const { report, problems } = await readNessus(
    "examples/water-treatment/scans/supervisory.nessus",
    "s.nessus",
  );
  assert.deepEqual(problems, []);
  const hmi02 = report!.hosts.find((h) => h.ips.includes("192.168.20.22"))!;
  const ms17 = hmi02.findings.find((f) => f.id === "97833")!;
  assert.equal(ms17.cves.length, 6);
  assert.deepEqual([ms17.cvss?.version, ms17.cvss?.score], ["3.0", 8.1]);
});

test("a ReportItem port that is no port number is reported on its line; the item's finding is kept without a port", async () => {
  // fuzz/regressions/nessus/crash-e9effde8c1ace51c and crash-e92bfbb9da5d5514: ports of 99999 and 1e309 went
  // into the model as services.
  const path = join(mkdtempSync(join(tmpdir(), "otaudit-nessus-")), "ports.nessus");
  writeFileSync(
    path,
    [
      '<?xml version="1.0" ?>',
      "<NessusClientData_v2>",
      '<Report name="r">',
      '<ReportHost name="10.0.0.1"><HostProperties><tag name="host-ip">10.0.0.1</tag></HostProperties>',
      '<ReportItem port="502" svc_name="modbus" protocol="tcp" severity="0" pluginID="1" pluginName="scan"></ReportItem>',
      '<ReportItem port="99999" svc_name="www" protocol="tcp" severity="2" pluginID="2" pluginName="web">',
      "<cve>CVE-2020-0001</cve>",
      "</ReportItem>",
      '<ReportItem port="1.5" svc_name="x" protocol="udp" severity="0" pluginID="3" pluginName="x"></ReportItem>',
      '<ReportItem port="1e309" svc_name="x" protocol="tcp" severity="0" pluginID="5" pluginName="x"></ReportItem>',
      '<ReportItem port="0" protocol="tcp" severity="1" pluginID="4" pluginName="host"></ReportItem>',
      "</ReportHost>",
      "</Report>",
      "</NessusClientData_v2>",
      "",
    ].join("\n"),
  );
  const { report, problems } = await readNessus(path, "ports.nessus");
  assert.deepEqual(
    problems.map((p) => [p.line, p.code, p.message]),
    [
      [
        6,
        "invalid-value",
        'ReportItem port "99999" is no port number (0-65535); the item is read without a port',
      ],
      [
        9,
        "invalid-value",
        'ReportItem port "1.5" is no port number (0-65535); the item is read without a port',
      ],
      [
        10,
        "invalid-value",
        'ReportItem port "1e309" is no port number (0-65535); the item is read without a port',
      ],
    ],
  );
  const host = report!.hosts[0]!;
  assert.deepEqual(
    host.services.map((s) => s.port),
    [502],
  );
  assert.deepEqual(
    host.findings.map((f) => [f.id, f.port, f.cves]),
    [
      ["2", null, ["CVE-2020-0001"]],
      ["4", null, []],
    ],
  );
});
