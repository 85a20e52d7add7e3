/**
 * The figures of the example plant are well-formed SVG (an XML parser reads each), show what they must, and
 * the heat map puts risks in the right cells with the matrix's bands.
 */
import assert from "node:assert/strict";
import { before, test } from "node:test";
import { SaxesParser } from "saxes";
import { assess } from "../../app/assess.js";
import type { Assessment } from "../../model/assessment.js";
import { type Risk, RiskMatrix } from "../../model/risk.js";
import { zoneTraffic } from "../view/zone-traffic.js";
import { maturityChart } from "./maturity-chart.js";
import { riskBand, riskHeatMap } from "./risk-heat-map.js";
import { slRadar } from "./sl-radar.js";
import type { Figure } from "./svg.js";
import { zoneDiagram } from "./zone-diagram.js";
import { zoneMatrix } from "./zone-matrix.js";

/** Element names and text of an SVG document; throws on anything that is not well-formed XML. */
function parseSvg(svg: string): { elements: string[]; texts: string[] } {
  const elements: string[] = [];
  const texts: string[] = [];
  const parser = new SaxesParser({ xmlns: true });
  parser.on("error", (e) => {
    throw e;
  });
  parser.on("opentag", (t) => elements.push(t.local));
  parser.on("text", (t) => texts.push(t));
  parser.write(svg).close();
  return { elements, texts };
}

let a: Assessment;
before(async () => {
  a = await assess("examples/water-treatment", { now: new Date("2026-12-01T00:00:00Z") });
});

test("every figure is well-formed SVG with a size and a source", async () => {
  const t = zoneTraffic(a);
  const figures: (Figure | null)[] = [
    await zoneDiagram(a, t),
    slRadar(a),
    zoneMatrix(a, t),
    maturityChart(a),
    riskHeatMap(a.risks ?? [], a.riskMatrix ?? RiskMatrix.parse({})),
  ];
  for (const f of figures) {
    assert.ok(f);
    const { elements } = parseSvg(f.svg);
    assert.equal(elements[0], "svg", f.id);
    assert.ok(f.width > 200 && f.height > 150, `${f.id} ${f.width}x${f.height}`);
    assert.match(f.source, /\w+/);
  }
});

test("the zone diagram draws each zone with its levels (a zone outside the SuC with its trust), and the links between zones", async () => {
  const t = zoneTraffic(a);
  const { elements, texts } = parseSvg((await zoneDiagram(a, t)).svg);
  for (const z of a.zones) {
    assert.ok(texts.includes(z.name), z.name);
    assert.equal(texts.includes(`SL-T {${z.slTarget.join(",")}}`), z.inScope, z.id);
  }
  assert.ok(texts.includes("outside the SuC") && texts.includes("trust: partially-trusted"));
  assert.ok(texts.includes("External (internet)"));
  // One line per link, plus the legend's samples.
  assert.equal(elements.filter((e) => e === "polyline").length, t.links.length);
  assert.ok(texts.includes("no conduit"));
  assert.ok(texts.some((x) => x.startsWith("⚠ unauthenticated: ") && x.includes("modbus")));
});

test("the radars draw target and achieved levels of every zone of the SuC on seven axes", () => {
  const { elements, texts } = parseSvg(slRadar(a)!.svg);
  // Per zone: four level rings, the achieved shape and the target outline. A zone outside the SuC has none.
  const assessed = a.zones.filter((z) => z.inScope);
  assert.ok(assessed.length < a.zones.length, "the example's enterprise zone is outside the SuC");
  assert.equal(elements.filter((e) => e === "polygon").length, assessed.length * 6);
  for (const fr of ["FR1", "FR7"]) assert.equal(texts.filter((x) => x === fr).length, assessed.length);
});

test("heat map: unmitigated and residual counts land in their cells; bands follow the tolerable line", () => {
  const matrix = RiskMatrix.parse({});
  const point = (likelihood: number, impact: number) => ({
    likelihood,
    impact,
    score: likelihood * impact,
    tolerable: likelihood * impact <= matrix.tolerable,
  });
  const risk = (id: string, before: [number, number], after: [number, number]): Risk => ({
    id,
    scenario: id,
    title: id,
    zone: "control",
    techniques: [],
    likelihood: before[0],
    impact: before[1],
    unmitigated: point(...before),
    residual: point(...after),
    reasons: [],
    residualReasons: [],
    countermeasures: [],
    evidence: [],
    overridden: false,
  });
  const f = riskHeatMap([risk("a", [5, 5], [4, 5]), risk("b", [5, 5], [2, 5])], matrix);
  const { texts } = parseSvg(f.svg);
  // Both unmitigated at 5x5 (one mark: 2), residual one each at 4x5 and 2x5 (two marks: 1); the axes read "1 rare".
  assert.deepEqual(texts.filter((x) => /^\d+$/.test(x)).sort(), ["1", "1", "2"]);
  assert.ok(texts.includes("5 almost certain") && texts.includes("1 negligible"));
  assert.deepEqual(
    [6, 7, 12, 13, 19, 25].map((s) => riskBand(s, matrix).label),
    ["tolerable", "medium", "medium", "high", "critical", "critical"],
  );
});
