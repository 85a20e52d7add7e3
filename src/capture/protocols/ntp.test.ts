import assert from "node:assert/strict";
import { test } from "node:test";
import { ntp, parseNtp } from "./ntp.js";
import { fromHex, RecordingSink } from "./test-sink.js";

// Frames of test/corpus/captures/ntp/zeek__ntp/ntp.pcap. Zeek's ntp.log: frame 1 version 4 mode 3
// stratum 2; frame 2 mode 4 stratum 4; frame 21 mode 4 stratum 1, ref_id "GPS\x00".
const CLIENT = fromHex(
  "230206ea00000bd90000063055c7d663e09ab55c12dcc914e09ab5540c60c23be09ab55413a64a3be09ab59607050baa",
);
const SERVER = fromHex(
  "240406e800000c810000124469edcf1ce09ab29cb8c778ebe09ab59607050baae09ab5960c625ccbe09ab5960c64646b",
);
const GPS = fromHex(
  "240104e7000000000000000047505300e09ab59e00000000e09ab59e0702a6f2e09ab59e12e03701e09ab59e12e0989d",
);

test("version, mode and stratum as Zeek reads them", () => {
  assert.deepEqual(parseNtp(CLIENT), { version: 4, mode: 3, stratum: 2, response: false, error: false });
  assert.deepEqual(parseNtp(SERVER), { version: 4, mode: 4, stratum: 4, response: true, error: false });
  assert.deepEqual(parseNtp(GPS), {
    version: 4,
    mode: 4,
    stratum: 1,
    referenceClock: "GPS",
    response: true,
    error: false,
  });
});

test("a client request is answered by the server; a stratum 1 server names its clock once per flow", () => {
  const state = ntp.newState();
  const sink = new RecordingSink();
  ntp.parse(state, 0, CLIENT, sink);
  ntp.parse(state, 1, SERVER, sink);
  ntp.parse(state, 1, GPS, sink);
  ntp.parse(state, 1, GPS, sink);
  assert.deepEqual(sink.requests, [{ frame: 1, code: 3, name: "client (NTPv4)", category: "diagnostic" }]);
  assert.deepEqual(
    sink.responses.map((r) => [r.code, r.failed]),
    [
      [3, false],
      [3, false],
      [3, false],
    ],
  );
  assert.deepEqual(sink.identities, [
    { frame: 1, party: "src", facts: { deviceType: "NTP stratum 1 time server (GPS)" } },
  ]);
});

test("a kiss-of-death (stratum 0) fails the request", () => {
  const kod = Uint8Array.from(SERVER);
  kod[1] = 0;
  const sink = new RecordingSink();
  ntp.parse(ntp.newState(), 1, kod, sink);
  assert.deepEqual(sink.responses, [{ frame: 1, code: 3, failed: true }]);
});

test("mode 7 (ntpdc monlist) and mode 6 (ntpq) requests and responses", () => {
  const sink = new RecordingSink();
  // ntpdc MON_GETLIST_1: 0x17 = version 2 mode 7, implementation 3, request code 42.
  ntp.parse(ntp.newState(), 0, Uint8Array.of(0x17, 0x00, 0x03, 0x2a, 0, 0, 0, 0), sink);
  ntp.parse(ntp.newState(), 1, Uint8Array.of(0x17, 0x80, 0x03, 0x2a, 0, 0, 0, 0), sink);
  // ntpq READVAR: 0x16 = version 2 mode 6, opcode 2; the answer has the response bit.
  ntp.parse(ntp.newState(), 0, Uint8Array.of(0x16, 0x02, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0), sink);
  ntp.parse(ntp.newState(), 1, Uint8Array.of(0x16, 0xc2, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0), sink);
  assert.deepEqual(
    sink.requests.map((r) => [r.code, r.name]),
    [
      [7, "private message"],
      [6, "control message"],
    ],
  );
  assert.deepEqual(
    sink.responses.map((r) => [r.code, r.failed]),
    [
      [7, false],
      [6, true],
    ],
  );
});

test("short or foreign datagrams are rejected by the probe and are anomalies in parse", () => {
  assert.equal(ntp.probe(CLIENT, 0), "match");
  assert.equal(ntp.probe(CLIENT.subarray(0, 20), 0), "reject");
  assert.equal(ntp.probe(new Uint8Array(48), 0), "reject");
  const sink = new RecordingSink();
  ntp.parse(ntp.newState(), 0, CLIENT.subarray(0, 20), sink);
  assert.equal(sink.anomalies[0]?.code, "bad-length");
});
