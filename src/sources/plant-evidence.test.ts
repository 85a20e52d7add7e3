import assert from "node:assert/strict";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { test } from "node:test";
import { controlsOf, EXAMPLE_PLANT, evidenceOf, FIXTURE_PLANT } from "../../test/control-context.js";

test("the fixture plant folder: each file read by the importer of its format, notes left alone", async () => {
  const { controls, problems } = await controlsOf(FIXTURE_PLANT);
  assert.deepEqual(
    [...new Set(controls.accounts.map((a) => `${a.source}:${a.system}`))],
    ["generic:plc-l2", "generic:sw-hardened", "windows-local:hmi-07", "active-directory:line2-ad"],
  );
  assert.deepEqual(
    controls.policies.map((p) => p.system),
    ["hmi-07", "hmi-08"],
  );
  assert.deepEqual(
    controls.auditPolicies.map((p) => p.system),
    ["hmi-08"],
  );
  assert.deepEqual(
    controls.hotfixes.map((h) => h.system),
    ["hmi-07", "hmi-08"],
  );
  assert.deepEqual(
    controls.networkConfigs.map((c) => c.device),
    ["sw-hardened", "sw-weak"],
  );
  assert.deepEqual(
    controls.backupFiles?.map((f) => f.path),
    [
      "hmi-08/HMI-08_2026-11-15.tib",
      "plc-l2/Line2_PLC_2026-11-24.ACD",
      "sw-hardened/startup-config_2026-11-01.txt",
    ],
  );
  assert.equal(controls.backupRegister.length, 6);
  assert.equal(controls.leavers?.length, 3);
  assert.equal(controls.baseline.accounts.staleDays, 120);
  // Every problem names a file and, but for whole-file ones, a line; the README of hardening/ is none.
  assert.ok(problems.every((p) => p.file !== "hardening/README.md"));
  assert.deepEqual(
    problems.filter((p) => p.severity === "error").map((p) => `${p.file}:${p.line}`),
    [
      "backup-register.csv:7",
      "accounts/controllers.csv:7",
      "accounts/controllers.csv:8",
      "accounts/hmi-07.csv:8",
      "hardening/hmi-07.hotfixes.csv:6",
      "hardening/hmi-07.services.csv:1",
    ],
  );
});

test("the example plant's evidence files read with three warnings, in the order of its inputs", async () => {
  const { controls, vulnerabilities, firewalls, problems } = await evidenceOf(EXAMPLE_PLANT);
  assert.deepEqual(
    problems.map((p) => `${p.severity} ${p.code} ${p.file}:${p.line} ${p.message.split(":")[0]}`),
    [
      "warning not-modelled firewalls/dose-4g.rules:4 table nat",
      "warning not-modelled firewalls/fw-edge.cfg:50 1 NAT statement (lines 50) not modelled",
      // A real quirk of its update list.
      "warning schema hardening/ews-01.hotfixes.csv:4 KB5011048",
    ],
  );
  assert.equal(controls.accounts.filter((a) => a.system === "ews-01").length, 9);
  assert.equal(controls.accounts.filter((a) => a.system === "dc01").length, 11);
  assert.equal(controls.baseline.windows.maxUpdateAgeDays, 60);
  assert.deepEqual(
    firewalls.map((c) => c.file),
    ["firewalls/dose-4g.rules", "firewalls/fw-edge.cfg", "firewalls/fw-ot.conf", "firewalls/syslog01.nft"],
  );
  assert.deepEqual(
    vulnerabilities?.scans.map((s) => s.file),
    ["scans/control-nmap.xml", "scans/supervisory.nessus"],
  );
  assert.equal(vulnerabilities?.advisories.length, 6);
  assert.ok(vulnerabilities?.kev);
});

test("a plant without backups/ has no backup files to check, rather than an empty folder", async () => {
  const { controls, vulnerabilities, problems } = await evidenceOf("test/fixtures/gap-plant");
  assert.equal(controls.backupFiles, null);
  assert.equal(controls.leavers, null);
  assert.equal(vulnerabilities, null);
  assert.deepEqual(problems, []);
});

test("strays: notes left alone, other files reported as their folder says, in input order", async () => {
  const dir = mkdtempSync(join(tmpdir(), "otaudit-evidence-"));
  const put = (path: string, content: string | Buffer) => {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), content);
  };
  try {
    const csaf = readFileSync(`${EXAMPLE_PLANT}/advisories/icsa-17-054-03.json`);
    const kev = readFileSync(`${EXAMPLE_PLANT}/advisories/known_exploited_vulnerabilities.json`, "utf8");
    for (const folder of ["accounts", "hardening", "network", "scans", "advisories"])
      put(`${folder}/README.md`, "# what is here\n");
    put("accounts/notes.txt", "exported by the site\n");
    put("accounts/a.csv", "x,y\n1,2\n");
    put("accounts/export.json", "{}");
    put("accounts/dc01.csv", readFileSync(`${EXAMPLE_PLANT}/accounts/dc01.csv`));
    put("hardening/x.reg", "Windows Registry Editor Version 5.00\n");
    put("hardening/u.csv", "a,b\n1,2\n");
    put("hardening/empty.csv", "");
    put("network/sw.txt", "just words\n");
    put("scans/foo.xml", '<?xml version="1.0"?><foo/>');
    put("scans/data.json", "{}");
    put("advisories/a.json", csaf);
    put("advisories/b.json", csaf);
    put("advisories/bad.json", "{bad");
    put("advisories/kev-old.json", kev.replace('"2025.02.24"', '"2024.01.01"'));
    put("advisories/kev-new.json", kev);
    put("advisories/other.json", "{}");
    put("advisories/notes.txt", "not JSON, not read\n");
    put("firewalls/README.md", "# the firewall exports\n");
    mkdirSync(join(dir, "backups"));
    const { controls, vulnerabilities, firewalls, problems } = await evidenceOf(dir);
    assert.deepEqual(
      problems.map((p) => `${p.file}:${p.line} ${p.severity} ${p.code}`),
      [
        "firewalls/README.md:0 error unsupported-format",
        "scans/data.json:0 error unsupported-format",
        "scans/foo.xml:0 warning unsupported-format",
        "advisories/b.json:0 warning duplicate-id",
        "advisories/bad.json:0 error json-syntax",
        "advisories/other.json:0 warning unsupported-format",
        "accounts/a.csv:1 error unsupported-format",
        "accounts/export.json:0 warning unsupported-format",
        "hardening/empty.csv:0 error missing-column",
        "hardening/u.csv:1 error unsupported-format",
        "hardening/x.reg:0 warning unsupported-format",
        "network/sw.txt:0 error unsupported-format",
      ],
    );
    assert.equal(problems[1]?.message, "not an nmap, Nessus v2 or OpenVAS/GVM XML report; skipped");
    assert.equal(
      problems[3]?.message,
      "advisory ICSA-17-054-03 already read from advisories/a.json; this copy is skipped",
    );
    assert.deepEqual([...new Set(controls.accounts.map((a) => a.system))], ["dc01"]);
    assert.deepEqual(
      controls.networkConfigs.map((c) => c.file),
      ["network/sw.txt"],
    );
    assert.deepEqual(
      controls.backupFiles,
      [],
      "an empty backups/ folder: every file the register names is missing",
    );
    assert.equal(controls.leavers, null);
    assert.deepEqual(firewalls, []);
    assert.deepEqual(
      vulnerabilities?.advisories.map((a) => a.file),
      ["advisories/a.json"],
    );
    assert.equal(vulnerabilities?.kev?.version, "2025.02.24", "the newest of two catalogs");
    assert.deepEqual(vulnerabilities?.scans, []);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test("vulnerability evidence comes with any file in advisories/ or scans/, not an empty folder", async () => {
  const dir = mkdtempSync(join(tmpdir(), "otaudit-evidence-"));
  try {
    mkdirSync(join(dir, "advisories"));
    mkdirSync(join(dir, "scans"));
    assert.equal((await evidenceOf(dir)).vulnerabilities, null);
    writeFileSync(join(dir, "scans", "README.md"), "# scans go here\n");
    const { vulnerabilities, problems } = await evidenceOf(dir);
    assert.deepEqual(vulnerabilities, { advisories: [], kev: null, scans: [], register: [] });
    assert.deepEqual(problems, []);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
