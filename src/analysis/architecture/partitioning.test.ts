/**
 * IEC 62443-3-2 ZCR 3.2-3.6 on test/fixtures/partitioning-plant, whose system under consideration breaks each
 * separation once:
 * - business (Purdue 4) holds the HMI hmi-office, supervisory (2) the print server print-srv (ZCR 3.2); the DMZ's
 *   patch server beside its historian mirror is the DMZ's purpose;
 * - control holds the safety controller sis-burner beside plc-mix; sis, designated safety-instrumented, holds the
 *   ordinary plc-aux beside sis-01 (ZCR 3.3);
 * - supervisory holds eng-laptop, declared temporary and wireless (ZCR 3.4, 3.5);
 * - control holds lte-router, which enforces the conduit vendor-lte to `external` and is the cellular access point
 *   ap-lte, and cam-gw, declared external-network and placed in control by its address (ZCR 3.6); fw-ot enforces
 *   internet-dmz from the DMZ, which is no control-system zone.
 * The zones wireless, service and remote are dedicated to what they hold, and contractor, outside the SuC, holds
 * everything and is never judged.
 */
import assert from "node:assert/strict";
import { before, describe, test } from "node:test";
import { lineWith } from "../../../test/firewall-configs.js";
import { assess } from "../../app/assess.js";
import type { Evidence } from "../../model/evidence.js";
import type { Finding } from "../../model/finding.js";
import type { Plant } from "../../model/plant.js";
import { Characteristics, type ConnectionKind } from "../../model/system-design.js";
import { loadPlantFile } from "../../sources/plant-yaml.js";
import { analysisContext } from "../context.js";
import { RULES, rulesOf, runRules } from "../registry.js";

const NOW = new Date("2026-12-01T00:00:00Z");
const FIXTURE = "test/fixtures/partitioning-plant/plant.yaml";
const EXAMPLE = "examples/water-treatment";

function fixture(change: (p: Plant) => void = () => {}): Plant {
  const { plant, problems } = loadPlantFile(FIXTURE, "plant.yaml");
  assert.ok(plant, JSON.stringify(problems));
  assert.deepEqual(
    problems.filter((p) => p.severity === "error"),
    [],
  );
  change(plant);
  return plant;
}

/** Sets the zone aside for these kinds of connection, keeping its other characteristics. */
function dedicate(p: Plant, zone: string, kinds: ConnectionKind[]): void {
  const z = p.spec.zones.find((x) => x.id === zone)!;
  z.characteristics = Characteristics.parse({ ...z.characteristics, dedicatedTo: kinds });
}

const partitioning = (plant: Plant): Finding[] =>
  runRules(analysisContext({ plant, capture: null, now: NOW }), rulesOf("PART"));

const ids = (list: readonly Finding[]) => list.map((f) => f.id).sort();
const find = (list: readonly Finding[], id: string): Finding => {
  const f = list.find((x) => x.id === id);
  assert.ok(f, `${id} among ${ids(list).join(", ")}`);
  return f;
};
/** `plant.yaml:12` for each line the finding cites. */
const lines = (f: Finding) =>
  f.evidence.map((e: Evidence) => (e.kind === "line" ? `${e.file}:${e.line}` : e.kind));
const at = (file: string, text: string) => `plant.yaml:${lineWith(file, text)}`;
const fx = (text: string) => at(FIXTURE, text);

describe("the partitioning test site", () => {
  let findings: Finding[];
  before(() => {
    findings = partitioning(fixture());
  });

  test("each check fires on the zone that breaks it, and only there", () => {
    assert.deepEqual(ids(findings), [
      "PART-001:business",
      "PART-001:supervisory",
      "PART-002:control",
      "PART-002:sis",
      "PART-003:supervisory",
      "PART-004:supervisory",
      "PART-005:control",
    ]);
    for (const f of findings) assert.deepEqual(f.zones, [f.id.split(":")[1]]);
  });

  test("the rules cite their ZCR and relate to the 62443-3-3 requirements of segmentation", () => {
    const zcr = Object.fromEntries(rulesOf("PART").map((r) => [r.id, r.contradicts]));
    assert.deepEqual(zcr, {
      "PART-001": ["ZCR 3.2"],
      "PART-002": ["ZCR 3.3"],
      "PART-003": ["ZCR 3.4"],
      "PART-004": ["ZCR 3.5"],
      "PART-005": ["ZCR 3.6"],
    });
    for (const r of rulesOf("PART")) assert.ok(r.related.includes("SR 5.1"), r.id);
    assert.equal(RULES.filter((r) => r.id.startsWith("PART-")).length, 5);
  });

  test("ZCR 3.2: an HMI in an enterprise zone, a print server in a control-system zone; the DMZ is exempt", () => {
    const business = find(findings, "PART-001:business");
    assert.deepEqual(business.assets, ["hmi-office"]);
    assert.deepEqual(lines(business), [fx("id: hmi-office"), fx("- id: business")]);
    assert.match(business.summary, /enterprise zone but holds control-system assets: hmi-office \(hmi\)/);
    const supervisory = find(findings, "PART-001:supervisory");
    assert.deepEqual(supervisory.assets, ["print-srv"]);
    assert.deepEqual(lines(supervisory), [fx("id: print-srv"), fx("- id: supervisory")]);
    assert.match(supervisory.summary, /control-system zone but holds business IT: print-srv \(it-server\)/);
    assert.ok(!findings.some((f) => f.zones.includes("dmz")));
  });

  test("ZCR 3.3: a safety controller beside a PLC, and a PLC in the safety-instrumented zone", () => {
    const control = find(findings, "PART-002:control");
    assert.deepEqual(control.assets, ["sis-burner", "plc-mix"]);
    assert.deepEqual(lines(control), [fx("id: sis-burner"), fx("id: plc-mix"), fx("- id: control")]);
    assert.match(
      control.summary,
      /^Zone control holds safety controller sis-burner together with basic-control and supervisory assets plc-mix \(plc\)\.$/,
    );
    const sis = find(findings, "PART-002:sis");
    assert.deepEqual(sis.assets, ["sis-01", "plc-aux"]);
    assert.match(
      sis.summary,
      /^Zone sis, designated safety-instrumented, holds safety controller sis-01 together with basic-control and supervisory assets plc-aux \(plc\)\.$/,
    );
    // Without its safety controller, the zone's designation alone makes the PLC out of place.
    const designatedOnly = find(
      partitioning(
        fixture((p) => {
          p.spec.assets.find((a) => a.id === "sis-01")!.role = "unknown";
        }),
      ),
      "PART-002:sis",
    );
    assert.deepEqual(designatedOnly.assets, ["plc-aux"]);
    assert.match(
      designatedOnly.summary,
      /^Zone sis is designated safety-instrumented, yet holds controllers that are not safety controllers: plc-aux \(plc\)\.$/,
    );
    assert.deepEqual(lines(designatedOnly), [fx("id: plc-aux"), fx("- id: sis")]);
  });

  test("ZCR 3.4 and 3.5: the engineering laptop, temporary and wireless, in the wired, permanent supervisory zone", () => {
    for (const id of ["PART-003:supervisory", "PART-004:supervisory"]) {
      const f = find(findings, id);
      assert.deepEqual(f.assets, ["eng-laptop"], id);
      assert.deepEqual(lines(f), [fx("id: eng-laptop"), fx("- id: supervisory")], id);
      assert.equal(
        f.evidence[0]?.kind === "line" && f.evidence[0].note,
        "eng-laptop: ews, connection temporary, wireless",
      );
    }
    assert.match(
      find(findings, "PART-003:supervisory").summary,
      /eng-laptop \(declared as connected temporarily\)/,
    );
    assert.match(
      find(findings, "PART-004:supervisory").summary,
      /eng-laptop \(declared as connected by wireless\)/,
    );
  });

  test("ZCR 3.6: the LTE router by its conduit and access point, the camera gateway by its declaration", () => {
    const f = find(findings, "PART-005:control");
    assert.deepEqual(f.assets, ["lte-router", "cam-gw"]);
    assert.deepEqual(lines(f), [
      fx("id: lte-router"),
      fx("- id: vendor-lte"),
      fx("id: ap-lte"),
      fx("id: cam-gw"),
      fx("- id: control"),
    ]);
    assert.match(
      f.summary,
      /lte-router \(it enforces conduit vendor-lte to external networks; it is the cellular access point ap-lte\), cam-gw \(declared as connected through an external network\)/,
    );
    // The OT firewall enforces the internet conduit from the DMZ, which is no control-system zone.
    assert.ok(!f.assets.includes("fw-ot"));
  });

  test("a zone dedicated to what it holds is quiet", () => {
    const dedicated = partitioning(
      fixture((p) => {
        dedicate(p, "supervisory", ["temporary", "wireless"]);
        dedicate(p, "control", ["external-network"]);
      }),
    );
    assert.deepEqual(
      ids(dedicated).filter((id) => /PART-00[345]/.test(id)),
      [],
    );
    // Dedicated to wireless only, the supervisory zone is still no place for a temporary device.
    const wirelessOnly = partitioning(fixture((p) => dedicate(p, "supervisory", ["wireless"])));
    assert.ok(ids(wirelessOnly).includes("PART-003:supervisory"));
    assert.ok(!ids(wirelessOnly).includes("PART-004:supervisory"));
    // Not set aside for them, the tablets' zone is judged: the access point by its kind, the tablet by its declaration.
    const tablets = find(partitioning(fixture((p) => dedicate(p, "wireless", []))), "PART-004:wireless");
    assert.deepEqual(tablets.assets, ["wap-01", "tablet-01"]);
    assert.deepEqual(lines(tablets), [
      fx("id: wap-01"),
      fx("id: ap-wifi"),
      fx("id: tablet-01"),
      fx("- id: wireless"),
    ]);
  });

  test("a zone outside the system under consideration is never judged; without a SuC every zone is", () => {
    const narrowed = partitioning(
      fixture((p) => {
        p.spec.system!.zones = p.spec.system!.zones.filter((z) => z !== "control" && z !== "supervisory");
      }),
    );
    assert.deepEqual(ids(narrowed), ["PART-001:business", "PART-002:sis"]);
    const unstated = partitioning(
      fixture((p) => {
        delete p.spec.system;
      }),
    );
    assert.deepEqual(
      ids(unstated).filter((id) => id.endsWith(":contractor")),
      [
        "PART-001:contractor",
        "PART-002:contractor",
        "PART-003:contractor",
        "PART-004:contractor",
        "PART-005:contractor",
      ],
    );
  });
});

describe("the example plant", () => {
  let findings: Finding[];
  before(async () => {
    findings = (await assess(EXAMPLE, { now: NOW })).findings.filter((f) => f.rule.startsWith("PART-"));
  });

  test("only the dosing skid's LTE router is out of place: in the control zone, connected to the outside", () => {
    assert.deepEqual(ids(findings), ["PART-005:control"]);
    const f = findings[0]!;
    assert.deepEqual(f.zones, ["control"]);
    assert.deepEqual(f.assets, ["dose-4g"]);
    const plant = `${EXAMPLE}/plant.yaml`;
    assert.deepEqual(lines(f), [
      at(plant, "id: dose-4g"),
      at(plant, "- id: dosetech-service"),
      at(plant, "id: ap-dose-4g"),
      at(plant, "- id: control"),
    ]);
    assert.match(
      f.summary,
      /^Zone control \(Purdue level 1\) holds devices connected to networks outside the plant: dose-4g \(it enforces conduit dosetech-service to external networks; it is the cellular access point ap-dose-4g\)\./,
    );
  });
});
