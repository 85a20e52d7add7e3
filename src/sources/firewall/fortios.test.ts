import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { test } from "node:test";
import { FirewallConfig, type FirewallRule } from "../../model/firewall.js";
import { parseFortiTree } from "./fortios-tree.js";
import { parseFirewallConfig } from "./load.js";
import { MAX_GROUP_DEPTH, Warnings } from "./rule-parts.js";
import { CORPUS, parseConfigFile } from "./testing.js";

function policies(c: FirewallConfig): FirewallRule[] {
  return c.rulesets.find((r) => r.id === "firewall policy")!.rules;
}

test("firewall policies: edit order, default action deny, a disabled policy, zones expanded, append", () => {
  const { config, problems } = parseConfigFile(`${CORPUS}/bf_fortios_firewall_policy`);
  assert.deepEqual(problems, []);
  const list = policies(config);
  // Policy ids say nothing of order: the file's edit order is the evaluation order.
  assert.deepEqual(
    list.map((p) => [p.name.split(" ")[1], p.line]),
    [
      ["0", 65],
      ["4294967294", 75],
      ["1", 86],
      ["2", 101],
      ["3", 109],
    ],
  );
  const [p0, pMax, p1, , p3] = list;
  assert.deepEqual([p0!.enabled, p0!.action, p0!.attributeLines.status], [false, "deny", 73]);
  // No `set action`: FortiOS denies.
  assert.equal(pMax!.action, "deny");
  // tcp-portrange 12:11 is destination 12, source 11.
  assert.deepEqual(pMax!.services, [
    {
      protocol: 6,
      sourcePorts: [{ from: 11, to: 11 }],
      destinationPorts: [{ from: 12, to: 12 }],
      icmpType: null,
      icmpCode: null,
    },
  ]);
  assert.deepEqual(
    [p1!.from, p1!.to, p1!.sources.ranges],
    [
      ["port1", "port2"],
      ["port2", "port1"],
      ["10.0.1.0/24", "10.0.2.0/24"],
    ],
  );
  // srcintf zone1 port2 zone3, append zone2; dstintf set twice, then append zone3.
  assert.deepEqual(
    [p3!.from, p3!.to],
    [
      ["port3", "port2", "port5", "port4"],
      ["port3", "port5"],
    ],
  );
  assert.deepEqual(
    config.interfaces.map((i) => [i.name, i.zone, i.addresses[0]]),
    [
      ["port1", null, "10.0.1.1/24"],
      ["port2", null, "10.0.2.1/24"],
      ["port3", "zone1", "10.0.3.1/24"],
      ["port4", "zone2", "10.0.4.1/24"],
      ["port5", "zone3", "10.0.5.1/24"],
    ],
  );
});

test("move before/after reorders the policies", () => {
  const { config } = parseConfigFile(`${CORPUS}/bf_fortios_policy_move`);
  // move 5 before 1; move 4 after 2.
  assert.deepEqual(
    policies(config).map((p) => p.name),
    ["policy 5", "policy 1", "policy 2", "policy 4", "policy 3"],
  );
});

test("an address group excludes its exclude-members, nested groups included", () => {
  const { config } = parseConfigFile(`${CORPUS}/bf_fortios_firewall_policy_addrgrp`);
  // grp1_parent = grp1_child = addr1 (10.0.1.0/24) minus addr1b (10.0.1.64/29).
  assert.deepEqual(policies(config)[0]!.sources.ranges, [
    "10.0.1.0/26",
    "10.0.1.72/29",
    "10.0.1.80/28",
    "10.0.1.96/27",
    "10.0.1.128/25",
  ]);
});

test("a service's protocol change resets its ports and ICMP fields; unset removes one field", () => {
  const w = new Warnings("service_custom");
  const [, services] = parseFortiTree(readFileSync(`${CORPUS}/bf_fortios_service_custom`, "utf8"), w);
  const entry = (name: string) =>
    Object.fromEntries(
      [...services!.entries.find((e) => e.name === name)!.settings].map(([k, s]) => [k, s.values.join(" ")]),
    );
  assert.deepEqual(entry("change_protocol"), { protocol: "IP" });
  assert.deepEqual(entry("unset_icmp_1"), { protocol: "ICMP", icmptype: "5" });
  assert.deepEqual(entry("unset_icmp_2"), { protocol: "ICMP", icmptype: "3" });
  assert.deepEqual(entry("unset_icmp_3"), { protocol: "ICMP" });
  assert.deepEqual(w.list, []);
});

test("a port past 65535 or a malformed range is reported on its line, not read as a port", () => {
  const text = [
    "config firewall service custom",
    '    edit "web"',
    "        set tcp-portrange 80 443 99999 8000-70000 1-2-3 x 8080-8081",
    "    next",
    "end",
  ].join("\n");
  const { config, problems } = parseFirewallConfig(text, "fortigate.conf");
  assert.ok(config);
  assert.deepEqual(
    problems.map((p) => [p.line, p.code, p.message.split('"')[1]]),
    ["99999", "8000-70000", "1-2-3", "x"].map((spec) => [3, "invalid-value", spec]),
  );
});

test("addresses the configuration cannot resolve are named where they are defined", () => {
  const { problems } = parseConfigFile(`${CORPUS}/bf_fortios_address`);
  assert.deepEqual(
    problems.map((p) => [p.line, p.code, p.message.slice(0, p.message.indexOf(":"))]),
    [
      [37, "not-modelled", "address undefined-refs (interface-subnet address)"],
      [48, "not-modelled", "address dynamic (dynamic)"],
      [53, "not-modelled", "address fqdn (fqdn google.com)"],
      [57, "not-modelled", "address geography (geography AQ)"],
      [65, "not-modelled", "address mac (mac)"],
    ],
  );
});

test("the example's OT firewall: VLAN interfaces, a zone, nested groups, logging and a disabled policy", () => {
  const { config, problems } = parseConfigFile("examples/water-treatment/firewalls/fw-ot.conf");
  assert.deepEqual(problems, []);
  assert.equal(config.hostname, "fw-ot");
  assert.deepEqual(
    config.interfaces.filter((i) => i.vlan !== null).map((i) => [i.name, i.vlan, i.addresses[0], i.zone]),
    [
      ["ENT-V10", 10, "10.10.10.1/24", null],
      ["DMZ-V50", 50, "172.16.50.1/24", null],
      ["SUP-V20", 20, "192.168.20.1/24", null],
      ["CTL-V30", 30, "192.168.30.1/24", "OT-FIELD"],
      ["SIS-V40", 40, "192.168.40.1/24", "OT-FIELD"],
    ],
  );
  const list = policies(config);
  const byId = (id: number) => list.find((p) => p.name.startsWith(`policy ${id} `))!;
  // GRP_FIELD_DEVICES nests GRP_PLCS and GRP_RTUS and adds bms-ctrl and sw-control.
  assert.deepEqual(byId(6).destinations.ranges, [
    "192.168.30.2/32",
    "192.168.30.11/32",
    "192.168.30.12/31",
    "192.168.30.20/31",
    "192.168.30.40/32",
  ]);
  assert.deepEqual(byId(9).to, ["CTL-V30", "SIS-V40"]);
  // logtraffic: all logs; left at its default (utm) or disable does not.
  assert.deepEqual([byId(1).log, byId(5).log, byId(8).log], [true, false, false]);
  assert.deepEqual([byId(15).enabled, byId(15).line, byId(15).attributeLines.status], [false, 450, 460]);
  assert.deepEqual(config.routes, [
    { destination: "0.0.0.0/0", interface: "ENT-V10", gateway: "10.10.10.254", line: 493 },
  ]);
  assert.deepEqual(
    config.management.filter((m) => m.cleartext).map((m) => [m.protocol, m.interfaces]),
    [
      ["http", ["ENT-V10"]],
      ["snmp", ["SUP-V20"]],
      ["telnet", ["SUP-V20"]],
    ],
  );
});

test("address and service groups nested 3,000 deep stop at the limit with a warning; the policies stay", () => {
  const depth = 3000;
  const chain = (prefix: string, leaf: string) =>
    Array.from(
      { length: depth },
      (_, i) => ` edit "${prefix}${i}"\n  set member "${i + 1 < depth ? `${prefix}${i + 1}` : leaf}"\n next`,
    );
  const text = [
    "#config-version=FG100F-7.0.0",
    "config firewall address",
    ' edit "h"',
    "  set subnet 10.0.0.1 255.255.255.255",
    " next",
    "end",
    "config firewall addrgrp",
    ...chain("g", "h"),
    "end",
    "config firewall service group",
    ...chain("s", "HTTP"),
    "end",
    "config firewall policy",
    ...[
      ["1", "g0", "s0"],
      ["2", "h", "SSH"],
    ].map(([id, src, svc]) =>
      [
        ` edit ${id}`,
        '  set srcintf "a"',
        '  set dstintf "b"',
        `  set srcaddr "${src}"`,
        '  set dstaddr "all"',
        "  set action accept",
        `  set service "${svc}"`,
        " next",
      ].join("\n"),
    ),
    "end",
    "",
  ].join("\n");
  const { config, problems } = parseFirewallConfig(text, "deep.conf");
  const [deep, plain] = policies(config!);
  assert.deepEqual(deep!.sources.unresolved, ["g64 (nested too deep)"]);
  assert.deepEqual(deep!.sources.ranges, []);
  assert.deepEqual(
    [plain!.sources.ranges, plain!.services[0]!.destinationPorts],
    [["10.0.0.1/32"], [{ from: 22, to: 22 }]],
  );
  const tooDeep = problems.filter((p) => p.code === "depth-limit");
  // The 64th group's member line: 7 lines of header, 3 lines per group.
  assert.ok(
    tooDeep.some((p) => p.file === "deep.conf" && p.line === 8 + 3 * (MAX_GROUP_DEPTH - 1) + 1),
    JSON.stringify(tooDeep.slice(0, 2)),
  );
});

test("a vlanid that is no VLAN id (a word, a number past 2^53, 5000) is reported on its line; the rest is read", () => {
  // fuzz/regressions/firewall-fortios/crash-39bad49e1f04e853 and crash-5e1101302556b814: `set vlanid l` and
  // `set vlanid 30000000000000000` went into the model as NaN and as an integer past 2^53.
  const text = [
    "config system interface",
    '    edit "port1"',
    "        set ip 10.0.0.1 255.255.255.0",
    "        set vlanid l",
    "    next",
    '    edit "vl-big"',
    "        set vlanid 30000000000000000",
    "    next",
    '    edit "vl-5000"',
    "        set vlanid 5000",
    "    next",
    '    edit "vl20"',
    '        set interface "port1"',
    "        set vlanid 20",
    "    next",
    '    edit "port2"',
    "        set vlanid 0",
    "    next",
    "end",
  ].join("\n");
  const { config, problems } = parseFirewallConfig(text, "fortigate.conf");
  assert.ok(config);
  FirewallConfig.parse(config);
  assert.deepEqual(
    problems.map((p) => [p.line, p.code, p.message]),
    [
      [4, "invalid-value", "interface port1: vlanid l: expected 1-4094; read as no VLAN"],
      [7, "invalid-value", "interface vl-big: vlanid 30000000000000000: expected 1-4094; read as no VLAN"],
      [10, "invalid-value", "interface vl-5000: vlanid 5000: expected 1-4094; read as no VLAN"],
    ],
  );
  assert.deepEqual(
    config.interfaces.map((i) => [i.name, i.vlan, i.addresses, i.hardware]),
    [
      ["port1", null, ["10.0.0.1/24"], null],
      ["vl-big", null, [], null],
      ["vl-5000", null, [], null],
      ["vl20", 20, [], "port1"],
      // 0 is what FortiOS shows for an interface that is not a VLAN: no problem.
      ["port2", null, [], null],
    ],
  );
});

test("custom service numbers past 255 or not numbers are reported on their lines and read as any; other services stay", () => {
  const text = [
    "config firewall service custom",
    '    edit "ip-300"',
    "        set protocol IP",
    "        set protocol-number 300",
    "    next",
    '    edit "icmp-code"',
    "        set protocol ICMP",
    "        set icmptype 3",
    "        set icmpcode 256",
    "    next",
    '    edit "icmp-type"',
    "        set protocol ICMP",
    "        set icmptype 1e3",
    "        set icmpcode 0",
    "    next",
    '    edit "modbus"',
    "        set tcp-portrange 502",
    "    next",
    "end",
    "config firewall policy",
    "    edit 1",
    '        set srcintf "port1"',
    '        set dstintf "port2"',
    '        set srcaddr "all"',
    '        set dstaddr "all"',
    "        set action accept",
    '        set schedule "always"',
    '        set service "ip-300" "icmp-code" "icmp-type" "modbus"',
    "    next",
    "end",
  ].join("\n");
  const { config, problems } = parseFirewallConfig(text, "fortigate.conf");
  assert.ok(config);
  FirewallConfig.parse(config);
  assert.deepEqual(
    problems.map((p) => [p.line, p.code, p.message]),
    [
      [4, "invalid-value", "service ip-300: protocol-number 300: expected 0-255; read as any protocol"],
      [9, "invalid-value", "service icmp-code: icmpcode 256: expected 0-255; read as any code"],
      [13, "invalid-value", "service icmp-type: icmptype 1e3: expected 0-255; read as any type"],
    ],
  );
  const any = { sourcePorts: null, destinationPorts: null, icmpType: null, icmpCode: null };
  assert.deepEqual(policies(config)[0]!.services, [
    { protocol: null, ...any },
    { protocol: 1, ...any, icmpType: 3 },
    // Without a type the code narrows nothing: the service is any ICMP.
    { protocol: 1, ...any },
    { protocol: 6, ...any, destinationPorts: [{ from: 502, to: 502 }] },
  ]);
});

test("a service or access named like an Object.prototype member (constructor, toString) is only an unknown name", () => {
  const text = [
    "config system interface",
    '    edit "port1"',
    "        set allowaccess constructor ssh",
    "    next",
    "end",
    "config firewall policy",
    "    edit 1",
    '        set srcintf "port1"',
    '        set dstintf "port2"',
    '        set srcaddr "all"',
    '        set dstaddr "all"',
    "        set action accept",
    '        set service "constructor" "toString" "HTTPS"',
    "    next",
    "end",
  ].join("\n");
  const { config, problems } = parseFirewallConfig(text, "fortigate.conf");
  assert.ok(config);
  FirewallConfig.parse(config);
  assert.deepEqual(
    problems.map((p) => [p.line, p.code, p.message]),
    [
      [13, "unresolved-name", "policy 1: service constructor is not defined; ignored"],
      [13, "unresolved-name", "policy 1: service toString is not defined; ignored"],
    ],
  );
  assert.deepEqual(
    policies(config)[0]!.services.map((s) => [s.protocol, s.destinationPorts]),
    [[6, [{ from: 443, to: 443 }]]],
  );
  assert.deepEqual(
    config.management.map((m) => m.protocol),
    ["ssh"],
  );
});
