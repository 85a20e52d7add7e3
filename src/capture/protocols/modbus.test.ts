import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { TO_CLIENT, TO_SERVER } from "../dissector.js";
import { modbus } from "./modbus.js";
import { fromHex, RecordingSink, StreamFeeder } from "./test-sink.js";

function session() {
  const sink = new RecordingSink();
  return new StreamFeeder(modbus, modbus.newState(), sink);
}

describe("modbus", () => {
  it("probes MBAP headers and rejects other traffic on port 502", () => {
    // suricata-verify modbus.pcap frame 51: read coils.
    assert.equal(modbus.probe(fromHex("0001000000060a0100000001"), TO_SERVER), "match");
    // frame 9: exception response 0x88 (diagnostics) code 0x0b.
    assert.equal(modbus.probe(fromHex("0000000000030a880b"), TO_CLIENT), "match");
    assert.equal(modbus.probe(fromHex("000100"), TO_SERVER), "needMore");
    // modbus-and-non-modbus-p502.pcap carries TLS and HTTP on port 502.
    assert.equal(modbus.probe(fromHex("160301020001"), TO_SERVER), "reject");
    assert.equal(modbus.probe(new TextEncoder().encode("GET / HTTP/1.1\r\n"), TO_SERVER), "reject");
    // frame 76: protocol id 0 but length 0x8804 is no MBAP header.
    assert.equal(modbus.probe(fromHex("000100008804050708091000"), TO_SERVER), "reject");
    // A function code with the exception bit cannot be a request.
    assert.equal(modbus.probe(fromHex("0001000000060a8100000001"), TO_SERVER), "reject");
  });

  it("counts requests and pairs responses and exceptions by transaction id", () => {
    const s = session();
    // suricata-verify modbus.pcap frames 8/9: diagnostics (8) answered by exception 0x0b.
    s.feed(TO_SERVER, fromHex("0000000000060a0800040000"), 8);
    s.feed(TO_CLIENT, fromHex("0000000000030a880b"), 9);
    // frames 51/52 read coils, 57/58 read holding registers, 60/61 write single coil, 66/67 write register.
    s.feed(TO_SERVER, fromHex("0001000000060a0100000001"), 51);
    s.feed(TO_CLIENT, fromHex("0001000000040a010100"), 52);
    s.feed(TO_SERVER, fromHex("0001000000060a0300050002"), 57);
    s.feed(TO_CLIENT, fromHex("0001000000070a030400090018"), 58);
    s.feed(TO_SERVER, fromHex("0001000000060a0500020000"), 60);
    s.feed(TO_CLIENT, fromHex("0001000000060a0500020000"), 61);
    s.feed(TO_SERVER, fromHex("0001000000060a060005000b"), 66);
    s.feed(TO_CLIENT, fromHex("0001000000060a060005000b"), 67);
    assert.deepEqual(
      s.sink.requests.map((r) => [r.frame, r.code, r.name, r.category]),
      [
        [8, 8, "diagnostics", "diagnostic"],
        [51, 1, "read-coils", "read"],
        [57, 3, "read-holding-registers", "read"],
        [60, 5, "write-single-coil", "write"],
        [66, 6, "write-single-register", "write"],
      ],
    );
    assert.deepEqual(
      s.sink.responses.map((r) => [r.frame, r.code, r.failed]),
      [
        [9, 8, true],
        [52, 1, false],
        [58, 3, false],
        [61, 5, false],
        [67, 6, false],
      ],
    );
    assert.deepEqual(s.sink.anomalies, []);
  });

  it("pairs by transaction id when responses come back out of order", () => {
    const s = session();
    // Two requests, the second split across segments.
    s.feed(TO_SERVER, fromHex("000700000006010300000001" + "000800000006"), 1);
    s.feed(TO_SERVER, fromHex("010100000001"), 1);
    s.feed(TO_CLIENT, fromHex("000800000003018102"), 2);
    s.feed(TO_CLIENT, fromHex("00070000000501030200ff"), 3);
    assert.deepEqual(
      s.sink.responses.map((r) => [r.code, r.failed]),
      [
        [1, true],
        [3, false],
      ],
    );
  });

  it("waits for the rest of a PDU split across segments and cuts several PDUs from one", () => {
    const s = session();
    assert.equal(s.feed(TO_SERVER, fromHex("00010000000601")), 0);
    assert.equal(s.sink.requests.length, 0);
    assert.equal(s.feed(TO_SERVER, fromHex("0100000001" + "000200000006010200000008")), 24);
    assert.deepEqual(s.sink.requestCounts(), { 1: 1, 2: 1 });
    assert.equal(s.buffered(TO_SERVER), 0);
  });

  it("names Read Device Identification and reads the identity from its response", () => {
    const s = session();
    // suricata-verify modbus.pcap frame 32: 43/14, read code 3 (extended), object 1.
    s.feed(TO_SERVER, fromHex("0001000000060a2b0e030100"), 32);
    const objects: [number, string][] = [
      [0, "Schneider Electric"],
      [1, "BMX P34 2020"],
      [2, "v3.10"],
      [4, "Modicon M340"],
    ];
    const body = objects.flatMap(([id, v]) => [id, v.length, ...new TextEncoder().encode(v)]);
    const pdu = [0x2b, 0x0e, 0x03, 0x83, 0x00, 0x00, objects.length, ...body];
    const adu = Uint8Array.from([0x00, 0x01, 0x00, 0x00, 0x00, pdu.length + 1, 0x0a, ...pdu]);
    s.feed(TO_CLIENT, adu, 33);
    assert.deepEqual(s.sink.requests[0], {
      frame: 32,
      code: 43,
      name: "read-device-identification",
      category: "identify",
    });
    assert.deepEqual(s.sink.identities, [
      {
        frame: 33,
        party: "src",
        facts: {
          vendor: "Schneider Electric",
          orderNumber: "BMX P34 2020",
          model: "BMX P34 2020",
          firmware: "v3.10",
          product: "Modicon M340",
        },
      },
    ]);
    assert.deepEqual(s.sink.responses, [{ frame: 33, code: 43, failed: false }]);
  });

  it("reports a device identification object that overruns the PDU without reading past it", () => {
    const s = session();
    s.feed(TO_SERVER, fromHex("0001000000050a2b0e0100"), 1);
    s.feed(TO_CLIENT, fromHex("00010000000b0a2b0e0101000001000741424344"), 2);
    assert.deepEqual(s.sink.identities, []);
    assert.equal(s.sink.anomalies[0].code, "short-pdu");
  });

  it("counts unknown function codes as requests named unknown-<n> with an anomaly", () => {
    const s = session();
    // fuzz-72.pcap frame 3: function 29.
    s.feed(TO_SERVER, fromHex("000000000006011d00000000"), 3);
    assert.deepEqual(s.sink.requests, [{ frame: 3, code: 29, name: "unknown-29", category: "write" }]);
    assert.deepEqual(
      s.sink.anomalies.map((a) => a.code),
      ["unknown-function"],
    );
  });

  it("names Schneider UMAS and observes a PLC stop through it", () => {
    const s = session();
    // Function 90, session key 0x12, UMAS 0x41 (stop PLC).
    s.feed(TO_SERVER, fromHex("0005000000050a5a124100"), 7);
    assert.deepEqual(s.sink.requests, [{ frame: 7, code: 90, name: "schneider-umas", category: "program" }]);
    assert.deepEqual(s.sink.observations, [
      { frame: 7, kind: "controller-stop", party: "dst", detail: "UMAS stop PLC" },
    ]);
  });

  it("reports responses that answer no request", () => {
    const s = session();
    // suricata-verify modbus.pcap frame 91: an exception from a server no request was seen for.
    s.feed(TO_CLIENT, fromHex("0001000000040a810600"), 91);
    assert.deepEqual(s.sink.responses, []);
    assert.deepEqual(
      s.sink.anomalies.map((a) => a.code),
      ["unpaired-response"],
    );
  });

  it("skips a bad header to the next plausible one, and resynchronises after a gap", () => {
    const s = session();
    // suricata-verify modbus.pcap frame 76 (length 0x8804), then a whole read coils request.
    const garbage = fromHex("000100008804050708091000010000880405");
    const stream = new Uint8Array([...garbage, ...fromHex("0001000000060a0100000001")]);
    assert.equal(s.feed(TO_SERVER, stream), stream.length);
    assert.deepEqual(
      s.sink.anomalies.map((a) => a.code),
      ["bad-header"],
    );
    assert.deepEqual(s.sink.requestCounts(), { 1: 1 });

    const t = session();
    modbus.gap?.(t.state, TO_SERVER);
    // The tail of a lost PDU, then a whole read holding registers request.
    assert.equal(t.feed(TO_SERVER, fromHex("ff0102" + "000900000006010300000002")), 15);
    assert.deepEqual(t.sink.requestCounts(), { 3: 1 });
  });

  it("forgets the oldest unanswered request past maxPending", () => {
    const s = session();
    for (let tid = 0; tid <= modbus.limits.maxPending; tid++) {
      s.feed(TO_SERVER, Uint8Array.from([0, tid, 0, 0, 0, 6, 1, 3, 0, 0, 0, 1]));
    }
    assert.deepEqual(
      s.sink.anomalies.map((a) => a.code),
      ["pending-overflow"],
    );
    s.feed(TO_CLIENT, fromHex("000000000005010302ffff"));
    assert.equal(s.sink.anomalies.at(-1)?.code, "unpaired-response");
    s.feed(TO_CLIENT, fromHex("000100000005010302ffff"));
    assert.deepEqual(s.sink.responses, [{ frame: 1, code: 3, failed: false }]);
  });
});
