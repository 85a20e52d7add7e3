import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "node:test";
import { formatProblem } from "../model/problem.js";
import { expandSl } from "../model/security-level.js";
import { MAX_YAML_BYTES, readBounded } from "./bounded-read.js";
import { checkPlantReferences } from "./plant-references.js";
import { loadPlantFile } from "./plant-yaml.js";

const EXAMPLE = "examples/water-treatment/plant.yaml";

function withText(text: string): ReturnType<typeof loadPlantFile> {
  const dir = mkdtempSync(join(tmpdir(), "otaudit-plant-"));
  writeFileSync(join(dir, "plant.yaml"), text);
  return loadPlantFile(join(dir, "plant.yaml"), "plant.yaml");
}

/** Position of a record of the unchanged example, so tests survive records being added to it. */
function indexIn(section: "assets" | "conduits", id: string): number {
  const { plant } = loadPlantFile(EXAMPLE);
  const i = (plant!.spec[section] as { id: string }[]).findIndex((r) => r.id === id);
  assert.ok(i >= 0, `example has no ${section} record ${id}`);
  return i;
}

/** Replaces one exact snippet of the example, failing loudly if the example no longer contains it. */
function mutate(text: string, from: string, to: string): string {
  assert.ok(text.includes(from), `example no longer contains ${from}`);
  return text.replace(from, to);
}

test("the example plant loads without errors, with record lines for evidence", () => {
  const { plant, problems } = loadPlantFile(EXAMPLE);
  assert.deepEqual(
    problems.filter((p) => p.severity === "error"),
    [],
  );
  assert.ok(plant);
  assert.deepEqual(
    plant.spec.zones.map((z) => z.id),
    ["enterprise", "dmz", "supervisory", "control", "safety"],
  );
  const control = plant.spec.zones.find((z) => z.id === "control")!;
  assert.deepEqual(expandSl(control.slTarget), [2, 2, 3, 2, 3, 2, 3]);
  const safety = plant.spec.zones.find((z) => z.id === "safety")!;
  assert.deepEqual(expandSl(safety.slTarget), [3, 3, 3, 3, 3, 3, 3]);
  const lines = readFileSync(EXAMPLE, "utf8").split("\n");
  const firstBackup = plant.lines["backups.0"]!;
  assert.match(lines[firstBackup - 1]!, /system: scada01/);
});

test("five planted mistakes are all reported with file:line and what was expected", () => {
  let text = readFileSync(EXAMPLE, "utf8");
  text = mutate(text, "slTarget: [2, 2, 2, 2, 2, 2, 2]", "slTarget: 7");
  text = mutate(
    text,
    "{ id: dc01, name: Domain controller,",
    "{ id: dc01, colour: red, name: Domain controller,",
  );
  text = mutate(text, "zones: [supervisory, safety]", "zones: [supervisory, safty]");
  text = mutate(text, "subnets: [192.168.30.0/24]", "subnets: [192.168.30.0/24, 192.168.20.128/25]");
  text = mutate(text, "{ id: hmi-02,", "{ id: hmi-01,");
  const { plant, problems } = withText(text);
  assert.equal(plant, undefined);
  const errors = problems.filter((p) => p.severity === "error").map(formatProblem);
  assert.deepEqual(
    problems.filter((p) => p.severity === "error").map((p) => p.code),
    ["schema", "subnet-overlap", "unknown-reference", "unknown-key", "duplicate-id"],
  );
  // file:line:column of a token, found in the mutated text rather than written down by hand.
  const at = (lineSnippet: string, token: string) => {
    const lines = text.split("\n");
    const i = lines.findIndex((l) => l.includes(lineSnippet));
    return `plant.yaml:${i + 1}:${lines[i]!.indexOf(token) + 1}`;
  };
  assert.deepEqual(errors, [
    `${at("slTarget: 7", "7")} zones[2].slTarget: expected an integer 0-4, got 7`,
    `${at("192.168.20.128/25", "192.168.20.128/25")} zones[3].subnets[1]: subnet 192.168.20.128/25 overlaps 192.168.20.0/24 of zone "supervisory"; an address must belong to one zone`,
    `${at("[supervisory, safty]", "safty")} conduits[${indexIn("conduits", "supervisory-safety")}].zones[1]: unknown zone "safty"; did you mean "safety"?`,
    `${at("colour: red", "colour")} assets[0].colour: unknown key "colour"; expected one of id, name, ips, macs, hostnames, vendor, product, model, firmware, serial, role, zone, criticality, description, interfaces, connection, capability`,
    `${at("{ id: hmi-01, name: Operator HMI 2", "hmi-01")} assets[${indexIn("assets", "hmi-02")}].id: duplicate id "hmi-01", first used at assets[${indexIn("assets", "hmi-01")}]`,
  ]);
});

test("a missing required key names its parent and what is missing", () => {
  const { problems } = withText(
    "site:\n  name: X\nzones:\n  - id: a\n    name: A\n    criticality: low\n    slTarget: 1\n",
  );
  assert.deepEqual(problems.map(formatProblem), [
    "plant.yaml:4:5 zones[0].purdueLevel: expected a Purdue level 0-5, or 3.5 for a DMZ, got nothing",
  ]);
});

test("YAML syntax errors are located and stop the schema check", () => {
  const { plant, problems } = withText("site:\n  name: X\nzones: [\n  - id: a\n");
  assert.equal(plant, undefined);
  assert.ok(problems.length >= 1);
  assert.ok(
    problems.every((p) => p.severity === "error" && p.code === "yaml-syntax" && p.line >= 3),
    JSON.stringify(problems),
  );
});

test("an asset address outside its zone is a warning, not an error", () => {
  let text = readFileSync(EXAMPLE, "utf8");
  text = mutate(text, "ips: [192.168.20.22]", "ips: [192.168.30.22]");
  const { plant, problems } = withText(text);
  assert.ok(plant);
  assert.deepEqual(
    problems.map((p) => [p.severity, p.code, p.path]),
    [["warning", "outside-zone", `assets[${indexIn("assets", "hmi-02")}].ips[0]`]],
  );
});

test("a conduit's declared flow must run between the conduit's own zones", () => {
  let text = readFileSync(EXAMPLE, "utf8");
  text = mutate(
    text,
    "from: supervisory, to: safety, initiators: [scada01]",
    "from: supervisory, to: control, initiators: [scada01]",
  );
  const { problems } = withText(text);
  // Its responder sis-01 is not in zone control either; the wrong zone is the one mistake to report.
  assert.deepEqual(
    problems.map((p) => [p.code, p.path]),
    [["unknown-reference", `conduits[${indexIn("conduits", "supervisory-safety")}].flows[0].to`]],
  );
});

test("capture coverage must name known zones and conduits, at least one, and a window that ends after it starts", () => {
  let text = readFileSync(EXAMPLE, "utf8");
  text = mutate(
    text,
    "zones: [enterprise, dmz, supervisory, control, safety]\n",
    "zones: [enterprise, dmz, supervisory, control, safty]\n      conduits: [supervisory-contrl]\n",
  );
  text = mutate(text, 'to: "2026-11-26"', 'to: "2026-11-25"');
  text = text.replace(/\n*program:/, "\n    - { file: captures/other.pcap, method: tap }\n\nprogram:");
  const { plant, problems } = withText(text);
  assert.equal(plant, undefined);
  const lines = text.split("\n");
  const lineOf = (needle: string) => lines.findIndex((l) => l.includes(needle)) + 1;
  assert.deepEqual(
    problems.map((p) => [p.code, p.line, p.path, p.message]),
    [
      [
        "unknown-reference",
        lineOf("safty]"),
        "evidence.captures[0].zones[4]",
        'unknown zone "safty"; did you mean "safety"?',
      ],
      [
        "unknown-reference",
        lineOf("supervisory-contrl"),
        "evidence.captures[0].conduits[0]",
        'unknown conduit "supervisory-contrl"; did you mean "supervisory-control"?',
      ],
      [
        "schema",
        lineOf('to: "2026-11-25"'),
        "evidence.captures[0].to",
        'the capture window ends before it starts, got "2026-11-25"',
      ],
      [
        "schema",
        lineOf("method: tap }"),
        "evidence.captures[1].zones",
        "name the zones or conduits the capture saw, got nothing",
      ],
    ],
  );
});

test("a declared flow's initiators and responders must be assets of its zones, or roles one of them has", () => {
  let text = readFileSync(EXAMPLE, "utf8");
  // An id nobody declared, a role no asset has, an asset of the wrong zone, an id of the right zone, a role.
  text = mutate(
    text,
    "initiators: [scada01], responders: [plc-intake], operations: [read, write, identify, session]",
    "initiators: [scada-01, safety-controller, hist-mirror, hmi-01], responders: [plc-intake, rtu], operations: [read, write, identify, session]",
  );
  text = mutate(
    text,
    "operations: [read, control], description: Booster",
    "operations: [read, operate], description: Booster",
  );
  const { plant, problems } = withText(text);
  assert.equal(plant, undefined);
  const i = indexIn("conduits", "supervisory-control");
  const lines = text.split("\n");
  const lineOf = (snippet: string) => lines.findIndex((l) => l.includes(snippet)) + 1;
  assert.deepEqual(
    problems.map((p) => [p.severity, p.code, p.line, p.path, p.message]),
    [
      [
        "error",
        "unknown-reference",
        lineOf("initiators: [scada-01,"),
        `conduits[${i}].flows[0].initiators[0]`,
        'unknown asset or role "scada-01"; did you mean "scada01"?',
      ],
      [
        "warning",
        "no-effect",
        lineOf("initiators: [scada-01,"),
        `conduits[${i}].flows[0].initiators[1]`,
        'no asset of role "safety-controller" in zone "supervisory": this initiator names nobody',
      ],
      [
        "error",
        "outside-zone",
        lineOf("initiators: [scada-01,"),
        `conduits[${i}].flows[0].initiators[2]`,
        'initiator "hist-mirror" is in zone "dmz", not in "supervisory", where this flow starts',
      ],
      [
        "error",
        "schema",
        lineOf("operations: [read, operate]"),
        `conduits[${i}].flows[4].operations[1]`,
        problems.find((p) => p.code === "schema")?.message ?? "",
      ],
    ],
  );
  assert.match(problems.find((p) => p.code === "schema")!.message, /read.*write.*control.*program/);
});

test("200,000 assets outside their zone: one warning each, no stack overflow", () => {
  const n = 200_000;
  const assets = Array.from({ length: n }, (_, i) => ({
    id: `a${i}`,
    zone: "z",
    ips: [`10.9.${(i >> 8) & 255}.${i & 255}`],
  }));
  const problems = checkPlantReferences({ zones: [{ id: "z", subnets: ["10.0.0.0/24"] }], assets });
  assert.equal(problems.length, n);
  assert.deepEqual(problems[n - 1], {
    path: ["assets", n - 1, "ips", 0],
    code: "outside-zone",
    severity: "warning",
    message: `10.9.13.63 is outside the subnets of zone "z"`,
  });
});

/** The text in UTF-16 with a byte-order mark, as Windows editors save "Unicode". */
function utf16(text: string, endian: "le" | "be"): Buffer {
  const le = Buffer.from(text, "utf16le");
  return endian === "le"
    ? Buffer.concat([Buffer.from([0xff, 0xfe]), le])
    : Buffer.concat([Buffer.from([0xfe, 0xff]), le.swap16()]);
}

test("plant.yaml saved as UTF-16 LE or BE with a BOM, or UTF-8 with a BOM, loads as the UTF-8 file does", () => {
  const text = readFileSync(EXAMPLE, "utf8");
  const plain = loadPlantFile(EXAMPLE, "plant.yaml");
  assert.ok(plain.plant);
  const encodings: [string, Buffer][] = [
    ["UTF-16LE", utf16(text, "le")],
    ["UTF-16BE", utf16(text, "be")],
    ["UTF-8 with BOM", Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text)])],
  ];
  for (const [name, bytes] of encodings) {
    const path = join(mkdtempSync(join(tmpdir(), "otaudit-plant-")), "plant.yaml");
    writeFileSync(path, bytes);
    assert.deepEqual(loadPlantFile(path, "plant.yaml"), plain, name);
  }
});

test("a device, a pipe or a directory named as plant.yaml is refused at once, with what was expected", () => {
  const dir = mkdtempSync(join(tmpdir(), "otaudit-plant-"));
  const fifo = join(dir, "plant.yaml");
  execFileSync("mkfifo", [fifo]);
  for (const [path, kind] of [
    ["/dev/zero", "a device"],
    [fifo, "a pipe"],
    [dir, "a directory"],
  ]) {
    const { plant, problems } = loadPlantFile(path!, "plant.yaml");
    assert.equal(plant, undefined);
    assert.deepEqual(
      problems.map((p) => [p.severity, p.file, p.line, p.message]),
      [["error", "plant.yaml", 0, `${kind}, expected a regular file; not read`]],
    );
  }
});

test("a file over its kind's limit is refused without being read whole", () => {
  const path = join(mkdtempSync(join(tmpdir(), "otaudit-plant-")), "big.yaml");
  writeFileSync(path, "a: 1\n".repeat(1000));
  assert.equal(readBounded(path, 5000).length, 5000);
  assert.throws(() => readBounded(path, 4999), {
    message: "5000 bytes, over the 4999 bytes limit for this kind of file; not read",
  });
  assert.ok(MAX_YAML_BYTES >= 22 * 1024 * 1024, "a 300,000-asset plant.yaml (22 MB) must fit");
});

test("an alias bomb is an error at the line of the alias that expands too far", () => {
  const lines = ['a: &a ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]'];
  for (const [from, to] of ["ab", "bc", "cd", "de", "ef", "fg", "gh", "hi"].map((p) => [p[0], p[1]]))
    lines.push(`${to}: &${to} [${Array(9).fill(`*${from}`).join(", ")}]`);
  const { plant, problems } = withText(`${lines.join("\n")}\n`);
  assert.equal(plant, undefined);
  assert.equal(problems.length, 1);
  const p = problems[0]!;
  assert.equal(p.file, "plant.yaml");
  assert.ok(p.line >= 2 && p.line <= 9, `line ${p.line}`);
  assert.match(lines[p.line - 1]!, /^\w: &\w \[\*\w/);
  assert.equal(lines[p.line - 1]!.indexOf("*") + 1, p.column);
  assert.equal(p.code, "depth-limit");
});

test("more than the allowed references to one anchor: the error is at the first one past the limit", () => {
  const refs = Array.from({ length: 120 }, (_, i) => `  - *x # ${i + 1}`);
  const { problems } = withText(`x: &x 1\nl:\n${refs.join("\n")}\n`);
  assert.deepEqual(
    problems.map((p) => [p.code, p.line, p.column]),
    [["depth-limit", 3 + 100, 5]],
  );
});

test("an alias before its anchor is an error at the alias", () => {
  const { problems } = withText("site:\n  name: *name\n");
  assert.deepEqual(
    problems.map((p) => [p.code, p.line, p.column]),
    [["unresolved-name", 2, 9]],
  );
});

test("a component's SL-C: eight levels are a located error; one that can cap nothing is a warning", () => {
  const text = readFileSync("test/fixtures/capability-plant/plant.yaml", "utf8");
  const eight = withText(mutate(text, "slC: [2, 2, 2, 2, 2, 2, 2]", "slC: [2, 2, 2, 2, 2, 2, 2, 2]"));
  assert.equal(eight.plant, undefined);
  assert.deepEqual(
    eight.problems.map((p) => `${p.severity} ${formatProblem(p)}`),
    [
      "error plant.yaml:14:103 assets[0].capability.slC: expected seven levels 0-4, one for each of FR1..FR7, got [2,2,2,2,2,2,2,2]",
    ],
  );
  const level = withText(mutate(text, "slC: [2, 2, 2, 2, 2, 2, 2]", "slC: [2, 2, 2, 5, 2, 2, 2]"));
  assert.deepEqual(
    level.problems.map((p) => [p.line, p.path, p.message.split(",")[0]]),
    [[14, "assets[0].capability.slC[3]", "expected an integer 0-4"]],
  );
  const unknown = withText(mutate(text, "    role: plc\n", "    role: unknown\n"));
  assert.ok(unknown.plant);
  assert.deepEqual(
    unknown.problems.map((p) => [p.severity, p.code, p.line, p.path]),
    [["warning", "no-effect", 14, "assets[0].capability"]],
  );
});
