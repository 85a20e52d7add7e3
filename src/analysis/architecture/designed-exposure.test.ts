/**
 * Exposure by design: a conduit from `external` declares a deliberate path from outside the plant (the example's
 * dosing-skid router forwards EtherNet/IP from its LTE side to the dosing PLC). The findings about that path say it
 * is the design and contradict only what the design lacks; a path the conduit does not declare is still a surprise.
 */
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { configFrom } from "../../../test/firewall-configs.js";
import { contradicted, type Finding } from "../../model/finding.js";
import { type Plant, PlantFile } from "../../model/plant.js";
import { checkPlantReferences } from "../../sources/plant-references.js";
import { analysisContext } from "../context.js";
import { rulesOf, runRules } from "../registry.js";

const NOW = new Date("2026-11-25T12:00:00Z");
const DOSE_4G = configFrom("examples/water-treatment/firewalls/dose-4g.rules", "firewalls/dose-4g.rules");

/** The control zone of the example with the dosing PLC and the skid router, and the conduits given. */
function plant(conduits: unknown[], fr5Target = 3): Plant {
  const spec = PlantFile.parse({
    site: { name: "Exposure test" },
    zones: [
      {
        id: "control",
        name: "Basic process control",
        purdueLevel: 1,
        subnets: ["192.168.30.0/24"],
        criticality: "critical",
        slTarget: [2, 2, 2, 2, fr5Target, 2, 2],
      },
    ],
    conduits,
    assets: [
      { id: "plc-dosing", name: "Dosing PLC", role: "plc", zone: "control", ips: ["192.168.30.13"] },
      { id: "plc-filter", name: "Filter PLC", role: "plc", zone: "control", ips: ["192.168.30.12"] },
      { id: "dose-4g", name: "Skid router", role: "network-device", zone: "control", ips: ["192.168.30.50"] },
    ],
  });
  return { file: "plant.yaml", spec, lines: { "conduits.0": 40 } };
}

const service = (responders: string[], protections = ["none"]) => ({
  id: "dosetech-service",
  zones: ["external", "control"],
  protections,
  enforcedBy: ["dose-4g"],
  flows: [{ protocol: "enip", ports: [44818], from: "external", to: "control", responders }],
});

function findings(p: Plant): Finding[] {
  return runRules(analysisContext({ plant: p, capture: null, now: NOW, firewalls: [DOSE_4G] }), [
    ...rulesOf("ARCH"),
    ...rulesOf("FW"),
  ]);
}

const find = (list: Finding[], id: string): Finding => {
  const f = list.find((x) => x.id === id);
  assert.ok(f, `${id} among ${list.map((x) => x.id).join(", ")}`);
  return f;
};

describe("a controller exposed to external networks", () => {
  test("undeclared, the port forward is a surprise that breaks the control zone's boundary", () => {
    const list = findings(plant([]));
    const arch = find(list, "ARCH-006:plc-dosing");
    assert.deepEqual(contradicted(arch), ["SR 5.2"]);
    assert.doesNotMatch(arch.summary, /by design/);
    assert.deepEqual(contradicted(find(list, "FW-005:firewalls/dose-4g.rules:60")), ["SR 5.2"]);
  });

  test("declared by a conduit without protection, it is the design and contradicts only what the design lacks", () => {
    const p = plant([service(["plc-dosing"])]);
    const list = findings(p);
    const arch = find(list, "ARCH-006:plc-dosing");
    assert.equal(arch.severity, "critical");
    assert.match(arch.summary, /\(declared by conduit dosetech-service\)/);
    assert.match(
      arch.summary,
      /The exposure is by design: plant\.yaml declares it \(conduit dosetech-service\)\./,
    );
    // No declared protection controls the access; FR5 SL-T 3 asks for independence from non-control networks.
    assert.deepEqual(contradicted(arch).sort(), ["SR 1.13", "SR 5.1 RE 2"]);
    assert.ok(arch.evidence.some((e) => e.kind === "line" && e.file === "plant.yaml" && e.line === 40));
    assert.deepEqual(arch.crossings, [{ from: "(external)", to: "control" }]);
    const fw = find(list, "FW-005:firewalls/dose-4g.rules:60");
    assert.match(fw.summary, /by design/);
    // FW-005 does not cite SR 5.1 RE 2: only the uncontrolled access remains.
    assert.deepEqual(contradicted(fw), ["SR 1.13"]);
  });

  test("a declared VPN and a lower SL-T leave the finding on record, deciding nothing", () => {
    const arch = find(
      findings(plant([service(["plc-dosing"], ["vpn", "firewall"])], 2)),
      "ARCH-006:plc-dosing",
    );
    assert.match(arch.summary, /by design/);
    assert.deepEqual(contradicted(arch), []);
  });

  test("a conduit that declares the service to another controller does not cover this one", () => {
    const list = findings(plant([service(["plc-filter"])]));
    const arch = find(list, "ARCH-006:plc-dosing");
    assert.doesNotMatch(arch.summary, /by design/);
    assert.deepEqual(contradicted(arch), ["SR 5.2"]);
    // The forward reaches plc-dosing, which the conduit does not name: the rule is no more the design than the path.
    const fw = find(list, "FW-005:firewalls/dose-4g.rules:60");
    assert.doesNotMatch(fw.summary, /by design/);
    assert.deepEqual(contradicted(fw), ["SR 5.2"]);
  });

  test("a conduit naming the PLC by its role covers the forward to it", () => {
    const fw = find(findings(plant([service(["plc"])])), "FW-005:firewalls/dose-4g.rules:60");
    assert.match(fw.summary, /by design/);
    assert.deepEqual(contradicted(fw), ["SR 1.13"]);
  });
});

describe("plant.yaml names the outside `external`", () => {
  const base = {
    site: { name: "x" },
    zones: [{ id: "control", name: "c", purdueLevel: 1, criticality: "high", slTarget: 2 }],
  };

  test("a conduit to it is read as the external pseudo-zone, in its zones and its flows", () => {
    const conduits = [
      {
        id: "vendor",
        zones: ["control", "external"],
        flows: [{ protocol: "https", ports: [443], from: "control", to: "external" }],
      },
    ];
    const spec = PlantFile.parse({ ...base, conduits });
    assert.deepEqual(spec.conduits[0]!.zones, ["control", "(external)"]);
    assert.equal(spec.conduits[0]!.flows[0]!.to, "(external)");
    assert.deepEqual(checkPlantReferences({ ...base, conduits }), []);
  });

  test("no zone may take the name", () => {
    const problems = checkPlantReferences({
      ...base,
      zones: [...base.zones, { id: "external", name: "e", purdueLevel: 5, criticality: "low", slTarget: 1 }],
    });
    assert.deepEqual(
      problems.map((p) => [p.path.join("."), p.code]),
      [["zones.1.id", "invalid-value"]],
    );
  });
});
