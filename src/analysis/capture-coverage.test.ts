/**
 * Capture coverage from plant.yaml's declarations, on test/fixtures/evidence-age-plant (a SPAN of the supervisory
 * and control zones, a tap on the conduit between them; nothing on the enterprise or safety zone), and the names
 * and globs a declaration matches. The whole assessment over it is tested in src/app/evidence-age.test.ts.
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import type { Plant } from "../model/plant.js";
import { loadPlantFile } from "../sources/plant-yaml.js";
import { captureCoverage, globMatcher, restsOnWire } from "./capture-coverage.js";

const plant = loadPlantFile("test/fixtures/evidence-age-plant/plant.yaml", "plant.yaml").plant!;
const file = (path: string, first = "2026-11-26T09:00:00.000Z", last = "2026-11-26T09:00:28.000Z") => ({
  path,
  firstPacket: first,
  lastPacket: last,
});
const ENGINEERING = file("captures/engineering.pcap");
const SCADA = file("captures/scada-poll.pcap", "2004-08-26T12:12:06.000Z", "2023-07-08T20:25:57.000Z");

test("names and globs match a capture's path in the plant folder or in captures/", () => {
  const cases: [string, string, boolean][] = [
    ["engineering.pcap", "captures/engineering.pcap", true],
    ["captures/engineering.pcap", "captures/engineering.pcap", true],
    ["./captures/engineering.pcap", "captures/engineering.pcap", true],
    ["captures/*.pcap", "captures/engineering.pcap", true],
    ["*.pcap", "captures/engineering.pcap", true],
    ["*.pcap", "captures/line2/a.pcap", false],
    ["**/*.pcap", "captures/line2/a.pcap", true],
    ["line2/**", "captures/line2/day1/a.pcap", true],
    ["plant.pcap???", "captures/plant.pcap007", true],
    ["plant.pcap???", "captures/plant.pcap0071", false],
    ["engineering.pcap", "captures/engineering.pcapng", false],
    ["engineering(1).pcap", "captures/engineering(1).pcap", true],
  ];
  for (const [pattern, path, matches] of cases)
    assert.equal(globMatcher(pattern)(path), matches, `${pattern} ~ ${path}`);
});

test("each zone and conduit with the captures that saw it; a zone is seen only through its captures", () => {
  const { coverage, problems, sees } = captureCoverage(plant, [ENGINEERING, SCADA]);
  assert.deepEqual(problems, []);
  assert.deepEqual(
    coverage.zones.map((z) => [z.id, z.captures.length]),
    [
      ["enterprise", 0],
      ["supervisory", 2],
      ["control", 2],
      ["safety", 0],
    ],
  );
  assert.equal(sees("control", [ENGINEERING.path]), true);
  // The tap on the conduit sees the control zone at its boundary.
  assert.equal(sees("control", [SCADA.path]), true);
  assert.equal(sees("enterprise", [ENGINEERING.path, SCADA.path]), false);
  assert.equal(sees("safety", [ENGINEERING.path]), false);
  assert.equal(sees("control", []), false);
});

test("without a declaration every capture sees every zone, and the result says it was not declared", () => {
  const undeclared: Plant = { ...plant, spec: { ...plant.spec, evidence: {} } };
  const { coverage, problems, sees } = captureCoverage(undeclared, [ENGINEERING]);
  assert.equal(coverage.declared, false);
  assert.deepEqual(problems, []);
  assert.ok(coverage.zones.every((z) => z.captures.length === 1));
  assert.equal(sees("enterprise", []), true);
});

test("packets outside a declared window are a warning at the declaration", () => {
  const late = file("captures/engineering.pcap", "2026-11-27T00:00:01.000Z", "2026-11-27T00:10:00.000Z");
  const { problems } = captureCoverage(plant, [late, SCADA]);
  assert.deepEqual(
    problems.map((p) => [p.code, p.file, p.path]),
    [["invalid-value", "plant.yaml", "evidence.captures[0]"]],
  );
  assert.match(problems[0]!.message, /outside the declared window 2026-11-26 to 2026-11-26/);
  // The last second of the window's day is inside it.
  const edge = file("captures/engineering.pcap", "2026-11-26T00:00:00.000Z", "2026-11-26T23:59:59.000Z");
  assert.deepEqual(captureCoverage(plant, [edge, SCADA]).problems, []);
});

test("evidence rests on the wire when it cites frames and, besides them, only the plant's design", () => {
  const frame = { kind: "frame" as const, file: "captures/a.pcap", frame: 3 };
  const design = { kind: "line" as const, file: "plant.yaml", line: 12 };
  const config = { kind: "line" as const, file: "firewalls/fw.conf", line: 40 };
  assert.equal(restsOnWire([frame, design], "plant.yaml"), true);
  assert.equal(restsOnWire([frame, config], "plant.yaml"), false);
  assert.equal(restsOnWire([design], "plant.yaml"), false);
});
