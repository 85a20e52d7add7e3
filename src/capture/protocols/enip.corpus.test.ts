/**
 * EtherNet/IP and CIP on the real corpus captures, compared with the ICSNPP logs, the Suricata expectations and the
 * tshark facts stored beside them: requests per code, identity, hosts and client/server pairs.
 */
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { describe, it } from "node:test";
import { analyzeCaptures } from "../engine.js";
import {
  capturePath,
  corpusFacts,
  exceptionsByCode,
  flowPairs,
  hostIps,
  requestsByCode,
  tally,
} from "./corpus-baseline.js";
import { ENIP_CODE_BASE } from "./enip.js";

/** ICSNPP cip.log rows (this baseline has no #fields header): column 13 is the direction, 14 the service code. */
function icsnppCipRequests(relative: string): Record<string, number> {
  const rows = readFileSync(capturePath(relative), "utf8")
    .split("\n")
    .filter((l) => l.length > 0 && !l.startsWith("#"))
    .map((l) => l.split("\t"));
  return tally(
    rows.filter((r) => r[12] === "request"),
    (r) => Number.parseInt(r[13], 16),
  );
}

describe("enip on the corpus", () => {
  it("multiple_service_packet_cip.pcapng: the wrapper and its 11 services, as ICSNPP's cip.log", async () => {
    const file = "enip-cip/enip__multiple_service_packet_cip/multiple_service_packet_cip.pcapng";
    const report = await analyzeCaptures([capturePath(file)]);
    const expected = icsnppCipRequests(
      "enip-cip/enip__multiple_service_packet_cip/expected.zeek-icsnpp.cip.log",
    );
    assert.deepEqual(expected, { 10: 1, 3: 11 });
    assert.deepEqual(requestsByCode(report, "enip"), expected);
    // tshark agrees: cip.sc 0x03 x11 and 0x0a x1.
    assert.deepEqual(corpusFacts(file).tshark_derived?.field_value_counts["cip.sc"], {
      "0x03": 11,
      "0x0a": 1,
    });
    const facts = corpusFacts(file).facts;
    assert.deepEqual(
      flowPairs(report, "enip"),
      facts.pairs.map(([c, s, p]) => `${c} -> ${s}:${p}`),
    );
    assert.deepEqual(hostIps(report), facts.hosts);
    assert.deepEqual(
      report.anomalies.filter((a) => a.protocol === "enip"),
      [],
    );
  });

  it("enip_test1.pcap: one List Identity and the identity Suricata logs for its reply", async () => {
    const file = "enip-cip/suricata__enip-alert/enip_test1.pcap";
    const report = await analyzeCaptures([capturePath(file)]);
    // tshark counts two List Identity frames (enip.command 0x0063): the request and its reply. The code of an
    // encapsulation-only command is 0x10000 + command (see enip.ts).
    assert.deepEqual(corpusFacts(file).tshark_derived?.field_value_counts["enip.command"], { "0x0063": 2 });
    assert.deepEqual(requestsByCode(report, "enip"), { [ENIP_CODE_BASE + 0x63]: 1 });
    assert.deepEqual(exceptionsByCode(report, "enip"), {});
    const yaml = readFileSync(
      capturePath("enip-cip/suricata__enip-alert/expected.suricata.enip-log-identity.test.yaml"),
      "utf8",
    );
    const expected = (key: string) => new RegExp(`identity\\.${key}: "?([^"\\n]+)"?`).exec(yaml)?.[1];
    const device = report.assets.find((a) => a.ips.includes("172.25.23.2"));
    assert.equal(device?.identity.product, expected("product_name"));
    assert.equal(device?.identity.vendor, expected("vendor_id"));
    assert.equal(device?.identity.firmware, expected("revision"));
    assert.deepEqual(
      device?.identity.sources.map((s) => [s.protocol, s.frame]),
      [["enip", 6]],
    );
    // Suricata's facts list no pairs; tshark's conversations name the hosts (the port 9899 connection is not
    // EtherNet/IP and stays unnamed).
    const conversations = corpusFacts(file).tshark_derived?.ip_conversations ?? [];
    assert.deepEqual(hostIps(report), [...new Set(conversations.flat())].sort());
    assert.deepEqual(flowPairs(report, "enip"), ["172.25.23.1 -> 172.25.23.2:44818"]);
    assert.deepEqual(
      report.flows.filter((f) => f.serverPort === 9899).map((f) => f.protocol),
      [null],
    );
  });
});
