import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { TO_CLIENT, TO_SERVER } from "../dissector.js";
import { iec104 } from "./iec104.js";
import { fromHex, RecordingSink, StreamFeeder } from "./test-sink.js";

/** TCP payloads of iec104.pcap (georgemakrakis/zeek-iec104), by frame; client 46413 -> server 2404. */
const IEC104: [number, 0 | 1, string][] = [
  [4, TO_SERVER, "680443000000"], // TESTFR act
  [5, TO_CLIENT, "680483000000"], // TESTFR con
  [7, TO_SERVER, "680407000000"], // STARTDT act
  [8, TO_CLIENT, "68040b000000"], // STARTDT con
  [9, TO_SERVER, "680e00000000640106000a0000000014"], // C_IC_NA_1 act
  [10, TO_CLIENT, "680e00000000460104000a0000000000"], // M_EI_NA_1 init
  [11, TO_SERVER, "680e02000200640106000a0000000014"], // C_IC_NA_1 act
  [
    12,
    TO_CLIENT,
    "680e02000200640107000a0000000014" + // C_IC_NA_1 actcon
      "681a04000200010414000a0001000000020000000300000004000000" + // M_SP_NA_1 inrogen
      "681a06000200030414000a0001000000020000000300000004000000", // M_DP_NA_1 inrogen
  ],
  [15, TO_SERVER, "680401001a00"], // S-frame
  [20, TO_SERVER, "680e040042002d0106000a0002000001"], // C_SC_NA_1 act
  [
    21,
    TO_CLIENT,
    "680e420006002d0107000a0002000001" + // actcon
      "680e440006002d010a000a0002000001" + // actterm
      "680e46000600010103000a0002000001", // M_SP_NA_1 spont
  ],
  [29, TO_SERVER, "680e08004e002e0106000a0001000001"], // C_DC_NA_1 act
  [30, TO_CLIENT, "680e4e000a002e0107000a0001000001"], // actcon
  [32, TO_CLIENT, "680e50000a002e010a000a0001000001680e52000a00030103000a0001000001"], // actterm, M_DP_NA_1
  [94, TO_CLIENT, "680443000000"], // TESTFR act from the outstation
  [95, TO_SERVER, "680483000000"], // TESTFR con
];

function replay() {
  const s = new StreamFeeder(iec104, iec104.newState(), new RecordingSink());
  for (const [frame, dir, hex] of IEC104) s.feed(dir, fromHex(hex), frame);
  return s.sink;
}

describe("iec104", () => {
  it("probes the APCI: start byte, length and a valid control field", () => {
    assert.equal(iec104.probe(fromHex("680443000000"), TO_SERVER), "match");
    assert.equal(iec104.probe(fromHex("680e00000000640106000a0000000014"), TO_SERVER), "match");
    assert.equal(iec104.probe(fromHex("68"), TO_SERVER), "needMore");
    // A U-frame with two functions at once, and an I-frame with an undefined type id.
    assert.equal(iec104.probe(fromHex("680447000000"), TO_SERVER), "reject");
    assert.equal(iec104.probe(fromHex("680e00000000c80106000a0000000014"), TO_SERVER), "reject");
    assert.equal(iec104.probe(new TextEncoder().encode("HTTP/1.1 200 OK"), TO_SERVER), "reject");
    // Cause of transmission 0 is not defined.
    assert.equal(iec104.probe(fromHex("680e00000000640100000a0000000014"), TO_SERVER), "reject");
  });

  it("counts commands from the controlling station, not monitoring data nor link frames", () => {
    const sink = replay();
    assert.deepEqual(
      sink.requests.map((r) => [r.frame, r.code, r.name, r.category]),
      [
        [9, 100, "C_IC_NA_1", "read"],
        [11, 100, "C_IC_NA_1", "read"],
        [20, 45, "C_SC_NA_1", "control"],
        [29, 46, "C_DC_NA_1", "control"],
      ],
    );
    // Frame 9's interrogation is never confirmed in this capture; frame 11's is (frame 12).
    assert.deepEqual(sink.responses, [
      { frame: 12, code: 100, failed: false },
      { frame: 21, code: 45, failed: false },
      { frame: 30, code: 46, failed: false },
    ]);
    assert.deepEqual(sink.anomalies, []);
  });

  it("fails a negative confirmation and an unknown-object answer", () => {
    const s = new StreamFeeder(iec104, iec104.newState(), new RecordingSink());
    s.feed(TO_SERVER, fromHex("680e040042002d0106000a0002000001"), 1);
    // Same ASDU, cause actcon with the P/N bit (0x47).
    s.feed(TO_CLIENT, fromHex("680e420006002d0147000a0002000001"), 2);
    s.feed(TO_SERVER, fromHex("680e040042002d0106000a0002000001"), 3);
    // Cause 47: unknown information object address.
    s.feed(TO_CLIENT, fromHex("680e420006002d012f000a0002000001"), 4);
    assert.deepEqual(s.sink.responses, [
      { frame: 2, code: 45, failed: true },
      { frame: 4, code: 45, failed: true },
    ]);
  });

  it("observes a reset process command", () => {
    const s = new StreamFeeder(iec104, iec104.newState(), new RecordingSink());
    s.feed(TO_SERVER, fromHex("680e00000000690106000a0000000001"), 1);
    assert.deepEqual(s.sink.requests, [{ frame: 1, code: 105, name: "C_RP_NA_1", category: "control" }]);
    assert.deepEqual(s.sink.observations, [
      {
        frame: 1,
        kind: "controller-restart",
        party: "dst",
        detail: "IEC 104 reset process command (qualifier 1)",
      },
    ]);
  });

  it("waits for split APDUs and skips garbage up to the next valid APCI", () => {
    const s = new StreamFeeder(iec104, iec104.newState(), new RecordingSink());
    const apdu = fromHex("680e040042002d0106000a0002000001");
    assert.equal(s.feed(TO_SERVER, apdu.subarray(0, 5), 1), 0);
    assert.equal(s.feed(TO_SERVER, apdu.subarray(5), 2), apdu.length);
    s.feed(TO_SERVER, new Uint8Array([0x00, 0x68, 0x01, 0xff, ...apdu]), 3);
    assert.deepEqual(s.sink.requestCounts(), { 45: 2 });
    assert.deepEqual(
      s.sink.anomalies.map((a) => a.code),
      ["bad-start"],
    );
  });
});
