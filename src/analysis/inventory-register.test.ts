import assert from "node:assert/strict";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "node:test";
import { analyzeCaptures } from "../capture/engine.js";
import { siteLayout } from "../capture/inventory/layout.js";
import { readInventoryCsv } from "../sources/inventory-csv.js";
import { loadPlantFile } from "../sources/plant-yaml.js";
import { roleOf } from "./architecture/capture-view.js";
import { analysisContext } from "./context.js";
import { mergedInventory } from "./inventory.js";
import { withRegister } from "./inventory-register.js";
import { runRules } from "./registry.js";

test("register rows join plant assets by address or name, add their facts, and add the assets plant.yaml lacks", () => {
  const { plant } = loadPlantFile("examples/water-treatment/plant.yaml", "plant.yaml");
  assert.ok(plant);
  const path = join(mkdtempSync(join(tmpdir(), "otaudit-register-")), "inventory.csv");
  writeFileSync(
    path,
    "name,vendor,product,model,firmware,ip,zone,role\n" +
      "Chlorine dosing PLC,Allen-Bradley,CompactLogix 5370,1769-L33ER,33.011,192.168.30.13,control,plc\n" +
      "Filtration PLC,Schneider Electric,Modicon M340,BMX P34 2020,2.80,,,\n" +
      "Turbidity analyser,Hach,SC1000,,3.2,192.168.30.60,,iot\n",
  );
  const { rows, problems } = readInventoryCsv(path, "inventory.csv");
  assert.deepEqual(problems, []);
  const assets = withRegister(mergedInventory(plant, null), rows, plant.spec.zones);
  const dosing = assets.find((a) => a.id === "plc-dosing")!;
  // plant.yaml has no firmware for it: the register's is taken, from line 2.
  assert.deepEqual(dosing.firmware, {
    value: "33.011",
    sources: [{ kind: "line", file: "inventory.csv", line: 2, note: "register firmware" }],
  });
  // plant.yaml's firmware stays; the register's different one is kept in its source (joined by name).
  const filter = assets.find((a) => a.id === "plc-filter")!;
  assert.equal(filter.firmware?.value, "2.70");
  assert.equal(filter.firmware?.sources.at(-1)?.note, "register firmware: 2.80");
  const hach = assets.find((a) => a.id === "turbidity-analyser")!;
  assert.deepEqual(
    [hach.zone, hach.role, hach.declared, hach.vendor?.value],
    ["control", "iot", true, "Hach"],
  );
  assert.equal(assets.length, plant.spec.assets.length + 1);
});

test("a role the register declares outranks what the captures guessed", async () => {
  // test/fixtures/routed-plant: the captures take both field stations for PLCs (they answer on port 502); the
  // register says 192.168.10.113 is a web server.
  const dir = "test/fixtures/routed-plant";
  const { plant } = loadPlantFile(`${dir}/plant.yaml`, "plant.yaml");
  assert.ok(plant);
  const capture = await analyzeCaptures([`${dir}/captures/internet-scans.pcap`], {
    layout: siteLayout(plant),
  });
  const path = join(mkdtempSync(join(tmpdir(), "otaudit-register-")), "inventory.csv");
  writeFileSync(
    path,
    "name,vendor,product,model,firmware,ip,role\nStation 2 web front end,,,,,192.168.10.113,it-server\n",
  );
  const { rows, problems } = readInventoryCsv(path, "inventory.csv");
  assert.deepEqual(problems, []);
  const ctx = analysisContext({
    plant,
    capture,
    now: new Date("2026-12-01T00:00:00Z"),
    vulnerabilityEvidence: { advisories: [], kev: null, scans: [], register: rows },
  });
  const role = (id: string) => ctx.inventory.find((a) => a.id === id)?.role;
  assert.deepEqual([role("ip:192.168.10.111"), role("ip:192.168.10.113")], ["plc", "it-server"]);
  assert.deepEqual(
    [roleOf(ctx.hosts, "192.168.10.111"), roleOf(ctx.hosts, "192.168.10.113")],
    ["plc", "it-server"],
  );
  assert.deepEqual(
    runRules(ctx)
      .filter((f) => f.rule === "ARCH-006")
      .map((f) => f.id),
    ["ARCH-006:192.168.10.111"],
  );
});
