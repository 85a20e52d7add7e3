import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { test } from "node:test";
import type { InputProblem } from "../../model/problem.js";
import { readCiscoIos } from "./cisco-ios.js";

const DIR = "test/fixtures/controls-plant/network";

function read(text: string, device = "sw") {
  const problems: InputProblem[] = [];
  const config = readCiscoIos(text, device, `network/${device}.cfg`, problems);
  return { config, problems: problems.map((p) => `${p.file}:${p.line} ${p.severity} ${p.message}`) };
}

test("a weak IOS 15 access switch (CRLF): every fact with its line, no secret kept", () => {
  const text = readFileSync(`${DIR}/sw-weak.cfg`, "utf8");
  const { config: c, problems } = read(text, "sw-weak");
  assert.deepEqual(problems, []);
  assert.equal(c.hostname, "SW-LINE2-A");
  assert.equal(c.hostnameLine, 10);
  assert.equal(c.servicePasswordEncryption, null, "`no service password-encryption` is not the command");
  assert.equal(c.aaaNewModel, null);
  assert.deepEqual(c.enablePassword, { line: 15, type: 0 });
  assert.equal(c.enableSecret, null);
  assert.deepEqual(c.users, [{ name: "service", line: 17, storage: "password", type: 0 }]);
  assert.equal(c.httpServer, 53);
  assert.equal(c.httpsServer, null);
  assert.equal(c.sshVersion, null);
  assert.deepEqual(c.vtys, [
    { range: "0 4", line: 60, transport: ["all"], transportLine: 63, accessClass: false },
    { range: "5 15", line: 64, transport: null, transportLine: null, accessClass: false },
  ]);
  assert.deepEqual(c.snmpCommunities, [
    { wellKnown: "public", access: "ro", acl: false, line: 56 },
    { wellKnown: "private", access: "rw", acl: false, line: 57 },
  ]);
  assert.deepEqual(
    [c.snmpV3, c.loggingHosts, c.ntpServers, c.cdpDisabled, c.lldpRun],
    [null, [], [], null, 28],
  );
  assert.deepEqual(
    c.interfaces.map((i) => [i.name, i.line, i.physical, i.mode, i.accessVlan, i.description, i.shutdown]),
    [
      ["FastEthernet0/1", 30, true, "access", 20, "PLC-L2 (Logix 5380)", false],
      ["FastEthernet0/2", 35, true, "access", 20, "HMI-07", false],
      ["FastEthernet0/3", 40, true, null, null, null, false],
      ["FastEthernet0/4", 42, true, "access", null, null, false],
      ["GigabitEthernet0/1", 45, true, "trunk", null, "uplink to SW-LINE2-B", false],
      ["Vlan1", 49, false, null, null, null, false],
    ],
  );
  const kept = JSON.stringify(c);
  for (const secret of ["Line2Enable!", "Service2020", "Line2Vty"]) assert.ok(!kept.includes(secret), secret);
});

test("a hardened IOS-XE switch: AAA, secrets, SNMPv3 with an ACL, SSH only, banner skipped", () => {
  const { config: c, problems } = read(readFileSync(`${DIR}/sw-hardened.cfg`, "utf8"), "sw-hardened");
  assert.deepEqual(problems, []);
  assert.deepEqual(
    [
      c.servicePasswordEncryption,
      c.aaaNewModel,
      c.enableSecret,
      c.enablePassword,
      c.httpServer,
      c.httpsServer,
    ],
    [5, 13, { line: 11, type: 9 }, null, null, 52],
  );
  assert.deepEqual(c.users, [{ name: "breakglass", line: 18, storage: "secret", type: 9 }]);
  assert.deepEqual(c.sshVersion, { version: "2", line: 53 });
  assert.deepEqual(c.snmpCommunities, [{ wellKnown: null, access: "ro", acl: true, line: 59 }]);
  assert.equal(c.snmpV3, 58);
  assert.deepEqual([c.loggingHosts, c.ntpServers, c.cdpDisabled, c.lldpRun], [[10], [61], 20, null]);
  assert.deepEqual(
    c.vtys.map((v) => [v.range, v.transport, v.accessClass]),
    [
      ["0 4", ["ssh"], true],
      ["5 15", ["none"], false],
    ],
  );
  const gi12 = c.interfaces.find((i) => i.name === "GigabitEthernet1/2")!;
  assert.equal(gi12.portSecurity, true);
  assert.ok(!JSON.stringify(c).includes("Xq7-l2-mon"), "the community string is not kept");
});

test("the example's running-config: ^C banner, crypto certificate block and show-run header pass over", () => {
  const { config: c, problems } = read(
    readFileSync("examples/water-treatment/network/sw-control.cfg", "utf8"),
    "sw-control",
  );
  assert.deepEqual(problems, []);
  assert.equal(c.hostname, "sw-control");
  // The banner's lines would otherwise read as commands; the vty lines after it are found.
  assert.deepEqual(
    c.vtys.map((v) => v.range),
    ["0 4", "5 15"],
  );
  assert.equal(c.interfaces.filter((i) => i.physical).length, 10);
});

test("malformed commands are reported with their line and skipped; an unterminated banner stops reading", () => {
  const text = [
    "hostname",
    "snmp-server community",
    "interface",
    "interface GigabitEthernet1/5",
    " switchport access vlan abc",
    "line vty",
    "line vty 0 4",
    " transport input",
    "ip ssh version",
    "enable secret",
    "banner motd ^C",
    "no closing delimiter",
    "snmp-server community public RW",
  ].join("\n");
  const { config, problems } = read(text);
  assert.deepEqual(problems, [
    "network/sw.cfg:1 warning hostname without a name",
    "network/sw.cfg:2 warning snmp-server community without a community string",
    "network/sw.cfg:3 warning interface without a name",
    'network/sw.cfg:5 warning GigabitEthernet1/5: switchport access vlan "abc" is not a VLAN number',
    "network/sw.cfg:6 warning line vty without a line range",
    "network/sw.cfg:8 warning line vty 0 4: transport input without protocols",
    "network/sw.cfg:9 warning ip ssh version without a version",
    "network/sw.cfg:10 warning enable secret without a value",
    "network/sw.cfg:11 warning banner without its closing delimiter: the rest of the file is read as banner text",
  ]);
  assert.deepEqual(config.snmpCommunities, [], "nothing after the open banner is read as a command");
});

test("text that is no IOS configuration is an error for the whole file", () => {
  const { problems } = read("config system interface\n    edit port1\n");
  assert.deepEqual(problems, [
    "network/sw.cfg:0 error not a Cisco IOS configuration (no hostname, interface, version or line vty command)",
  ]);
});
