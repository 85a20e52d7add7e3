/**
 * Where firewall findings lie, on test/fixtures/placement-plant (issue #18 item 2: "a verdict decides only what its
 * evidence proves, in the zones it concerns").
 *
 * fw-edge (ASA) is attached to the enterprise network, faces the internet and routes the OT subnets to fw-ot's
 * enterprise leg: its inside interface leads to every zone, but to all but the enterprise through fw-ot. fw-ot
 * (FortiGate) passes from the enterprise only HTTPS to the historian mirror (policy 1, the enterprise-dmz conduit)
 * and office-pc-2's RDP to scada01 (policy 2, no conduit); nothing from the enterprise reaches control or safety.
 *
 * Worked by hand for the edge's catch-all `permit ip object-group enterprise-hosts any` (no log):
 *   sources: enterprise-hosts lie in the enterprise only.
 *   destinations: any, behind any interface (the ASA sends traffic back out inside: same-security intra-interface).
 *   enterprise -> internet: fw-edge itself is the boundary (inside to outside)       -> concerned
 *   enterprise -> dmz: fw-ot passes only the conduit's HTTPS to the mirror            -> not concerned
 *   enterprise -> supervisory: fw-ot passes RDP to scada01, which no conduit declares -> concerned
 *   enterprise -> control, safety: the matrix cells are blocked                       -> not concerned
 * So FW-002 lies in enterprise and supervisory, and FW-009 (the same rule does not log) on fw-edge's own zone.
 */
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { test } from "node:test";
import { configFrom, configText, lineWith } from "../../../test/firewall-configs.js";
import type { Finding } from "../../model/finding.js";
import type { FirewallConfig } from "../../model/firewall.js";
import { loadAnswersFile } from "../../sources/answers-yaml.js";
import { loadPlantFile } from "../../sources/plant-yaml.js";
import { type AnalysisContext, analysisContext } from "../context.js";
import { automatedBearings, judgeZones } from "../gap/judge-zones.js";
import { runRules } from "../registry.js";

const DIR = "test/fixtures/placement-plant";
const EDGE = `${DIR}/firewalls/fw-edge.cfg`;
const NOW = new Date("2026-11-25T12:00:00Z");
const CATCH_ALL = "permit ip object-group enterprise-hosts any";

function plant() {
  const { plant, problems } = loadPlantFile(`${DIR}/plant.yaml`, "plant.yaml");
  assert.ok(plant, JSON.stringify(problems));
  return plant;
}

function context(edge: FirewallConfig = configFrom(EDGE, "firewalls/fw-edge.cfg")): AnalysisContext {
  const ot = configFrom(`${DIR}/firewalls/fw-ot.conf`, "firewalls/fw-ot.conf");
  return analysisContext({ plant: plant(), capture: null, now: NOW, firewalls: [edge, ot] });
}

/** The edge with its catch-all widened to any source: an any-to-any permit (FW-001) on the inside interface. */
function anyToAnyEdge(): FirewallConfig {
  const text = readFileSync(EDGE, "utf8").replace(CATCH_ALL, "permit ip any any");
  return configText(text, "firewalls/fw-edge.cfg");
}

function verdicts(ctx: AnalysisContext) {
  const findings = runRules(ctx);
  const { answers, problems } = loadAnswersFile(`${DIR}/answers.yaml`, ctx.plant, "answers.yaml");
  assert.deepEqual(problems, []);
  const bearings = automatedBearings({ ...ctx, findings });
  const zones = judgeZones({
    plant: ctx.plant,
    answers: answers!,
    findings,
    bearings,
    normativeTexts: new Map(),
  });
  const result = (zone: string, requirement: string) =>
    zones.find((z) => z.id === zone)!.requirements.find((r) => r.id === requirement)!;
  return { findings, result };
}

const byId = (list: Finding[], id: string) => {
  const f = list.find((x) => x.id === id);
  assert.ok(f, `${id} in ${list.map((x) => x.id).join(", ")}`);
  return f;
};

test("the fixture's premise: fw-ot blocks the enterprise from control and safety, and passes the enterprise's RDP to supervisory", () => {
  const cell = (from: string, to: string) =>
    context().zoneMatrix.cells.find((c) => c.from === from && c.to === to)!;
  assert.equal(cell("enterprise", "safety").status, "blocked");
  assert.equal(cell("enterprise", "control").status, "blocked");
  assert.deepEqual(
    cell("enterprise", "supervisory").permitted.map((p) => [p.service, p.beyondConduit]),
    [["tcp/3389", ["tcp/3389"]]],
  );
  assert.deepEqual(
    cell("enterprise", "dmz").permitted.map((p) => [p.service, p.beyondConduit]),
    [["tcp/443", []]],
  );
});

test("FW-002: the edge's catch-all lies where its traffic gets to, not in the safety zone fw-ot shuts it out of", () => {
  const line = lineWith(EDGE, CATCH_ALL);
  const f = byId(runRules(context()), `FW-002:firewalls/fw-edge.cfg:${line}`);
  // The wrong conclusion is gone: not safety, not control (blocked by fw-ot), not the DMZ (fw-ot passes only the
  // conduit's HTTPS there). The right one stays: the enterprise it leaves, the supervisory zone its RDP reaches.
  assert.deepEqual(f.zones, ["enterprise", "supervisory"]);
  assert.deepEqual(f.evidence, [
    {
      kind: "line",
      file: "firewalls/fw-edge.cfg",
      line,
      note: `access-list inside_access_in extended ${CATCH_ALL}`,
    },
  ]);
  assert.deepEqual(f.requirements.slice(0, 1), ["SR 5.2"]);
});

test("FW-001: an any-to-any permit on the edge's inside counts no zone it only routes to behind fw-ot as its own", () => {
  const list = runRules(context(anyToAnyEdge()));
  const f = byId(list, `FW-001:firewalls/fw-edge.cfg:${lineWith(EDGE, CATCH_ALL)}`);
  // Traffic from supervisory or safety would have to pass fw-ot to reach the edge's inside; fw-ot lets none of it
  // out. Of the destinations, again only supervisory gets anything beyond a conduit.
  assert.deepEqual(f.zones, ["enterprise", "supervisory"]);
});

test("rule-base findings stay in their device's own zones; fw-ot's RDP rule lies in the two zones it joins", () => {
  const list = runRules(context());
  // The catch-all does not log: a weakness of fw-edge's rule base, so of the enterprise it is attached to.
  assert.deepEqual(byId(list, "FW-009:firewalls/fw-edge.cfg:access-list inside_access_in").zones, [
    "enterprise",
  ]);
  const rdp = lineWith(`${DIR}/firewalls/fw-ot.conf`, "edit 2");
  assert.deepEqual(byId(list, `FW-006:firewalls/fw-ot.conf:${rdp}`).zones, ["enterprise", "supervisory"]);
  // ARCH-003: fw-ot's RDP rule goes around the DMZ between the enterprise and supervisory zones, and only those.
  assert.deepEqual(byId(list, "ARCH-003:dmz-bypassed").zones, ["enterprise", "supervisory"]);
  assert.ok(
    !list.some((f) => f.zones.includes("safety") && (f.rule.startsWith("FW") || f.rule === "ARCH-003")),
  );
});

test("the safety engineer's met answers stand where no finding concerns the zone; supervisory's SR 5.2 meets its evidence", () => {
  const { result } = verdicts(context());
  for (const r of ["SR 5.1", "SR 5.2", "SR 5.2 RE 1"]) {
    const safety = result("safety", r);
    assert.equal(safety.result, "met", `safety ${r}: ${safety.reason}`);
    assert.equal(safety.conflict, null);
    assert.deepEqual(safety.findings, []);
  }
  // The DMZ's boundary lets in only the conduit's HTTPS: its "met" for SR 5.2 stands too.
  assert.equal(result("dmz", "SR 5.2").result, "met");
  const sup = result("supervisory", "SR 5.2");
  assert.equal(sup.result, "not-met");
  assert.match(sup.conflict ?? "", /Answered met/);
  assert.ok(
    sup.findings.includes(`FW-002:firewalls/fw-edge.cfg:${lineWith(EDGE, CATCH_ALL)}`),
    sup.findings.join(),
  );
});

test("with an any-to-any edge rule (FW-001 contradicts SR 5.2 RE 1), safety keeps its met and supervisory's conflicts", () => {
  const { result } = verdicts(context(anyToAnyEdge()));
  const id = `FW-001:firewalls/fw-edge.cfg:${lineWith(EDGE, CATCH_ALL)}`;
  const safety = result("safety", "SR 5.2 RE 1");
  assert.equal(safety.result, "met", safety.reason);
  assert.deepEqual(safety.findings, []);
  const sup = result("supervisory", "SR 5.2 RE 1");
  assert.equal(sup.result, "not-met");
  assert.deepEqual(sup.findings, [id]);
});
