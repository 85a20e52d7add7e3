import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { test } from "node:test";
import { CORPUS, configFrom } from "../../../test/firewall-configs.js";
import type { ObservedFlow } from "../../model/capture.js";
import { compileConfig } from "./compile.js";
import { evaluatePath, firstMatch } from "./evaluate.js";
import { flowCube } from "./flow-cube.js";

function flow(
  client: string,
  server: string,
  transport: "tcp" | "udp",
  clientPort: number,
  serverPort: number,
): ObservedFlow {
  return {
    transport,
    client,
    clientPort,
    server,
    serverPort,
    vlan: null,
    protocol: null,
    packets: 1,
    bytes: 60,
    firstSeen: "2025-01-01T00:00:00Z",
    lastSeen: "2025-01-01T00:00:00Z",
    file: "test",
    firstFrame: 1,
  };
}

interface BatfishRow {
  Node: { name: string };
  Filter_Name: string;
  Flow: { srcIp: string; dstIp: string; srcPort: number; dstPort: number; ipProtocol: string };
  Action: "PERMIT" | "DENY";
  Line_Content: string;
}

test("host1's filter chains decide batfish's testfilters flow as batfish does", () => {
  // batfish tests/basic/testfilters.ref: a TCP SYN 2.128.0.101:49152 -> 1.1.1.1:80 through host1's filters.
  const rows = (
    JSON.parse(readFileSync(`${CORPUS}/bf_example_live.testfilters.ref.json`, "utf8")) as {
      rows: BatfishRow[];
    }[]
  )[0]!.rows.filter((r) => r.Node.name === "host1");
  assert.equal(rows.length, 3);
  const c = compileConfig(configFrom(`${CORPUS}/bf_example_live_host1.iptables`));
  for (const row of rows) {
    const chain = row.Filter_Name.replace("::", "/");
    const rs = c.rulesets.find((r) => r.ruleset.id === chain)!;
    const f = row.Flow;
    const packet = flowCube(flow(f.srcIp, f.dstIp, "tcp", f.srcPort, f.dstPort))!;
    const outcomes = firstMatch(rs, [{ ...packet, inIf: c.interfaces.full, outIf: c.interfaces.full }]);
    assert.equal(outcomes.length, 1, chain);
    assert.equal(outcomes[0]!.action, row.Action === "PERMIT" ? "permit" : "deny", chain);
    // "Matched line default": the chain policy decided.
    assert.equal(outcomes[0]!.rule, null, chain);
    assert.equal(row.Line_Content, "default");
  }
});

test("the zone firewall filters in mangle PREROUTING: a subnet is admitted on one interface only", () => {
  const c = compileConfig(configFrom(`${CORPUS}/bf_iptfw_z1-firewall.v4`));
  const from4 = flowCube(flow("10.0.4.5", "10.0.3.7", "tcp", 40000, 22))!;
  // Line 9: -s 10.0.4.0/24 -i eth0 -j ACCEPT; anything else meets the DROP policy.
  assert.equal(evaluatePath(c, "forward", "eth0", null, [from4]).length, 1);
  assert.deepEqual(evaluatePath(c, "forward", "eth1", null, [from4]), []);
  const ospf = evaluatePath(c, "input", "eth1", null, [
    { ...flowCube(flow("10.0.2.1", "224.0.0.5", "udp", 1, 1))!, svc: [[89, 89, 0, 65535, 0, 65535]] },
  ]);
  assert.deepEqual(
    ospf.map((p) => p.decidedBy.map((d) => d.rule?.line)),
    [[7]],
  );
});

test("ASA: the inbound access list of the ingress interface, then the outbound one of the egress interface", () => {
  const c = compileConfig(configFrom(`${CORPUS}/bf_asa-filters`));
  const ntp = [flowCube(flow("192.168.4.9", "192.168.1.9", "tcp", 40000, 123))!];
  // name4 in: FILTER_IN4 permits tcp/123; name1 out: FILTER_OUT permits tcp/123.
  assert.deepEqual(
    evaluatePath(c, "forward", "name4", "name1", ntp).map((p) => p.decidedBy.map((d) => d.rule?.line)),
    [[39, 40]],
  );
  const ssh = [flowCube(flow("192.168.4.9", "192.168.1.9", "tcp", 40000, 22))!];
  assert.deepEqual(evaluatePath(c, "forward", "name4", "name1", ssh), []);
  // name3 has no inbound list: its security level (50) lets it reach name2 (0), nothing else decides.
  const toName2 = [flowCube(flow("192.168.3.9", "192.168.2.9", "tcp", 40000, 22))!];
  assert.deepEqual(
    evaluatePath(c, "forward", "name3", "name2", toName2).map((p) =>
      p.decidedBy.map((d) => d.rule?.implicit),
    ),
    [[true]],
  );
  assert.deepEqual(evaluatePath(c, "forward", "name3", "name1", toName2), []);
});
