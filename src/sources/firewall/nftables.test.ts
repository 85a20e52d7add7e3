import assert from "node:assert/strict";
import { test } from "node:test";
import { CORPUS, parseConfigFile, rulesetOf } from "./testing.js";

test("aerleon's nftables sample: one rule set per base chain, with its hook, priority and policy", () => {
  const { config, problems } = parseConfigFile(`${CORPUS}/aerleon_sample_nftables.nft`);
  assert.deepEqual(problems, []);
  // aerleon_sample_nftables.pol: the first header is `nftables mixed OUTPUT 300`, the next ones inet INPUT, ...
  assert.deepEqual(
    config.rulesets.map((r) => [
      r.id,
      r.defaultAction,
      r.bindings.map((b) => `${b.traffic}@${b.stage}`).join(","),
    ]),
    [
      ["inet filtering_policies/root0", "deny", "output@1300"],
      ["inet filtering_policies/root3", "deny", "output@1000"],
      ["ip filtering_policies/root1", "deny", "input@1000"],
      ["ip filtering_policies/root2", "permit", "input@1000"],
      ["ip filtering_policies/root6", "deny", "input@1000"],
      ["ip6 filtering_policies/root4", "deny", "output@1000"],
      ["ip6 filtering_policies/root5", "deny", "output@1100"],
    ],
  );
  // Term source-address-term: `source-address:: RFC1918 BOGON RESERVED`; the generator listed overlapping
  // prefixes twice, the set holds each address once.
  const root3 = rulesetOf(config, "inet filtering_policies/root3");
  const bogons = root3.rules.find((r) => r.line === 22)!;
  assert.equal(bogons.sources.ranges.filter((x) => x === "10.0.0.0/8").length, 1);
  assert.ok(bogons.sources.ranges.includes("224.0.0.0/3"));
  // `ip saddr` in an inet table limits the rule to IPv4: every destination is IPv4 too.
  assert.deepEqual(bogons.destinations.ranges, ["0.0.0.0/0"]);
  // Term full-tuple-term: tcp from 53 to 53, from WEB_SERVERS to GOOGLE_DNS.
  const tuple = root3.rules.find((r) => r.line === 14)!;
  assert.deepEqual(tuple.sources.ranges, ["200.1.1.1/32", "200.1.1.2/32"]);
  assert.deepEqual(tuple.destinations.ranges, ["8.8.4.4/32", "8.8.8.8/32"]);
  assert.deepEqual(tuple.services, [
    {
      protocol: 6,
      sourcePorts: [{ from: 53, to: 53 }],
      destinationPorts: [{ from: 53, to: 53 }],
      icmpType: null,
      icmpCode: null,
    },
  ]);
});

test("a chain defined twice in the file holds the rules of both definitions, in order", () => {
  const { config } = parseConfigFile(`${CORPUS}/aerleon_sample_nftables.nft`);
  assert.deepEqual(
    rulesetOf(config, "ip filtering_policies/root1").rules.map((r) => [r.line, r.name]),
    [
      [42, "root1"],
      [37, "allow-anything"],
      [46, "allow-anything"],
    ],
  );
});

test("ICMPv6 type names map to their numbers", () => {
  const { config } = parseConfigFile(`${CORPUS}/aerleon_sample_nftables-mixed-icmp.nft`);
  const root = rulesetOf(config, "inet filtering_policies/root0");
  // Term test-icmp-type-ip6: multicast-listener-done, router-solicit, router-advertisement = 132, 133, 134.
  assert.deepEqual(
    root.rules.find((r) => r.line === 27)!.services.map((s) => [s.protocol, s.icmpType]),
    [
      [58, 132],
      [58, 133],
      [58, 134],
    ],
  );
  // ... and ICMPv6 rules are IPv6 only.
  assert.deepEqual(root.rules.find((r) => r.line === 27)!.sources.ranges, ["::/0"]);
});

test("verdict maps become one rule per element; NAT chains are reported, not analysed", () => {
  const { config, problems } = parseConfigFile(`${CORPUS}/moby_nft_masq_snat_nat__ip.nft`);
  assert.deepEqual(
    problems.map((p) => [p.line, p.message.slice(0, 26)]),
    [
      [28, "chain nat-OUTPUT (type nat"],
      [33, "chain nat-POSTROUTING (typ"],
      [39, "chain nat-PREROUTING (type"],
    ],
  );
  const fwd = rulesetOf(config, "ip docker-bridges/filter-FORWARD");
  // `oifname vmap @filter-forward-in-jumps` with the element "br-dummy" : jump filter-forward-in__br-dummy.
  const viaIn = fwd.rules.filter((r) => r.via[0]?.line === 24);
  assert.deepEqual(
    viaIn.map((r) => r.line),
    [54, 55, 56, 57, 58],
  );
  assert.ok(viaIn.every((r) => r.to?.join() === "br-dummy"));
  // `ct original ip daddr != ...` is a condition the model does not represent; it is kept in words.
  assert.deepEqual(viaIn[1]!.unmodelled, ["ct original ip daddr != 192.168.0.2"]);
});

test("named sets, multi-line set elements and log statements", () => {
  const { config, problems } = parseConfigFile("examples/water-treatment/firewalls/syslog01.nft");
  assert.deepEqual(problems, []);
  const input = rulesetOf(config, "inet filter/input");
  const ssh = input.rules.find((r) => r.line === 19)!;
  assert.deepEqual([ssh.sources.ranges, ssh.log, ssh.states], [["172.16.50.20/32"], true, ["new"]]);
  const logs = input.rules.find((r) => r.line === 20)!;
  assert.deepEqual(logs.sources.ranges, [
    "172.16.50.1/32",
    "192.168.20.0/24",
    "192.168.30.0/24",
    "192.168.40.0/24",
  ]);
  assert.deepEqual(
    logs.services.map((s) => s.destinationPorts),
    [
      [
        { from: 123, to: 123 },
        { from: 514, to: 514 },
      ],
    ],
  );
  const last = input.rules.at(-1)!;
  assert.deepEqual([last.line, last.action, last.log], [24, "deny", true]);
  assert.equal(input.rules.find((r) => r.line === 22)!.comment, "LogAnalyzer web UI");
});
