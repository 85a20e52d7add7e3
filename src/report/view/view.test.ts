/**
 * What the report derives from the example plant's assessment: traffic between zones, the remediation plan,
 * the posture and the trend. Expectations follow the weaknesses planted in the example (scratch/plant-plan.md):
 * an office PC writing Modbus to a PLC, TeamViewer to the internet, RDP from the office to an HMI.
 */
import assert from "node:assert/strict";
import { before, test } from "node:test";
import { assess } from "../../app/assess.js";
import type { Assessment } from "../../model/assessment.js";
import { severityRank } from "../../model/finding.js";
import { risksSection } from "../sections/risks.js";
import { remediationActions } from "./actions.js";
import { postureOf } from "./posture.js";
import { reportView } from "./report-view.js";
import { trendOf } from "./trend.js";
import { EXTERNAL, zoneTraffic } from "./zone-traffic.js";

let a: Assessment;
before(async () => {
  a = await assess("examples/water-treatment", { now: new Date("2026-12-01T00:00:00Z") });
});

test("traffic between zones: the office PC's Modbus to the PLC and TeamViewer to the internet have no conduit", () => {
  const t = zoneTraffic(a);
  const modbus = t.pairs.find((p) => p.from === "enterprise" && p.to === "control");
  assert.ok(modbus, "enterprise -> control");
  assert.deepEqual(
    modbus.protocols.map((p) => p.name),
    ["modbus"],
  );
  assert.deepEqual(modbus.unauthenticated, ["modbus"]);
  assert.ok(
    modbus.reach?.beyond.some((b) => /modbus/.test(b)),
    JSON.stringify(modbus.reach),
  );
  const tv = t.pairs.find((p) => p.from === "supervisory" && p.to === EXTERNAL);
  assert.deepEqual(
    tv?.protocols.map((p) => p.name),
    ["teamviewer"],
  );

  const link = (x: string, y: string) => t.links.find((l) => l.zones.includes(x) && l.zones.includes(y));
  assert.equal(link("enterprise", "control")?.conduit, null);
  const sc = link("supervisory", "control");
  assert.equal(sc?.conduit, "supervisory-control");
  for (const p of ["modbus", "s7comm", "dnp3", "iec104", "telnet"])
    assert.ok(sc?.unauthenticated.includes(p), p);
  // RDP from office-pc-12 to hmi-01 is a finding on the enterprise-supervisory pair ...
  assert.ok(link("enterprise", "supervisory")?.findings.some((f) => f.startsWith("RA-004:rdp:")));
  // ... while a finding that lists two zones for another reason (no tested restore) marks no link.
  assert.ok(t.links.every((l) => l.findings.every((f) => !f.startsWith("IR-005"))));
  assert.equal(t.counted + t.skipped, a.capture!.flows.filter((f) => f.transport !== "ether").length);
});

test("the remediation plan settles every finding once, ranked by the risk it removes", () => {
  const actions = remediationActions(a, a.risks ?? null);
  const settled = actions.flatMap((x) => x.findings);
  assert.deepEqual([...settled].sort(), a.findings.map((f) => f.id).sort());
  for (const x of actions) {
    const worst = Math.max(
      ...a.findings.filter((f) => x.findings.includes(f.id)).map((f) => severityRank(f.severity)),
    );
    if (x.findings.length) assert.equal(severityRank(x.severity), worst, x.title);
  }
  const reductions = actions.map((x) => x.riskReduction ?? 0);
  assert.deepEqual(
    reductions,
    [...reductions].sort((p, q) => q - p),
  );
  assert.deepEqual(
    actions.map((x) => x.id),
    actions.map((_, i) => `A${i + 1}`),
  );
  // Requirements answered not met with no finding behind them still get an action.
  const answerOnly = a.zones.flatMap((z) =>
    z.gaps.filter((g) => g.findings.length === 0 && g.result === "not-met").map((g) => g.requirement),
  );
  for (const r of answerOnly)
    assert.ok(
      actions.some((x) => x.findings.length === 0 && x.requirements.includes(r)),
      r,
    );
});

test("without a risk register the plan goes by severity, then by breadth", () => {
  const actions = remediationActions(a, null);
  const ranks = actions.map((x) => severityRank(x.severity));
  assert.deepEqual(
    ranks,
    [...ranks].sort((p, q) => q - p),
  );
  assert.ok(actions.every((x) => x.riskReduction === null));
});

test("posture: critical for the example; good for a plant at target with nothing found", () => {
  const t = zoneTraffic(a);
  const p = postureOf(a, t);
  assert.equal(p.rating, "critical");
  assert.ok(
    p.points.some((x) => /CISA's list/.test(x)),
    p.points.join("\n"),
  );
  const clean: Assessment = {
    ...a,
    findings: [],
    vulnerabilities: undefined,
    capture: null,
    zones: a.zones.map((z) => ({ ...z, slAchieved: z.slTarget, gaps: [] })),
  };
  const good = postureOf(clean, zoneTraffic(clean));
  assert.equal(good.rating, "good");
  assert.match(good.points[0]!, /^All 5 zones reach their target security level/);
});

test("trend: resolved findings and raised levels improve; new findings and lowered maturity regress", () => {
  assert.equal(trendOf(a), null);
  const t = trendOf({
    ...a,
    comparison: {
      previous: { id: "before", finishedAt: "2026-06-01T00:00:00Z" },
      findings: {
        new: [a.findings[0]!.id],
        resolved: ["BAK-001:old-plc"],
        persisting: a.findings.slice(1).map((f) => f.id),
      },
      slAchieved: [{ zone: "control", fr: "FR5", before: 0, after: 1 }],
      requirements: [
        { zone: "control", requirement: "SR 5.1", before: "not-met", after: "partial" },
        { zone: "dmz", requirement: "SR 1.1", before: "met", after: "unknown" },
      ],
      maturity: [{ element: "NET 3", before: 2, after: 1 }],
      risks: [{ id: "TS-01:control", before: 25, after: 20 }],
    },
  });
  assert.ok(t);
  assert.deepEqual(
    t.improved.map((i) => i.area),
    ["finding", "security level", "requirement", "risk"],
  );
  assert.deepEqual(
    t.regressed.map((i) => i.area),
    ["finding", "requirement", "maturity"],
  );
  assert.match(t.regressed[0]!.text, new RegExp(`New: ${a.findings[0]!.id} \\(`));
  assert.equal(t.persisting, a.findings.length - 1);
});

test("the report's risk table keeps the register's ranking: the vendor access on the EWS comes second", async () => {
  const html = risksSection.html(await reportView(a));
  const order = [...html.matchAll(/>(TS-\d\d:[a-z]+)</g)].map((m) => m[1]);
  assert.deepEqual(
    order,
    (a.risks ?? []).map((r) => r.id),
  );
  assert.deepEqual(order.slice(0, 2), ["TS-01:control", "TS-03:control"]);
});
