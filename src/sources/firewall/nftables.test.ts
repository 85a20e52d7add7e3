import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { test } from "node:test";
import { FirewallConfig } from "../../model/firewall.js";
import { MAX_INLINED_RULES, MAX_INLINED_RULES_PER_FILE } from "./chain-flatten.js";
import { parseFirewallConfig } from "./load.js";
import { MAX_BLOCK_DEPTH, tokenize } from "./nft-syntax.js";
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

/** syslog01.nft with the blanks between words (not those inside quoted strings) replaced by `blank`. */
function withBlanks(blank: string): string {
  const text = readFileSync("examples/water-treatment/firewalls/syslog01.nft", "utf8");
  return text
    .split("\n")
    .map((line) => {
      const parts = line.split('"');
      return parts.map((p, i) => (i % 2 === 0 ? p.replace(/[ \t]/g, blank) : p)).join('"');
    })
    .join("\n");
}

test("vertical tab, form feed, NBSP, U+2028, U+3000 and a BOM are blanks: the ruleset reads as with spaces", () => {
  const plain = parseFirewallConfig(withBlanks(" "), "syslog01.nft");
  assert.equal(plain.config?.rulesets.length, 3);
  for (const blank of ["\v", "\f", "\u00a0", "\u2028", "\u3000", "\ufeff", "\u0085"]) {
    const parsed = parseFirewallConfig(withBlanks(blank), "syslog01.nft");
    assert.deepEqual(parsed, plain, `blank U+${blank.codePointAt(0)!.toString(16)}`);
  }
  // A byte-order mark at the start of the file is not part of the first word.
  assert.deepEqual(parseFirewallConfig(`\ufeff${withBlanks(" ")}`, "syslog01.nft"), plain);
});

test("no character stops the tokenizer: each is a blank, a word, punctuation or a located problem", () => {
  for (let c = 0; c <= 0xffff; c++) {
    const ch = String.fromCharCode(c);
    const { tokens, problems } = tokenize(`a${ch}b\n`);
    const words = tokens.filter((t) => t.text !== "\n").map((t) => t.text);
    // A blank or a quote separates a and b; `#` starts a comment that hides b.
    const kept =
      words.join("") === `a${ch}b` ||
      words.join("") === "ab" ||
      words.includes(ch) ||
      (ch === "#" && words.join("") === "a");
    assert.ok(kept || problems.length > 0, `U+${c.toString(16)}: ${JSON.stringify(words)}`);
  }
});

test("blocks nested deeper than the limit are reported and skipped; the tables before them stay", () => {
  const deep = 8000;
  const text = `${withBlanks(" ")}\ntable ip deep {\n${"chain c {\n".repeat(deep)}${"}\n".repeat(deep)}}\n`;
  const parsed = parseFirewallConfig(text, "deep.nft");
  assert.deepEqual(
    parsed.config?.rulesets.map((r) => r.id),
    ["inet filter/input", "inet filter/forward", "inet filter/output"],
  );
  const nesting = parsed.problems.find((p) => p.code === "depth-limit");
  assert.ok(nesting, JSON.stringify(parsed.problems.slice(0, 3)));
  assert.equal(nesting.file, "deep.nft");
  assert.ok(nesting.line > 36 && nesting.line < 36 + 2 + MAX_BLOCK_DEPTH, String(nesting.line));
});

test("a '}' that closes nothing and a block never closed are reported; the tables around them are read", () => {
  const table = (name: string) =>
    `table inet ${name} {\n  chain input {\n    type filter hook input priority 0; policy drop;\n    tcp dport 22 accept\n  }\n}\n`;
  const parsed = parseFirewallConfig(`${table("a")}}\n${table("b")}table inet c {\n`, "stray.nft");
  assert.deepEqual(
    parsed.config?.rulesets.map((r) => [r.id, r.rules.length]),
    [
      ["inet a/input", 1],
      ["inet b/input", 1],
    ],
  );
  assert.deepEqual(
    parsed.problems.map((p) => [p.file, p.line, p.code, p.message.split(" ").at(-1)]),
    [
      ["stray.nft", 7, "unparsed-line", "ignored"],
      ["stray.nft", 14, "unparsed-line", "closed"],
    ],
  );
});

test("a hook priority that is no signed 32-bit number is reported on its line and read as 0; the chains stay", () => {
  // fuzz/regressions/firewall-nftables/crash-2918055957c38501 and crash-fa48583f070f54a1: `priority 1e309` and
  // `priority 9999999999999999` gave the binding a stage of Infinity and one past 2^53.
  const text = [
    "table inet filter {",
    "  chain input {",
    "    type filter hook input priority 1e309; policy drop;",
    "    tcp dport 22 accept",
    "  }",
    "  chain output {",
    "    type filter hook output priority filter + 9999999999999999; policy accept;",
    "  }",
    "  chain forward {",
    "    type filter hook forward priority -2147483648; policy drop;",
    "    tcp dport 502 accept",
    "  }",
    "  chain pre {",
    "    type filter hook prerouting priority toString; policy accept;",
    "  }",
    "  chain post {",
    "    type filter hook postrouting priority mangle - 5; policy accept;",
    "  }",
    "}",
  ].join("\n");
  const { config, problems } = parseFirewallConfig(text, "rules.nft");
  assert.ok(config);
  FirewallConfig.parse(config);
  const names = "raw, mangle, dstnat, filter, security, srcnat with an optional + or - offset; read as 0";
  assert.deepEqual(
    problems.map((p) => [p.line, p.code, p.message]),
    [
      [3, "invalid-value", `priority 1e309: expected -2147483648 to 2147483647, or ${names}`],
      [
        7,
        "invalid-value",
        `priority filter + 9999999999999999: expected -2147483648 to 2147483647, or ${names}`,
      ],
      [14, "invalid-value", `priority toString: expected -2147483648 to 2147483647, or ${names}`],
    ],
  );
  assert.deepEqual(
    config.rulesets.map((r) => [r.id, r.bindings[0]!.stage, r.defaultAction, r.rules.map((x) => x.line)]),
    [
      ["inet filter/input", 1000, "deny", [4]],
      ["inet filter/output", 1000, "permit", []],
      ["inet filter/forward", 1000 - 2 ** 31, "deny", [11]],
      ["inet filter/pre", 0, "permit", []],
      ["inet filter/post", 2000 - 155, "permit", []],
    ],
  );
});

test("a protocol number past 255 or an Object.prototype word is reported; the rule is kept, its match unmodelled", () => {
  const text = [
    "table inet filter {",
    "  chain input {",
    "    type filter hook input priority filter; policy drop;",
    "    meta l4proto 300 accept",
    "    ip protocol 99999999999999999999 accept",
    "    meta l4proto constructor accept",
    "    tcp dport toString accept",
    "    meta l4proto { tcp, 17 } th dport 53 accept",
    "  }",
    "}",
  ].join("\n");
  const { config, problems } = parseFirewallConfig(text, "rules.nft");
  assert.ok(config);
  FirewallConfig.parse(config);
  assert.deepEqual(
    problems.map((p) => [p.line, p.code, p.message]),
    [
      [4, "invalid-value", "protocol 300 not understood: expected 0-255 or a protocol name"],
      [5, "invalid-value", "protocol 99999999999999999999 not understood: expected 0-255 or a protocol name"],
      [6, "invalid-value", "protocol constructor not understood: expected 0-255 or a protocol name"],
      [7, "invalid-value", "port toString not understood"],
    ],
  );
  assert.deepEqual(
    rulesetOf(config, "inet filter/input").rules.map((r) => [
      r.line,
      r.action,
      r.unmodelled,
      r.services.map((s) => s.protocol),
    ]),
    [
      [4, "permit", ["300"], [null]],
      [5, "permit", ["99999999999999999999"], [null]],
      [6, "permit", ["constructor"], [null]],
      [7, "permit", ["toString"], [null]],
      [8, "permit", [], [6, 17]],
    ],
  );
});

test("past MAX_INLINED_RULES_PER_FILE the base chains that come later follow no jumps, and say why", () => {
  // Twelve base chains jump into one tree of 2^16 paths; each could inline MAX_INLINED_RULES, the file only
  // MAX_INLINED_RULES_PER_FILE in all.
  const depth = 16;
  const lines = ["table ip t {"];
  for (let i = 0; i < depth; i++)
    lines.push(`  chain c${i} {`, `    ip saddr 10.0.0.0/8 jump c${i + 1}`, `    jump c${i + 1}`, "  }");
  lines.push(`  chain c${depth} {`, "    tcp dport 502 accept", "  }");
  const bases = Array.from({ length: 12 }, (_, i) => `b${i}`);
  for (const b of bases)
    lines.push(`  chain ${b} {`, "    type filter hook input priority 0; policy drop;", "    jump c0", "  }");
  lines.push("}");
  const { config, problems } = parseFirewallConfig(lines.join("\n"), "tree.nft");
  assert.ok(config);
  const limits = problems.filter((p) => p.code === "depth-limit");
  const perChain = MAX_INLINED_RULES_PER_FILE / MAX_INLINED_RULES;
  assert.equal(limits.length, bases.length);
  // The first chains stop at their own limit, the one that meets the file's budget at the file's, and those
  // after it follow no jump at all: their jump to c0 is the one reported.
  limits.forEach((p, i) => {
    const limit =
      i < perChain - 1
        ? `not followed: b${i} has inlined ${MAX_INLINED_RULES} rules`
        : i === perChain - 1
          ? "not followed: "
          : `jump to c0 not followed: the base chains of this file have inlined ${MAX_INLINED_RULES_PER_FILE} rules`;
    assert.ok(p.message.includes(limit), `${i}: ${p.message}`);
  });
  const inlined = config.rulesets.map((r) => r.rules.length);
  assert.ok(inlined.reduce((a, b) => a + b) <= MAX_INLINED_RULES_PER_FILE, inlined.join(" "));
  assert.deepEqual(inlined.slice(perChain), Array(bases.length - perChain).fill(0));
});
