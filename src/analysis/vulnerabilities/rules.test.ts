import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import type { Plant } from "../../model/plant.js";
import type { VulnerabilityEvidence } from "../../model/vulnerability.js";
import { readAdvisoryFiles } from "../../sources/advisory-files.js";
import { loadPlantFile } from "../../sources/plant-yaml.js";
import { readScanFiles } from "../../sources/scan-files.js";
import { analysisContext } from "../context.js";
import { RULES, runRules } from "../registry.js";
import { advice } from "./rules.js";

const NOW = new Date("2026-11-25T12:00:00Z");
const DIR = "examples/water-treatment";

function example(): Plant {
  const { plant } = loadPlantFile(`${DIR}/plant.yaml`, "plant.yaml");
  assert.ok(plant);
  return plant;
}

const files = (folder: string) =>
  readdirSync(join(DIR, folder)).map((f) => ({ absolute: join(DIR, folder, f), display: `${folder}/${f}` }));
const advisories = readAdvisoryFiles(files("advisories"));
const evidence: VulnerabilityEvidence = {
  advisories: advisories.advisories,
  kev: advisories.kev,
  scans: (await readScanFiles(files("scans"))).scans,
};

const ids = (rule: string, vulnerabilityEvidence: VulnerabilityEvidence | null = evidence) =>
  runRules(analysisContext({ plant: example(), capture: null, now: NOW, vulnerabilityEvidence }))
    .filter((f) => f.rule === rule)
    .map((f) => f.id)
    .sort();

test("the VULN rules are registered with 62443 references", () => {
  const vuln = RULES.filter((r) => r.id.startsWith("VULN-"));
  assert.deepEqual(
    vuln.map((r) => r.id),
    ["VULN-001", "VULN-002", "VULN-003", "VULN-004", "VULN-005"],
  );
  for (const r of vuln)
    assert.ok(r.contradicts.length + r.related.length > 0 && r.description.includes("62443-2-1"), r.id);
});

test("the example plant: exploited Windows flaws on both HMIs, fixes for both PLCs, the SIS unknown", () => {
  assert.deepEqual(ids("VULN-001"), ["VULN-001:hmi-01", "VULN-001:hmi-02"]);
  assert.deepEqual(ids("VULN-003"), [
    "VULN-003:hmi-01",
    "VULN-003:hmi-02",
    "VULN-003:plc-filter",
    "VULN-003:plc-intake",
  ]);
  assert.deepEqual(ids("VULN-004"), ["VULN-004:sis-01"]);
  // ICSA-17-054-03 (M340) offers mitigations only.
  assert.deepEqual(ids("VULN-005"), ["VULN-005:plc-filter"]);
  // Without a capture no enterprise host is seen reaching them: the HMIs and PLCs sit behind the DMZ.
  assert.deepEqual(ids("VULN-002"), []);
});

test("no advisories and no scans: no vulnerability findings and no report", () => {
  assert.deepEqual(ids("VULN-001", null), []);
  const ctx = analysisContext({ plant: example(), capture: null, now: NOW, vulnerabilityEvidence: null });
  assert.equal(ctx.vulnerabilities, null);
});

test("findings point at the advisory or scan line and name what to do", () => {
  const findings = runRules(
    analysisContext({ plant: example(), capture: null, now: NOW, vulnerabilityEvidence: evidence }),
  );
  const intake = findings.find((f) => f.id === "VULN-003:plc-intake")!;
  assert.match(intake.summary, /ICSA-19-344-06 \(CVE-2019-10929, CVE-2019-10943\): update to v4\.4\.0/);
  assert.deepEqual(intake.evidence[0], {
    kind: "line",
    file: "advisories/icsa-19-344-06.json",
    line: 1,
    note: "ICSA-19-344-06",
  });
  const hmi02 = findings.find((f) => f.id === "VULN-001:hmi-02")!;
  assert.equal(hmi02.evidence[0]?.kind, "line");
  assert.equal((hmi02.evidence[0] as { file: string }).file, "scans/supervisory.nessus");
  const sis = findings.find((f) => f.id === "VULN-004:sis-01")!;
  assert.match(sis.summary, /its firmware version is not recorded/);
});

test("an advisory's remedy that introduces a list is cut before the list, never ending a sentence on a colon", () => {
  // Schneider Electric's ICSA-24-331-03 introduces its mitigations with "...to reduce the risk of exploit:" and bullets.
  const csaf = JSON.parse(
    readFileSync("examples/water-treatment/advisories/icsa-24-331-03.json", "utf8"),
  ) as {
    vulnerabilities: { remediations: { details: string }[] }[];
  };
  const details = csaf.vulnerabilities
    .flatMap((v) => v.remediations)
    .map((r) => r.details)
    .find((d) => d.includes("reduce the risk of exploit:"))!;
  const text = advice(details);
  assert.match(text, /reduce the risk of exploit \(more in the advisory\)$/);
  assert.doesNotMatch(text, /[:;,]\s*\(|:$/);
  assert.equal(advice("Update to V2.9.4."), "Update to V2.9.4");
});
