/** NTP on the real corpus capture, compared with Zeek's ntp.log stored beside it. */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { runCorpusCapture, tally, zeekPairs } from "./corpus-baseline.js";

describe("ntp on the corpus", () => {
  it("ntp.pcap: client requests per mode, servers, versions and the stratum 1 GPS clock as in Zeek's ntp.log", async () => {
    const run = await runCorpusCapture("ntp/zeek__ntp/ntp.pcap");
    const rows = run.zeekLog("expected.zeek.ntp.log");
    // Zeek logs every message: mode 3 (client) 16 times, mode 4 (server) 16 times. Server messages answer.
    const clientRows = rows.filter((r) => r.mode !== "4");
    assert.deepEqual(
      run.requestsByCode("ntp"),
      tally(clientRows, (r) => Number(r.mode)),
    );
    assert.deepEqual(run.exceptionsByCode("ntp"), {});
    assert.deepEqual(run.flowPairs("ntp"), zeekPairs(rows));
    // One server speaks NTPv3 (80.211.88.132): its request is named by that version.
    const v3 = rows.filter((r) => r.version === "3" && r.mode === "3").map((r) => r["id.resp_h"]);
    const named = run.report.operations
      .filter((o) => o.protocol === "ntp" && o.name === "client (NTPv3)")
      .map((o) => o.server);
    assert.deepEqual(named, v3);
    // Zeek: stratum 1, ref_id "GPS\x00" from 85.199.214.99.
    const gps = rows.find((r) => r.stratum === "1" && r.mode === "4");
    const asset = run.assetWithIp(gps?.["id.resp_h"] ?? "");
    assert.equal(asset?.identity.deviceType, "NTP stratum 1 time server (GPS)");
    assert.deepEqual(run.report.anomalies, []);
  });
});
