import assert from "node:assert/strict";
import { test } from "node:test";
import { CORPUS, configFrom, configText } from "../../../test/firewall-configs.js";
import type { FirewallConfig } from "../../model/firewall.js";
import { Prng } from "../../synth/prng.js";
import { compileConfig } from "./compile.js";
import { anyOverlap } from "./cubes.js";
import { OverlapIndex } from "./overlap-index.js";
import { analyseOrder } from "./rule-order.js";

/** `line status by-lines` for every shadowed, redundant or undecided rule of one rule set. */
function unreachable(config: FirewallConfig, rulesetId: string): string[] {
  const c = compileConfig(config);
  const rs = c.rulesets.find((r) => r.ruleset.id === rulesetId)!;
  const { standings } = analyseOrder(rs, c.interfaces.full);
  return standings.flatMap((s, i) => {
    if (s.status === "reachable" || s.status === "inert") return [];
    const by = "by" in s ? s.by.map((j) => rs.rules[j]!.rule.line).join(",") : "";
    return [`${rs.rules[i]!.rule.line} ${s.status} ${by}`.trim()];
  });
}

test("ASA: rules after a logged deny-all are shadowed; an IPv6 deny shadows an ICMPv6 permit", () => {
  const config = configFrom(`${CORPUS}/flatasa_sample_config.txt`);
  // Line 71 `deny ip any any log` decides everything lines 72 and 73 would permit.
  assert.deepEqual(unreachable(config, "access-list ACL02"), ["72 shadowed 71", "73 shadowed 71"]);
  // Line 79 `deny ip any any6` takes every IPv6 packet; line 81 (udp, IPv4 too) survives, line 82 (icmp6) not.
  assert.deepEqual(unreachable(config, "access-list ACL05"), ["82 shadowed 79"]);
  // Line 76 `deny ... inactive` does not count.
  assert.deepEqual(unreachable(config, "access-list ACL04"), []);
});

test("ASA: the generator's repeated bogon blocks are redundant with their first copies, and nothing else", () => {
  const config = configFrom(`${CORPUS}/aerleon_sample_multitarget.asa`);
  assert.deepEqual(unreachable(config, "access-list asa_in"), [
    "24 redundant 13",
    "31 redundant 19",
    "32 redundant 20",
  ]);
  assert.deepEqual(unreachable(config, "access-list asa_out"), [
    "86 redundant 85",
    "88 redundant 87",
    "93 redundant 92",
    "97 redundant 96",
    "102 redundant 101",
    "104 redundant 103",
  ]);
});

test("nftables: the policy puts default-deny first, so the terms after it never apply", () => {
  const config = configFrom(`${CORPUS}/aerleon_sample_nftables.nft`);
  // aerleon_sample_nftables.pol lists term default-deny before full-tuple-term, ssh-deny and source-address-term.
  // Their established packets are accepted at line 28, the rest dropped by line 11: the accepts are shadowed.
  assert.deepEqual(unreachable(config, "inet filtering_policies/root3"), [
    "14 shadowed 11",
    "15 shadowed 11",
    "18 shadowed 28,11",
    "19 shadowed 28,11",
    "22 shadowed 28,11",
    "23 shadowed 28,11",
  ]);
  // test-icmp-type-ip6 was rendered in an ip table as plain `ct state new accept` (line 64): every later
  // term of root6 is redundant.
  assert.deepEqual(unreachable(config, "ip filtering_policies/root6"), [
    "68 redundant 64",
    "72 redundant 64",
    "76 redundant 64",
    "80 redundant 64",
    "84 redundant 64",
    "88 redundant 64",
    "89 redundant 64",
  ]);
});

test("FortiOS: five identical policies reordered by move: the first one decides for all the others", () => {
  const config = configFrom(`${CORPUS}/bf_fortios_policy_move`);
  // Order after the moves: 5 (line 45), 1, 2, 4, 3.
  assert.deepEqual(unreachable(config, "firewall policy"), [
    "17 redundant 45",
    "24 redundant 45",
    "38 redundant 45",
    "31 redundant 45",
  ]);
});

test("a rule covered only by several earlier rules together is found", () => {
  const config = configText(
    [
      "*filter",
      ":INPUT DROP [0:0]",
      "-A INPUT -s 10.0.0.0/25 -j ACCEPT",
      "-A INPUT -s 10.0.0.128/25 -p tcp -j ACCEPT",
      "-A INPUT -s 10.0.0.0/24 -p tcp --dport 22 -j DROP",
      "-A INPUT -s 10.0.0.0/24 -p udp --dport 53 -j DROP",
      "COMMIT",
      "",
    ].join("\n"),
    "split.rules",
  );
  // Line 5: tcp/22 from 10.0.0.0/24 is accepted by lines 3 and 4 together. Line 6: udp from the upper half is not.
  assert.deepEqual(unreachable(config, "filter/INPUT"), ["5 shadowed 3,4"]);
});

test("interfaces and connection states keep rules apart", () => {
  const config = configText(
    [
      "*filter",
      ":FORWARD DROP [0:0]",
      "-A FORWARD -i eth0 -p tcp --dport 502 -j ACCEPT",
      "-A FORWARD -i eth1 -p tcp --dport 502 -j DROP",
      "-A FORWARD -m state --state ESTABLISHED,RELATED -j ACCEPT",
      "-A FORWARD -m state --state NEW -p tcp --dport 502 -j ACCEPT",
      "COMMIT",
      "",
    ].join("\n"),
    "split.rules",
  );
  // Line 6: new connections on other interfaces than eth0 and eth1 reach it.
  assert.deepEqual(unreachable(config, "filter/FORWARD"), []);
});

test("a rule set whose last rule decides every packet has an unreachable default", () => {
  const c = compileConfig(configFrom(`${CORPUS}/aerleon_sample_speedway.ipt`));
  const forward = c.rulesets.find((r) => r.ruleset.id === "filter/FORWARD")!;
  const input = c.rulesets.find((r) => r.ruleset.id === "filter/INPUT")!;
  assert.equal(analyseOrder(forward, c.interfaces.full).defaultReachable, false);
  assert.equal(analyseOrder(input, c.interfaces.full).defaultReachable, true);
});

/**
 * An iptables-save of `n` rules as large rule bases have them: host-to-host services, subnets, one port from one
 * host to any destination (a tenth), from anywhere to one host, and now and then an earlier rule repeated, or
 * repeated as a drop.
 */
function largeRuleBase(n: number): string {
  const rng = new Prng(7);
  const next = () => rng.float();
  const int = (lo: number, hi: number) => rng.between(lo, hi);
  const host = () => `10.${int(0, 40)}.${int(0, 255)}.${int(1, 254)}`;
  const lines = ["*filter", ":INPUT DROP [0:0]", ":FORWARD DROP [0:0]", ":OUTPUT ACCEPT [0:0]"];
  const written: string[] = [];
  for (let i = 0; i < n; i++) {
    const r = next();
    const port = int(1, 65000);
    let rule: string;
    if (r < 0.03 && written.length) rule = written[int(0, written.length - 1)]!;
    else if (r < 0.05 && written.length)
      rule = written[int(0, written.length - 1)]!.replace("ACCEPT", "DROP");
    else if (r < 0.15) rule = `-s ${host()}/32 -p tcp -m tcp --dport ${port} -j ACCEPT`;
    else if (r < 0.2) rule = `-d ${host()}/32 -p udp -m udp --dport ${port} -j ACCEPT`;
    else if (r < 0.6) rule = `-s ${host()}/32 -d ${host()}/32 -p tcp -m tcp --dport ${port} -j ACCEPT`;
    else
      rule = `-s ${host()}/32 -d 10.${int(0, 40)}.${int(0, 255)}.0/24 -p tcp -m tcp --dport ${int(1, 1024)} -j ACCEPT`;
    written.push(rule);
    lines.push(`-A FORWARD ${rule}`);
  }
  lines.push("COMMIT", "");
  return lines.join("\n");
}

test("the overlap index finds every earlier rule that overlaps a rule, and few others", () => {
  const c = compileConfig(configText(largeRuleBase(2000), "large.ipt"));
  const rules = c.rulesets.find((r) => r.ruleset.id === "filter/FORWARD")!.rules;
  const index = new OverlapIndex(rules.map((r) => ({ id: r.index, cubes: r.under })));
  let candidates = 0;
  for (const r of rules) {
    const found = new Set<number>();
    index.query(r.over, (id) => found.add(id));
    candidates += found.size;
    for (const o of rules)
      if (o !== r && anyOverlap(r.over, o.under))
        assert.ok(found.has(o.index), `rule ${o.index} overlaps ${r.index}`);
  }
  // An index on destinations alone returns every any-destination rule to every query: about n * n / 10.
  assert.ok(candidates < 20 * rules.length, `${candidates} candidates`);
});

test("20,000 iptables rules: repeated rules are redundant, rules repeated as drops shadowed", () => {
  const config = configText(largeRuleBase(20_000), "large.ipt");
  const c = compileConfig(config);
  const rs = c.rulesets.find((r) => r.ruleset.id === "filter/FORWARD")!;
  const { standings } = analyseOrder(rs, c.interfaces.full);
  const count = (status: string) => standings.filter((s) => s.status === status).length;
  // The same figures as the pairwise analysis before the overlap index (destination index only).
  assert.deepEqual(
    ["reachable", "redundant", "shadowed", "undecided"].map((s) => [s, count(s)]),
    [
      ["reachable", 18_988],
      ["redundant", 628],
      ["shadowed", 384],
      ["undecided", 0],
    ],
  );
  // A rule written a second time never decides a packet.
  const seen = new Set<string>();
  rs.rules.forEach((r, i) => {
    if (seen.has(r.rule.text)) assert.notEqual(standings[i]!.status, "reachable", r.rule.text);
    seen.add(r.rule.text);
  });
});
