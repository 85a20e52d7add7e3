import assert from "node:assert/strict";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "node:test";
import { assess } from "../../app/assess.js";
import type { Plant } from "../../model/plant.js";
import { RiskMatrix } from "../../model/risk.js";
import { loadPlantFile } from "../../sources/plant-yaml.js";
import { DEFAULT_RISK_MATRIX, levelForScore, ratingOnScale, riskPoint } from "./matrix.js";
import { riskRegister } from "./register.js";
import { riskChanges } from "./risk-changes.js";

const PLANT = `site: { name: Test works }
zones:
  - { id: office, name: Office, purdueLevel: 4, subnets: [10.0.0.0/24], criticality: low, slTarget: 1 }
  - id: cell
    name: Cell
    purdueLevel: 1
    subnets: [10.0.1.0/24]
    criticality: critical
    slTarget: 2
    consequences: { safety: 4, environment: 2, production: 5, finance: 3, reputation: 3 }
conduits:
  - id: office-cell
    zones: [office, cell]
    flows:
      - { protocol: modbus, ports: [502], from: office, to: cell, initiators: [pc-1], responders: [plc-1], operations: [read] }
assets:
  - { id: plc-1, name: Press PLC, role: plc, zone: cell, ips: [10.0.1.10] }
  - { id: pc-1, name: Office PC, role: it-workstation, zone: office, ips: [10.0.0.5] }
`;

function plantOf(text: string): ReturnType<typeof loadPlantFile> {
  const dir = mkdtempSync(join(tmpdir(), "otaudit-risk-"));
  writeFileSync(join(dir, "plant.yaml"), text);
  return loadPlantFile(join(dir, "plant.yaml"), "plant.yaml");
}

function load(text: string): Plant {
  const { plant, problems } = plantOf(text);
  assert.ok(plant, JSON.stringify(problems));
  return plant;
}

const CELL_WRITE = {
  operations: [
    {
      protocol: "modbus",
      client: "10.0.0.5",
      server: "10.0.1.10",
      code: 6,
      name: "write-single-register",
      category: "write" as const,
      count: 4,
      exceptions: 0,
      file: "c.pcap",
      firstFrame: 17,
      lastFile: "c.pcap",
      lastFrame: 90,
    },
  ],
  observations: [],
};

test("the matrix: score is likelihood x impact, the tolerable line, scales and the SL a score calls for", () => {
  assert.deepEqual(riskPoint(DEFAULT_RISK_MATRIX, 2, 3), {
    likelihood: 2,
    impact: 3,
    score: 6,
    tolerable: true,
  });
  assert.deepEqual(riskPoint(DEFAULT_RISK_MATRIX, 7, 4), {
    likelihood: 5,
    impact: 4,
    score: 20,
    tolerable: false,
  });
  const small = RiskMatrix.parse({
    likelihood: ["low", "mid", "high"],
    impact: ["low", "mid", "high"],
    tolerable: 2,
  });
  assert.equal(ratingOnScale(5, 3), 3);
  assert.equal(ratingOnScale(3, 3), 2);
  assert.equal(ratingOnScale(1, 3), 1);
  assert.deepEqual(riskPoint(small, 2, 2), { likelihood: 2, impact: 2, score: 4, tolerable: false });
  assert.deepEqual(
    [6, 7, 12, 13, 25].map((s) => levelForScore(DEFAULT_RISK_MATRIX, s)),
    [1, 2, 2, 3, 3],
  );
  assert.equal(levelForScore(RiskMatrix.parse({ securityLevelAbove: [4, 9, 16] }), 17), 4);
  assert.equal(RiskMatrix.safeParse({ securityLevelAbove: [9, 4, 16] }).success, false);
});

test("without evidence the residual is the unmitigated risk, which the design and the consequence set", () => {
  const register = riskRegister({
    plant: load(PLANT),
    capture: null,
    zoneMatrix: null,
    vulnerabilities: null,
  });
  assert.ok(register.risks.length > 0);
  const cell = register.risks.find((r) => r.id === "TS-01:cell")!;
  // The office (Purdue 4, no SuC stated: partly trusted) joined straight to the cell by conduit office-cell.
  assert.match(
    cell.reasons[0]!,
    /^exposure 4 by design: enterprise zone office .* can reach it through conduit office-cell$/,
  );
  assert.match(
    cell.reasons[1]!,
    /Ransomware and extortion groups \(capability 3, otaudit's default agents\)/,
  );
  assert.deepEqual(cell.unmitigated, { likelihood: 4, impact: 5, score: 20, tolerable: false });
  assert.deepEqual(cell.residual, cell.unmitigated);
  // 20 is above 12: SL 3 in the FRs of TS-01's countermeasures, and in the FRs no scenario addresses.
  assert.deepEqual(register.slRecommended.get("cell"), [3, 3, 3, 3, 3, 3, 3]);
  const fr1 = register.slRationale.get("cell")![0]!;
  assert.equal(fr1.declared, 2);
  assert.match(
    fr1.disagreement!,
    /^FR1: plant\.yaml declares SL-T 2, below the 3 the unmitigated risk calls for/,
  );
});

test("met countermeasures lower the residual; the weaknesses the evidence shows keep it up, above the design's if so", () => {
  const plant = load(PLANT);
  const results = [
    { id: "SR 5.1", result: "met" },
    { id: "SR 5.2", result: "met" },
    { id: "SR 2.1", result: "partial" },
  ];
  const credited = riskRegister({
    plant,
    capture: null,
    zoneMatrix: null,
    vulnerabilities: null,
    requirements: () => results,
  }).risks.find((x) => x.id === "TS-01:cell")!;
  // 2 of 5 countermeasures met: (4 - 1) x 2/5 = 1.2, rounded to 1 step off; the partial SR 2.1 earns nothing.
  assert.deepEqual(credited.residual, { likelihood: 3, impact: 5, score: 15, tolerable: false });
  assert.ok(credited.residualReasons.includes("-1 for the countermeasures met: SR 5.1, SR 5.2"));
  assert.ok(
    credited.residualReasons.includes("not credited: SR 2.1 (partial), SR 3.1 (unknown), SR 1.2 (unknown)"),
  );
  const seen = riskRegister({
    plant,
    capture: CELL_WRITE,
    zoneMatrix: null,
    vulnerabilities: null,
    requirements: () => results,
  });
  const r = seen.risks.find((x) => x.id === "TS-01:cell")!;
  // The office PC writing to the PLC is beyond the read-only conduit: +3, and Modbus accepting it unauthenticated +1.
  assert.deepEqual(r.unmitigated, credited.unmitigated);
  assert.deepEqual(r.residual, { likelihood: 5, impact: 5, score: 25, tolerable: false });
  assert.match(
    r.residualReasons.at(-1)!,
    /^the evidence keeps it at 5, above the unmitigated likelihood: the plant as found is more exposed than its design: \+3 untrusted-traffic: pc-1 \(10\.0\.0\.5\) in zone office sent modbus write-single-register x4/,
  );
  assert.ok(r.evidence.some((e) => e.kind === "frame" && e.file === "c.pcap" && e.frame === 17));
  // Requirements not applicable in the zone are no missing countermeasures.
  const na = riskRegister({
    plant,
    capture: null,
    zoneMatrix: null,
    vulnerabilities: null,
    requirements: () => [
      ...results,
      { id: "SR 3.1", result: "not-applicable" },
      { id: "SR 1.2", result: "not-applicable" },
    ],
  }).risks.find((x) => x.id === "TS-01:cell")!;
  // 2 of 3 counted: (4 - 1) x 2/3 = 2 steps off.
  assert.equal(na.residual.likelihood, 2);
});

test("unmonitored remote access to a workstation that programs controllers reaches the controllers' zone", () => {
  const plant = load(`site: { name: Test works }
zones:
  - { id: ops, name: Operations, purdueLevel: 2, subnets: [10.0.2.0/24], criticality: high, slTarget: 2 }
  - { id: cell, name: Cell, purdueLevel: 1, subnets: [10.0.1.0/24], criticality: critical, slTarget: 2 }
assets:
  - { id: plc-1, name: Press PLC, role: plc, zone: cell, ips: [10.0.1.10] }
  - { id: ews-1, name: Engineering station, role: ews, zone: ops, ips: [10.0.2.30] }
vendors:
  - { id: acme, name: Acme Integration, supports: [ews-1] }
remoteAccess:
  - { id: acme-tv, vendor: acme, method: teamviewer, targets: [ews-1], mfa: false, monitored: false }
`);
  const download = {
    ...CELL_WRITE.operations[0]!,
    protocol: "s7comm",
    client: "10.0.2.30",
    code: 26,
    name: "request-download",
    category: "program" as const,
    count: 1,
    firstFrame: 40,
  };
  const tvSession = {
    kind: "remote-access" as const,
    protocol: "teamviewer",
    asset: "ip:10.0.2.30",
    flow: "10.0.2.30:50100 -> 37.252.227.51:5938/tcp",
    ends: {
      transport: "tcp" as const,
      client: "10.0.2.30",
      clientPort: 50100,
      server: "37.252.227.51",
      serverPort: 5938,
    },
    detail: "TeamViewer session",
    file: "c.pcap",
    frame: 12,
  };
  const vendorRisk = (capture: Parameters<typeof riskRegister>[0]["capture"]) =>
    riskRegister({ plant, capture, zoneMatrix: null, vulnerabilities: null }).risks.find(
      (r) => r.id === "TS-03:cell",
    )!;
  // By design the tool lands straight on ews-1 (exposure 5 in ops); no conduit goes on to the cell, which keeps the
  // floor of a zone no designed path reaches.
  assert.equal(vendorRisk(null).likelihood, 2);
  assert.equal(vendorRisk(null).residual.likelihood, 2);
  // The captures show the workstation programming the PLC and the tool in use with an outside address.
  const seen = vendorRisk({ operations: [download], observations: [tvSession] });
  assert.equal(seen.likelihood, 2, "the unmitigated risk does not follow the traffic");
  assert.match(
    seen.residualReasons.at(-1)!,
    /^the evidence keeps it at 4, above the unmitigated likelihood: .*\+3 unmonitored-remote-access: remote access acme-tv .* reaches ews-1 unmonitored: no MFA.*37\.252\.227\.51; ews-1 sends s7comm request-download to plc-1 \(10\.0\.1\.10\), so the path reaches zone cell/,
  );
  assert.equal(seen.residual.likelihood, 4);
  assert.ok(seen.evidence.some((e) => e.kind === "frame" && e.frame === 40));
  assert.ok(seen.evidence.some((e) => e.kind === "frame" && e.frame === 12));
  // A write into the workstation's own zone is not an onward path.
  const local = { ...download, server: "10.0.2.31" };
  assert.equal(vendorRisk({ operations: [local], observations: [tvSession] }).residual.likelihood, 2);
});

test("an assessor override with a justification replaces the rated likelihood and says why", () => {
  const plant = load(`${PLANT}riskOverrides:
  - scenario: TS-01
    zone: cell
    likelihood: 2
    assessor: A. Auditor
    justification: The office PC is a test bench unplugged from the office LAN since the capture.
  - { scenario: TS-99, zone: cell, impact: 2, justification: A scenario that does not exist here }
  - { scenario: TS-05, zone: cell, residualLikelihood: 1, assessor: A. Auditor, justification: "PLC passwords changed and tested on site, 2026-11-30" }
`);
  const register = riskRegister({ plant, capture: CELL_WRITE, zoneMatrix: null, vulnerabilities: null });
  const r = register.risks.find((x) => x.id === "TS-01:cell")!;
  assert.equal(r.overridden, true);
  assert.deepEqual(r.unmitigated, { likelihood: 2, impact: 5, score: 10, tolerable: false });
  assert.match(
    r.reasons[0]!,
    /^assessor override by A\. Auditor \(plant.yaml:20\): unmitigated likelihood 4 -> 2, because The office PC/,
  );
  assert.match(r.reasons[1]!, /^rated before the override: exposure 4 by design/);
  assert.deepEqual(r.evidence[0], { kind: "line", file: "plant.yaml", line: 20, note: "assessor override" });
  // The evidence of the write still holds the residual up: the override judged the design, not the traffic.
  assert.equal(r.residual.likelihood, 5);
  assert.equal(register.problems.length, 1);
  assert.equal(register.problems[0]!.line, 25);
  // A residual override stands against the evidence, and the reasons keep what was rated before it.
  const reused = register.risks.find((x) => x.id === "TS-05:cell")!;
  assert.equal(reused.residual.likelihood, 1);
  assert.equal(reused.unmitigated.likelihood, 4);
  assert.equal(reused.residualReasons[0], "the assessor's residual likelihood 1 stands");
  assert.match(reused.residualReasons[1]!, /^rated before the override: unmitigated likelihood 4$/);
  assert.match(
    reused.reasons[0]!,
    /^assessor override by A\. Auditor \(plant\.yaml:26\): residual likelihood set to 1, because PLC passwords/,
  );
  assert.match(register.problems[0]!.message, /TS-99 in zone cell matches no assessed risk/);
});

test("an override without a justification is rejected at its line of plant.yaml", () => {
  const { plant, problems } = plantOf(`${PLANT}riskOverrides:
  - { scenario: TS-01, zone: cell, likelihood: 2 }
`);
  assert.equal(plant, undefined);
  const p = problems.find((x) => x.severity === "error")!;
  assert.equal(`${p.file}:${p.line}`, "plant.yaml:20");
  assert.match(p.path, /riskOverrides/);
});

test("the example plant: its designed exposure sets the unmitigated risk, its weaknesses head the residual ranking", async () => {
  const a = await assess("examples/water-treatment", { now: new Date("2026-12-01T00:00:00Z") });
  const risks = a.risks!;
  const rank = (id: string) => risks.findIndex((r) => r.id === id);
  const office = risks[rank("TS-01:control")]!;
  const vendor = risks[rank("TS-03:control")]!;
  // By design DoseTech's port forward joins the control zone to the outside: exposure 5, chlorine dosing impact 5.
  assert.match(
    office.reasons[0]!,
    /^exposure 5 by design: the networks outside every declared zone can reach it through conduit dosetech-service/,
  );
  assert.deepEqual(office.unmitigated, { likelihood: 5, impact: 5, score: 25, tolerable: false });
  // The direct write from the office heads the register; the integrator's TeamViewer on ews-01 follows it, the
  // captures showing ews-01 downloading to a PLC, so the unmonitored path reaches the control zone.
  assert.equal(rank("TS-01:control"), 0);
  assert.ok(rank("TS-03:control") <= 2, `vendor access ranks ${rank("TS-03:control") + 1}`);
  assert.ok(!vendor.residual.tolerable && vendor.residual.score >= 20);
  // Frames 3246 (FC 6 to plc-filter) and 639 (TeamViewer to 37.252.227.51) are the planted weaknesses 1 and 2.
  const officeWhy = office.residualReasons.join("\n");
  assert.match(
    officeWhy,
    /office-pc-07 \(10\.10\.10\.21\) in zone enterprise sent modbus write-single-register .*plc-filter/,
  );
  assert.match(officeWhy, /firewall rules let enterprise reach control: .*tcp\/502 \(modbus\)/);
  assert.ok(office.evidence.some((e) => e.kind === "frame" && e.frame === 3246));
  assert.match(
    vendor.residualReasons.join("\n"),
    /aquatech-teamviewer .* reaches ews-01 unmonitored: no MFA.*37\.252\.227\.51; ews-01 sends s7comm .* so the path reaches zone control/,
  );
  assert.ok(vendor.evidence.some((e) => e.kind === "frame" && e.frame === 639));
  // In its own zone the TeamViewer lands straight on ews-01: exposure 5 by design.
  const atEws = risks[rank("TS-03:supervisory")]!;
  assert.match(
    atEws.reasons[0]!,
    /^exposure 5 by design: .* remote access aquatech-teamviewer \(teamviewer, straight to the target\)/,
  );
  // The SIS, well protected today, is still one conduit from that path: its SL-T is what its consequence calls for.
  const safety = a.zones.find((z) => z.id === "safety")!;
  assert.ok(
    safety.slRecommended!.every((l, i) => l >= safety.slTarget[i]!),
    JSON.stringify(safety.slRecommended),
  );
  // Control declares SL-T 2 in FR1; its risk calls for 3, hence RISK-001, explained per FR.
  const control = a.zones.find((z) => z.id === "control")!;
  assert.equal(control.slRecommended?.[0], 3);
  assert.match(control.slRationale![0]!.disagreement!, /^FR1: plant\.yaml declares SL-T 2, below the 3/);
  assert.equal(control.slRationale![2]!.disagreement, null, "FR3 is declared 3");
  assert.ok(a.findings.some((f) => f.id === "RISK-001:control"));
  // Utility IT's network is outside the SuC: no risks, no verdict.
  assert.ok(!risks.some((r) => r.zone === "enterprise"));
});

test("review to review: a risk whose residual score moved, appeared or went away is a change", () => {
  const at = (id: string, score: number) => ({ id, residual: { score } });
  assert.deepEqual(
    riskChanges(
      [at("TS-01:cell", 25), at("TS-05:cell", 5), at("TS-08:hmi", 4)],
      [at("TS-01:cell", 15), at("TS-05:cell", 5), at("TS-09:cell", 10)],
    ),
    [
      { id: "TS-01:cell", before: 25, after: 15 },
      { id: "TS-08:hmi", before: 4, after: null },
      { id: "TS-09:cell", before: null, after: 10 },
    ],
  );
});
