import assert from "node:assert/strict";
import { test } from "node:test";
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
