import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { test } from "node:test";
import ipaddr from "ipaddr.js";
import type { FirewallRule, PortRange } from "../../model/firewall.js";
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
