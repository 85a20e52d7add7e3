import assert from "node:assert/strict";
import { test } from "node:test";
import type { Plant } from "../model/plant.js";
import { loadPlantFile } from "../sources/plant-yaml.js";
import { analysisContext } from "./context.js";
import { RULES, runRules } from "./registry.js";

const NOW = new Date("2026-11-25T12:00:00Z");

function example(): Plant {
  const { plant } = loadPlantFile("examples/water-treatment/plant.yaml", "plant.yaml");
  assert.ok(plant);
  return plant;
}

function withChanges(change: (p: Plant) => void): Plant {
  const p = structuredClone(example());
  change(p);
  return p;
}

const idsOf = (plant: Plant, rule: string) =>
  runRules(analysisContext({ plant, capture: null, now: NOW }))
    .filter((f) => f.rule === rule)
    .map((f) => f.id)
    .sort();

test("every rule has a unique id and at least one IEC 62443 reference", () => {
  const ids = RULES.map((r) => r.id);
  assert.equal(new Set(ids).size, ids.length);
  for (const r of RULES) assert.ok(r.contradicts.length + r.related.length > 0, r.id);
});

test("ACC-001 finds the shared and default accounts of the example, not the personal ones", () => {
  assert.deepEqual(idsOf(example(), "ACC-001"), [
    "ACC-001:ews-01/vendor_svc",
    "ACC-001:plc-filter/USER",
    "ACC-001:scada01/Administrator",
    "ACC-001:scada01/operator",
  ]);
  const disabled = withChanges((p) => {
    for (const a of p.spec.accounts) a.enabled = false;
  });
  assert.deepEqual(idsOf(disabled, "ACC-001"), []);
});

test("ACC-002 needs privileged, remote and no MFA together", () => {
  assert.deepEqual(idsOf(example(), "ACC-002"), [
    "ACC-002:ews-01/vendor_svc",
    "ACC-002:scada01/Administrator",
  ]);
  const withMfa = withChanges((p) => {
    for (const a of p.spec.accounts) a.mfa = true;
  });
  assert.deepEqual(idsOf(withMfa, "ACC-002"), []);
});

test("ACC-003 flags accounts unused for 90 days, measured to the assessment time", () => {
  // vendor_svc last logged on 2026-06-02: 176 days before NOW.
  assert.deepEqual(idsOf(example(), "ACC-003"), ["ACC-003:ews-01/vendor_svc"]);
  const early = runRules(
    analysisContext({ plant: example(), capture: null, now: new Date("2026-06-30T00:00:00Z") }),
  );
  assert.deepEqual(
    early.filter((f) => f.rule === "ACC-003").map((f) => f.id),
    [],
  );
});

test("BAK-001 finds backups never or not recently restore-tested, with the line of the register entry", () => {
  const plant = example();
  const findings = runRules(analysisContext({ plant, capture: null, now: NOW })).filter(
    (f) => f.rule === "BAK-001",
  );
  // ews-01 last tested 2025-09-02 (449 days); plc-intake and plc-filter never.
  assert.deepEqual(findings.map((f) => f.id).sort(), [
    "BAK-001:ews-01",
    "BAK-001:plc-filter",
    "BAK-001:plc-intake",
  ]);
  const plcFilter = findings.find((f) => f.id === "BAK-001:plc-filter")!;
  assert.equal(plcFilter.summary, "The backup of plc-filter has never been restore-tested.");
  assert.deepEqual(plcFilter.evidence, [
    { kind: "line", file: "plant.yaml", line: plant.lines["backups.3"] },
  ]);
  assert.deepEqual(plcFilter.zones, ["control"]);
});

test("BAK-003 lists control-system assets missing from the backup register, not office PCs", () => {
  const ids = idsOf(example(), "BAK-003");
  assert.ok(ids.includes("BAK-003:rtu-reservoir"));
  assert.ok(ids.includes("BAK-003:hmi-01"));
  assert.ok(!ids.includes("BAK-003:office-pc-07"));
  assert.ok(!ids.includes("BAK-003:scada01"));
});

test("RA rules: the integrator's TeamViewer bypasses the jump host, is unmonitored and has no MFA", () => {
  const plant = example();
  assert.deepEqual(idsOf(plant, "RA-001"), ["RA-001:aquatech-teamviewer", "RA-001:dosetech-modem"]);
  assert.deepEqual(idsOf(plant, "RA-002"), ["RA-002:aquatech-teamviewer", "RA-002:dosetech-modem"]);
  assert.deepEqual(idsOf(plant, "RA-003"), ["RA-003:aquatech-teamviewer", "RA-003:dosetech-modem"]);
  const tv = runRules(analysisContext({ plant, capture: null, now: NOW })).find(
    (f) => f.id === "RA-002:aquatech-teamviewer",
  )!;
  assert.equal(tv.severity, "critical");
  assert.deepEqual(tv.zones, ["supervisory"]);
  assert.deepEqual(tv.assets, ["ews-01"]);
});
