/**
 * S7comm and S7comm-plus on the real corpus captures, compared with the Zeek ICSNPP logs stored beside them:
 * requests per code, client/server pairs, hosts, identity from SZL and the program/controller observations.
 */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { runCorpusCapture, tally, zeekPairs } from "./corpus-baseline.js";

/**
 * Requests in an ICSNPP s7comm.log: Job-Request rows by function code; User-Data rows sent by the originator
 * by our userdata code, 0x100 * function group (low nibble of ICSNPP's function code 0x4g) + subfunction.
 */
function icsnppRequests(rows: Record<string, string>[]): Record<string, number> {
  const requests = rows.filter(
    (r) =>
      r.rosctr_name === "Job-Request" ||
      (r.rosctr_name === "User-Data" && r.function_name.startsWith("Request:")),
  );
  return tally(requests, (r) =>
    r.rosctr_name === "Job-Request"
      ? Number(r.function_code)
      : ((Number(r.function_code) & 0x0f) << 8) | Number(r.subfunction_code),
  );
}

describe("s7comm on the corpus", () => {
  it("snap7.pcap: jobs and userdata requests as ICSNPP logs them", async () => {
    const run = await runCorpusCapture("s7comm/s7comm__snap7/snap7.pcap");
    const log = run.zeekLog("expected.zeek-icsnpp.s7comm.log");
    assert.deepEqual(run.requestsByCode("s7comm"), icsnppRequests(log));
    // Spelled out: 22 jobs (tshark's s7comm.header.rosctr 1: 22) and 10 userdata requests. tshark counts
    // one more userdata request (frame 7): it only fetches the second part of the SZL 0x001c answer to
    // frame 5, so neither ICSNPP nor we count it as a new request.
    assert.deepEqual(run.requestsByCode("s7comm"), {
      4: 2,
      5: 2,
      29: 5,
      30: 4,
      31: 4,
      40: 3,
      41: 1,
      240: 1,
      769: 1,
      771: 1,
      1025: 5,
      1793: 1,
      1794: 1,
    });
    // Failures: ICSNPP logs get block info answered with error 0xd209. The start upload of frame 43 is
    // answered by an Ack with error class 0xd2 (frame 44), which ICSNPP does not log at all, and the write
    // var answered in frame 54 has two items with return code 0x03 (tshark: s7comm.data.returncode), which
    // ICSNPP's log has no column for.
    assert.deepEqual(run.exceptionsByCode("s7comm"), { 5: 1, 29: 1, 771: 1 });
    assert.deepEqual(run.flowPairs("s7comm"), zeekPairs(log));
    assert.deepEqual(run.hostIps(), run.factsHosts());

    // s7comm_read_szl.log: module identification (0x0011) and component identification (0x001c) answers.
    const plc = run.assetWithIp("134.217.61.211");
    const { sources: _sources, ...identity } = plc?.identity ?? { sources: [] };
    assert.deepEqual(identity, {
      orderNumber: "6ES7 315-2EH14-0AB0",
      firmware: "V3.2.7",
      vendor: "Siemens",
      name: "PLC_1",
      serial: "S C-B1U393142011",
      model: "CPU 315-2 PN/DP",
    });
    // s7comm_upload_download.log: start upload of _0B00000A (SDB 0) ...; the PLC Stop job and PLC Control
    // P_PROGRAM with parameter "C " (a cold restart; tshark shows the PI parameter block).
    assert.deepEqual(
      run.report.observations.map((o) => [o.kind, o.frame]),
      [
        ["program-upload", 17],
        ["program-upload", 43],
        ["controller-stop", 57],
        ["controller-start", 63],
      ],
    );
    assert.deepEqual(run.anomaliesOf("s7comm"), []);
  });

  it("s7comm_plus.pcap: one S7comm and one S7comm-plus connection to the same PLC", async () => {
    const run = await runCorpusCapture("s7comm-plus/s7comm__s7comm_plus/s7comm_plus.pcap");
    const s7log = run.zeekLog("expected.zeek-icsnpp.s7comm.log");
    const plusLog = run.zeekLog("expected.zeek-icsnpp.s7comm_plus.log");
    assert.deepEqual(run.requestsByCode("s7comm"), icsnppRequests(s7log));
    assert.deepEqual(
      run.requestsByCode("s7comm-plus"),
      tally(
        plusLog.filter((r) => r.opcode_name === "Request"),
        (r) => Number(r.function_code),
      ),
    );
    assert.deepEqual(run.requestsByCode("s7comm-plus"), { 1266: 26, 1346: 2, 1356: 6 });
    assert.deepEqual(run.flowPairs("s7comm"), zeekPairs(s7log));
    assert.deepEqual(run.flowPairs("s7comm-plus"), zeekPairs(plusLog));
    // The third connection (192.168.0.3:49155) carries single zero bytes: Zeek gives it no service, nor do we.
    assert.deepEqual(
      run.report.flows.filter((f) => f.clientPort === 49155).map((f) => f.protocol),
      [null],
    );
    assert.deepEqual(run.hostIps(), run.factsHosts());
    // ICSNPP logs 8 responses, none of them an Error (0x04b1): no failures here either.
    assert.deepEqual(run.exceptionsByCode("s7comm-plus"), {});
    assert.deepEqual(run.anomaliesOf("s7comm", "s7comm-plus"), []);
  });
});
