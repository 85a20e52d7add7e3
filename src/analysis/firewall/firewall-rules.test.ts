import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import { test } from "node:test";
import { CORPUS, configFrom, configText, lineWith } from "../../../test/firewall-configs.js";
import { analyzeCaptures } from "../../capture/engine.js";
import type { CaptureReport } from "../../model/capture.js";
import type { Finding } from "../../model/finding.js";
import type { FirewallConfig } from "../../model/firewall.js";
import { type Plant, PlantFile } from "../../model/plant.js";
import { parseFirewallConfig } from "../../sources/firewall/load.js";
import { loadPlantFile } from "../../sources/plant-yaml.js";
import type { AnalysisContext } from "../context.js";
import { analysisContext } from "../context.js";
import { rulesOf } from "../registry.js";

const FIREWALL_RULES = rulesOf("FW");

const NOW = new Date("2026-11-25T12:00:00Z");
const EXAMPLE = "examples/water-treatment";

function standalone(): Plant {
  return { file: "plant.yaml", spec: PlantFile.parse({ site: { name: "review" } }), lines: {} };
}

function examplePlant(): Plant {
  const { plant } = loadPlantFile(`${EXAMPLE}/plant.yaml`, "plant.yaml");
  assert.ok(plant);
  return plant;
}

function exampleConfigs(): FirewallConfig[] {
  return ["fw-ot.conf", "fw-edge.cfg", "dose-4g.rules", "syslog01.nft"].map((f) =>
    configFrom(`${EXAMPLE}/firewalls/${f}`, `firewalls/${f}`),
  );
}

function findings(ctx: Partial<AnalysisContext> & { firewalls: FirewallConfig[] }, rule: string): Finding[] {
  const r = FIREWALL_RULES.find((x) => x.id === rule)!;
  return r.check(analysisContext({ plant: standalone(), capture: null, now: NOW, ...ctx }));
}

const ids = (list: Finding[]) => list.map((f) => f.id).sort();
const lines = (f: Finding) =>
  f.evidence.map((e) => (e.kind === "line" ? e.line : e.kind === "frame" ? e.frame : 0));

test("FW-010: a disabled FortiOS policy is reported with its edit and its `set status disable` lines", () => {
  const list = findings({ firewalls: [configFrom(`${CORPUS}/bf_fortios_firewall_policy`)] }, "FW-010");
  assert.deepEqual(ids(list), ["FW-010:bf_fortios_firewall_policy:65"]);
  assert.deepEqual(lines(list[0]!), [65, 73]);
  assert.match(list[0]!.summary, /policy 0 \(line 65, deny\) in firewall policy is disabled but kept/);
  // ASA `inactive` entries count too: flatAsaAcl's sample has three.
  assert.deepEqual(
    ids(findings({ firewalls: [configFrom(`${CORPUS}/flatasa_sample_config.txt`)] }, "FW-010")),
    [
      "FW-010:flatasa_sample_config.txt:75",
      "FW-010:flatasa_sample_config.txt:76",
      "FW-010:flatasa_sample_config.txt:80",
    ],
  );
});

test("FW-003 and FW-004: shadowed and redundant ASA rules, with the rules that cover them as evidence", () => {
  const flat = findings({ firewalls: [configFrom(`${CORPUS}/flatasa_sample_config.txt`)] }, "FW-003");
  assert.deepEqual(ids(flat), [
    "FW-003:flatasa_sample_config.txt:72",
    "FW-003:flatasa_sample_config.txt:73",
    "FW-003:flatasa_sample_config.txt:82",
  ]);
  assert.deepEqual(lines(flat.find((f) => f.id.endsWith(":82"))!), [82, 79]);
  const edge = findings({ firewalls: exampleConfigs(), plant: examplePlant() }, "FW-003");
  // The IT team's TeamViewer block (lines 79-80) sits below the 2022 catch-all permit (line 77): it never blocks.
  assert.deepEqual(ids(edge), [
    "FW-003:firewalls/fw-edge.cfg:79",
    "FW-003:firewalls/fw-edge.cfg:80",
    `FW-003:firewalls/fw-ot.conf:${lineWith(`${EXAMPLE}/firewalls/fw-ot.conf`, "edit 16")}`,
  ]);
  assert.deepEqual(lines(edge.find((f) => f.id.endsWith("fw-edge.cfg:79"))!), [79, 77]);
  const aerleon = findings({ firewalls: [configFrom(`${CORPUS}/aerleon_sample_multitarget.asa`)] }, "FW-004");
  assert.equal(aerleon.length, 9);
});

test("FW-001: permits of every service between any addresses, state and loopback rules aside", () => {
  assert.deepEqual(
    ids(findings({ firewalls: [configFrom(`${CORPUS}/aerleon_sample_multitarget.asa`)] }, "FW-001")),
    ["FW-001:aerleon_sample_multitarget.asa:108"],
  );
  // Term default-accept / allow-anything: `ct state new accept`; root6's line 64 accepts every new connection.
  assert.deepEqual(
    ids(findings({ firewalls: [configFrom(`${CORPUS}/aerleon_sample_nftables.nft`)] }, "FW-001")),
    [
      "FW-001:aerleon_sample_nftables.nft:118",
      "FW-001:aerleon_sample_nftables.nft:3",
      "FW-001:aerleon_sample_nftables.nft:37",
      "FW-001:aerleon_sample_nftables.nft:64",
    ],
  );
  // speedway: `-o lo -j ACCEPT` and the ESTABLISHED,RELATED accepts are not reported.
  assert.deepEqual(
    findings({ firewalls: [configFrom(`${CORPUS}/aerleon_sample_speedway.ipt`)] }, "FW-001"),
    [],
  );
});

test("FW-007: a chain that accepts what its rules do not match, and an ASA interface with no inbound list", () => {
  assert.deepEqual(ids(findings({ firewalls: [configFrom(`${CORPUS}/bf_unit_host1.iptables`)] }, "FW-007")), [
    "FW-007:bf_unit_host1.iptables:filter/INPUT",
  ]);
  assert.deepEqual(
    findings({ firewalls: [configFrom(`${CORPUS}/bf_example_live_host1.iptables`)] }, "FW-007"),
    [],
  );
  const asa = findings({ firewalls: [configFrom(`${CORPUS}/bf_asa-filters`)] }, "FW-007");
  // name3 (level 50) passes everything to the level-0 interfaces; name2 and name5 (level 0) reach nothing.
  assert.deepEqual(ids(asa), ["FW-007:bf_asa-filters:security-level name3"]);
  assert.deepEqual(lines(asa[0]!), [17]);
});

test("FW-008: an access list that ends on the implicit deny; a logged deny-all at the end satisfies it", () => {
  const list = findings({ firewalls: exampleConfigs(), plant: examplePlant() }, "FW-008");
  assert.deepEqual(ids(list), ["FW-008:firewalls/fw-edge.cfg:access-list inside_access_in"]);
});

test("FW-005, FW-006: industrial protocols and remote access from enterprise or external networks", () => {
  const ctx = { firewalls: exampleConfigs(), plant: examplePlant() };
  const fwOt = `${EXAMPLE}/firewalls/fw-ot.conf`;
  const ics = findings(ctx, "FW-005");
  assert.deepEqual(ids(ics), [
    "FW-005:firewalls/dose-4g.rules:60",
    `FW-005:firewalls/fw-ot.conf:${lineWith(fwOt, "edit 11")}`,
  ]);
  assert.match(
    ics.find((f) => f.id.includes("dose-4g"))!.summary,
    /admits industrial protocols \(tcp\/44818\) from any external address to control \(192\.168\.30\.13\/32\)/,
  );
  assert.match(
    ics.find((f) => f.id.includes("fw-ot"))!.summary,
    /\(tcp\/502\) from all of enterprise to all of control/,
  );
  // The staff RDP to the jump host is the designed path; the ops manager's RDP straight to hmi-01 is not.
  assert.deepEqual(ids(findings(ctx, "FW-006")), [
    `FW-006:firewalls/fw-ot.conf:${lineWith(fwOt, "edit 12")}`,
  ]);
  // Without a plant, "external" means public addresses: the ASA's any-TCP rules are broad (FW-002), not ICS rules.
  assert.deepEqual(
    findings({ firewalls: [configFrom(`${CORPUS}/aerleon_sample_multitarget.asa`)] }, "FW-005"),
    [],
  );
});

test("FW-011: cleartext administration of the firewalls, from their management settings and their input rules", () => {
  const list = findings({ firewalls: exampleConfigs(), plant: examplePlant() }, "FW-011");
  assert.deepEqual(ids(list), [
    "FW-011:firewalls/dose-4g.rules:54",
    "FW-011:firewalls/dose-4g.rules:64",
    "FW-011:firewalls/dose-4g.rules:65",
    "FW-011:firewalls/fw-edge.cfg:104:snmp",
    "FW-011:firewalls/fw-edge.cfg:107:telnet",
    "FW-011:firewalls/fw-ot.conf:29:http",
    "FW-011:firewalls/fw-ot.conf:47:snmp",
    "FW-011:firewalls/fw-ot.conf:47:telnet",
    "FW-011:firewalls/syslog01.nft:22",
  ]);
  assert.match(
    list.find((f) => f.id.endsWith("47:snmp"))!.summary,
    /open on SUP-V20 to supervisory \(192\.168\.20\.10\/32\)/,
  );
});

test("FW-002 and FW-009 on the example", () => {
  const ctx = { firewalls: exampleConfigs(), plant: examplePlant() };
  const fwOt = `${EXAMPLE}/firewalls/fw-ot.conf`;
  assert.deepEqual(ids(findings(ctx, "FW-002")), [
    "FW-002:firewalls/dose-4g.rules:60",
    "FW-002:firewalls/fw-edge.cfg:77",
    `FW-002:firewalls/fw-ot.conf:${lineWith(fwOt, "edit 10")}`,
    `FW-002:firewalls/fw-ot.conf:${lineWith(fwOt, "edit 11")}`,
  ]);
  // Issue #18: the edge's 2022 catch-all (`permit ip enterprise-hosts any`) lies in the zones its traffic gets to
  // through fw-ot: supervisory (policy 12's RDP) and control (policy 11's Modbus), besides the enterprise it leaves.
  // Not safety (fw-ot blocks enterprise-to-safety) nor the DMZ (fw-ot passes only the enterprise-dmz conduit there).
  const edge = findings(ctx, "FW-002").find((f) => f.id === "FW-002:firewalls/fw-edge.cfg:77")!;
  assert.deepEqual(edge.zones, ["control", "enterprise", "supervisory"]);
  // Policy 10 (ews-01 to the control subnet, every service) joins the two zones; policy 11 the enterprise and control.
  assert.deepEqual(
    findings(ctx, "FW-002").find((f) => f.id === `FW-002:firewalls/fw-ot.conf:${lineWith(fwOt, "edit 10")}`)!
      .zones,
    ["control", "supervisory"],
  );
  const silent = findings(ctx, "FW-009").find((f) => f.id === "FW-009:firewalls/fw-ot.conf:firewall policy")!;
  // Policies 5 (logtraffic left at utm), 8 and 10 (disable), 11 (utm).
  assert.deepEqual(
    lines(silent),
    ["edit 5", "edit 8", "edit 10", "edit 11"].map((e) => lineWith(fwOt, e)),
  );
});

test("a finding whose rule names no zone lies in the zones its device is attached to, not in every zone", () => {
  const ctx = { firewalls: exampleConfigs(), plant: examplePlant() };
  const zonesOf = (rule: string, id: string) => findings(ctx, rule).find((f) => f.id === id)?.zones;
  // dose-4g is the skid's router in the control zone; its WAN side is external, which is no zone of the plant.
  assert.deepEqual(zonesOf("FW-009", "FW-009:firewalls/dose-4g.rules:filter/FORWARD"), ["control"]);
  // syslog01's host firewall: the DMZ server's own zone.
  assert.deepEqual(zonesOf("FW-009", "FW-009:firewalls/syslog01.nft:inet filter/input"), ["dmz"]);
  // The OT firewall has an interface in each VLAN it separates.
  assert.deepEqual(zonesOf("FW-009", "FW-009:firewalls/fw-ot.conf:firewall policy"), [
    "control",
    "dmz",
    "enterprise",
    "safety",
    "supervisory",
  ]);
  // The internet edge routes to every OT subnet but is attached to the enterprise network only: its cleartext
  // administration, open to the inside, is a weakness there, not in the safety zone behind the OT firewall.
  assert.deepEqual(zonesOf("FW-011", "FW-011:firewalls/fw-edge.cfg:107:telnet"), ["enterprise"]);
  // fw-ot's Telnet listens on its supervisory VLAN only: the password crosses that zone, not the safety zone.
  assert.deepEqual(zonesOf("FW-011", "FW-011:firewalls/fw-ot.conf:47:telnet"), ["supervisory"]);
  assert.deepEqual(zonesOf("FW-009", "FW-009:firewalls/fw-edge.cfg:access-list inside_access_in"), [
    "enterprise",
  ]);
  // A configuration that belongs to no declared device keeps no zone: it still counts against every zone.
  const alone = findings({ firewalls: [configFrom(`${CORPUS}/bf_example_live_host1.iptables`)] }, "FW-009");
  assert.ok(alone.length > 0 && alone.every((f) => f.zones.length === 0));
});

test("FW-012: a permit whose hosts talked to each other only on other services", async () => {
  const capture: CaptureReport = await analyzeCaptures([
    "test/corpus/captures/modbus/zeek__modbus-and-non-modbus-p502/modbus-and-non-modbus-p502.pcap",
  ]);
  // In the capture 10.0.0.9 polls 10.0.0.3 on Modbus (frame 1); nothing on DNP3.
  const config = configText(
    [
      "*filter",
      ":FORWARD DROP [0:0]",
      "-A FORWARD -s 10.0.0.9/32 -d 10.0.0.3/32 -p tcp --dport 502 -j ACCEPT",
      "-A FORWARD -s 10.0.0.9/32 -d 10.0.0.3/32 -p tcp --dport 20000 -j ACCEPT",
      "-A FORWARD -s 10.0.0.20/32 -d 10.0.0.3/32 -p tcp --dport 20000 -j ACCEPT",
      "COMMIT",
      "",
    ].join("\n"),
    "cell.rules",
  );
  const list = findings({ firewalls: [config], capture }, "FW-012");
  // Line 5's source never appears in the capture: that path was not seen, so the rule is not judged.
  assert.deepEqual(ids(list), ["FW-012:cell.rules:4"]);
  assert.deepEqual(list[0]!.evidence[1], {
    kind: "frame",
    file: capture.flows[0]!.file,
    frame: 1,
    note: "the same hosts, another service",
  });
});

test("every rule runs on every corpus configuration, cut ones included, without an exception", () => {
  const files = readdirSync(CORPUS).filter(
    (f) => !/\.(json|pol|md|tsv|txt)$/.test(f) || f === "flatasa_sample_config.txt",
  );
  let configs = 0;
  for (const f of files) {
    if (f === "LICENSES") continue;
    const text = readFileSync(`${CORPUS}/${f}`, "utf8");
    for (const variant of [text, text.slice(0, Math.floor(text.length / 2))]) {
      const { config } = parseFirewallConfig(variant, f);
      if (!config) continue;
      configs++;
      for (const r of FIREWALL_RULES)
        r.check(analysisContext({ plant: standalone(), capture: null, now: NOW, firewalls: [config] }));
    }
  }
  assert.ok(configs >= 60, `${configs}`);
});
