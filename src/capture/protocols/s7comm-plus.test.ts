import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { TO_CLIENT, TO_SERVER } from "../dissector.js";
import { s7commPlus } from "./s7comm-plus.js";
import { fromHex, RecordingSink, StreamFeeder } from "./test-sink.js";

/** TCP payloads of icsnpp-s7comm tests/traces/s7comm_plus.pcap (192.168.0.3:49154 -> 192.168.0.1:102). */
const NOTIFICATION_2 =
  "0300007102f080720300622008c83ace381dfdbc42201789dec03b099172858efb6f3ef2e5e8ecb8bd2546653370000e51040000" +
  "000000c98ec148019200000005000e41aa70aa9200000019000e417e538e920000001a000e41467956920000001b000e4193eb8500" +
  "0000000072030000";
const SET_VARIABLE_7 =
  "0300006802f0807203005920e969a95a852ab0e288480ccecb618e48779f4b68a1ce9a9c42cd6aa53680068331000004f20000831a" +
  "70000e4d7470000e5101881d000700ce000004e88969001200000000896a001300896b000400000084eb270000000072030000";
const GET_MULTI_30 =
  "0300007902f0807203006a20eeed63815b2cdcb7e899d568a24eb02b45ed2246a88700849f03a872687a7c09310000054c0000831d" +
  "70000e4d3400000000030e008780809c4d018e320081490288390000814902883901000004e88969001200000000896a001300896b" +
  "00040000819a730000000072030000";
const GET_MULTI_RESPONSE_31 =
  "0300005202f08072030043203dcac8ee113108f0defe64eff4faf6106fe1fa3d75064cde9b8314d9f1e276a3320000054c0000831d" +
  "3400010004010200088372030008be04000083a1100000000072030000";

function session() {
  return new StreamFeeder(s7commPlus, s7commPlus.newState(), new RecordingSink());
}

describe("s7comm-plus", () => {
  it("probes the first COTP data payload for protocol id 0x72", () => {
    assert.equal(s7commPlus.probe(fromHex(SET_VARIABLE_7), TO_SERVER), "match");
    assert.equal(s7commPlus.probe(fromHex(NOTIFICATION_2), TO_CLIENT), "match");
    // S7comm (0x32) is the other dissector on TCP 102; frame 14 of this capture is one stray zero byte.
    assert.equal(
      s7commPlus.probe(fromHex("0300001902f08032010000000000080000f0000001000101e0"), TO_SERVER),
      "reject",
    );
    assert.equal(s7commPlus.probe(fromHex("00"), TO_SERVER), "reject");
  });

  it("counts requests by function and pairs responses by sequence number", () => {
    const s = session();
    s.feed(TO_CLIENT, fromHex(NOTIFICATION_2), 2);
    s.feed(TO_SERVER, fromHex(SET_VARIABLE_7), 7);
    s.feed(TO_SERVER, fromHex(GET_MULTI_30), 30);
    s.feed(TO_CLIENT, fromHex(GET_MULTI_RESPONSE_31), 31);
    assert.deepEqual(s.sink.requests, [
      { frame: 7, code: 0x04f2, name: "set-variable", category: "write" },
      { frame: 30, code: 0x054c, name: "get-multi-variables", category: "read" },
    ]);
    assert.deepEqual(s.sink.responses, [{ frame: 31, code: 0x054c, failed: false }]);
    assert.deepEqual(s.sink.anomalies, []);
  });

  it("reads a version 1 request without integrity part, and fails an Error response", () => {
    const s = session();
    // Version 1 CreateObject (session setup, sequence 1), then an Error (0x04b1) response with sequence 1.
    const request = fromHex("7201000d" + "31000004ca0000000100000120" + "72010000");
    const error = fromHex("72010009" + "32000004b1000000010000" + "72010000");
    for (const [dir, pdu, frame] of [
      [TO_SERVER, request, 1],
      [TO_CLIENT, error, 2],
    ] as const) {
      s.feed(dir, new Uint8Array([3, 0, 0, 7 + pdu.length, 2, 0xf0, 0x80, ...pdu]), frame);
    }
    assert.deepEqual(s.sink.requests, [
      { frame: 1, code: 0x04ca, name: "create-object", category: "session" },
    ]);
    assert.deepEqual(s.sink.responses, [{ frame: 2, code: 0x04ca, failed: true }]);
  });

  it("skips the continuation TSDUs of a PDU sent in parts, up to its trailer", () => {
    const s = session();
    const tpdu = (hex: string) => {
      const pdu = fromHex(hex);
      return new Uint8Array([3, 0, 0, 7 + pdu.length, 2, 0xf0, 0x80, ...pdu]);
    };
    // First part: header and operation (SetMultiVariables, sequence 5), no trailer; then a middle part whose
    // bytes happen to look like a request opcode; then the last part with the trailer; then a new request.
    s.feed(TO_SERVER, tpdu("7201000c" + "3100000542000000050000ff"), 1);
    s.feed(TO_SERVER, tpdu("7201000c" + "3100000524000000060000ff"), 2);
    s.feed(TO_SERVER, tpdu("72010004" + "0000ffff" + "72010000"), 3);
    s.feed(TO_SERVER, tpdu("7201000d" + "31000004bb0000000700000120" + "72010000"), 4);
    assert.deepEqual(
      s.sink.requests.map((r) => [r.frame, r.name]),
      [
        [1, "set-multi-variables"],
        [4, "explore"],
      ],
    );
  });

  it("counts TLS records after InitSsl without calling them anomalies", () => {
    const s = session();
    const tls = fromHex("1703030010" + "00".repeat(16));
    s.feed(TO_SERVER, new Uint8Array([3, 0, 0, 7 + tls.length, 2, 0xf0, 0x80, ...tls]), 1);
    assert.equal(s.state.tlsRecords, 1);
    assert.deepEqual(s.sink.anomalies, []);
    assert.deepEqual(s.sink.requests, []);
  });
});
