import assert from "node:assert/strict";
import { test } from "node:test";
import { contextOf, EXAMPLE_PLANT, FIXTURE_PLANT } from "../../test/control-context.js";
import { accountRecords } from "./account-records.js";
import {
  leaverAccount,
  passwordNeverExpires,
  privilegedRemoteWithoutMfa,
  sharedAccount,
  staleAccount,
} from "./accounts.js";
import type { AnalysisContext } from "./context.js";
import type { Rule } from "./rule.js";

const ids = (rule: Rule, ctx: AnalysisContext) =>
  rule
    .check(ctx)
    .map((f) => f.id)
    .sort();

test("an account in plant.yaml and in an export is one account: the export's state, plant.yaml's kind", async () => {
  const ctx = await contextOf(FIXTURE_PLANT, null);
  const bediener = accountRecords(ctx).filter(
    (a) => a.system === "hmi-07" && a.user.toLowerCase() === "bediener",
  );
  assert.equal(bediener.length, 1);
  assert.equal(bediener[0]!.kind, "shared");
  // The export's last logon (24.11.2026) is later than plant.yaml's (2026-11-01).
  assert.equal(bediener[0]!.lastLogon, "2026-11-24T21:58:03.000Z");
  assert.deepEqual(
    bediener[0]!.evidence.map((e) => `${e.file}:${e.line}`),
    ["plant.yaml:24", "accounts/hmi-07.csv:5"],
  );
});

test("ACC-001: shared and default accounts by declaration, RID, name or description; disabled ones are not", async () => {
  const fixture = await contextOf(FIXTURE_PLANT, null);
  // The disabled built-in Administrator and Gast of hmi-07 and of line2-ad are not findings.
  assert.deepEqual(ids(sharedAccount, fixture), ["ACC-001:hmi-07/Bediener", "ACC-001:plc-l2/admin"]);
  const example = await contextOf(EXAMPLE_PLANT, null);
  const found = sharedAccount.check(example);
  assert.deepEqual(
    found
      .filter((f) => f.evidence.every((e) => e.file.startsWith("accounts/")))
      .map((f) => f.summary)
      .sort(),
    [
      'Default account "Administrator" on dc01 (built-in Administrator, RID 500) has privileged rights.',
      'Default account "Administrator" on ews-01 (built-in Administrator, RID 500) has privileged rights.',
      'Shared account "controlroom" on dc01 ("controlroom" names a role, not a person).',
      'Shared account "engineer" on ews-01 ("engineer" names a role, not a person).',
    ],
  );
  assert.deepEqual(found.find((f) => f.id === "ACC-001:ews-01/engineer")?.zones, ["supervisory"]);
});

test("ACC-002: privileged by group, remote by group or column, MFA from the list; unknown groups prove nothing", async () => {
  const fixture = await contextOf(FIXTURE_PLANT, null);
  // plc-l2/maint is remote but not privileged; sw-hardened/netops has MFA; o.hansen's AD groups are unknown.
  assert.deepEqual(ids(privilegedRemoteWithoutMfa, fixture), ["ACC-002:plc-l2/vendor"]);
  const example = await contextOf(EXAMPLE_PLANT, null);
  const kovacs = privilegedRemoteWithoutMfa.check(example).find((f) => f.id === "ACC-002:dc01/m.kovacs");
  assert.equal(
    kovacs?.summary,
    'Privileged account "m.kovacs" on dc01 (member of OT-Admins) is used remotely without MFA.',
  );
  assert.deepEqual(kovacs?.evidence, [{ kind: "line", file: "accounts/dc01.csv", line: 8 }]);
});

test("ACC-003 measures to the assessment time with the baseline's staleDays (120 at the fixture plant)", async () => {
  const fixture = await contextOf(FIXTURE_PLANT, null);
  // svc_opc's last logon comes from its FILETIME; l.vogt logged on two days ago; olduser is disabled.
  assert.deepEqual(ids(staleAccount, fixture), [
    "ACC-003:hmi-07/u.sommer",
    "ACC-003:line2-ad/i.lund",
    "ACC-003:line2-ad/svc_opc",
  ]);
  const strict = {
    ...fixture,
    controls: {
      ...fixture.controls!,
      baseline: { ...fixture.controls!.baseline, accounts: { staleDays: 200 } },
    },
  };
  assert.deepEqual(ids(staleAccount, strict), ["ACC-003:line2-ad/svc_opc"]);
  // The fixture's baseline.yaml states the period: the findings rest on the site's threshold, not otaudit's.
  assert.deepEqual(
    [
      ...new Set(
        staleAccount.check(fixture).flatMap((f) => f.thresholds.map((t) => `${t.value} ${t.source}`)),
      ),
    ],
    ["120 days site"],
  );
});

test("ACC-004: passwords that never expire, from PasswordNeverExpires or an empty PasswordExpires", async () => {
  const fixture = await contextOf(FIXTURE_PLANT, null);
  assert.deepEqual(ids(passwordNeverExpires, fixture), [
    "ACC-004:hmi-07/Bediener",
    "ACC-004:hmi-07/k.brenner",
    "ACC-004:line2-ad/svc_opc",
  ]);
  const example = await contextOf(EXAMPLE_PLANT, null);
  assert.ok(ids(passwordNeverExpires, example).includes("ACC-004:dc01/svc_historian"));
  assert.ok(!ids(passwordNeverExpires, example).includes("ACC-004:ews-01/j.meyer"));
});

test("ACC-005: enabled accounts of leavers, by account or full name, noting use after leaving", async () => {
  const fixture = await contextOf(FIXTURE_PLANT, null);
  const found = leaverAccount.check(fixture);
  // Max Roth left too, but his account is disabled.
  assert.deepEqual(found.map((f) => f.id).sort(), ["ACC-005:hmi-07/u.sommer", "ACC-005:line2-ad/i.lund"]);
  assert.equal(
    found.find((f) => f.id === "ACC-005:hmi-07/u.sommer")?.summary,
    'Account "u.sommer" on hmi-07 belongs to Uwe Sommer, who left on 2026-05-31, and is still enabled; it was used after that, last on 2026-06-03.',
  );
  assert.deepEqual(
    found
      .find((f) => f.id === "ACC-005:line2-ad/i.lund")
      ?.evidence.map((e) => `${e.file}:${"line" in e ? e.line : ""}`),
    ["leavers.csv:4", "accounts/line2-ad.csv:5"],
  );
  const noList = { ...fixture, controls: { ...fixture.controls!, leavers: null } };
  assert.deepEqual(leaverAccount.check(noList), []);
});
