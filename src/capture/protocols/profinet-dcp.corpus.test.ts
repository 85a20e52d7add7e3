/**
 * PROFINET DCP on the corpus captures of cisagov/icsnpp-profinet-io-cm, compared with the tshark facts stored
 * beside them. ICSNPP's logs there cover PROFINET IO-CM (DCE/RPC on UDP 34964), which we do not dissect: those
 * captures must simply pass through without DCP operations or anomalies.
 */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { runCorpusCapture } from "./corpus-baseline.js";

const DIR = "profinet-io-cm";

describe("profinet-dcp on the corpus", () => {
  it("profinet_io_cm_mixed_2.pcapng: 18 Identify requests and the one device that answered", async () => {
    const run = await runCorpusCapture(
      `${DIR}/profinet__profinet_io_cm_mixed_2/profinet_io_cm_mixed_2.pcapng`,
    );
    // tshark: 19 DCP frames, all service Identify (5): 18 multicast requests and one response.
    assert.deepEqual(run.tsharkCounts("pn_dcp.service_id"), { 5: 19 });
    assert.deepEqual(run.requestsByCode("profinet"), { 5: 18 });
    // The response (frame 440) names station versamax-pns11; tshark counts that name 3 times (two requests
    // filter by it). The other names tshark counts appear only as request filters, which describe no device.
    const device = run.assetWithMac("00:09:91:43:e0:67");
    assert.deepEqual(device?.hostnames, ["versamax-pns11"]);
    assert.equal(device?.identity.name, "versamax-pns11");
    assert.equal(device?.identity.product, "IC200PNS001");
    assert.equal(device?.identity.deviceType, "IO-Device");
    assert.ok(device?.ips.includes("192.168.1.2"));
    assert.deepEqual(
      device?.identity.sources.map((s) => [s.protocol, s.frame]),
      [["profinet", 440]],
    );
    const describedByDcp = run.report.assets.filter((a) =>
      a.identity.sources.some((s) => s.protocol === "profinet"),
    );
    assert.deepEqual(
      describedByDcp.map((a) => a.id),
      [device?.id],
    );
    assert.deepEqual(run.anomaliesOf("profinet"), []);
  });

  for (const name of [
    "profinet_io_cm",
    "profinet_io_cm_connect_minimal",
    "profinet_io_cm_device",
    "profinet_io_cm_read",
  ]) {
    it(`${name}: IO-CM and cyclic frames pass through without DCP operations`, async () => {
      const ext = name === "profinet_io_cm" ? "pcap" : "pcapng";
      const run = await runCorpusCapture(`${DIR}/profinet__${name}/${name}.${ext}`);
      assert.deepEqual(run.requestsByCode("profinet"), {});
      assert.deepEqual(run.anomaliesOf("profinet"), []);
    });
  }
});
