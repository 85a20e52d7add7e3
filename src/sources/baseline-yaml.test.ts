import assert from "node:assert/strict";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "node:test";
import { DEFAULT_BASELINE, settingSource } from "../model/baseline.js";
import { readBaseline } from "./baseline-yaml.js";

function baselineFrom(yaml: string) {
  const dir = mkdtempSync(join(tmpdir(), "otaudit-baseline-"));
  writeFileSync(join(dir, "baseline.yaml"), yaml);
  return readBaseline(join(dir, "baseline.yaml"), "baseline.yaml");
}

test("a site's baseline replaces the keys it sets, drops those set to null, keeps the rest", () => {
  const { baseline, problems } = readBaseline("examples/water-treatment/baseline.yaml", "baseline.yaml");
  assert.deepEqual(problems, []);
  assert.deepEqual(baseline.windows.password.MinimumPasswordLength, { min: 12 });
  assert.deepEqual(baseline.windows.password.PasswordComplexity, { equals: 1 }, "kept from the default");
  assert.deepEqual(baseline.windows.lockout.LockoutBadCount, { min: 1, max: 5 });
  assert.equal(baseline.windows.maxUpdateAgeDays, 60);
  assert.equal(baseline.accounts.staleDays, DEFAULT_BASELINE.accounts.staleDays);

  const fixture = readBaseline("test/fixtures/controls-plant/baseline.yaml", "baseline.yaml").baseline;
  assert.ok(!("ResetLockoutCount" in fixture.windows.lockout));
  assert.equal(fixture.accounts.staleDays, 120);
});

test("the baseline records which settings the site's file states; the rest are otaudit's defaults", () => {
  const { baseline } = readBaseline("examples/water-treatment/baseline.yaml", "baseline.yaml");
  assert.deepEqual(baseline.stated, [
    "windows.password.MinimumPasswordLength",
    "windows.lockout.LockoutBadCount",
    "windows.lockout.LockoutDuration",
    "windows.maxUpdateAgeDays",
  ]);
  assert.equal(settingSource(baseline, "windows.maxUpdateAgeDays"), "site");
  assert.equal(settingSource(baseline, "backups.maxAgeDays"), "default");
  // A key set to null drops a check: no threshold is left to state.
  const fixture = readBaseline("test/fixtures/controls-plant/baseline.yaml", "baseline.yaml").baseline;
  assert.deepEqual(fixture.stated, ["accounts.staleDays"]);
  assert.equal(settingSource(DEFAULT_BASELINE, "accounts.staleDays"), "default");
});

test("registry paths are matched ignoring case when a site overrides them", () => {
  const { baseline } = baselineFrom(
    "windows:\n  securityOptions:\n    'machine\\system\\currentcontrolset\\control\\lsa\\lmcompatibilitylevel': { min: 3 }\n",
  );
  const keys = Object.keys(baseline.windows.securityOptions).filter((k) => /lmcompatibilitylevel/i.test(k));
  assert.deepEqual(keys, ["machine\\system\\currentcontrolset\\control\\lsa\\lmcompatibilitylevel"]);
});

test("a wrong key or value is reported with its line, and the default baseline applies", () => {
  const { baseline, problems } = baselineFrom(
    "windows:\n  pasword:\n    MinimumPasswordLength: { min: 8 }\n",
  );
  assert.equal(baseline, DEFAULT_BASELINE);
  assert.equal(problems.length, 1);
  assert.equal(`${problems[0]!.line}:${problems[0]!.path}`, "2:windows.pasword");
  const bad = baselineFrom("accounts:\n  staleDays: -5\n");
  assert.equal(bad.problems[0]?.line, 2);
  assert.equal(bad.baseline, DEFAULT_BASELINE);
});
