import assert from "node:assert/strict";
import { test } from "node:test";
import { controlsOf, EXAMPLE_PLANT, FIXTURE_PLANT } from "../../test/control-context.js";

test("the fixture plant folder: each file read by the importer of its format, notes left alone", async () => {
  const { controls, problems } = await controlsOf(FIXTURE_PLANT);
  assert.deepEqual(
    [...new Set(controls.accounts.map((a) => `${a.source}:${a.system}`))],
    ["generic:plc-l2", "generic:sw-hardened", "windows-local:hmi-07", "active-directory:line2-ad"],
  );
  assert.deepEqual(
    controls.policies.map((p) => p.system),
    ["hmi-07", "hmi-08"],
  );
  assert.deepEqual(
    controls.auditPolicies.map((p) => p.system),
    ["hmi-08"],
  );
  assert.deepEqual(
    controls.hotfixes.map((h) => h.system),
    ["hmi-07", "hmi-08"],
  );
  assert.deepEqual(
    controls.networkConfigs.map((c) => c.device),
    ["sw-hardened", "sw-weak"],
  );
  assert.deepEqual(
    controls.backupFiles?.map((f) => f.path),
    [
      "hmi-08/HMI-08_2026-11-15.tib",
      "plc-l2/Line2_PLC_2026-11-24.ACD",
      "sw-hardened/startup-config_2026-11-01.txt",
    ],
  );
  assert.equal(controls.backupRegister.length, 6);
  assert.equal(controls.leavers?.length, 3);
  assert.equal(controls.baseline.accounts.staleDays, 120);
  // Every problem names a file and, but for whole-file ones, a line; the README of hardening/ is none.
  assert.ok(problems.every((p) => p.file !== "hardening/README.md"));
  assert.deepEqual(
    problems.filter((p) => p.severity === "error").map((p) => `${p.file}:${p.line}`),
    [
      "backup-register.csv:7",
      "accounts/controllers.csv:7",
      "accounts/controllers.csv:8",
      "accounts/hmi-07.csv:8",
      "hardening/hmi-07.hotfixes.csv:6",
      "hardening/hmi-07.services.csv:1",
    ],
  );
});

test("the example plant's control files read with one warning, for a real quirk of its update list", async () => {
  const { controls, problems } = await controlsOf(EXAMPLE_PLANT);
  assert.deepEqual(
    problems.map((p) => `${p.severity} ${p.code} ${p.file}:${p.line} ${p.message.split(":")[0]}`),
    ["warning schema hardening/ews-01.hotfixes.csv:4 KB5011048"],
  );
  assert.equal(controls.accounts.filter((a) => a.system === "ews-01").length, 9);
  assert.equal(controls.accounts.filter((a) => a.system === "dc01").length, 11);
  assert.equal(controls.baseline.windows.maxUpdateAgeDays, 60);
});

test("a plant without backups/ has no backup files to check, rather than an empty folder", async () => {
  const { controls, problems } = await controlsOf("test/fixtures/gap-plant");
  assert.equal(controls.backupFiles, null);
  assert.deepEqual(problems, []);
});
