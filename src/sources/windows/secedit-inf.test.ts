import assert from "node:assert/strict";
import { test } from "node:test";
import type { InputProblem } from "../../model/problem.js";
import { readText } from "../text-decode.js";
import { readSeceditInf } from "./secedit-inf.js";

function read(path: string, file: string) {
  const problems: InputProblem[] = [];
  const policy = readSeceditInf(readText(path).text, "hmi-07", file, problems);
  return { policy, problems: problems.map((p) => `${p.file}:${p.line} ${p.message}`) };
}

test("a secedit export in UTF-16LE: each section's values with their lines", () => {
  const { policy } = read(
    "test/fixtures/controls-plant/hardening/hmi-07.secedit.inf",
    "hardening/hmi-07.secedit.inf",
  );
  assert.deepEqual(policy.sections, {
    Unicode: 1,
    "System Access": 3,
    "Event Audit": 19,
    "Kerberos Policy": 29,
    "Registry Values": 31,
    "Privilege Rights": 40,
    Version: 45,
  });
  assert.deepEqual(policy.systemAccess.MinimumPasswordLength, { value: "6", line: 6 });
  assert.deepEqual(policy.systemAccess.NewGuestName, { value: "Gast", line: 13 }, "quotes are removed");
  assert.deepEqual(policy.eventAudit.AuditLogonEvents, { value: "2", line: 21 });
  assert.deepEqual(
    policy.registryValues["machine\\system\\currentcontrolset\\control\\lsa\\lmcompatibilitylevel"],
    {
      path: "MACHINE\\System\\CurrentControlSet\\Control\\Lsa\\LmCompatibilityLevel",
      type: 4,
      value: "2",
      line: 32,
    },
  );
  assert.deepEqual(policy.privilegeRights.SeNetworkLogonRight, {
    holders: ["*S-1-1-0", "*S-1-5-32-544", "*S-1-5-32-545"],
    line: 41,
  });
  assert.equal(policy.systemAccess.MaxTicketAge, undefined, "[Kerberos Policy] is not read");
});

test("unsupported sections and malformed lines are reported with their line; reading goes on", () => {
  const { policy, problems } = read(
    "test/fixtures/controls-plant/hardening/hmi-07.secedit.inf",
    "hardening/hmi-07.secedit.inf",
  );
  assert.deepEqual(problems, [
    'hardening/hmi-07.secedit.inf:18 expected "name = value" in [System Access]: skipped',
    'hardening/hmi-07.secedit.inf:24 AuditPolicyChange: expected 0 (none) to 3 (success and failure), got "7"',
    "hardening/hmi-07.secedit.inf:29 section [Kerberos Policy] is not checked",
    'hardening/hmi-07.secedit.inf:39 MACHINE\\Software\\Microsoft\\Windows\\CurrentVersion\\Policies\\System\\LegalNoticeText: expected "type,value", got "bad"',
  ]);
  // Lines after each problem are still read.
  assert.equal(policy.eventAudit.AuditAccountManage?.value, "0");
  assert.equal(policy.privilegeRights.SeDenyNetworkLogonRight?.line, 44);
});

test("text that is no security template says so, and a line before any section is reported", () => {
  const problems: InputProblem[] = [];
  readSeceditInf("MinimumPasswordLength = 8\r\n", "x", "x.inf", problems);
  assert.deepEqual(
    problems.map((p) => `${p.line} ${p.severity} ${p.code}`),
    ["1 warning unparsed-line", "0 error unsupported-format"],
  );
});
