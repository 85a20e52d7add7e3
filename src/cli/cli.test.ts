import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, test } from "node:test";
import { copyOfExample, otaudit, removeCopies } from "./testing.js";

after(removeCopies);

test("--version and --help exit 0; a usage mistake exits 2", () => {
  const pkg = JSON.parse(readFileSync("package.json", "utf8")) as { version: string };
  assert.deepEqual(otaudit(["--version"]), { code: 0, out: `${pkg.version}\n`, err: "" });
  const help = otaudit(["assess", "--help"]);
  assert.equal(help.code, 0);
  assert.match(help.out, /--fail-on <severity>/);
  assert.equal(otaudit(["no-such-command"]).code, 2);
  assert.equal(otaudit(["assess", "--fail-on", "urgent", "x"]).code, 2);
});

test("validate prints all five planted mistakes with file:line and exits 2", () => {
  const dir = copyOfExample();
  const path = join(dir, "plant.yaml");
  const text = readFileSync(path, "utf8")
    .replace("slTarget: [2, 2, 2, 2, 2, 2, 2]", "slTarget: 7")
    .replace("{ id: dc01, name:", "{ id: dc01, colour: red, name:")
    .replace("zones: [supervisory, safety]", "zones: [supervisory, safty]")
    .replace("subnets: [192.168.30.0/24]", "subnets: [192.168.30.0/24, 192.168.20.128/25]")
    .replace("{ id: hmi-02,", "{ id: hmi-01,");
  writeFileSync(path, text);
  const r = otaudit(["validate", dir]);
  assert.equal(r.code, 2);
  const errors = r.out.split("\n").filter((l) => l.startsWith("error "));
  assert.equal(errors.length, 5, r.out);
  // Each mistake is one kind, so each code heads its own group of one, in file order.
  const expected = [
    ["schema", /zones\[2\]\.slTarget: /],
    ["subnet-overlap", /zones\[3\]\.subnets\[1\]/],
    ["unknown-reference", /conduits\[3\]\.zones\[1\]/],
    ["unknown-key", /colour/],
    ["duplicate-id", /hmi-01/],
  ] as const;
  const groups = r.out.split("\n").filter((l) => /^[a-z-]+ \(\d+\)$/.test(l));
  assert.deepEqual(
    groups,
    expected.map(([code]) => `${code} (1)`),
    r.out,
  );
  for (const [i, [, pattern]] of expected.entries()) {
    assert.match(errors[i]!, /^error .*plant\.yaml:\d+:\d+ /);
    assert.match(errors[i]!, pattern);
  }
  assert.match(r.out, /^5 errors$/m);
});

test("validate groups problems by code: a heading with the count, then each problem in the README's format", () => {
  const dir = copyOfExample();
  const path = join(dir, "plant.yaml");
  const text = readFileSync(path, "utf8")
    .replace("zones: [supervisory, safety]", "zones: [supervisory, safty]")
    .replace("zones: [enterprise, dmz]", "zones: [enterprise, dmzz]")
    .replace("{ id: dc01, name:", "{ id: dc01, colour: red, name:");
  writeFileSync(path, text);
  const r = otaudit(["validate", dir]);
  assert.equal(r.code, 2);
  const lines = r.out.split("\n");
  const at = lines.indexOf("unknown-reference (2)");
  assert.ok(at >= 0, r.out);
  for (const l of lines.slice(at + 1, at + 3))
    assert.match(l, /^error .*plant\.yaml:\d+:\d+ conduits\[\d\]\.zones\[1\]: unknown zone/);
  assert.equal(lines[at + 3], "unknown-key (1)", r.out);
});

test("init writes a skeleton that validates, and refuses to overwrite it", () => {
  const dir = join(mkdtempSync(join(tmpdir(), "otaudit-init-")), "new-plant");
  assert.equal(otaudit(["init", dir]).code, 0);
  assert.ok(existsSync(join(dir, "captures")));
  const v = otaudit(["validate", dir]);
  assert.equal(v.code, 0, v.out + v.err);
  assert.match(v.out, /ok .*2 zones, 1 conduits, 1 assets/);
  assert.match(v.out, /ok .*answers\.yaml: 0 answers for 0 zones, 0 program ratings/);
  // Each file's first line names a schema that init wrote beside it, as the editor resolves it.
  for (const file of ["plant.yaml", "answers.yaml"]) {
    const first = readFileSync(join(dir, file), "utf8").split("\n")[0] ?? "";
    const schema = /\$schema=(\S+)$/.exec(first)?.[1];
    assert.ok(schema && existsSync(join(dir, schema)), `${file}: ${first}`);
  }
  assert.equal(otaudit(["init", dir]).code, 2);
});

test("assess twice stores two runs, compares the second with the first, and writes the outputs", () => {
  const dir = copyOfExample();
  const first = otaudit(["assess", dir]);
  assert.equal(first.code, 0, first.err);
  const reportLine = first.out.split("\n").find((l) => l.startsWith("report: "));
  assert.ok(reportLine, first.out);
  assert.ok(existsSync(reportLine.slice("report: ".length)));
  for (const f of ["report.html", "assessment.json", "findings.csv", "assets.csv"])
    assert.ok(existsSync(join(dir, "out", f)), f);

  const second = otaudit(["assess", dir, "--json", "--out", join(dir, "out2")]);
  assert.equal(second.code, 0, second.err);
  const assessment = JSON.parse(second.out) as {
    findings: { id: string }[];
    comparison: { findings: { persisting: string[]; new: string[] } };
  };
  assert.deepEqual(assessment.comparison.findings.new, []);
  assert.equal(assessment.comparison.findings.persisting.length, assessment.findings.length);

  const history = otaudit(["history", dir, "--json"]);
  assert.equal(history.code, 0);
  assert.equal((JSON.parse(history.out) as unknown[]).length, 2);
});

test("--as-of measures ages to the review's date and records it; a malformed date is a usage error", () => {
  const dir = copyOfExample();
  // vendor_svc on ews-01 last logged on 2026-06-02: stale (ACC-003) by late November, not yet at the end of June.
  const run = (asOf: string) => {
    const r = otaudit(["assess", dir, "--json", "--as-of", asOf, "--out", join(dir, `out-${asOf}`)]);
    assert.equal(r.code, 0, r.err);
    return JSON.parse(r.out) as { asOf?: string; findings: { id: string }[] };
  };
  const june = run("2026-06-30");
  assert.equal(june.asOf, "2026-06-30T00:00:00.000Z");
  assert.ok(!june.findings.some((f) => f.id === "ACC-003:ews-01/vendor_svc"));
  assert.ok(run("2026-11-26").findings.some((f) => f.id === "ACC-003:ews-01/vendor_svc"));
  const bad = otaudit(["assess", dir, "--as-of", "2026-02-30"]);
  assert.equal(bad.code, 2);
  assert.match(bad.err, /--as-of 2026-02-30: expected a date as YYYY-MM-DD/);
});

test("--fail-on exits 1 when a finding reaches the threshold; bad plant input exits 2", () => {
  const dir = copyOfExample();
  assert.equal(otaudit(["assess", dir, "--fail-on", "critical"]).code, 1);
  writeFileSync(join(dir, "plant.yaml"), "site: {}\n");
  const bad = otaudit(["assess", dir]);
  assert.equal(bad.code, 2);
  assert.match(bad.err, /plant\.yaml:1:\d+ site\.name: missing/);
});

test("rules lists every rule from the registry with the requirements it contradicts and those it relates to", () => {
  const r = otaudit(["rules", "--json"]);
  assert.equal(r.code, 0);
  const rules = JSON.parse(r.out) as { id: string; contradicts: string[]; related: string[] }[];
  const byId = new Map(rules.map((x) => [x.id, x]));
  // A remote tool straight into the control system bypasses the boundary and is uncontrolled remote access.
  assert.deepEqual(byId.get("RA-002")?.contradicts, ["SR 1.13", "SR 5.2"]);
  // A KEV-listed flaw is a reason to patch, not proof that the zone boundary fails.
  assert.deepEqual(byId.get("VULN-001")?.contradicts, []);
  assert.deepEqual(byId.get("VULN-001")?.related, ["SR 3.2", "SR 5.1", "SR 5.2"]);
  // Credentials in clear text say nothing about password strength (SR 1.7).
  assert.ok(!byId.get("ARCH-007")?.contradicts.includes("SR 1.7"));
  assert.ok(!byId.get("ARCH-007")?.related.includes("SR 1.7"));
  assert.equal(byId.size, rules.length);
  const text = otaudit(["rules"]);
  assert.match(text.out, /CTRL-003 .* \(related: SR 2\.8, SR 3\.4, SR 6\.2\)/);
});

test("the bundled CLI the package ships as its bin gives the same output as the modules it bundles", () => {
  const pkg = JSON.parse(readFileSync("package.json", "utf8")) as { bin: { otaudit: string } };
  assert.ok(existsSync(pkg.bin.otaudit), `${pkg.bin.otaudit} is missing: npm run build makes it`);
  const run = (main: string, args: string[]) => {
    const r = spawnSync(process.execPath, [main, ...args], {
      encoding: "utf8",
      env: { ...process.env, NO_COLOR: "1" },
      timeout: 120_000,
      maxBuffer: 64 * 1024 * 1024,
    });
    return { code: r.status, out: r.stdout, err: r.stderr };
  };
  for (const args of [
    ["--version"],
    ["rules"],
    ["capture", "examples/water-treatment/captures/plant.pcap", "--json", "-"],
  ]) {
    const bundled = run(pkg.bin.otaudit, args);
    assert.equal(bundled.code, 0, bundled.err);
    assert.deepEqual(bundled, otaudit(args), args.join(" "));
  }
});
