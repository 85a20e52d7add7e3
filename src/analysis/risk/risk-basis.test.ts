/**
 * The IEC 62443-3-2 basis of the risk register, on test/fixtures/risk-plant (see its README): unmitigated risk comes
 * from the threat agents, the exposure the design gives and the consequences, never from the protection in place;
 * the countermeasures and the weaknesses the evidence shows move only the residual risk.
 */
import assert from "node:assert/strict";
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, test } from "node:test";
import { assess } from "../../app/assess.js";
import type { Assessment } from "../../model/assessment.js";

const FIXTURE = "test/fixtures/risk-plant";
const NOW = new Date("2026-12-01T00:00:00Z");
const root = mkdtempSync(join(tmpdir(), "otaudit-risk-basis-"));
after(() => rmSync(root, { recursive: true, force: true }));

/** A copy of the fixture, with `change` applied to its files, assessed. */
async function assessCopy(name: string, change: (dir: string) => void = () => {}): Promise<Assessment> {
  const dir = join(root, name);
  cpSync(FIXTURE, dir, { recursive: true });
  change(dir);
  return assess(dir, { now: NOW });
}

const risk = (a: Assessment, id: string) => {
  const r = a.risks!.find((x) => x.id === id);
  assert.ok(r, `${id} in ${a.risks!.map((x) => x.id).join(", ")}`);
  return r;
};

/** A FortiGate policy letting the office PC reach the safety controller, placed before the deny-all. */
const OFFICE_TO_SIS = `    edit 4
        set name "Vendor shortcut"
        set srcintf "ENT"
        set dstintf "SIS"
        set action accept
        set srcaddr "office-pc"
        set dstaddr "sis-01"
        set schedule "always"
        set service "S7COMM"
    next
    edit 9`;

test("a well-protected safety zone keeps the unmitigated risk its consequence and design exposure give", async () => {
  const a = await assessCopy("as-designed");
  const sis = risk(a, "TS-07:safety");
  // Two conduits from the partly trusted office (exposure 3), ransomware at capability 3, safety consequence 5.
  assert.deepEqual(sis.unmitigated, { likelihood: 3, impact: 5, score: 15, tolerable: false });
  assert.match(
    sis.reasons[0]!,
    /^exposure 3 by design: zone enterprise, outside the system under consideration \(partially-trusted\) can reach it through conduit enterprise-supervisory, then conduit supervisory-safety$/,
  );
  assert.match(
    sis.reasons[1]!,
    /Ransomware groups \(capability 3, stated in plant\.yaml\), leaves it as it is/,
  );
  assert.equal(sis.reasons[2], "impact from the zone's safety consequence rating 5");
  // The design records it rests on: both conduits of the path, at their lines of plant.yaml.
  const lines = readFileSync(join(FIXTURE, "plant.yaml"), "utf8").split("\n");
  for (const conduit of ["enterprise-supervisory", "supervisory-safety"]) {
    const line = lines.indexOf(`  - id: ${conduit}`) + 1;
    assert.ok(
      sis.evidence.some((e) => e.kind === "line" && e.file === "plant.yaml" && e.line === line),
      `${conduit} at plant.yaml:${line}`,
    );
  }
  // The firewall permits exactly the design and the answers meet every countermeasure of TS-07: residual at the bottom.
  assert.deepEqual(sis.residual, { likelihood: 1, impact: 5, score: 5, tolerable: true });
  // The consequence, not today's protection, sets the SL-T: 15 is above 12, so SL 3, as plant.yaml declares.
  const safety = a.zones.find((z) => z.id === "safety")!;
  assert.deepEqual(safety.slRecommended, [3, 3, 3, 3, 3, 3, 3]);
  assert.ok(safety.slRationale!.every((r) => r.disagreement === null));
  assert.match(safety.slRationale![0]!.reason, /^SL 3 for TS-\d\d .*, unmitigated 3x5 = 15, above 12$/);
  assert.ok(!a.findings.some((f) => f.id === "RISK-001:safety"));
  // The initial assessment takes the SuC as one zone: supervisory's exposure with the safety zone's consequence.
  assert.deepEqual(a.initialRisk?.point, { likelihood: 4, impact: 5, score: 20, tolerable: false });
  assert.match(
    a.initialRisk!.reason,
    /^the system under consideration taken as one zone: likelihood 4 as in zone supervisory .*, impact 5 as in zone safety .*above the tolerable line \(6\): the system needs partitioning/,
  );
});

test("a firewall rule that opens the safety zone raises its residual risk and leaves the unmitigated risk alone", async () => {
  const before = await assessCopy("before");
  const opened = await assessCopy("opened", (dir) => {
    const fw = join(dir, "firewalls", "fw-ot.conf");
    writeFileSync(fw, readFileSync(fw, "utf8").replace("    edit 9", OFFICE_TO_SIS));
  });
  for (const id of ["TS-07:safety", "TS-01:safety", "TS-04:safety"]) {
    const [was, is] = [risk(before, id), risk(opened, id)];
    assert.deepEqual(is.unmitigated, was.unmitigated, id);
    assert.deepEqual(is.reasons, was.reasons, id);
    assert.ok(is.residual.score > was.residual.score, `${id}: ${was.residual.score} -> ${is.residual.score}`);
  }
  const sis = risk(opened, "TS-07:safety");
  assert.ok(
    sis.residualReasons.some((r) =>
      /^the evidence keeps it at \d: \+2 enterprise-reachable: the firewall rules let enterprise reach safety: tcp\/102/.test(
        r,
      ),
    ),
    sis.residualReasons.join("\n"),
  );
  assert.ok(sis.evidence.some((e) => e.kind === "line" && e.file === "firewalls/fw-ot.conf"));
  // The SL-T follows the unmitigated risk, so it does not move either.
  const level = (a: Assessment) => a.zones.find((z) => z.id === "safety")!.slRecommended;
  assert.deepEqual(level(opened), level(before));
});

test("a zone outside the system under consideration is a source of threat, not assessed", async () => {
  const a = await assessCopy("scope");
  const office = a.zones.find((z) => z.id === "enterprise")!;
  assert.equal(office.inScope, false);
  assert.deepEqual([office.requirements.length, office.gaps.length], [0, 0]);
  assert.equal(office.slRecommended, undefined);
  assert.ok(!a.risks!.some((r) => r.zone === "enterprise"));
  assert.deepEqual(a.design?.outside, [
    { zone: "enterprise", trust: "partially-trusted", reason: "Managed office network" },
  ]);
  // Untrusted instead of partly trusted: the office's neighbour is exposed one step more.
  const untrusted = await assessCopy("untrusted", (dir) => {
    const plant = join(dir, "plant.yaml");
    writeFileSync(plant, readFileSync(plant, "utf8").replace("trust: partially-trusted", "trust: untrusted"));
  });
  assert.equal(risk(a, "TS-04:supervisory").unmitigated.likelihood, 4);
  assert.equal(risk(untrusted, "TS-04:supervisory").unmitigated.likelihood, 5);
  // Without a SuC every zone is assessed, and the office (Purdue 4) is still a partly trusted source.
  const whole = await assessCopy("no-suc", (dir) => {
    const plant = join(dir, "plant.yaml");
    const text = readFileSync(plant, "utf8");
    writeFileSync(plant, text.replace(/^system:\n(?: {2}.*\n|\n)*?(?=threats:)/m, ""));
  });
  assert.equal(whole.design?.system, null);
  assert.equal(whole.zones.find((z) => z.id === "enterprise")!.inScope, true);
  assert.equal(risk(whole, "TS-04:supervisory").unmitigated.likelihood, 4);
});

test("a more capable threat agent raises the unmitigated likelihood; an isolated zone keeps a floor", async () => {
  const a = await assessCopy("nation-state", (dir) => {
    const plant = join(dir, "plant.yaml");
    const text = readFileSync(plant, "utf8")
      .replace(
        "    - { id: criminal, name: Ransomware groups, capability: 3 }",
        "    - { id: criminal, name: Ransomware groups, capability: 3 }\n    - { id: state, name: A state's cyber unit, capability: 4 }",
      )
      // Without its conduit the safety zone has no designed path from any source.
      .replace(/ {2}- id: supervisory-safety\n(?: {4}.*\n)+/, "");
    writeFileSync(plant, text);
  });
  const sup = risk(a, "TS-04:supervisory");
  assert.equal(sup.unmitigated.likelihood, 5);
  assert.match(
    sup.reasons[1]!,
    /A state's cyber unit \(capability 4, stated in plant\.yaml\), raises it by 1 to 5/,
  );
  const sis = risk(a, "TS-07:safety");
  assert.match(sis.reasons[0]!, /^exposure 2: no conduit or remote access in plant\.yaml joins it/);
  assert.equal(sis.unmitigated.likelihood, 3);
});
