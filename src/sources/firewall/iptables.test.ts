import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { test } from "node:test";
import { FirewallConfig, type FirewallRule } from "../../model/firewall.js";
import { MAX_INLINED_RULES } from "./chain-flatten.js";
import { parseFirewallConfig } from "./load.js";
import { CORPUS, parseConfigFile, rulesetOf } from "./testing.js";

test("speedway: each INPUT term's user chain is followed and its rules take the jump's place", () => {
  const { config, problems } = parseConfigFile(`${CORPUS}/aerleon_sample_speedway.ipt`);
  assert.deepEqual(problems, []);
  const input = rulesetOf(config, "filter/INPUT");
  // aerleon_sample_speedway.pol: `target:: speedway INPUT DROP`, then four terms, each rendered as a chain.
  assert.equal(input.defaultAction, "deny");
  assert.deepEqual(input.defaultSource, { line: 11, text: ":INPUT DROP", implicit: false });
  assert.deepEqual(
    input.rules.map((r) => [r.line, r.name, r.via.map((v) => `${v.chain}:${v.line}`).join(" "), r.action]),
    [
      [13, "I_base-allow-est-in", "INPUT:14", "permit"],
      [16, "I_base-allow-icmp-in", "INPUT:17", "permit"],
      [19, "I_base-traceroute-in", "INPUT:20", "permit"],
      [22, "I_base-allow-ssh-in", "INPUT:25", "permit"],
      [23, "I_base-allow-ssh-in", "INPUT:25", "permit"],
      [24, "I_base-allow-ssh-in", "INPUT:25", "permit"],
    ],
  );
  const [est, icmp, trace, ssh10] = input.rules;
  assert.deepEqual(est!.states, ["established", "related"]);
  assert.deepEqual(icmp!.services, [
    { protocol: 1, sourcePorts: null, destinationPorts: null, icmpType: 8, icmpCode: null },
  ]);
  // term base-traceroute-in: source-port TRACEROUTE (33434-33534), destination-port HIGH_PORTS (1024-65535).
  assert.deepEqual(trace!.services, [
    {
      protocol: 17,
      sourcePorts: [{ from: 33434, to: 33534 }],
      destinationPorts: [{ from: 1024, to: 65535 }],
      icmpType: null,
      icmpCode: null,
    },
  ]);
  assert.deepEqual(ssh10!.sources.ranges, ["10.0.0.0/8"]);
  assert.deepEqual(ssh10!.states, ["new", "established", "related"]);
  // term base-forwarding-deny: `action:: reject`.
  const forward = rulesetOf(config, "filter/FORWARD");
  assert.deepEqual(
    forward.rules.map((r) => [r.line, r.action, r.via[0]?.line]),
    [[61, "deny", 62]],
  );
});

test("a jump's own condition is carried into the rules of the chain it reaches", () => {
  const { config } = parseConfigFile("examples/water-treatment/firewalls/dose-4g.rules");
  const forward = rulesetOf(config, "filter/FORWARD");
  // Line 44 jumps on `-i wwan0` to zone_wan_forward, whose line 60 admits EtherNet/IP to the dosing PLC.
  const eip = forward.rules.find((r) => r.line === 60)!;
  assert.deepEqual(eip.from, ["wwan0"]);
  assert.deepEqual(eip.destinations.ranges, ["192.168.30.13/32"]);
  assert.deepEqual(eip.services[0]!.destinationPorts, [{ from: 44818, to: 44818 }]);
  assert.deepEqual(eip.via, [{ chain: "FORWARD", line: 44 }]);
  // The shared `reject` chain is reached from four places; each copy keeps the path it came by.
  assert.deepEqual(
    forward.rules.filter((r) => r.name === "reject").map((r) => r.via.map((v) => v.line).join(">")),
    ["44>61", "44>61", "45", "45"],
  );
  // Three levels deep: FORWARD -> zone_lan_forward -> zone_wan_dest_ACCEPT, under both jumps' conditions.
  const out = forward.rules.find((r) => r.line === 58)!;
  assert.deepEqual([out.from, out.to, out.via.map((v) => v.line)], [["br-lan"], ["wwan0"], [43, 52]]);
});

test("a RETURN keeps its place and the chain it leaves", () => {
  const { config } = parseConfigFile("examples/water-treatment/firewalls/dose-4g.rules");
  const input = rulesetOf(config, "filter/INPUT");
  const ret = input.rules.find((r) => r.line === 49)!;
  assert.equal(ret.action, "return");
  assert.deepEqual(ret.via, [{ chain: "INPUT", line: 39 }]);
  // The rate limit and the flag test are conditions the model does not represent; they are kept in words.
  assert.deepEqual(ret.unmodelled, [
    "-m tcp --tcp-flags FIN,SYN,RST,ACK SYN",
    "-m limit --limit 25/sec",
    "-m limit --limit-burst 50",
  ]);
});

test("a built-in chain with no policy line is reported and read as ACCEPT", () => {
  const { config, problems } = parseConfigFile(`${CORPUS}/bf_unit_host1.iptables`);
  assert.deepEqual(
    problems.map((p) => [p.line, p.code, p.message.slice(0, 22)]),
    [[11, "unparsed-line", "built-in chain FORWARD"]],
  );
  const forward = rulesetOf(config, "filter/FORWARD");
  assert.equal(forward.defaultAction, "permit");
  assert.equal(forward.defaultSource.implicit, true);
  assert.deepEqual(
    rulesetOf(config, "filter/INPUT").rules.map((r) => [
      r.sources.ranges[0],
      r.services[0]!.destinationPorts![0]!.from,
    ]),
    [
      ["1.2.3.4/32", 22],
      ["11.22.33.44/32", 25],
      ["111.222.111.222/32", 80],
      ["4.3.2.1/32", 110],
      ["44.22.33.11/32", 143],
    ],
  );
});

test("rules iptables itself would refuse or skip are reported and left out", () => {
  const { config, problems } = parseConfigFile(`${CORPUS}/bf_iptables_unsupported_rule_spec_options`);
  // The file has no policy lines at all (line 1 is `*filter`): each built-in chain is assumed ACCEPT.
  assert.deepEqual(
    problems.map((p) => [p.line, p.code]),
    [
      [1, "unparsed-line"],
      [1, "unparsed-line"],
      [1, "unparsed-line"],
      [4, "no-effect"],
      [10, "no-effect"],
    ],
  );
  assert.match(problems[3]!.message, /-6: the rule is for IPv6 only/);
  assert.match(problems[4]!.message, /-m tcp without -p tcp/);
  assert.deepEqual(
    rulesetOf(config, "filter/INPUT").rules.map((r) => r.line),
    [3, 7],
  );
});

test("an iptables-save and ip6tables-save dump in one file: the second half is read as IPv6", () => {
  const { config, problems } = parseConfigFile(`${CORPUS}/istio_tproxy.golden.ipt`);
  assert.deepEqual(
    problems.filter((p) => p.message.includes("command name")).map((p) => p.line),
    [1, 2, 111, 112],
  );
  const v6 = rulesetOf(config, "ip6 mangle/PREROUTING");
  assert.ok(v6.rules.every((r) => r.sources.ranges.every((x) => x.includes(":"))));
  // `-I ISTIO_INBOUND 1..3` insert before the rules appended earlier (lines 20-22 come before line 9).
  assert.deepEqual(
    rulesetOf(config, "mangle/PREROUTING").rules.map((r) => r.line),
    [7, 20, 21, 22, 9, 10, 11, 15],
  );
});

/** A filter table with its three policy lines, then `rules` from line 5. */
function filterTable(...rules: string[]): string {
  return [
    "*filter",
    ":INPUT DROP [0:0]",
    ":FORWARD DROP [0:0]",
    ":OUTPUT ACCEPT [0:0]",
    ...rules,
    "COMMIT",
  ].join("\n");
}

test("an ICMP code past 255 is reported on its line and read as any code; the other rules are kept", () => {
  // fuzz/regressions/firewall-iptables/crash-9ef0179687d48106: `--icmp-type /339` gave the model code 339.
  const text = filterTable(
    "-A INPUT -p icmp --icmp-type 3/339 -j ACCEPT",
    "-A INPUT -p icmp --icmp-type /339 -j ACCEPT",
    "-A INPUT -p icmp --icmp-type 3/4 -j ACCEPT",
    "-A INPUT -p tcp --dport 22 -j ACCEPT",
  );
  const { config, problems } = parseFirewallConfig(text, "rules.v4");
  assert.ok(config);
  FirewallConfig.parse(config);
  assert.deepEqual(
    problems.map((p) => [p.line, p.code, p.message]),
    [
      [5, "invalid-value", "--icmp-type 3/339: ICMP code 339: expected 0-255; read as any code"],
      [6, "invalid-value", "--icmp-type /339: unknown ICMP type"],
    ],
  );
  assert.deepEqual(
    rulesetOf(config, "filter/INPUT").rules.map((r) => [
      r.line,
      r.services[0]!.protocol,
      r.services[0]!.icmpType,
      r.services[0]!.icmpCode,
    ]),
    [
      [5, 1, 3, null],
      [6, 1, null, null],
      [7, 1, 3, 4],
      [8, 6, null, null],
    ],
  );
});

test("-I with rule number 0 or past the end is reported and inserted first or last, as near as it gets", () => {
  const text = filterTable(
    "-A INPUT -p tcp --dport 22 -j ACCEPT",
    "-I INPUT 0 -p tcp --dport 23 -j DROP",
    "-I INPUT 99999999999999999999 -p tcp --dport 80 -j ACCEPT",
    "-I INPUT 2 -p tcp --dport 443 -j ACCEPT",
  );
  const { config, problems } = parseFirewallConfig(text, "rules.v4");
  assert.ok(config);
  assert.deepEqual(
    problems.map((p) => [p.line, p.code, p.message]),
    [
      [
        6,
        "invalid-value",
        "-I INPUT 0: rule number expected 1-2 (iptables-restore refuses it); inserted first",
      ],
      [
        7,
        "invalid-value",
        "-I INPUT 99999999999999999999: rule number expected 1-3 (iptables-restore refuses it); inserted last",
      ],
    ],
  );
  assert.deepEqual(
    rulesetOf(config, "filter/INPUT").rules.map((r) => r.line),
    [6, 8, 5, 7],
  );
});

test("words that name Object.prototype members (constructor, toString) are unknown names, not crashes", () => {
  const text = filterTable(
    "-A INPUT -p constructor -j ACCEPT",
    "-A INPUT -p tcp --dport toString -j ACCEPT",
    "-A INPUT -p icmp --icmp-type constructor -j ACCEPT",
    "-A INPUT -p tcp --dport 22 -j constructor",
    "-A INPUT -p tcp --dport 22 -j ACCEPT",
  ).concat("\n*constructor\n-A INPUT -j ACCEPT\nCOMMIT");
  const { config, problems } = parseFirewallConfig(text, "rules.v4");
  assert.ok(config);
  FirewallConfig.parse(config);
  assert.deepEqual(
    problems.map((p) => [p.line, p.code]),
    [
      [5, "invalid-value"],
      [6, "invalid-value"],
      [7, "invalid-value"],
      [8, "unresolved-name"],
      [11, "not-modelled"],
      [12, "unresolved-name"],
    ],
  );
  assert.deepEqual(
    rulesetOf(config, "filter/INPUT").rules.map((r) => [r.line, r.action]),
    [
      [5, "permit"],
      [6, "permit"],
      [7, "permit"],
      [8, "other"],
      [9, "permit"],
    ],
  );
});

/** A chain tree `depth` levels deep, each chain jumping twice to the next: 2^depth paths to its last chain. */
function jumpTree(depth: number, from: string[]): string {
  const lines = ["*filter", ":INPUT DROP [0:0]", ":FORWARD DROP [0:0]", ":OUTPUT ACCEPT [0:0]"];
  for (let i = 0; i <= depth; i++) lines.push(`:C${i} - [0:0]`);
  for (const base of from)
    lines.push(
      `-A ${base} -p tcp --dport 22 -j ACCEPT`,
      `-A ${base} -j C0`,
      `-A ${base} -p tcp --dport 443 -j ACCEPT`,
    );
  for (let i = 0; i < depth; i++) lines.push(`-A C${i} -s 10.0.0.0/8 -j C${i + 1}`, `-A C${i} -j C${i + 1}`);
  lines.push(`-A C${depth} -p tcp --dport 502 -j ACCEPT`, "COMMIT");
  return lines.join("\n");
}

test("jumps that multiply past MAX_INLINED_RULES stop being followed, reported once per base chain", () => {
  // 2^24 paths to C24: inlined in full, the parse would not end.
  const text = jumpTree(24, ["INPUT", "FORWARD"]);
  const { config, problems } = parseFirewallConfig(text, "rules.v4");
  assert.ok(config);
  // Lines 5-29 declare C0-C24, 30-35 are INPUT's and FORWARD's rules, and the chains' jumps start at 36.
  const limits = problems.filter((p) => p.code === "depth-limit");
  assert.equal(limits.length, 2, JSON.stringify(problems.slice(0, 4)));
  for (const [i, base] of ["INPUT", "FORWARD"].entries()) {
    const p = limits[i]!;
    assert.match(
      p.message,
      new RegExp(
        `^jump to C\\d+ not followed: ${base} has inlined ${MAX_INLINED_RULES} rules of user chains`,
      ),
    );
    assert.ok(p.line >= 36 && p.line < 36 + 2 * 24, String(p.line));
    const rules: FirewallRule[] = rulesetOf(config, `filter/${base}`).rules;
    assert.ok(rules.length <= MAX_INLINED_RULES, String(rules.length));
    // The base chain's own rules, before and after the jump, are all there.
    assert.deepEqual(
      rules.filter((r) => r.via.length === 0).map((r) => r.services[0]!.destinationPorts),
      [[{ from: 22, to: 22 }], [{ from: 443, to: 443 }]],
    );
  }
});

test("the fuzzed OpenWrt ruleset that hung the parser finishes, reporting where it stopped following jumps", {
  timeout: 60_000,
}, () => {
  // fuzz/regressions/firewall-iptables/hang-9d4c998e626592bb: an OpenWrt fw3 ruleset whose zone jumps were
  // copied dozens of times (FORWARD jumps 59 times to zone_lan_forward, which jumps on); inlined in full it
  // made 100,000 rules and took seconds, and the fuzzer's 5 s limit.
  const file = "fuzz/regressions/firewall-iptables/hang-9d4c998e626592bb.input";
  const { config, problems } = parseFirewallConfig(readFileSync(file, "utf8"), "fw3.rules");
  assert.ok(config);
  FirewallConfig.parse(config);
  assert.deepEqual(
    problems.filter((p) => p.code === "depth-limit").map((p) => [p.line, p.message]),
    [
      [
        874,
        `jump to reject not followed: INPUT has inlined ${MAX_INLINED_RULES} rules of user chains, the most read; it and 40 later jumps are not followed, so the rules they lead to are missing from INPUT`,
      ],
      [
        954,
        `jump to forwarding_wan_rule not followed: FORWARD has inlined ${MAX_INLINED_RULES} rules of user chains, the most read; it and 105 later jumps are not followed, so the rules they lead to are missing from FORWARD`,
      ],
    ],
  );
  // Inlined in full: 25,431 rules in INPUT, 78,377 in FORWARD. The base chains' own rules are all kept, and
  // OUTPUT, which reaches no chain that multiplies, is read in full.
  assert.deepEqual(
    config.rulesets.map((r) => [
      r.id,
      r.rules.length <= MAX_INLINED_RULES,
      r.rules.filter((x) => x.via.length === 0).length,
    ]),
    [
      ["filter/INPUT", true, 43],
      ["filter/FORWARD", true, 22],
      ["filter/OUTPUT", true, 39],
    ],
  );
  assert.equal(rulesetOf(config, "filter/OUTPUT").rules.length, 39);
});

test("a rule listing thousands of addresses is read once, not again for each rule its jump inlines", {
  timeout: 60_000,
}, () => {
  // United one address at a time and parsed back for each inlined rule, this took minutes.
  const sources = Array.from({ length: 3000 }, (_, i) => `10.${i >> 8}.${i & 255}.1`);
  const rules = [":X - [0:0]", `-A INPUT -s ${sources.join(",")} -j X`];
  for (let port = 1; port <= 500; port++) rules.push(`-A X -p tcp --dport ${port} -j ACCEPT`);
  const { config, problems } = parseFirewallConfig(filterTable(...rules), "rules.v4");
  assert.deepEqual(problems, []);
  const inlined = rulesetOf(config!, "filter/INPUT").rules;
  assert.equal(inlined.length, 500);
  assert.equal(inlined[499]!.sources.ranges.length, 3000);
  assert.deepEqual(inlined[499]!.services[0]!.destinationPorts, [{ from: 500, to: 500 }]);
});
