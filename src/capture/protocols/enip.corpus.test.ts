/**
 * EtherNet/IP and CIP on the real corpus captures, compared with the ICSNPP logs, the Suricata expectations and the
 * tshark facts stored beside them: requests per code, identity, hosts and client/server pairs.
 */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { runCorpusCapture, tally } from "./corpus-baseline.js";
import { ENIP_CODE_BASE } from "./enip.js";

/** ICSNPP cip.log rows (this baseline has no #fields header): column 13 is the direction, 14 the service code. */
function icsnppCipRequests(log: string): Record<string, number> {
  const rows = log
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
    const run = await runCorpusCapture(
      "enip-cip/enip__multiple_service_packet_cip/multiple_service_packet_cip.pcapng",
    );
    const expected = icsnppCipRequests(run.readBeside("expected.zeek-icsnpp.cip.log"));
    assert.deepEqual(expected, { 10: 1, 3: 11 });
    assert.deepEqual(run.requestsByCode("enip"), expected);
    // tshark agrees: cip.sc 0x03 x11 and 0x0a x1.
    assert.deepEqual(run.tsharkCounts("cip.sc"), { "0x03": 11, "0x0a": 1 });
    assert.deepEqual(run.flowPairs("enip"), run.factsPairs());
    assert.deepEqual(run.hostIps(), run.factsHosts());
    assert.deepEqual(run.anomaliesOf("enip"), []);
  });

  it("enip_test1.pcap: one List Identity and the identity Suricata logs for its reply", async () => {
    const run = await runCorpusCapture("enip-cip/suricata__enip-alert/enip_test1.pcap");
    // tshark counts two List Identity frames (enip.command 0x0063): the request and its reply. The code of an
    // encapsulation-only command is 0x10000 + command (see enip.ts).
    assert.deepEqual(run.tsharkCounts("enip.command"), { "0x0063": 2 });
    assert.deepEqual(run.requestsByCode("enip"), { [ENIP_CODE_BASE + 0x63]: 1 });
    assert.deepEqual(run.exceptionsByCode("enip"), {});
    const yaml = run.readBeside("expected.suricata.enip-log-identity.test.yaml");
    const expected = (key: string) => new RegExp(`identity\\.${key}: "?([^"\\n]+)"?`).exec(yaml)?.[1];
    const device = run.assetWithIp("172.25.23.2");
    assert.equal(device?.identity.product, expected("product_name"));
    assert.equal(device?.identity.vendor, expected("vendor_id"));
    assert.equal(device?.identity.firmware, expected("revision"));
    assert.deepEqual(
      device?.identity.sources.map((s) => [s.protocol, s.frame]),
      [["enip", 6]],
    );
    // Suricata's facts list no pairs; tshark's conversations name the hosts (the port 9899 connection is not
    // EtherNet/IP and stays unnamed).
    assert.deepEqual(run.hostIps(), run.tsharkHosts());
    assert.deepEqual(run.flowPairs("enip"), ["172.25.23.1 -> 172.25.23.2:44818"]);
    assert.deepEqual(
      run.report.flows.filter((f) => f.serverPort === 9899).map((f) => f.protocol),
      [null],
    );
  });
});
