import assert from "node:assert/strict";
import { before, describe, test } from "node:test";
import { configFrom, lineWith } from "../../../test/firewall-configs.js";
import { analyzeCaptures } from "../../capture/engine.js";
import type { FirewallConfig } from "../../model/firewall.js";
import type { Plant } from "../../model/plant.js";
import type { ZoneMatrix, ZoneMatrixCell } from "../../model/zone-matrix.js";
import { loadPlantFile } from "../../sources/plant-yaml.js";
import { analysisContext } from "../context.js";

const EXAMPLE = "examples/water-treatment";
const FW_OT = `${EXAMPLE}/firewalls/fw-ot.conf`;

describe("the example plant's zone matrix", () => {
  let plant: Plant;
  let firewalls: FirewallConfig[];
  let m: ZoneMatrix;
  const cell = (from: string, to: string): ZoneMatrixCell =>
    m.cells.find((c) => c.from === from && c.to === to)!;

  before(() => {
    const loaded = loadPlantFile(`${EXAMPLE}/plant.yaml`, "plant.yaml");
    assert.ok(loaded.plant);
    plant = loaded.plant;
    firewalls = ["fw-ot.conf", "fw-edge.cfg", "dose-4g.rules", "syslog01.nft"].map((f) =>
      configFrom(`${EXAMPLE}/firewalls/${f}`, `firewalls/${f}`),
    );
    m = analysisContext({ plant, capture: null, now: new Date(), firewalls }).zoneMatrix;
  });

  test("zones sit behind interfaces by address, route, WAN name, or as the host's own zone", () => {
    const behind = (file: string, iface: string) =>
      m.interfaces.find((i) => i.file === file && i.interface === iface);
    assert.deepEqual(behind("firewalls/fw-ot.conf", "ENT-V10"), {
      file: "firewalls/fw-ot.conf",
      interface: "ENT-V10",
      zones: ["(external)", "enterprise"],
      reason: "address 10.10.10.1/24; default route (line 493)",
    });
    assert.deepEqual(behind("firewalls/fw-ot.conf", "SIS-V40")?.zones, ["safety"]);
    // The ASA routes the OT subnets to the FortiGate through its inside interface.
    assert.deepEqual(behind("firewalls/fw-edge.cfg", "inside")?.zones, [
      "control",
      "dmz",
      "enterprise",
      "safety",
      "supervisory",
    ]);
    assert.deepEqual(behind("firewalls/dose-4g.rules", "wwan0")?.reason, "WAN interface name");
    assert.deepEqual(
      behind("firewalls/dose-4g.rules", "br-lan")?.reason,
      "host firewall of dose-4g (zone control)",
    );
    assert.equal(m.cells.length, 30);
  });

  test("enterprise reaches control on Modbus through the dashboard rule, with no conduit", () => {
    const c = cell("enterprise", "control");
    assert.equal(c.status, "permitted");
    assert.equal(c.conduit, null);
    assert.deepEqual(c.permitted, [
      {
        service: "tcp/502",
        name: "modbus",
        sources: ["10.10.10.0/24"],
        // The 4G router (192.168.30.50) is the one host whose own firewall drops it (it admits 22, 80, 53 only).
        destinations: [
          "192.168.30.0/27",
          "192.168.30.32/28",
          "192.168.30.48/31",
          "192.168.30.51-192.168.30.255",
        ],
        rules: [
          {
            file: "firewalls/fw-ot.conf",
            line: lineWith(FW_OT, "edit 11"),
            text: "edit 11 (Filter dashboard)",
          },
        ],
        beyondConduit: ["tcp/502"],
      },
    ]);
    assert.equal(cell("enterprise", "safety").status, "blocked");
  });

  test("a conduit's rules inside and beyond its declared flows", () => {
    assert.deepEqual(
      cell("dmz", "supervisory").permitted.map((s) => [s.service, s.beyondConduit]),
      [["tcp/3389", []]],
    );
    const sc = cell("supervisory", "control");
    assert.equal(sc.conduit, "supervisory-control");
    const commissioning = sc.permitted.find(
      (s) => s.rules[0]!.line === lineWith(FW_OT, "edit 10") && s.rules.length === 1,
    )!;
    assert.deepEqual(
      [commissioning.service, commissioning.sources, commissioning.beyondConduit],
      ["any", ["192.168.20.30/32"], ["any other service"]],
    );
    const polling = sc.permitted.find((s) => s.rules[0]!.line === lineWith(FW_OT, "edit 6"))!;
    // The SCADA group's SNMP service is tcp/udp 161-162 and its ENIP one adds udp 44818 and 2222.
    assert.deepEqual(polling.beyondConduit, ["tcp/161-162, udp/162, udp/2222, udp/44818"]);
  });

  test("the internet reaches the dosing PLC through the 4G router, and the control zone reaches the internet", () => {
    assert.deepEqual(
      cell("(external)", "control").permitted.map((s) => [
        s.service,
        s.destinations,
        s.rules.map((r) => `${r.file}:${r.line}`),
      ]),
      [["tcp/44818", ["192.168.30.13/32"], ["firewalls/dose-4g.rules:60"]]],
    );
    assert.deepEqual(
      cell("control", "(external)").permitted.map((s) => [s.service, s.rules.map((r) => r.line)]),
      [["any", [58]]],
    );
    // The corporate firewall's mail rule names an FQDN: what it permits is an upper bound.
    assert.equal(cell("enterprise", "(external)").exact, false);
  });

  test("flows seen crossing between zones sit in their cell, marked inside or outside the conduit", async () => {
    const capture = await analyzeCaptures([`${EXAMPLE}/captures/plant.pcap`]);
    const withFlows = analysisContext({ plant, capture, now: new Date(), firewalls }).zoneMatrix;
    const at = (from: string, to: string) => withFlows.cells.find((c) => c.from === from && c.to === to)!;
    assert.deepEqual(
      at("enterprise", "control").observed.map((o) => [
        o.protocol,
        o.port,
        o.clients,
        o.servers,
        o.example.frame,
        o.declared,
      ]),
      [["modbus", 502, ["10.10.10.21"], ["192.168.30.12"], 3133, false]],
    );
    assert.deepEqual(
      at("dmz", "supervisory").observed.map((o) => [o.protocol, o.flows, o.declared]),
      [["rdp", 2, true]],
    );
  });
});
