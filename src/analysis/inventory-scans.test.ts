import assert from "node:assert/strict";
import { test } from "node:test";
import type { Plant } from "../model/plant.js";
import type { ScanReport } from "../model/vulnerability.js";
import { loadPlantFile } from "../sources/plant-yaml.js";
import { readScanFiles } from "../sources/scan-files.js";
import { mergedInventory } from "./inventory.js";
import { withScanHosts } from "./inventory-scans.js";

function example(): Plant {
  const { plant } = loadPlantFile("examples/water-treatment/plant.yaml", "plant.yaml");
  assert.ok(plant);
  return plant;
}

const scans: ScanReport[] = (
  await readScanFiles([
    { absolute: "examples/water-treatment/scans/control-nmap.xml", display: "scans/control-nmap.xml" },
    { absolute: "examples/water-treatment/scans/supervisory.nessus", display: "scans/supervisory.nessus" },
  ])
).scans;

const merged = (plant: Plant) => withScanHosts(mergedInventory(plant, null), scans, plant.spec.zones);
const byId = (plant: Plant, id: string) => merged(plant).assets.find((a) => a.id === id)!;

test("a firmware plant.yaml lacks is taken from the scan, with the report line that says so", () => {
  const dosing = byId(example(), "plc-dosing");
  assert.equal(dosing.firmware?.value, "33.11");
  // Line 89 of the report is the <port> element of 44818/tcp that carries the enip-info output.
  assert.deepEqual(dosing.firmware?.sources, [
    { kind: "line", file: "scans/control-nmap.xml", line: 89, note: "enip-info firmware" },
  ]);
  assert.ok(dosing.services?.some((s) => s.port === 44818 && s.transport === "tcp"));
});

test("a declared value wins; an agreeing scan adds a source, a disagreeing one shows its value", () => {
  const agreeing = byId(example(), "plc-intake").firmware!;
  assert.equal(agreeing.value, "V4.2.1");
  assert.equal(agreeing.sources.at(-1)?.note, "s7-info firmware");
  const plant = example();
  plant.spec.assets.find((a) => a.id === "plc-intake")!.firmware = "V4.1.0";
  const disagreeing = byId(plant, "plc-intake").firmware!;
  assert.equal(disagreeing.value, "V4.1.0");
  assert.equal(disagreeing.sources.at(-1)?.note, "s7-info firmware: V4.2.1");
  // "v2.70" from Modbus and "2.70" from plant.yaml are the same version.
  assert.equal(byId(example(), "plc-filter").firmware?.sources.at(-1)?.note, "modbus-discover firmware");
});

test("hosts plant.yaml does not declare become observed-only assets in their zone", () => {
  const et200 = byId(example(), "ip:192.168.30.51");
  assert.equal(et200.declared, false);
  assert.equal(et200.zone, "control");
  assert.equal(et200.vendor?.value, "Siemens");
  assert.deepEqual(et200.macs, ["28:63:36:30:00:51"]);
});

test("operating systems, services and scanner findings of the Nessus report", () => {
  const m = merged(example());
  const hmi02 = m.assets.find((a) => a.id === "hmi-02")!;
  assert.equal(hmi02.os?.value, "Microsoft Windows 7 Professional Service Pack 1");
  assert.deepEqual(
    hmi02.services?.map((s) => s.port),
    [445, 3389],
  );
  assert.deepEqual(
    m.findings.filter((f) => f.asset === "hmi-02").map((f) => f.finding.id),
    ["97833", "57608"],
  );
  // Declared assets are not duplicated: one asset per address.
  assert.equal(m.assets.filter((a) => a.ips.includes("192.168.20.22")).length, 1);
});

test("a station the capture saw only by MAC is placed in the zone of the address the scanner found", async () => {
  // The example's ET200SP stations answer PROFINET DCP (layer 2 only); the nmap scan of the control network finds
  // them at 192.168.30.51 and .52, inside the control zone's subnet.
  const plant = example();
  const { analyzeCaptures } = await import("../capture/engine.js");
  const capture = await analyzeCaptures(["examples/water-treatment/captures/plant.pcap"]);
  const station = capture.assets.find((a) => a.hostnames.includes("et200sp-intake-1"))!;
  assert.deepEqual(station.ips, []);
  const assets = withScanHosts(mergedInventory(plant, capture), scans, plant.spec.zones).assets;
  const merged = assets.find((a) => a.id === station.id)!;
  assert.deepEqual([merged.ips, merged.zone], [["192.168.30.51"], "control"]);
});

test("the OT firewall's own interfaces seen on the wire are the declared firewall, not undeclared hosts", async () => {
  const plant = example();
  const { analyzeCaptures } = await import("../capture/engine.js");
  const { readFirewallFile } = await import("../sources/firewall/load.js");
  const { plantInventory } = await import("./plant-inventory.js");
  const capture = await analyzeCaptures(["examples/water-treatment/captures/plant.pcap"]);
  const fw = readFirewallFile("examples/water-treatment/firewalls/fw-ot.conf", "firewalls/fw-ot.conf");
  const without = plantInventory({ plant, capture, now: new Date(), firewalls: [] }).assets;
  // Without the configuration the gateway addresses look like hosts nobody declared.
  assert.ok(without.some((a) => !a.declared && a.ips.includes("192.168.20.1")));
  const assets = plantInventory({
    plant,
    capture,
    now: new Date(),
    firewalls: fw.config ? [fw.config] : [],
  }).assets;
  const fwOt = assets.find((a) => a.id === "fw-ot")!;
  assert.ok(
    ["172.16.50.1", "192.168.20.1", "192.168.30.1"].every((ip) => fwOt.ips.includes(ip)),
    fwOt.ips.join(),
  );
  assert.ok(fwOt.macs.includes("00:09:0f:09:0a:01"));
  assert.deepEqual(
    assets.filter((a) => !a.declared && a.macs.includes("00:09:0f:09:0a:01")).map((a) => a.id),
    [],
  );
});

test("a firewall's interfaces declared in plant.yaml make its gateway addresses its own, without its configuration", async () => {
  const { analyzeCaptures } = await import("../capture/engine.js");
  const { plantInventory } = await import("./plant-inventory.js");
  const { PlantFile } = await import("../model/plant.js");
  const capture = await analyzeCaptures(["examples/water-treatment/captures/plant.pcap"]);
  const base = example();
  const spec = PlantFile.parse({
    ...base.spec,
    assets: base.spec.assets.map((a) =>
      a.id === "fw-ot"
        ? {
            ...a,
            interfaces: [
              { name: "SUP-V20", ip: "192.168.20.1", zone: "supervisory" },
              { name: "CTL-V30", ip: "192.168.30.1", zone: "control" },
            ],
          }
        : a,
    ),
  });
  const plant: Plant = { ...base, spec };
  const assets = plantInventory({ plant, capture, now: new Date(), firewalls: [] }).assets;
  const fwOt = assets.find((a) => a.id === "fw-ot")!;
  assert.deepEqual(fwOt.ips, ["172.16.50.1", "192.168.20.1", "192.168.30.1"]);
  assert.deepEqual(
    assets.filter((a) => !a.declared && a.ips.some((ip) => ip.endsWith(".1"))).map((a) => a.id),
    [],
  );
});

test("an interface names a zone that exists, and sits in its subnets", async () => {
  const { checkPlantReferences } = await import("../sources/plant-references.js");
  const plant = {
    site: { name: "x" },
    zones: [
      {
        id: "control",
        name: "c",
        purdueLevel: 1,
        criticality: "high",
        slTarget: 2,
        subnets: ["10.0.1.0/24"],
      },
    ],
    assets: [
      {
        id: "fw",
        name: "fw",
        role: "firewall",
        interfaces: [
          { ip: "10.0.1.1", zone: "control" },
          { ip: "10.0.2.1", zone: "control" },
          { ip: "10.0.3.1", zone: "contrl" },
        ],
      },
    ],
  };
  assert.deepEqual(
    checkPlantReferences(plant).map((p) => [p.path.join("."), p.code, p.severity]),
    [
      ["assets.0.interfaces.2.zone", "unknown-reference", "error"],
      ["assets.0.interfaces.1.ip", "outside-zone", "warning"],
    ],
  );
});
