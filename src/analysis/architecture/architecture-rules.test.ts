import assert from "node:assert/strict";
import { before, describe, test } from "node:test";
import { configFrom, lineWith } from "../../../test/firewall-configs.js";
import { analyzeCaptures } from "../../capture/engine.js";
import type { CaptureReport } from "../../model/capture.js";
import type { Evidence } from "../../model/evidence.js";
import { contradicted, type Finding } from "../../model/finding.js";
import type { FirewallConfig } from "../../model/firewall.js";
import { type Plant, PlantFile } from "../../model/plant.js";
import { loadPlantFile } from "../../sources/plant-yaml.js";
import { analysisContext } from "../context.js";
import { rulesOf, runRules } from "../registry.js";

const ARCHITECTURE_RULES = rulesOf("ARCH", "SEG");

const NOW = new Date("2026-11-25T12:00:00Z");
const EXAMPLE = "examples/water-treatment";
const FW_OT = `${EXAMPLE}/firewalls/fw-ot.conf`;
const CAPTURES = "test/corpus/captures";

function plantOf(spec: unknown): Plant {
  return { file: "plant.yaml", spec: PlantFile.parse(spec), lines: {} };
}

const ev = (f: Finding | undefined): string[] =>
  (f?.evidence ?? []).map((e: Evidence) =>
    e.kind === "line" ? `${e.file}:${e.line}` : e.kind === "frame" ? `#${e.frame}` : e.file,
  );

const byRule = (list: Finding[], rule: string) => list.filter((f) => f.rule === rule);
const ids = (list: Finding[], rule: string) =>
  byRule(list, rule)
    .map((f) => f.id)
    .sort();

describe("the example plant: every insecure-architecture rule, each on the line or frame that proves it", () => {
  let findings: Finding[];
  let plant: Plant;
  before(async () => {
    const loaded = loadPlantFile(`${EXAMPLE}/plant.yaml`, "plant.yaml");
    assert.ok(loaded.plant);
    plant = loaded.plant;
    const capture = await analyzeCaptures([`${EXAMPLE}/captures/plant.pcap`]);
    const firewalls: FirewallConfig[] = ["fw-ot.conf", "fw-edge.cfg", "dose-4g.rules", "syslog01.nft"].map(
      (f) => configFrom(`${EXAMPLE}/firewalls/${f}`, `firewalls/${f}`),
    );
    findings = runRules(analysisContext({ plant, capture, now: NOW, firewalls }), ARCHITECTURE_RULES);
  });

  test("all seven ARCH rules fire", () => {
    assert.deepEqual([...new Set(findings.map((f) => f.rule))].filter((r) => r.startsWith("ARCH")).sort(), [
      "ARCH-001",
      "ARCH-002",
      "ARCH-003",
      "ARCH-004",
      "ARCH-005",
      "ARCH-006",
      "ARCH-007",
    ]);
  });

  test("ARCH-001: the chemical store's HVAC controller sits in the PLCs' subnet and VLAN", () => {
    assert.deepEqual(ids(findings, "ARCH-001"), ["ARCH-001:zone:control"]);
    const f = byRule(findings, "ARCH-001")[0]!;
    const e = ev(f);
    assert.equal(e[0], `${plant.file}:${lineWith(`${EXAMPLE}/plant.yaml`, "id: bms-ctrl")}`);
    // Frame 87: bms-ctrl's BACnet broadcast on VLAN 30.
    assert.ok(e.includes("#87"), e.join(" "));
    assert.match(
      f.summary,
      /bms-ctrl \(iot\) in the same segment as controllers plc-intake, plc-filter, plc-dosing/,
    );
  });

  test("ARCH-002: the office PC's Modbus writes and the ops manager's RDP, and the rules that let them through", () => {
    assert.deepEqual(ids(findings, "ARCH-002"), [
      "ARCH-002:enterprise>control",
      "ARCH-002:enterprise>supervisory",
    ]);
    assert.deepEqual(ev(findings.find((f) => f.id === "ARCH-002:enterprise>control")), [
      "#3133",
      `firewalls/fw-ot.conf:${lineWith(FW_OT, "edit 11")}`,
    ]);
    assert.deepEqual(ev(findings.find((f) => f.id === "ARCH-002:enterprise>supervisory")), [
      "#7212",
      `firewalls/fw-ot.conf:${lineWith(FW_OT, "edit 12")}`,
    ]);
  });

  test("ARCH-003: the DMZ exists but the OT firewall's rules go around it", () => {
    const f = findings.find((x) => x.id === "ARCH-003:dmz-bypassed");
    assert.deepEqual(
      ev(f),
      ["edit 12", "edit 11", "edit 13"].map((e) => `firewalls/fw-ot.conf:${lineWith(FW_OT, e)}`),
    );
    // The zones those rules join (issue #18): no rule connects the enterprise with the safety zone, so the bypass
    // is no evidence against the safety zone's segmentation.
    assert.deepEqual(f?.zones, ["enterprise", "supervisory", "control"]);
  });

  test("ARCH-004: unauthenticated protocols between zones; OPC UA None and S7comm-plus inside or secured are not", () => {
    // Outside the declared flows: the office PC's Modbus (no conduit), FTP, HTTP and Telnet (no flow on their
    // service), hmi-02's S7 session (not an initiator of either S7 flow), scada01's EtherNet/IP session (it wrote a
    // tag over a flow declared read-only). Along the declared flows of supervisory-control, which the control zone
    // holds to FR3 SL-T 3: the polling, named by its conduit, contradicting SR 3.1 RE 1 alone. hmi-01's HTTP to the
    // WSUS server on tcp/8530 is declared on dmz-supervisory, whose zones ask FR3 SL-T 2: it is the design and not
    // reported.
    assert.deepEqual(ids(findings, "ARCH-004"), [
      "ARCH-004:bacnet:supervisory-control:supervisory>control",
      "ARCH-004:dnp3:supervisory-control:supervisory>control",
      "ARCH-004:enip:supervisory>control",
      "ARCH-004:ftp:supervisory>control",
      "ARCH-004:http:supervisory>control",
      "ARCH-004:iec104:supervisory-control:supervisory>control",
      "ARCH-004:modbus:enterprise>control",
      "ARCH-004:modbus:supervisory-control:supervisory>control",
      "ARCH-004:s7comm:supervisory-control:supervisory>control",
      "ARCH-004:s7comm:supervisory>control",
      "ARCH-004:snmp:supervisory-control:supervisory>control",
      "ARCH-004:telnet:supervisory>control",
    ]);
    // SNMPv2c with community "public" (frame 288); the office PC's Modbus (frame 3133).
    assert.deepEqual(
      ev(findings.find((f) => f.id === "ARCH-004:snmp:supervisory-control:supervisory>control")),
      ["#288"],
    );
    assert.deepEqual(ev(findings.find((f) => f.id === "ARCH-004:modbus:enterprise>control")), ["#3133"]);
    const polling = findings.find((f) => f.id === "ARCH-004:modbus:supervisory-control:supervisory>control")!;
    assert.deepEqual(contradicted(polling), ["SR 3.1 RE 1"]);
    assert.match(polling.summary, /along its declared flows \(scada01 \(192\.168\.20\.10\) -> plc-filter/);
    const hmi02 = findings.find((f) => f.id === "ARCH-004:s7comm:supervisory>control")!;
    assert.match(hmi02.summary, /hmi-02 is not a declared initiator \(scada01, ews-01\)/);
    assert.deepEqual(ev(hmi02), ["#4741"]);
    // SR 5.2 stays related: SEG-004 is the finding that says the boundary let these through.
    assert.ok(hmi02.related.includes("SR 5.2") && !contradicted(hmi02).includes("SR 5.2"));
  });

  test("ARCH-005: TeamViewer, the direct RDP, Telnet and SSH sessions; jump01's recorded RDP is not reported", () => {
    assert.deepEqual(ids(findings, "ARCH-005"), [
      "ARCH-005:ews-01:teamviewer",
      "ARCH-005:hmi-01:rdp",
      "ARCH-005:rtu-reservoir:telnet",
      "ARCH-005:sw-control:ssh",
    ]);
    assert.deepEqual(ev(findings.find((f) => f.id === "ARCH-005:ews-01:teamviewer")), ["#636"]);
    assert.deepEqual(ev(findings.find((f) => f.id === "ARCH-005:hmi-01:rdp")), ["#7212"]);
  });

  test("ARCH-006: controllers the enterprise can reach on Modbus, and the dosing PLC the 4G router opens to the internet", () => {
    assert.deepEqual(ids(findings, "ARCH-006"), [
      "ARCH-006:plc-dosing",
      "ARCH-006:plc-filter",
      "ARCH-006:plc-intake",
      "ARCH-006:rtu-pumpstation",
      "ARCH-006:rtu-reservoir",
    ]);
    assert.deepEqual(ev(findings.find((f) => f.id === "ARCH-006:plc-dosing")), [
      `firewalls/fw-ot.conf:${lineWith(FW_OT, "edit 11")}`,
      "firewalls/dose-4g.rules:60",
    ]);
    assert.deepEqual(ev(findings.find((f) => f.id === "ARCH-006:plc-filter")), [
      "#3133",
      `firewalls/fw-ot.conf:${lineWith(FW_OT, "edit 11")}`,
    ]);
    // The safety controller is behind its own interface and no rule from enterprise reaches it.
    assert.ok(!findings.some((f) => f.id === "ARCH-006:sis-01"));
  });

  test("ARCH-007: Telnet, FTP and HTTP Basic logins and the SNMP community, each at its frame", () => {
    assert.deepEqual(ids(findings, "ARCH-007"), [
      "ARCH-007:plc-dosing:http",
      "ARCH-007:plc-filter:ftp",
      "ARCH-007:rtu-reservoir:telnet",
      "ARCH-007:sw-control:snmp",
    ]);
    assert.deepEqual(ev(findings.find((f) => f.id === "ARCH-007:rtu-reservoir:telnet")), ["#1983", "#2103"]);
    assert.deepEqual(ev(findings.find((f) => f.id === "ARCH-007:plc-filter:ftp")), ["#3969"]);
    assert.deepEqual(ev(findings.find((f) => f.id === "ARCH-007:plc-dosing:http")), ["#5194"]);
  });

  test("SEG: reachable pairs without conduits, a conduit wider than declared, and flows outside the conduits", () => {
    // The dosing skid's router joins control and the outside through conduit dosetech-service, which declares only
    // the inbound port forward: what the router lets out is wider than the conduit, not a pair without one.
    assert.deepEqual(ids(findings, "SEG-001"), [
      "SEG-001:enterprise>control",
      "SEG-001:enterprise>supervisory",
      "SEG-001:supervisory>(external)",
      "SEG-001:supervisory>enterprise",
    ]);
    assert.deepEqual(ids(findings, "SEG-002"), [
      "SEG-002:dosetech-service:control>(external)",
      "SEG-002:supervisory-control:supervisory>control",
    ]);
    const wider = findings.find((f) => f.id === "SEG-002:supervisory-control:supervisory>control")!;
    assert.match(wider.summary, /but the rules also permit any other service, tcp\/22, tcp\/23, tcp\/80/);
    assert.deepEqual(ids(findings, "SEG-003"), [
      "SEG-003:enterprise>control",
      "SEG-003:enterprise>supervisory",
      "SEG-003:supervisory>(external)",
    ]);
    const outside = findings.find((f) => f.id === "SEG-004:supervisory-control:supervisory>control")!;
    // FTP, SSH, Telnet and HTTP between supervisory and control, none of them in the conduit's flows; hmi-02's S7
    // program download (frame 4765: neither scada01 nor ews-01 opened that connection) and scada01's Write Tag to
    // the dosing PLC (frame 6504: the flow declares it read-only), each at the frame of the operation.
    assert.deepEqual(ev(outside).slice(0, 6), ["#3848", "#1770", "#1927", "#5191", "#4765", "#6504"]);
    assert.match(
      outside.summary,
      /hmi-02 is not a declared initiator \(scada01, ews-01\); program request-download/,
    );
    assert.match(
      outside.summary,
      /write is not among the declared operations \(read, identify, session\); write Write Tag/,
    );
    // scada01's polling and ews-01's download along their declared flows are not in it.
    assert.doesNotMatch(outside.summary, /192\.168\.20\.30 to 192\.168\.30\.11/);
  });
});

describe("real captures against small plants", () => {
  let modbus: CaptureReport;
  before(async () => {
    modbus = await analyzeCaptures([
      `${CAPTURES}/modbus/zeek__modbus-and-non-modbus-p502/modbus-and-non-modbus-p502.pcap`,
    ]);
  });

  const cell = () =>
    plantOf({
      site: { name: "cell" },
      zones: [
        {
          id: "office",
          name: "Office",
          purdueLevel: 4,
          subnets: ["10.0.0.8/29"],
          criticality: "low",
          slTarget: 1,
        },
        {
          id: "cell",
          name: "Cell",
          purdueLevel: 1,
          subnets: ["10.0.0.0/29"],
          criticality: "high",
          slTarget: 2,
        },
        {
          id: "field",
          name: "Field",
          purdueLevel: 1,
          subnets: ["192.168.10.0/24"],
          criticality: "high",
          slTarget: 2,
        },
      ],
      assets: [
        { id: "plc-a", name: "PLC A", role: "plc", zone: "cell", ips: ["10.0.0.3"] },
        { id: "plc-b", name: "PLC B", role: "plc", zone: "field", ips: ["192.168.10.111"] },
      ],
    });

  test("internet scanners reaching a PLC on port 502 expose it; the office PC polling another is direct IT-to-OT", () => {
    const list = runRules(analysisContext({ plant: cell(), capture: modbus, now: NOW }), ARCHITECTURE_RULES);
    // Five internet hosts opened connections to 192.168.10.111:502 (frames 26, 36, 46, 62, 77).
    assert.deepEqual(ev(list.find((f) => f.id === "ARCH-006:plc-b")), ["#26", "#36", "#46", "#62", "#77"]);
    // ... and plc-a is reached from the office (enterprise) at frame 1.
    assert.deepEqual(ev(list.find((f) => f.id === "ARCH-006:plc-a")), ["#1"]);
    assert.deepEqual(ev(list.find((f) => f.id === "ARCH-002:office>cell")), ["#1"]);
    assert.deepEqual(ev(list.find((f) => f.id === "ARCH-004:modbus:office>cell")), ["#1"]);
    // No DMZ zone between office and cell: the finding lies in the two zones the office PC's polling joins, not in
    // the field zone, which nothing connects with the office.
    assert.deepEqual(list.find((f) => f.id === "ARCH-003:no-dmz-zone")?.zones, ["office", "cell"]);
    // A controller's exposure lies in the controller's zone.
    assert.deepEqual(list.find((f) => f.id === "ARCH-006:plc-b")?.zones, ["field"]);
    assert.deepEqual(ids(list, "SEG-003"), ["SEG-003:(external)>field", "SEG-003:office>cell"]);
  });

  test("a cleartext FTP login to an internet server", async () => {
    const ftp = await analyzeCaptures([`${CAPTURES}/ftp/zeek__ipv4/ipv4.pcap`]);
    const plant = plantOf({
      site: { name: "lab" },
      zones: [
        {
          id: "lab",
          name: "Lab",
          purdueLevel: 2,
          subnets: ["141.142.220.0/24"],
          criticality: "low",
          slTarget: 1,
        },
      ],
    });
    const list = runRules(analysisContext({ plant, capture: ftp, now: NOW }), ARCHITECTURE_RULES);
    // The USER command at frame 9; the server accepting the anonymous login at frame 14.
    assert.deepEqual(ev(list.find((f) => f.id === "ARCH-007:199.233.217.249:ftp")), ["#9", "#14"]);
    assert.deepEqual(ev(list.find((f) => f.id === "ARCH-004:ftp:lab>(external)")), ["#1"]);
  });

  test("a plant with no zones at all is a flat network", () => {
    const flat = runRules(
      analysisContext({ plant: plantOf({ site: { name: "x" } }), capture: modbus, now: NOW }),
      ARCHITECTURE_RULES,
    );
    assert.deepEqual(ids(flat, "ARCH-001"), ["ARCH-001:no-zones"]);
    assert.match(byRule(flat, "ARCH-001")[0]!.summary, /declares no zones; the captures show \d+ hosts/);
  });
});
