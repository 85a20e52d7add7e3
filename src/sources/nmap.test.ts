import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "node:test";
import v8 from "node:v8";
import { runInNewContext } from "node:vm";
import {
  MAX_SCRIPT_ELEMENTS_KEPT,
  MAX_SCRIPT_OUTPUT_KEPT,
  MAX_SCRIPT_TABLE_DEPTH,
  readNmap,
} from "./nmap.js";
import { readScanFile } from "./scan-files.js";
import { identityFromScript } from "./scan-identity.js";

const NMAP = "test/corpus/scans/nmap";
const tmp = () => mkdtempSync(join(tmpdir(), "otaudit-nmap-"));

/** The corpus manifest states, per nmap file, hosts, hosts up and open ports as counted by its authors. */
function manifestFacts(): Map<string, { hosts: number; up: number; open: number }> {
  const rows = readFileSync("test/corpus/advisories/MANIFEST-advisories-and-scans.tsv", "utf8")
    .split("\n")
    .map((l) => l.split("\t"));
  const out = new Map<string, { hosts: number; up: number; open: number }>();
  for (const r of rows) {
    const m = /hosts=(\d+) \(up=(\d+)\); open_ports=(\d+)/.exec(r[6] ?? "");
    if (r[1] === "scan-nmap" && m)
      out.set(r[0]!.replace("scans/nmap/", ""), { hosts: +m[1]!, up: +m[2]!, open: +m[3]! });
  }
  return out;
}

test("every nmap report of the corpus loads, with the manifest's host and open-port counts", async () => {
  const facts = manifestFacts();
  const files = readdirSync(NMAP).filter((f) => f.endsWith(".xml"));
  assert.equal(facts.size, files.length);
  for (const f of files) {
    const { report, problems } = await readNmap(join(NMAP, f), f);
    assert.ok(report, f);
    assert.deepEqual(
      problems.filter((p) => p.severity === "error"),
      [],
      f,
    );
    const want = facts.get(f)!;
    const open = report.hosts.reduce((n, h) => n + h.services.filter((s) => s.state === "open").length, 0);
    assert.deepEqual(
      { hosts: report.hosts.length, up: report.hosts.filter((h) => h.up).length, open },
      want,
      f,
    );
  }
});

test("host facts: addresses, MAC vendor, names, OS match, services with CPEs (ndiff complex.xml)", async () => {
  const { report } = await readNmap(join(NMAP, "nmap__ndiff_test-scans_complex.xml"), "complex.xml");
  const h = report!.hosts[0]!;
  assert.deepEqual(h.ips, ["64.13.134.52"]);
  assert.deepEqual(h.hostnames, ["scanme.nmap.org"]);
  assert.equal(h.os?.name, "Linux 2.6.9 - 2.6.24");
  const ssh = h.services.find((s) => s.port === 22)!;
  assert.equal(ssh.product, "OpenSSH");
  assert.equal(ssh.evidence.file, "complex.xml");
  assert.ok(h.services.some((s) => s.scripts.some((sc) => sc.id === "ssh-hostkey")));
});

test("a scan that ended in error is a warning, not a failure", async () => {
  const { report, problems } = await readNmap(join(NMAP, "ullaakut__scan_error_resolving_name.xml"), "x.xml");
  assert.equal(report?.hosts.length, 0);
  assert.equal(problems[0]?.severity, "warning");
  assert.equal(problems[0]?.code, "tool-reported");
  assert.match(problems[0]!.message, /Error resolving name localhost/);
});

test("a portid that is no port number is reported on its line, an OS accuracy that is no percentage left out", async () => {
  const path = join(tmp(), "ports.xml");
  writeFileSync(
    path,
    [
      '<?xml version="1.0"?>',
      '<nmaprun scanner="nmap">',
      '<host><status state="up"/><address addr="10.0.0.1" addrtype="ipv4"/><ports>',
      '<port protocol="tcp" portid="502"><state state="open"/></port>',
      '<port protocol="tcp" portid="99999"><state state="open"/></port>',
      '<port protocol="tcp" portid="x1"><state state="open"/></port>',
      '</ports><os><osmatch name="Linux 5.X" accuracy="9e9"/></os></host>',
      "</nmaprun>",
      "",
    ].join("\n"),
  );
  const { report, problems } = await readNmap(path, "ports.xml");
  assert.deepEqual(
    report?.hosts[0]?.services.map((s) => s.port),
    [502],
  );
  assert.deepEqual(
    problems.map((p) => [p.line, p.code]),
    [
      [5, "invalid-value"],
      [6, "invalid-value"],
    ],
  );
});

test("external entities are refused and never resolved", async () => {
  const dir = tmp();
  const path = join(dir, "xxe.xml");
  writeFileSync(
    path,
    `<?xml version="1.0"?>\n<!DOCTYPE nmaprun [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>\n<nmaprun scanner="nmap">\n<host><status state="up"/><address addr="10.0.0.1" addrtype="ipv4"/><hostnames><hostname name="&xxe;"/></hostnames></host>\n</nmaprun>\n`,
  );
  const { report, problems } = await readNmap(path, "xxe.xml");
  assert.equal(report?.hosts.length, 0);
  assert.equal(problems.length, 1);
  assert.equal(problems[0]!.severity, "error");
  assert.equal(problems[0]!.line, 2);
  assert.match(problems[0]!.message, /declares entities; they are refused/);
  assert.doesNotMatch(JSON.stringify(report), /root:/);
});

test("an entity expansion bomb is refused the same way", async () => {
  const dir = tmp();
  const path = join(dir, "lol.xml");
  const decls = Array.from({ length: 10 }, (_, i) => `<!ENTITY l${i + 1} "${`&l${i};`.repeat(10)}">`).join(
    "",
  );
  writeFileSync(
    path,
    `<?xml version="1.0"?><!DOCTYPE nmaprun [<!ENTITY l0 "lol">${decls}]><nmaprun>&l10;</nmaprun>`,
  );
  const { problems } = await readNmap(path, "lol.xml");
  assert.match(problems[0]!.message, /declares entities/);
});

test("a truncated report keeps the complete hosts before the break and names the line", async () => {
  // zenmap's xml_test9.xml has four hosts; cut it inside the third.
  const text = readFileSync(join(NMAP, "nmap__zenmap_test_xml_test9.xml"), "utf8");
  const third = [...text.matchAll(/<host[ >]/g)][2]!.index;
  const path = join(tmp(), "cut.xml");
  writeFileSync(path, text.slice(0, third + 200));
  const { report, problems } = await readNmap(path, "cut.xml");
  assert.equal(report?.hosts.length, 2);
  assert.equal(problems.length, 1);
  assert.equal(problems[0]!.code, "xml-syntax");
  assert.match(problems[0]!.message, /2 complete hosts before it kept/);
  assert.ok(problems[0]!.line > 1);
});

test("a file that is not nmap XML is one clear error", async () => {
  const { report, problems } = await readNmap("test/corpus/scans/nessus/defectdojo__issue_6992.nessus", "x");
  assert.equal(report, null);
  assert.equal(problems[0]!.code, "unsupported-format");
  assert.match(problems[0]!.message, /<NessusClientData_v2>/);
});

test("ICS scripts: s7-info as nmap documents its XML output", () => {
  // The @xmloutput example of nmap's scripts/s7-info.nse.
  const id = identityFromScript(
    "s7-info",
    "",
    {
      "Basic Hardware": "6ES7 315-2AG10-0AB0",
      "System Name": "SIMATIC 300(1)",
      Copyright: "Original Siemens Equipment",
      Version: "2.6.9",
      "Module Type": "CPU 315-2 DP",
      Module: "6ES7 315-2AG10-0AB0",
      "Serial Number": "S C-X4U421302009",
    },
    { kind: "line", file: "x", line: 3 },
  );
  assert.deepEqual(
    {
      vendor: id?.vendor,
      product: id?.product,
      model: id?.model,
      firmware: id?.firmware,
      serial: id?.serial,
    },
    {
      vendor: "Siemens",
      product: "SIMATIC S7-300",
      model: "CPU 315-2 DP (6ES7 315-2AG10-0AB0)",
      firmware: "V2.6.9",
      serial: "S C-X4U421302009",
    },
  );
});

test("ICS scripts: modbus-discover and enip-info text outputs as the scripts document them", () => {
  const ev = { kind: "line" as const, file: "x", line: 1 };
  // modbus-discover's documented output (scripts/modbus-discover.nse).
  const mb = identityFromScript(
    "modbus-discover",
    "\n  Positive response for sid = 0x64\n    SLAVE ID DATA: \\xFA\\xFFPM710PowerMeter\n    DEVICE IDENTIFICATION: Schneider Electric PM710 v03.110\n",
    {},
    ev,
  );
  assert.deepEqual([mb?.vendor, mb?.model, mb?.firmware], ["Schneider Electric", "PM710", "v03.110"]);
  // enip-info's documented output (scripts/enip-info.nse), read from its text lines.
  const enip = identityFromScript(
    "enip-info",
    "\n  type: Communications Adapter (12)\n  vendor: Rockwell Automation/Allen-Bradley (1)\n  productName: 1769-L32E Ethernet Port\n  serialNumber: 0x000000\n  productCode: 158\n  revision: 3.7\n",
    {},
    ev,
  );
  assert.deepEqual(
    [enip?.vendor, enip?.model, enip?.firmware],
    ["Rockwell Automation/Allen-Bradley", "1769-L32E Ethernet Port", "3.7"],
  );
});

test("the example plant's control-network scan: identities from all four ICS scripts", async () => {
  const { report, problems } = await readNmap(
    "examples/water-treatment/scans/control-nmap.xml",
    "scans/control-nmap.xml",
  );
  assert.deepEqual(problems, []);
  const byIp = (ip: string) => report!.hosts.find((h) => h.ips.includes(ip))!;
  const s7 = byIp("192.168.30.11").identities[0]!;
  assert.deepEqual([s7.source, s7.product, s7.firmware], ["s7-info", "SIMATIC S7-1200", "V4.2.1"]);
  assert.equal(byIp("192.168.30.12").identities[0]?.model, "BMX P34 2020");
  assert.equal(byIp("192.168.30.13").identities[0]?.firmware, "33.11");
  assert.equal(byIp("192.168.30.40").identities[0]?.vendor, "Johnson Controls, Inc.");
  assert.equal(byIp("192.168.30.11").macs[0], "00:1b:1b:30:00:11");
});

/** The heap in use after a full collection: what is retained, not the garbage a parse leaves behind. */
const gc: () => void = (() => {
  v8.setFlagsFromString("--expose-gc");
  return runInNewContext("gc") as () => void;
})();
function retainedHeap(): number {
  gc();
  return process.memoryUsage().heapUsed;
}

/** `hosts` hosts with an SSH port whose vulners script lists `cves` CVEs, as nmap -sV --script vulners writes. */
function vulnersReport(path: string, hosts: number, cves: number): void {
  const ids = Array.from({ length: cves }, (_, j) => `CVE-2019-${10000 + j}`);
  const output = ids.map((id) => `&#xa;&#x9;${id}&#x9;5.0&#x9;https://vulners.com/cve/${id}`).join("");
  const tables = ids
    .map(
      (id) =>
        `<table><elem key="cvss">5.0</elem><elem key="id">${id}</elem><elem key="type">cve</elem></table>`,
    )
    .join("\n");
  const parts = ['<?xml version="1.0"?>\n<nmaprun scanner="nmap" args="nmap -sV --script vulners">\n'];
  for (let i = 0; i < hosts; i++)
    parts.push(
      `<host><status state="up"/><address addr="10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}" addrtype="ipv4"/>\n` +
        `<ports><port protocol="tcp" portid="22"><state state="open"/><service name="ssh" product="OpenSSH" version="7.4"><cpe>cpe:/a:openbsd:openssh:7.4</cpe></service>\n` +
        `<script id="vulners" output="cpe:/a:openbsd:openssh:7.4:${output}"><table key="cpe:/a:openbsd:openssh:7.4">\n${tables}\n</table></script></port></ports></host>\n`,
    );
  parts.push("</nmaprun>\n");
  writeFileSync(path, parts.join(""));
}

test("20,000 hosts stream through: every host read, a few KB kept per host", async () => {
  const path = join(tmp(), "big.xml");
  vulnersReport(path, 20_000, 3);
  const before = retainedHeap();
  const { report, problems } = await readNmap(path, "big.xml");
  const kept = retainedHeap() - before;
  assert.deepEqual(problems, []);
  assert.equal(report?.hosts.length, 20_000);
  assert.equal(report.hosts.at(-1)!.ips[0], "10.0.78.31");
  assert.ok(kept < 20_000 * 4096, `${Math.round(kept / 1e6)} MB kept`);
});

test("what a host keeps of its scripts is bounded: a 300-CVE vulners output does not stay whole", async () => {
  const path = join(tmp(), "vulners.xml");
  const hosts = 200;
  vulnersReport(path, hosts, 300);
  const before = retainedHeap();
  const { report } = await readNmap(path, "vulners.xml");
  const kept = retainedHeap() - before;
  const script = report!.hosts[0]!.services[0]!.scripts[0]!;
  assert.equal(script.id, "vulners");
  assert.ok(script.output.startsWith("cpe:/a:openbsd:openssh:7.4:\n\tCVE-2019-10000\t5.0"));
  assert.ok(script.output.length <= MAX_SCRIPT_OUTPUT_KEPT + 40, String(script.output.length));
  assert.match(script.output, /\[\d+ more characters\]$/);
  assert.equal(Object.keys(script.elements).length, MAX_SCRIPT_ELEMENTS_KEPT);
  assert.equal(script.elements["cpe:/a:openbsd:openssh:7.4.0.id"], "CVE-2019-10000");
  assert.ok(kept < hosts * 16 * 1024, `${Math.round(kept / 1e6)} MB kept`);
});

test("an nmap report saved as UTF-16 (LE or BE, with a BOM) reads as the UTF-8 file does", async () => {
  const file = join(NMAP, "nmap__ndiff_test-scans_complex.xml");
  const text = readFileSync(file, "utf8");
  const plain = await readNmap(file, "complex.xml");
  assert.equal(plain.report?.hosts.length, 1);
  const le = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, "utf16le")]);
  const be = Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from(text, "utf16le").swap16()]);
  for (const bytes of [le, be]) {
    const path = join(tmp(), "complex.xml");
    writeFileSync(path, bytes);
    assert.deepEqual(await readNmap(path, "complex.xml"), plain);
    assert.deepEqual((await readScanFile(path, "complex.xml")).report, plain.report);
  }
});

test("a device or a pipe given as a scan report is refused at once", async () => {
  const fifo = join(tmp(), "scan.xml");
  execFileSync("mkfifo", [fifo]);
  for (const [path, kind] of [
    ["/dev/zero", "a device"],
    [fifo, "a pipe"],
  ]) {
    const { report, problems } = await readScanFile(path!, "scan.xml");
    assert.equal(report, null);
    assert.deepEqual(
      problems.map((p) => [p.severity, p.file, p.message]),
      [["error", "scan.xml", `cannot be read: ${kind}, expected a regular file; not read`]],
    );
  }
});

test("script tables nested 40,000 deep: the host and the hosts after it are kept, the nesting cut and reported", async () => {
  const path = join(tmp(), "deep.xml");
  const deep = `${"<table>".repeat(40_000)}<elem key="k">v</elem>${"</table>".repeat(40_000)}`;
  writeFileSync(
    path,
    `<?xml version="1.0"?>\n<nmaprun args="x">\n<host><address addr="10.0.0.1" addrtype="ipv4"/><hostscript><script id="s" output="o">${deep}</script></hostscript></host>\n<host><address addr="10.0.0.2" addrtype="ipv4"/></host>\n</nmaprun>\n`,
  );
  const { report, problems } = await readNmap(path, "deep.xml");
  assert.deepEqual(
    report?.hosts.map((h) => h.ips[0]),
    ["10.0.0.1", "10.0.0.2"],
  );
  assert.deepEqual(
    problems.map((p) => [p.severity, p.file, p.line, p.message]),
    [
      [
        "warning",
        "deep.xml",
        3,
        `script s: tables nested deeper than ${MAX_SCRIPT_TABLE_DEPTH} levels; the deeper ones are not read`,
      ],
    ],
  );
});
