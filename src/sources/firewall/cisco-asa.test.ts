import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { test } from "node:test";
import ipaddr from "ipaddr.js";
import { FirewallConfig, type FirewallRule, type PortRange } from "../../model/firewall.js";
import { parseFirewallConfig } from "./load.js";
import { MAX_GROUP_DEPTH } from "./rule-parts.js";
import { CORPUS, parseConfigFile, rulesetOf } from "./testing.js";

/** flatAsaAcl's address notation to ours: `0/0` is any, IPv6 is written out in full there. */
function theirAddress(a: string): string[] {
  if (a === "0/0") return ["0.0.0.0/0", "::/0"];
  if (/^[0-9a-f:]+\/\d+$/i.test(a) && a.includes(":")) {
    const [addr, len] = a.split("/");
    return [`${ipaddr.parse(addr!).toString()}/${len}`];
  }
  if (/^[\d.]+\/\d+$/.test(a) || /^[\d.]+-[\d.]+$/.test(a)) return [a];
  return [`fqdn ${a}`];
}

const theirPort = (spec: string): string => {
  const [op, v] = spec.split("/");
  if (op === "-" || v === "any") return "any";
  return op === "range" ? v! : `${v}-${v}`;
};

const ours = (p: PortRange[] | null): string[] => (p === null ? ["any"] : p.map((r) => `${r.from}-${r.to}`));

function serviceKeys(r: FirewallRule): Set<string> {
  const out = new Set<string>();
  for (const s of r.services) {
    const proto = s.protocol === null ? "ip" : String(s.protocol);
    if (s.icmpType !== null) out.add(`${proto} icmp ${s.icmpType}`);
    else
      for (const sp of ours(s.sourcePorts))
        for (const dp of ours(s.destinationPorts)) out.add(`${proto} ${sp} ${dp}`);
  }
  return out;
}

test("object-groups nested several levels deep expand to what flatAsaAcl's flattened output lists", () => {
  const { config, problems } = parseConfigFile(`${CORPUS}/flatasa_sample_config.txt`);
  assert.deepEqual(problems, []);
  const rows = readFileSync(`${CORPUS}/flatasa_sample_FlattenedAclByAllOptions.txt`, "utf8")
    .trim()
    .split("\n")
    .map((l) => l.split(","));
  const expected = new Map<
    string,
    { src: Set<string>; dst: Set<string>; services: Set<string>; active: boolean }
  >();
  for (const [acl, n, , , proto, src, sport, dst, dport, icmp, status] of rows) {
    const key = `${acl}#${n}`;
    const e = expected.get(key) ?? {
      src: new Set(),
      dst: new Set(),
      services: new Set(),
      active: status === "active",
    };
    for (const x of theirAddress(src!)) e.src.add(x);
    for (const x of theirAddress(dst!)) e.dst.add(x);
    if (icmp !== "-/-") e.services.add(`${proto} icmp ${icmp!.split("/")[0]}`);
    else e.services.add(`${proto} ${theirPort(sport!)} ${theirPort(dport!)}`);
    expected.set(key, e);
  }
  assert.equal(expected.size, 15);
  for (const [key, e] of expected) {
    const [acl, n] = key.split("#");
    const rule = rulesetOf(config, `access-list ${acl}`).rules[Number(n) - 1]!;
    const src = new Set([...rule.sources.ranges, ...rule.sources.unresolved]);
    const dst = new Set([...rule.destinations.ranges, ...rule.destinations.unresolved]);
    assert.deepEqual(src, e.src, `${key} sources`);
    assert.deepEqual(dst, e.dst, `${key} destinations`);
    assert.equal(rule.enabled, e.active, `${key} active`);
    if (key === "ACL04#2") continue;
    assert.deepEqual(serviceKeys(rule), e.services, `${key} services`);
  }
  // ACL04 line 2 applies icmp-type group ICMPGRP02 (echo, echo-reply, unreachable) to icmp and icmp6.
  // flatAsaAcl writes the ICMPv4 numbers 8, 0, 3 for icmp6 too; for ICMPv6 those names are 128, 129 and 1.
  assert.deepEqual(
    serviceKeys(rulesetOf(config, "access-list ACL04").rules[1]!),
    new Set(["1 icmp 8", "1 icmp 0", "1 icmp 3", "58 icmp 128", "58 icmp 129", "58 icmp 1"]),
  );
});

test("nested network groups: a member that is not defined is reported where the group names it", () => {
  const { problems } = parseConfigFile(`${CORPUS}/bf_asa-nested-network-object-group`);
  assert.deepEqual(
    problems.map((p) => [p.line, p.message]),
    [
      [19, '"object-group group network admin" read as "object-group network admin"'],
      [23, "network object UNDEFINED_GROUP is not defined; its addresses are unknown"],
      [31, "network object UNDEFINED_GROUP_MIXED is not defined; its addresses are unknown"],
    ],
  );
});

test("access-group binds an access list in or out of an interface; without one, the security level decides", () => {
  const { config, problems } = parseConfigFile(`${CORPUS}/bf_asa-filters`);
  assert.deepEqual(
    problems.map((p) => [p.line, p.message]),
    [[36, "access-group FILTER_UNDEF: no such access list; the binding is ignored"]],
  );
  assert.deepEqual(rulesetOf(config, "access-list FILTER_IN").bindings, [
    { traffic: "forward", from: ["name1"], to: null, stage: 1, order: 0, line: 32 },
  ]);
  assert.deepEqual(rulesetOf(config, "access-list FILTER_OUT5").bindings, [
    { traffic: "forward", from: null, to: ["name5"], stage: 2, order: 0, line: 35 },
  ]);
  // name3 (level 50) has no inbound list: it reaches the level-0 interfaces name2, name4, name5, not name1 (also 50).
  assert.deepEqual(
    rulesetOf(config, "security-level name3").rules.map((r) => r.to),
    [["name2"], ["name4"], ["name5"]],
  );
  assert.deepEqual(rulesetOf(config, "security-level name2").rules, []);
  assert.ok(!config.rulesets.some((r) => r.id === "security-level name1" || r.id === "security-level name4"));
});

test("interfaces without an explicit level get ASA's default: 100 for inside, 0 for the others", () => {
  const { config } = parseConfigFile(`${CORPUS}/bf_asa-security-level`);
  assert.deepEqual(
    config.interfaces.map((i) => [i.name, i.securityLevel, i.addresses[0]]),
    [
      ["all-trust", 100, "3.0.0.2/24"],
      ["inside", 100, "3.0.1.2/24"],
      ["some-trust", 45, "3.0.2.2/24"],
      ["outside", 1, "3.0.3.2/24"],
    ],
  );
});

test("what batfish flags in asa_acl is reported here too, by line", () => {
  const { config, problems } = parseConfigFile(`${CORPUS}/bf_unit_asa_acl`);
  // batfish: "interface outside" unsupported at line 9, and drawbridge_hosts undefined (an empty IP space).
  assert.deepEqual(
    problems.map((p) => p.line),
    [9, 9],
  );
  const rule = rulesetOf(config, "access-list outside").rules[0]!;
  assert.deepEqual(
    [rule.sources.unresolved, rule.destinations.unresolved],
    [["drawbridge_hosts (undefined)"], ["interface outside"]],
  );
  // `permit object icmp-echo any any`: the predefined inline service specifiers.
  assert.deepEqual(rulesetOf(config, "access-list inline_specifiers").rules[2]!.services[0]!.icmpType, 8);
  assert.equal(rulesetOf(config, "access-list Local_LAN_Access").filters, false);
});

test("NAT is counted once with its lines, since ASA access lists match real addresses", () => {
  const { problems } = parseConfigFile(`${CORPUS}/bf_unit_asa_nat`);
  assert.equal(problems.length, 1);
  assert.match(
    problems[0]!.message,
    /^16 NAT statements \(lines 6, 7, 8, 9, 10, 11, 12, 13, \.\.\.\) not modelled/,
  );
});

test("the example's corporate firewall: names, nested groups, remarks and management access", () => {
  const { config } = parseConfigFile("examples/water-treatment/firewalls/fw-edge.cfg");
  const inside = rulesetOf(config, "access-list inside_access_in");
  // internet-sources = enterprise-hosts (enterprise-servers (dc01, file-server) + office-clients) + ot-firewall.
  assert.deepEqual(inside.rules[0]!.sources.ranges, [
    "10.10.10.1/32",
    "10.10.10.2/32",
    "10.10.10.5/32",
    "10.10.10.20-10.10.10.99",
  ]);
  assert.deepEqual(
    inside.rules[0]!.services.map((s) => s.destinationPorts),
    [
      [
        { from: 80, to: 80 },
        { from: 443, to: 443 },
      ],
    ],
  );
  assert.equal(inside.rules[3]!.destinations.unresolved[0], "fqdn relay.isp.example");
  assert.equal(
    inside.rules[4]!.comment,
    "Aquatech remote support for ews-01, behind the OT firewall's NAT (CHG-1187)",
  );
  assert.deepEqual(
    config.management.map((m) => [m.protocol, m.cleartext, m.interfaces]),
    [
      ["https", false, ["management"]],
      ["snmp", true, ["inside"]],
      ["telnet", true, ["inside"]],
      ["ssh", false, ["management"]],
    ],
  );
  assert.deepEqual(
    config.routes.map((r) => [r.destination, r.interface]),
    [
      ["0.0.0.0/0", "outside"],
      ["172.16.50.0/24", "inside"],
      ["192.168.20.0/24", "inside"],
      ["192.168.30.0/24", "inside"],
      ["192.168.40.0/24", "inside"],
    ],
  );
});

/** `depth` groups of `kind`, each holding the next; the last holds `leaf`. */
function groupChain(prefix: string, head: string, depth: number, leaf: string): string {
  const lines: string[] = [];
  for (let i = 0; i < depth; i++) {
    lines.push(`${head.replace("NAME", `${prefix}${i}`)}`);
    lines.push(i + 1 < depth ? ` group-object ${prefix}${i + 1}` : ` ${leaf}`);
  }
  return lines.join("\n");
}

test("object-groups nested 3,000 deep stop at the limit with a warning; a loop is reported; other rules stay", () => {
  const depth = 3000;
  const text = [
    "ASA Version 9.9",
    "hostname deep",
    "interface GigabitEthernet0/0",
    " nameif inside",
    " security-level 100",
    " ip address 10.0.0.1 255.255.255.0",
    groupChain("N", "object-group network NAME", depth, "network-object host 10.9.9.9"),
    groupChain("S", "object-group service NAME tcp", depth, "port-object eq 502"),
    groupChain("I", "object-group icmp-type NAME", depth, "icmp-object echo"),
    "object-group network LOOP_A",
    " group-object LOOP_B",
    "object-group network LOOP_B",
    " group-object LOOP_A",
    " network-object host 10.7.7.7",
    "access-list OUT extended permit tcp object-group N0 any object-group S0",
    "access-list OUT extended permit icmp any any object-group I0",
    "access-list OUT extended permit ip object-group LOOP_A any",
    "access-list OUT extended permit tcp host 10.1.1.1 any eq 22",
    "access-group OUT in interface inside",
    "",
  ].join("\n");
  const { config, problems } = parseFirewallConfig(text, "deep.asa");
  const rules = rulesetOf(config!, "access-list OUT").rules;
  assert.deepEqual(
    rules.map((r) => r.line),
    [18012, 18013, 18014, 18015],
  );
  const [deepNet, deepIcmp, loop, plain] = rules;
  // Below the limit members are not read: the addresses and services are unknown, and the rule says so.
  assert.deepEqual(deepNet!.sources.ranges, []);
  assert.deepEqual(deepNet!.sources.unresolved, ["N64 (nested too deep)"]);
  assert.deepEqual(deepNet!.services[0]!.destinationPorts, null);
  assert.deepEqual(deepNet!.unmodelled, ["service object-group S0 (nested too deep)"]);
  assert.deepEqual(
    deepIcmp!.services.map((s) => [s.protocol, s.icmpType]),
    [[1, null]],
  );
  assert.deepEqual(deepIcmp!.unmodelled, ["icmp-type object-group I0 (nested too deep)"]);
  assert.deepEqual(loop!.sources.ranges, ["10.7.7.7/32"]);
  assert.deepEqual(
    [plain!.sources.ranges, plain!.services[0]!.destinationPorts, plain!.unmodelled],
    [["10.1.1.1/32"], [{ from: 22, to: 22 }], []],
  );
  // Each chain is cut at the group-object of its 64th group (two lines per group); the groups below the cut,
  // read on their own, are cut 64 levels further down: a bounded number of warnings, none lost.
  const tooDeep = problems.filter((p) => /nested deeper than 64 groups/.test(p.message));
  for (const start of [7, 7 + 2 * depth, 7 + 4 * depth]) {
    const cut = start + 1 + 2 * (MAX_GROUP_DEPTH - 1);
    assert.ok(
      tooDeep.some((p) => p.file === "deep.asa" && p.line === cut),
      `no warning at line ${cut}`,
    );
  }
  assert.ok(tooDeep.length <= 3 * Math.ceil(depth / MAX_GROUP_DEPTH) + 3, String(tooDeep.length));
  assert.ok(
    problems.some((p) => p.message === "object-group LOOP_A contains itself; the loop is not followed"),
  );
});

test("a security-level that is no number from 0 to 100 is reported; the interface keeps its name's default", () => {
  const text = [
    "ASA Version 9.9",
    "interface GigabitEthernet0/0",
    " nameif inside",
    " security-level M-<",
    "interface GigabitEthernet0/1",
    " nameif dmz",
    " security-level 50",
    "",
  ].join("\n");
  const { config, problems } = parseFirewallConfig(text, "levels.asa");
  assert.deepEqual(
    config!.interfaces.map((i) => [i.name, i.securityLevel]),
    [
      ["inside", 100],
      ["dmz", 50],
    ],
  );
  assert.deepEqual(
    problems.map((p) => [p.line, p.code]),
    [[4, "invalid-value"]],
  );
});

test("a vlan that is no VLAN id is reported on its line; the interface and its address are kept", () => {
  const text = [
    "ASA Version 9.9",
    "interface GigabitEthernet0/0.10",
    " vlan 99999999999999999999",
    " nameif inside",
    " ip address 10.0.0.1 255.255.255.0",
    "interface GigabitEthernet0/0.20",
    " vlan abc",
    " nameif dmz",
    "interface GigabitEthernet0/0.30",
    " vlan 30",
    " nameif ot",
    "",
  ].join("\n");
  const { config, problems } = parseFirewallConfig(text, "vlans.asa");
  FirewallConfig.parse(config);
  assert.deepEqual(
    config!.interfaces.map((i) => [i.name, i.vlan, i.addresses]),
    [
      ["inside", null, ["10.0.0.1/24"]],
      ["dmz", null, []],
      ["ot", 30, []],
    ],
  );
  assert.deepEqual(
    problems.map((p) => [p.line, p.code, p.message]),
    [
      [3, "invalid-value", "vlan 99999999999999999999: expected 1-4094; read as no VLAN"],
      [7, "invalid-value", "vlan abc: expected 1-4094; read as no VLAN"],
    ],
  );
});

test("an ICMP code past 255, in an access list or a service object, is reported and read as any code", () => {
  const text = [
    "ASA Version 9.9",
    "interface GigabitEthernet0/0",
    " nameif inside",
    "object service unreach",
    " service icmp unreachable 999",
    "access-list IN extended permit icmp any any unreachable 4",
    "access-list IN extended permit icmp any any unreachable 300",
    "access-list IN extended permit object unreach any any",
    "access-list IN extended permit tcp any any eq 502",
    "access-group IN in interface inside",
    "",
  ].join("\n");
  const { config, problems } = parseFirewallConfig(text, "icmp.asa");
  FirewallConfig.parse(config);
  assert.deepEqual(
    problems.map((p) => [p.line, p.code, p.message]),
    [
      [5, "invalid-value", "ICMP code 999: expected 0-255; read as any code"],
      [7, "invalid-value", "access-list IN: ICMP code 300: expected 0-255; read as any code"],
    ],
  );
  assert.deepEqual(
    rulesetOf(config!, "access-list IN").rules.map((r) => [
      r.line,
      r.services.map((s) => [s.protocol, s.icmpType, s.icmpCode]),
    ]),
    [
      [6, [[1, 3, 4]]],
      [7, [[1, 3, null]]],
      [8, [[1, 3, null]]],
      [9, [[6, null, null]]],
    ],
  );
});

test("a protocol or object named like an Object.prototype member (constructor, toString) is not understood", () => {
  const text = [
    "ASA Version 9.9",
    "interface GigabitEthernet0/0",
    " nameif inside",
    "object service s",
    " service constructor",
    "access-list IN extended permit constructor any any",
    "access-list IN extended permit object s any any",
    "access-list IN extended permit object toString any any",
    "access-list IN extended permit tcp any any eq 502",
    "access-group IN in interface inside",
    "",
  ].join("\n");
  const { config, problems } = parseFirewallConfig(text, "proto.asa");
  FirewallConfig.parse(config);
  assert.deepEqual(
    problems.map((p) => [p.line, p.code]),
    [
      [5, "unparsed-line"],
      [6, "unparsed-line"],
      // Object s is left with no service, and toString is an undefined object like any other.
      [7, "no-effect"],
      [8, "not-modelled"],
    ],
  );
  assert.deepEqual(
    rulesetOf(config!, "access-list IN").rules.map((r) => [r.line, r.unmodelled]),
    [
      [8, ["service object toString (undefined)"]],
      [9, []],
    ],
  );
});
