import assert from "node:assert/strict";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "node:test";
import type { ImportedAccount } from "../../model/controls.js";
import { importFilesSync } from "../plant-evidence.js";

const FIXTURES = "test/fixtures/controls-plant/accounts";

function read(name: string, dir = FIXTURES): { accounts: ImportedAccount[]; problems: string[] } {
  const { records, problems } = importFilesSync("accounts/", [
    { path: `accounts/${name}`, absolute: `${dir}/${name}` },
  ]);
  return {
    accounts: records.accounts,
    problems: problems.map((p) => `${p.file}:${p.line} ${p.severity} ${p.message}`),
  };
}

test("a German Get-LocalUser export in UTF-16LE: dotted dates, never-expiring passwords, bad rows reported", () => {
  const { accounts, problems } = read("hmi-07.csv");
  assert.deepEqual(
    accounts.map((a) => [a.user, a.enabled, a.lastLogon, a.passwordNeverExpires, a.evidence.line]),
    [
      ["Administrator", false, null, true, 3],
      ["Gast", false, null, true, 4],
      ["Bediener", true, "2026-11-24T21:58:03.000Z", true, 5],
      ["l.vogt", true, "2026-11-23T13:02:44.000Z", false, 6],
      ["u.sommer", true, "2026-06-03T15:47:29.000Z", false, 7],
      // Its LastLogon "31.13.2026" is no date: the account is kept without one.
      ["k.brenner", true, null, true, 9],
    ],
  );
  const admin = accounts[0]!;
  assert.equal(admin.system, "hmi-07");
  assert.equal(admin.source, "windows-local");
  assert.equal(admin.sid, "S-1-5-21-1180699209-877415012-3182924384-500");
  assert.equal(admin.groups, null, "Get-LocalUser lists no groups");
  assert.deepEqual(problems, [
    'accounts/hmi-07.csv:8 warning enabled: "Vielleicht" is not a yes/no value',
    "accounts/hmi-07.csv:8 error row skipped: no Enabled value",
    'accounts/hmi-07.csv:9 warning lastlogon: "31.13.2026 10:00:00" is not a date (expected ISO 2026-11-21, 11/21/2026 or 21.11.2026)',
  ]);
});

test("an AD export with MemberOf left as a .NET type name: groups unknown, said once, adminCount kept", () => {
  const { accounts, problems } = read("line2-ad.csv");
  assert.equal(accounts.length, 5);
  for (const a of accounts) assert.equal(a.groups, null);
  const hansen = accounts.find((a) => a.user === "o.hansen")!;
  assert.deepEqual(
    [hansen.fullName, hansen.enabled, hansen.adminCount, hansen.lastLogon, hansen.passwordNeverExpires],
    ["Ole Hansen", true, true, "2026-11-20T09:40:00.000Z", false],
  );
  // svc_opc has no LastLogonDate: its lastLogonTimestamp FILETIME 133766628000000000 is 2024-11-21 11:40 UTC.
  const svc = accounts.find((a) => a.user === "svc_opc")!;
  assert.equal(svc.lastLogon, "2024-11-21T11:40:00.000Z");
  assert.equal(svc.passwordNeverExpires, true);
  assert.equal(accounts.find((a) => a.user === "m.roth")!.enabled, false);
  assert.deepEqual(problems, [
    `accounts/line2-ad.csv:2 warning MemberOf holds the type name "Microsoft.ActiveDirectory.Management.ADPropertyValueCollection", not the groups: export it with @{n='MemberOf';e={$_.MemberOf -join ';'}}; group membership is unknown, adminCount is used instead`,
  ]);
});

test("an AD export with MemberOf joined: group names are the CNs of the DNs", () => {
  const { accounts, problems } = read("dc01.csv", "examples/water-treatment/accounts");
  assert.deepEqual(problems, []);
  assert.deepEqual(accounts.find((a) => a.user === "m.kovacs")!.groups, [
    "OT-Admins",
    "Remote Desktop Users",
  ]);
  assert.deepEqual(accounts.find((a) => a.user === "Administrator")!.groups, [
    "Domain Admins",
    "Enterprise Admins",
    "Schema Admins",
    "Group Policy Creator Owners",
    "Administrators",
  ]);
});

test("a generic list: several systems, stated kinds and MFA; the hash column is never read", () => {
  const { accounts, problems } = read("controllers.csv");
  assert.deepEqual(
    accounts.map((a) => [a.system, a.user, a.kind, a.mfa, a.remoteUse, a.groups]),
    [
      ["plc-l2", "admin", "default", false, false, ["Administrators"]],
      ["plc-l2", "maint", "human", false, true, ["Maintenance", "Remote Users"]],
      ["plc-l2", "vendor", "human", false, true, ["Administrators", "VPN Users"]],
      ["sw-hardened", "netops", "human", true, true, ["admins"]],
      ["sw-hardened", "olduser", "human", false, false, []],
    ],
  );
  assert.ok(!JSON.stringify(accounts).includes("$1$"), "no hash reaches an account record");
  assert.deepEqual(problems, [
    'accounts/controllers.csv:1 warning column "PasswordHash" may hold a password, hash or secret: ignored, never read',
    `accounts/controllers.csv:7 error row skipped: system "plc l2" is not an id (letters, digits, '.', '-', '_')`,
    "accounts/controllers.csv:8 error row skipped: no user",
  ]);
});

test("a CSV that is no account list is reported at its header", () => {
  const { accounts, problems } = read("hmi-07.services.csv", "test/fixtures/controls-plant/hardening");
  assert.deepEqual(accounts, []);
  assert.equal(problems.length, 1);
  assert.match(problems[0]!, /^accounts\/hmi-07\.services\.csv:1 error not an account list/);
});

test("a lastLogonTimestamp of AD's 'never' or past any date keeps the account, with no last logon", () => {
  // Found by the fuzzer: a FILETIME past JavaScript's date range made toISOString throw and lost the whole file.
  const dir = mkdtempSync(join(tmpdir(), "otaudit-ad-"));
  const original = readFileSync(`${FIXTURES}/line2-ad.csv`, "utf8");
  const withTimestamp = (name: string, ticks: string) => {
    writeFileSync(join(dir, name), original.replace('"133766628000000000"', `"${ticks}"`));
    return read(name, dir);
  };
  const never = withTimestamp("never.csv", "9223372036854775807");
  assert.equal(never.accounts.length, 5);
  assert.equal(never.accounts.find((a) => a.user === "svc_opc")!.lastLogon, null);
  assert.equal(never.problems.length, 1, "only the MemberOf note of the original");
  const beyond = withTimestamp("beyond.csv", "999999999999999999999");
  assert.equal(beyond.accounts.length, 5);
  assert.equal(beyond.accounts.find((a) => a.user === "svc_opc")!.lastLogon, null);
  assert.ok(
    beyond.problems.includes(
      "accounts/beyond.csv:4 warning lastlogontimestamp: 999999999999999999999 is past any date a FILETIME can mean",
    ),
    beyond.problems.join("\n"),
  );
});
