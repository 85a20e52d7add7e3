/**
 * DNP3 on the real corpus captures (TCP and UDP), compared with Zeek's dnp3.log and the tshark facts stored
 * beside them: requests per function code, failed responses, hosts and client/server pairs.
 */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { runCorpusCapture, tally, zeekPairs } from "./corpus-baseline.js";

/** Zeek's names of the DNP3 function codes found in the corpus logs. */
const ZEEK_FUNCTIONS: Record<string, number> = {
  CONFIRM: 0,
  READ: 1,
  WRITE: 2,
  SELECT: 3,
  OPERATE: 4,
  COLD_RESTART: 13,
  WARM_RESTART: 14,
  STOP_APPL: 18,
  ENABLE_UNSOLICITED: 20,
  DISABLE_UNSOLICITED: 21,
  DELAY_MEASURE: 23,
  RECORD_CURRENT_TIME: 24,
  OPEN_FILE: 25,
  CLOSE_FILE: 26,
};

/**
 * Zeek's dnp3.log writes one line per reply, carrying the last request seen before it: a request followed by
 * another request before any reply is never logged. tshark decodes every fragment, and so do we. These are
 * the requests Zeek's log misses, per capture, found by comparing its lines with tshark's frames.
 */
const ZEEK_MISSES: Record<string, Record<string, number>> = {
  // Four confirms (among them frames 6 and 32, each followed at once by a write); a disable unsolicited
  // (frames 154, 156) and a stop application (frames 174, 176) sent twice to the broadcast address 0xffff,
  // which no outstation answers.
  "dnp3/zeek__dnp3/dnp3.pcap": { 0: 4, 18: 1, 21: 1 },
  // The confirm of frame 16 is followed by the write of frame 18.
  "dnp3/zeek__dnp3_file_read/dnp3_file_read.pcap": { 0: 1 },
};

const CAPTURES = [
  "dnp3/zeek__dnp3/dnp3.pcap",
  "dnp3/zeek__dnp3_write/dnp3_write.pcap",
  "dnp3/zeek__dnp3_read/dnp3_read.pcap",
  "dnp3/zeek__dnp3_en_spon/dnp3_en_spon.pcap",
  "dnp3/zeek__dnp3_del_measure/dnp3_del_measure.pcap",
  "dnp3/zeek__dnp3_file_read/dnp3_file_read.pcap",
  "dnp3/zeek__dnp3_file_write/dnp3_file_write.pcap",
  "dnp3/zeek__dnp3_udp_read/dnp3_udp_read.pcap",
  "dnp3/zeek__dnp3_udp_select_operate/dnp3_udp_select_operate.pcap",
  "dnp3/zeek__dnp3_rec_time/dnp3_rec_time.pcap",
  "dnp3/zeek__dnp3_link_only/dnp3_link_only.pcap",
];

function add(a: Record<string, number>, b: Record<string, number>): Record<string, number> {
  const out = { ...a };
  for (const [k, v] of Object.entries(b)) out[k] = (out[k] ?? 0) + v;
  return out;
}

describe("dnp3 on the corpus", () => {
  for (const file of CAPTURES) {
    it(`${file.split("/").pop()}: requests, failures, hosts and pairs`, async () => {
      const run = await runCorpusCapture(file);
      // tshark's dnp3.al.func counts every application fragment; codes below 128 are requests, sent by masters.
      const tsharkFunctions = run.tsharkCounts("dnp3.al.func");
      const tsharkRequests = Object.fromEntries(
        Object.entries(tsharkFunctions).filter(([code]) => Number(code) < 128),
      );
      assert.deepEqual(run.requestsByCode("dnp3"), tsharkRequests);

      if (run.existsBeside("expected.zeek.dnp3.log")) {
        const log = run.zeekLog("expected.zeek.dnp3.log");
        const logged = log.filter((r) => r.fc_request !== "-");
        assert.deepEqual(
          run.requestsByCode("dnp3"),
          add(
            tally(logged, (r) => ZEEK_FUNCTIONS[r.fc_request]),
            ZEEK_MISSES[file] ?? {},
          ),
        );
        // A response fails when IIN2 (low byte of Zeek's iin) says function not supported (0x01), object
        // unknown (0x02) or parameter error (0x04).
        const failed = logged.filter((r) => r.fc_reply === "RESPONSE" && (Number(r.iin) & 0x07) !== 0);
        assert.deepEqual(
          run.exceptionsByCode("dnp3"),
          tally(failed, (r) => ZEEK_FUNCTIONS[r.fc_request]),
        );
        assert.deepEqual(run.flowPairs("dnp3"), zeekPairs(log));
        assert.deepEqual(run.hostIps(), run.factsHosts());
      } else {
        // dnp3_link_only.pcap: Zeek's test writes no dnp3.log; tshark's conversation is the baseline.
        assert.deepEqual(run.flowPairs("dnp3"), ["192.168.80.249 -> 192.168.80.12:20000"]);
        assert.deepEqual(run.hostIps(), run.tsharkHosts());
      }
    });
  }

  it("dnp3.pcap: restarts and stops are observed, damaged frames are anomalies", async () => {
    const run = await runCorpusCapture("dnp3/zeek__dnp3/dnp3.pcap");
    assert.deepEqual(
      run.report.observations.map((o) => [o.kind, o.frame]),
      [
        ["controller-restart", 70],
        ["controller-restart", 76],
        ["controller-restart", 143],
        ["controller-stop", 163],
        ["controller-stop", 174],
      ],
    );
    // Frame 19 starts 05 05 instead of 05 64 (tshark does not decode it either); frames 154 and 156 carry a
    // reserved qualifier 0xed; the outstation answers frames 163 and 166 with other sequence numbers.
    assert.deepEqual(
      run.anomaliesOf("dnp3").map((a) => [a.frame, a.code]),
      [
        [19, "bad-start"],
        [154, "bad-object-header"],
        [156, "bad-object-header"],
        [164, "sequence-mismatch"],
        [167, "sequence-mismatch"],
      ],
    );
  });
});
