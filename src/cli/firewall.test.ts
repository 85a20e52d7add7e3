import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { test } from "node:test";
import { fileURLToPath } from "node:url";

const MAIN = fileURLToPath(new URL("./main.js", import.meta.url));
const CORPUS = "test/corpus/firewalls";

function otaudit(args: string[]) {
  const r = spawnSync(process.execPath, [...process.execArgv, MAIN, ...args], {
    encoding: "utf8",
    env: { ...process.env, NO_COLOR: "1" },
    timeout: 120_000,
  });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

test("firewall --json prints the normalized rules, the problems and the rule findings", () => {
  const r = otaudit([
    "firewall",
    `${CORPUS}/flatasa_sample_config.txt`,
    `${CORPUS}/bf_fortios_firewall_policy`,
    "--json",
  ]);
  assert.equal(r.code, 0, r.err);
  const review = JSON.parse(r.out) as {
    configs: { file: string; format: string; rulesets: { id: string; rules: { line: number }[] }[] }[];
    problems: unknown[];
    findings: { id: string; evidence: { file: string; line: number }[] }[];
  };
  assert.deepEqual(
    review.configs.map((c) => [c.file, c.format]),
    [
      [`${CORPUS}/flatasa_sample_config.txt`, "cisco-asa"],
      [`${CORPUS}/bf_fortios_firewall_policy`, "fortios"],
    ],
  );
  assert.deepEqual(
    review.configs[0]!.rulesets.find((rs) => rs.id === "access-list ACL02")!.rules.map((x) => x.line),
    [70, 71, 72, 73],
  );
  assert.deepEqual(review.problems, []);
  const ids = review.findings.map((f) => f.id);
  assert.ok(ids.includes(`FW-003:${CORPUS}/flatasa_sample_config.txt:72`), ids.join("\n"));
  assert.ok(ids.includes(`FW-010:${CORPUS}/bf_fortios_firewall_policy:65`), ids.join("\n"));
});

test("a format we do not read is reported by name and the command exits 2; the other files are still read", () => {
  const r = otaudit(["firewall", `${CORPUS}/bf_junos-srx-1.cfg`, `${CORPUS}/bf_iptfw_z1-firewall.v4`]);
  assert.equal(r.code, 2);
  assert.match(r.out, /bf_iptfw_z1-firewall\.v4 {2}iptables/);
  assert.match(
    r.out,
    /^error .*bf_junos-srx-1\.cfg Juniper Junos \/ SRX configuration: this format is not supported/m,
  );
});

test("with --plant the rules are judged against the plant's zones", () => {
  const r = otaudit([
    "firewall",
    "examples/water-treatment/firewalls/fw-ot.conf",
    "--plant",
    "examples/water-treatment",
  ]);
  assert.equal(r.code, 0, r.err);
  assert.match(
    r.out,
    /FW-005 +examples\/water-treatment\/firewalls\/fw-ot\.conf:\d+ \(policy 11 "Filter dashboard"\) in firewall policy admits industrial protocols \(tcp\/502\) from all of enterprise to all of control\./,
  );
  assert.equal(otaudit(["firewall", "no/such/file.conf"]).code, 2);
});
