import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
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
