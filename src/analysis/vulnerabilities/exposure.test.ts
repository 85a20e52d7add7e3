import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import { analyzeCaptures } from "../../capture/engine.js";
import type { Plant } from "../../model/plant.js";
import { parseFirewallConfig } from "../../sources/firewall/load.js";
import { loadPlantFile } from "../../sources/plant-yaml.js";
import { analysisContext } from "../context.js";
import { exposureModel } from "./exposure.js";

function example(): Plant {
  const { plant } = loadPlantFile("examples/water-treatment/plant.yaml", "plant.yaml");
  assert.ok(plant);
  return plant;
}

const assetOf = (plant: Plant, id: string) => {
  const a = plant.spec.assets.find((x) => x.id === id)!;
  return { id: a.id, zone: a.zone ?? null, ips: a.ips };
};

test("exposure from the zone model: enterprise, through the DMZ, and remote access past the jump host", () => {
  const plant = example();
  const exposure = exposureModel(plant, null);
  const of = (id: string) => exposure(assetOf(plant, id));
  assert.equal(of("dc01").level, "enterprise");
  // The enterprise-dmz conduit declares https 443 and rdp 3389 from the enterprise.
  assert.deepEqual(of("hist-mirror").reasons, [
    "conduit enterprise-dmz lets enterprise (Purdue 4) open https 443, rdp 3389 into zone dmz",
  ]);
  // The dosing skid's port forward (conduit dosetech-service) lets the outside into the control zone, to plc-dosing
  // only; the other controllers share its flat network.
  assert.deepEqual(of("plc-intake"), {
    level: "indirect",
    reasons: [
      "conduit dosetech-service lets (external) open enip 44818 into zone control, to other hosts of the zone",
    ],
    evidence: [{ kind: "line", file: "plant.yaml", line: plant.lines["conduits.4"]! }],
  });
  // TeamViewer on ews-01 and the 4G modem of the dosing skid reach their targets from outside.
  assert.equal(of("ews-01").level, "external");
  assert.deepEqual(of("plc-dosing").reasons, [
    "conduit dosetech-service lets (external) open enip 44818 into zone control",
    "remote access dosetech-modem (modem) reaches it from outside, not through a jump host",
  ]);
});

test("a conduit whose flows all start inside does not expose the inside", () => {
  const plant = example();
  // Only hist01 pushes to the DMZ mirror and jump01 connects in: drop the RDP flow into supervisory.
  const conduit = plant.spec.conduits.find((c) => c.id === "dmz-supervisory")!;
  conduit.flows = conduit.flows.filter((f) => f.from === "supervisory");
  // And without the dosing skid's port forward, the one path in from outside.
  plant.spec.conduits = plant.spec.conduits.filter((c) => c.id !== "dosetech-service");
  const exposure = exposureModel(plant, null);
  assert.equal(exposure(assetOf(plant, "hist01")).level, "none");
  // scada01 is still reachable: staff VPN sessions reach it through jump01.
  assert.equal(exposure(assetOf(plant, "scada01")).level, "indirect");
  assert.equal(exposure(assetOf(plant, "plc-filter")).level, "none");
});

test("without a zone model exposure is unknown, never none", () => {
  assert.equal(exposureModel(null, null)({ id: "x", zone: null, ips: [] }).level, "unknown");
});

test("flows in the capture show enterprise hosts reaching into the control zone", async () => {
  const plant = example();
  const capture = await analyzeCaptures(["examples/water-treatment/captures/plant.pcap"]);
  const exposure = exposureModel(plant, capture)(assetOf(plant, "plc-filter"));
  assert.equal(exposure.level, "enterprise");
  // office-pc-07 writes Modbus registers of the filter PLC (a weakness planted in the example).
  assert.match(exposure.reasons[0]!, /^10\.10\.10\.21 \(enterprise\) connected to it over modbus port 502$/);
  assert.equal(exposure.evidence[0]?.kind, "frame");
});

test("firewall rules outrank conduits, down to the addresses they let in", () => {
  const plant = example();
  const dir = "examples/water-treatment/firewalls";
  const firewalls = readdirSync(dir).map((f) => {
    const { config } = parseFirewallConfig(readFileSync(join(dir, f), "utf8"), `firewalls/${f}`);
    assert.ok(config, f);
    return config;
  });
  const matrix = analysisContext({ plant, capture: null, now: new Date(), firewalls }).zoneMatrix;
  const exposure = exposureModel(plant, null, matrix);
  const of = (id: string) => exposure(assetOf(plant, id));
  // fw-ot permits RDP from the enterprise to hmi-01 only (the bypass of jump01 planted in the example).
  assert.equal(of("hmi-01").level, "enterprise");
  assert.match(
    of("hmi-01").reasons[0]!,
    /^the firewalls \(firewalls\/fw-ot\.conf\) permit rdp from enterprise into zone supervisory$/,
  );
  assert.equal(of("hmi-01").evidence[0]?.kind, "line");
  // hmi-02 is not among the addresses let in, but shares the zone.
  assert.equal(of("hmi-02").level, "indirect");
  assert.match(of("hmi-02").reasons[0]!, /to other hosts of the zone$/);
});
