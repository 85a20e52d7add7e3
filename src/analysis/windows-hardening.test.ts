import assert from "node:assert/strict";
import { test } from "node:test";
import { contextOf, EXAMPLE_PLANT, FIXTURE_PLANT } from "../../test/control-context.js";
import { DEFAULT_BASELINE } from "../model/baseline.js";
import type { Finding } from "../model/finding.js";
import type { AnalysisContext } from "./context.js";
import {
  auditPolicyGaps,
  outdatedUpdates,
  weakLockoutPolicy,
  weakPasswordPolicy,
  weakSecurityOptions,
} from "./windows-hardening.js";

/** Each deviation's note with the line that shows it. */
const notes = (f: Finding | undefined) => f?.evidence.map((e) => `${"line" in e ? e.line : 0} ${e.note}`);

test("HARD-001: hmi-07's password policy deviates in five settings; hardened hmi-08 in none", async () => {
  const ctx = await contextOf(FIXTURE_PLANT, null);
  const found = weakPasswordPolicy.check(ctx);
  assert.deepEqual(
    found.map((f) => f.id),
    ["HARD-001:hmi-07"],
  );
  assert.deepEqual(notes(found[0]), [
    "4 MinimumPasswordAge = 0 (baseline at least 1)",
    "6 MinimumPasswordLength = 6 (baseline at least 14)",
    "7 PasswordComplexity = 0 (baseline 1)",
    "8 PasswordHistorySize = 0 (baseline at least 24)",
    "14 ClearTextPassword = 1 (baseline 0)",
  ]);
  assert.equal(found[0]!.evidence[0]!.file, "hardening/hmi-07.secedit.inf");
  assert.deepEqual(found[0]!.zones, ["cell"]);
  // The fixture's baseline.yaml states no password setting: each deviation is measured against otaudit's default.
  assert.deepEqual(
    found[0]!.thresholds.map((t) => `${t.setting} ${t.value} ${t.source}`),
    [
      "windows.password.MinimumPasswordAge at least 1 default",
      "windows.password.MinimumPasswordLength at least 14 default",
      "windows.password.PasswordComplexity 1 default",
      "windows.password.PasswordHistorySize at least 24 default",
      "windows.password.ClearTextPassword 0 default",
    ],
  );
  // A site that states the length makes that threshold its own, and the finding no longer rests on defaults alone.
  const stated: AnalysisContext = {
    ...ctx,
    controls: {
      ...ctx.controls!,
      baseline: { ...ctx.controls!.baseline, stated: ["windows.password.MinimumPasswordLength"] },
    },
  };
  assert.deepEqual(
    weakPasswordPolicy.check(stated)[0]!.thresholds.map((t) => t.source),
    ["default", "site", "default", "default", "default"],
  );
});

test("HARD-002: a missing setting points at its section; a baseline null drops the check", async () => {
  const ctx = await contextOf(FIXTURE_PLANT, null);
  const found = weakLockoutPolicy.check(ctx);
  assert.deepEqual(
    found.map((f) => f.id),
    ["HARD-002:hmi-07"],
  );
  assert.deepEqual(notes(found[0]), [
    "3 LockoutDuration not set in [System Access] (baseline at least 15)",
    "9 LockoutBadCount = 0 (baseline 1 to 10)",
  ]);
  // The fixture's baseline.yaml drops ResetLockoutCount; the default asks for it.
  const strict: AnalysisContext = { ...ctx, controls: { ...ctx.controls!, baseline: DEFAULT_BASELINE } };
  assert.ok(
    notes(weakLockoutPolicy.check(strict)[0])!.includes(
      "3 ResetLockoutCount not set in [System Access] (baseline at least 15)",
    ),
  );
});

test("HARD-003: security options from both sections and user rights by SID", async () => {
  const ctx = await contextOf(FIXTURE_PLANT, null);
  const found = weakSecurityOptions.check(ctx);
  assert.deepEqual(
    found.map((f) => f.id),
    ["HARD-003:hmi-07"],
  );
  assert.deepEqual(notes(found[0]), [
    "17 EnableGuestAccount = 1 (baseline 0)",
    "32 LmCompatibilityLevel = 2 (baseline at least 5)",
    "34 RestrictAnonymous = 0 (baseline at least 1)",
    "37 RequireSecuritySignature = 0 (baseline 1)",
    "41 SeNetworkLogonRight granted to Everyone",
  ]);
  const example = await contextOf(EXAMPLE_PLANT, null);
  const ews = notes(weakSecurityOptions.check(example)[0]);
  assert.ok(ews?.includes("90 SeDebugPrivilege granted to vendor_svc (baseline: only Administrators)"));
  assert.ok(ews?.includes("107 SeDenyNetworkLogonRight does not include Guests"));
  assert.ok(ews?.includes("28 LmCompatibilityLevel not set in [Registry Values] (baseline at least 5)"));
});

test("HARD-004: auditpol when a system has it (hmi-08 passes), the legacy [Event Audit] when not (hmi-07)", async () => {
  const ctx = await contextOf(FIXTURE_PLANT, null);
  const found = auditPolicyGaps.check(ctx);
  assert.deepEqual(
    found.map((f) => f.id),
    ["HARD-004:hmi-07"],
  );
  assert.deepEqual(notes(found[0]), [
    "19 AuditPolicyChange: no auditing (baseline success)",
    "20 AuditSystemEvents: no auditing (baseline success and failure)",
    "21 AuditLogonEvents: failure (baseline success and failure)",
    "23 AuditPrivilegeUse: no auditing (baseline failure)",
    "25 AuditAccountManage: no auditing (baseline success and failure)",
    "28 AuditAccountLogon: no auditing (baseline success and failure)",
  ]);
  const example = await contextOf(EXAMPLE_PLANT, null);
  const ews = auditPolicyGaps.check(example)[0]!;
  assert.equal(ews.evidence[0]!.file, "hardening/ews-01.auditpol.csv");
  // "Success and Failure" covers "Success": Security State Change (line 3) and Logoff are fine.
  assert.ok(!notes(ews)!.some((n) => n.includes("Security State Change") || n.includes("Logoff:")));
  assert.ok(notes(ews)!.includes("10 Account Lockout: success (baseline failure)"));
});

test("HARD-005: the newest dated update against maxUpdateAgeDays", async () => {
  const ctx = await contextOf(FIXTURE_PLANT, null);
  const found = outdatedUpdates.check(ctx);
  assert.deepEqual(
    found.map((f) => [f.id, f.summary, f.evidence[0]]),
    [
      [
        "HARD-005:hmi-07",
        "The newest update installed on hmi-07 is KB5017308, of 2022-09-14: 1533 days old (otaudit's default: at most 90).",
        { kind: "line", file: "hardening/hmi-07.hotfixes.csv", line: 5 },
      ],
    ],
  );
  // hmi-08's newest update is 13 days old; with a ten-day limit it too is a finding.
  const tight: AnalysisContext = {
    ...ctx,
    controls: {
      ...ctx.controls!,
      baseline: {
        ...ctx.controls!.baseline,
        windows: { ...ctx.controls!.baseline.windows, maxUpdateAgeDays: 10 },
      },
    },
  };
  assert.deepEqual(
    outdatedUpdates.check(tight).map((f) => f.id),
    ["HARD-005:hmi-07", "HARD-005:hmi-08"],
  );
});
