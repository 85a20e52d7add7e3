/**
 * What the report derives from the example plant's assessment: traffic between zones, the posture and the
 * trend in words; and that it shows the analyses' rankings as the assessment carries them. Expectations follow the weaknesses planted in the example (scratch/plant-plan.md):
 * an office PC writing Modbus to a PLC, TeamViewer to the internet, RDP from the office to an HMI.
 */
import assert from "node:assert/strict";
import { before, test } from "node:test";
import { assess } from "../../app/assess.js";
import type { Assessment } from "../../model/assessment.js";
import { EXTERNAL } from "../../model/plant.js";
import { esc } from "../html-escape.js";
import { risksSection } from "../sections/risks.js";
import { summarySection } from "../sections/summary.js";
import { postureView } from "./posture.js";
import { reportView } from "./report-view.js";
import { trendView } from "./trend.js";
import { zoneTraffic } from "./zone-traffic.js";

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
  // Rows to the outside list the findings about them: the dosing skid's port forward (its conduit, no traffic seen)
  // and TeamViewer from the internet relay into ews-01.
  const skid = link(EXTERNAL, "control");
  assert.equal(skid?.conduit, "dosetech-service");
  assert.ok(skid?.findings.includes("FW-005:firewalls/dose-4g.rules:60"), `${skid?.findings}`);
  assert.ok(link(EXTERNAL, "supervisory")?.findings.includes("ARCH-005:ews-01:teamviewer"));
  // plc-dosing is reachable from the enterprise as well, outside any conduit: its finding is about that boundary,
  // not the skid's declared one, and on no row it does not cross.
  assert.ok(link("enterprise", "control")?.findings.includes("ARCH-006:plc-dosing"));
  assert.ok(!skid?.findings.includes("ARCH-006:plc-dosing"));
  assert.ok(!link("supervisory", "control")?.findings.includes("ARCH-006:plc-dosing"));
  assert.equal(t.counted + t.skipped, a.capture!.flows.filter((f) => f.transport !== "ether").length);
});

test("posture in words: the example's points name the exploited vulnerabilities; a clean plant's, its zones at target", () => {
  const p = postureView(a, a.posture!, zoneTraffic(a));
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
  const good = postureView(clean, { rating: "good", rule: "" }, zoneTraffic(clean));
  // The enterprise zone is outside the system under consideration: it is not counted.
  assert.match(
    good.points[0]!,
    /^All 4 zones of the system under consideration reach their target security level/,
  );
});

test("trend in words: the analyses' directions listed as given, new findings with their titles", () => {
  assert.equal(trendView(a, []), null);
  const id = a.findings[0]!.id;
  const t = trendView(
    {
      ...a,
      comparison: {
        previous: { id: "before", finishedAt: "2026-06-01T00:00:00Z" },
        findings: {
          new: [id],
          resolved: ["BAK-001:old-plc"],
          persisting: a.findings.slice(1).map((f) => f.id),
        },
        slAchieved: [],
        requirements: [],
        maturity: [],
      },
    },
    [
      { area: "finding", direction: "improved", id: "BAK-001:old-plc" },
      { area: "finding", direction: "regressed", id },
      { area: "security-level", direction: "improved", zone: "control", fr: "FR5", before: 0, after: 1 },
      { area: "maturity", direction: "regressed", element: "NET 3", before: 2, after: 1 },
    ],
  );
  assert.ok(t);
  assert.deepEqual(
    t.improved.map((i) => i.area),
    ["finding", "security level"],
  );
  assert.deepEqual(
    t.regressed.map((i) => i.area),
    ["finding", "maturity"],
  );
  assert.equal(t.improved[0]!.text, "Resolved: BAK-001:old-plc");
  assert.match(t.regressed[0]!.text, new RegExp(`New: ${id} \\(`));
  assert.equal(t.persisting, a.findings.length - 1);
});

test("the report shows the assessment's action plan in its order: reversed in the assessment, reversed in the report", async () => {
  const actionRows = (html: string) =>
    [
      ...html
        .slice(html.indexOf('<table class="actions">'))
        .matchAll(/<td class="rank">\d+<\/td>\n<td><strong>([^<]+)</g),
    ].map((m) => m[1]);
  const plan = a.actions!;
  const reversed = [...plan].reverse();
  const shown = actionRows(summarySection.html(await reportView(a)));
  const shownReversed = actionRows(summarySection.html(await reportView({ ...a, actions: reversed })));
  assert.equal(shown.length, 10);
  assert.deepEqual(
    shown,
    plan.slice(0, 10).map((x) => esc(x.title)),
  );
  assert.deepEqual(
    shownReversed,
    reversed.slice(0, 10).map((x) => esc(x.title)),
  );
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
