/**
 * IEC 60870-5-104 on the real corpus capture. It has no upstream baseline (MANIFEST.tsv); facts.json holds
 * what tshark decodes, which lists every ASDU, commands and monitoring alike.
 */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { runCorpusCapture } from "./corpus-baseline.js";

describe("iec104 on the corpus", () => {
  it("iec104.pcap: the commands of the controlling station, not the monitoring data", async () => {
    const run = await runCorpusCapture("iec104/iec104__iec104/iec104.pcap");
    const typeIds = run.tsharkCounts("iec60870_asdu.typeid");
    const causes = run.tsharkCounts("iec60870_asdu.causetx");
    // Each command type (45-51 and interrogation 100) occurs 6 times in tshark's count: twice each as
    // activation (cause 6, from 10.20.102.1), confirmation (7) and termination (10): 16 of each cause.
    // Only the activations are requests. Monitoring types (1-36, 70) are the outstation's data.
    const commandTypes = Object.keys(typeIds).filter((t) => Number(t) >= 45 && Number(t) !== 70);
    assert.equal(causes["6"], 16);
    assert.deepEqual(
      run.requestsByCode("iec104"),
      Object.fromEntries(commandTypes.map((t) => [t, typeIds[t] / 3])),
    );
    assert.deepEqual(run.requestsByCode("iec104"), {
      45: 2,
      46: 2,
      47: 2,
      48: 2,
      49: 2,
      50: 2,
      51: 2,
      100: 2,
    });
    // The 16 confirmations (cause 7) are all positive.
    assert.deepEqual(run.exceptionsByCode("iec104"), {});
    assert.deepEqual(run.flowPairs("iec104"), ["10.20.102.1 -> 10.20.100.108:2404"]);
    assert.deepEqual(run.hostIps(), run.tsharkHosts());
    // The U-frames (STARTDT, TESTFR: tshark's utype 0x01, 0x02, 0x10, 0x20) manage the link: not operations.
    assert.deepEqual(
      run.report.operations.filter((o) => o.protocol === "iec104" && o.category === "session"),
      [],
    );
    assert.deepEqual(run.anomaliesOf("iec104"), []);
  });
});
