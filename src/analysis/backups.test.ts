import assert from "node:assert/strict";
import { test } from "node:test";
import {
  contextOf,
  EXAMPLE_CAPTURE,
  EXAMPLE_PLANT,
  FIXTURE_PLANT,
  rederived,
  SNAP7,
} from "../../test/control-context.js";
import {
  backupHashMismatch,
  backupTooOld,
  missingBackup,
  noOfflineCopy,
  restoreNotTested,
  staleAfterDownload,
} from "./backups.js";
import type { AnalysisContext } from "./context.js";
import type { Rule } from "./rule.js";

const ids = (rule: Rule, ctx: AnalysisContext) =>
  rule
    .check(ctx)
    .map((f) => f.id)
    .sort();

test("BAK-001..003 read the register CSV beside plant.yaml, grouped by system", async () => {
  const ctx = await contextOf(FIXTURE_PLANT, null);
  assert.deepEqual(ids(restoreNotTested, ctx), ["BAK-001:hmi-07", "BAK-001:sw-weak"]);
  // hmi-07's CSV row says not offline; sw-hardened's immutable storage counts as offline.
  assert.deepEqual(ids(noOfflineCopy, ctx), ["BAK-002:hmi-07", "BAK-002:sw-weak"]);
  // Every fixture asset has a register entry in plant.yaml or the CSV.
  assert.deepEqual(ids(missingBackup, ctx), []);
  const example = await contextOf(EXAMPLE_PLANT, null);
  // sw-control and hmi-01 are in the example's register CSV only.
  assert.ok(!ids(missingBackup, example).includes("BAK-003:sw-control"));
  assert.ok(!ids(missingBackup, example).includes("BAK-003:hmi-01"));
  assert.ok(ids(missingBackup, example).includes("BAK-003:hmi-02"));
});

test("BAK-004: the newest backup of a system against maxAgeDays, or no date at all", async () => {
  const ctx = await contextOf(FIXTURE_PLANT, null);
  const found = backupTooOld.check(ctx);
  assert.deepEqual(
    found.map((f) => [f.id, f.summary]),
    [
      [
        "BAK-004:plc-snap7",
        "The last backup of plc-snap7 is 3943 days old (2016-02-08); otaudit's default allows 180 days.",
      ],
      [
        "BAK-004:hmi-07",
        "The last backup of hmi-07 is 359 days old (2025-12-01); otaudit's default allows 180 days.",
      ],
      ["BAK-004:sw-weak", "The register records no date for any backup of sw-weak."],
    ],
  );
  // plc-l2 has a row with an unreadable date, but its newest backup is two days old.
  assert.ok(!found.some((f) => f.id === "BAK-004:plc-l2"));
  // The fixture's baseline.yaml sets no backup interval: the dated ones rest on otaudit's default; an undated
  // backup is no known backup whatever the interval, so it rests on none.
  const interval = {
    name: "backup interval",
    value: "180 days",
    setting: "backups.maxAgeDays",
    source: "default",
  };
  assert.deepEqual(
    found.map((f) => f.thresholds),
    [[interval], [interval], []],
  );
  // A site that states the interval in baseline.yaml makes it its own.
  const stated: AnalysisContext = {
    ...ctx,
    controls: {
      ...ctx.controls!,
      baseline: {
        ...ctx.controls!.baseline,
        backups: { ...ctx.controls!.baseline.backups, maxAgeDays: 365 },
        stated: [...(ctx.controls!.baseline.stated ?? []), "backups.maxAgeDays"],
      },
    },
  };
  const site = backupTooOld.check(stated);
  assert.deepEqual(
    site.map((f) => [f.id, f.summary, f.thresholds.map((t) => `${t.value} ${t.source}`)]),
    [
      [
        "BAK-004:plc-snap7",
        "The last backup of plc-snap7 is 3943 days old (2016-02-08); baseline.yaml allows 365 days.",
        ["365 days site"],
      ],
      ["BAK-004:sw-weak", "The register records no date for any backup of sw-weak.", []],
    ],
  );
});

test("BAK-005: a missing file, a hash that differs, and a hash no file has; matching ones pass", async () => {
  const ctx = await contextOf(FIXTURE_PLANT, null);
  const found = backupHashMismatch.check(ctx);
  assert.deepEqual(
    found.map((f) => [f.id, f.evidence]),
    [
      [
        "BAK-005:sw-hardened/sw-hardened/startup-config_2026-11-01.txt",
        [{ kind: "line", file: "backup-register.csv", line: 3 }],
      ],
      [
        "BAK-005:hmi-07/hmi-07/HMI-07_2025-12-01.tib",
        [{ kind: "line", file: "backup-register.csv", line: 4 }],
      ],
      ["BAK-005:sw-weak/sha256:a3f1c0d2e4b5", [{ kind: "line", file: "backup-register.csv", line: 6 }]],
    ],
  );
  assert.match(found[0]!.summary, /has SHA-256 [0-9a-f]{16}…, the register records 0000000000000000…/);
  // plc-l2's file and hmi-08's hash-only entry match their files.
  const noFolder: AnalysisContext = { ...ctx, controls: { ...ctx.controls!, backupFiles: null } };
  assert.deepEqual(backupHashMismatch.check(noFolder), [], "without backups/ nothing can be compared");
});

test("BAK-006: a download seen after the last backup makes it stale, and the finding names the frame", async () => {
  const ctx = await contextOf(EXAMPLE_PLANT, EXAMPLE_CAPTURE);
  const found = staleAfterDownload.check(ctx);
  assert.deepEqual(
    found.map((f) => f.id),
    ["BAK-006:plc-intake"],
  );
  const first = ctx.capture!.observations.find((o) => o.kind === "program-download")!;
  assert.deepEqual(found[0]!.evidence[0], {
    kind: "frame",
    file: EXAMPLE_CAPTURE,
    frame: first.frame,
    note: first.detail,
  });
  // The example scenario starts at 08:00:00 and has hmi-02 download to plc-intake 90 s later.
  assert.match(found[0]!.summary, /from hmi-02 \(192\.168\.20\.22\) at 2026-11-26 08:01:30 UTC/);
  assert.match(
    found[0]!.summary,
    /after the last backup of plc-intake \(2026-09-12\); 3 more changes followed/,
  );

  // A backup dated the day of the capture may have been taken after the downloads: not provably stale.
  const sameDay = rederived(ctx, (input) => {
    for (const b of input.plant.spec.backups) if (b.system === "plc-intake") b.lastBackup = "2026-11-26";
    for (const b of input.controls!.backupRegister)
      if (b.system === "plc-intake") b.lastBackup = "2026-11-26";
  });
  assert.deepEqual(staleAfterDownload.check(sameDay), []);
});

test("BAK-006 is not raised by uploads, stops and starts: the program did not change (real snap7 capture)", async () => {
  const ctx = await contextOf(FIXTURE_PLANT, SNAP7);
  assert.ok(ctx.capture!.observations.some((o) => o.kind === "program-upload"));
  assert.deepEqual(staleAfterDownload.check(ctx), []);
});
