import assert from "node:assert/strict";
import { test } from "node:test";
import { dns, dnsTcp, llmnr } from "./dns.js";
import { dnsMessage, wireName } from "./dns-builder.js";
import { parseDnsMessage, reverseNameAddress } from "./dns-message.js";
import { fromHex, RecordingSink, StreamFeeder } from "./test-sink.js";

// Frames 101/102 of test/corpus/captures/modbus/zeek__modbusSmall/modbusSmall.pcap: mail.google.com A,
// answered by a CNAME to googlemail.l.google.com and two A records (tshark: 74.125.239.54, 74.125.239.53),
// with four NS records and their glue addresses.
const QUERY = fromHex("981001000001000000000000046d61696c06676f6f676c6503636f6d0000010001");
const ANSWER = fromHex(
  "981081800001000300040004046d61696c06676f6f676c6503636f6d0000010001c00c00050001000538ae000f0a676f6f676c656d" +
    "61696c016cc011c02d000100010000002300044a7def36c02d000100010000002300044a7def35c01100020001000144210006036e" +
    "7333c011c01100020001000144210006036e7332c011c01100020001000144210006036e7334c011c01100020001000144210006036e" +
    "7331c011c08c000100010001558a0004d8ef260ac068000100010001558a0004d8ef240ac07a000100010001558a0004d8ef220ac09e" +
    "000100010001558a0004d8ef200a",
);

test("a query is an identify request coded by its query type", () => {
  const sink = new RecordingSink();
  dns.parse(null, 0, QUERY, sink);
  assert.deepEqual(sink.requests, [{ frame: 1, code: 1, name: "query A", category: "identify" }]);
});

test("answered addresses are named by the owner and by the queried alias, not by the glue", () => {
  const m = parseDnsMessage(ANSWER);
  assert.equal(m?.records.length, 11);
  const sink = new RecordingSink();
  dns.parse(null, 1, ANSWER, sink);
  assert.deepEqual(sink.responses, [{ frame: 1, code: 1, failed: false }]);
  assert.deepEqual(
    sink.hostnames.map((h) => [h.party, h.name]),
    [
      [{ ip: "74.125.239.54" }, "googlemail.l.google.com"],
      [{ ip: "74.125.239.54" }, "mail.google.com"],
      [{ ip: "74.125.239.53" }, "googlemail.l.google.com"],
      [{ ip: "74.125.239.53" }, "mail.google.com"],
    ],
  );
});

// Frames 3/4 of test/corpus/captures/opcua-binary/opcua__open62541_client-server_mainloop/…mainloop.pcap:
// AAAA answered NXDOMAIN (rcode 3), A answered 192.168.65.1.
test("NXDOMAIN fails the request and names nothing; an AAAA-less A answer names its address", () => {
  const sink = new RecordingSink();
  dns.parse(
    null,
    1,
    fromHex("d82881830001000000000000076761746577617906646f636b657208696e7465726e616c00001c0001"),
    sink,
  );
  dns.parse(
    null,
    1,
    fromHex(
      "d66a81800001000100000000076761746577617906646f636b657208696e7465726e616c0000010001c00c00010001000000000004c0a84101",
    ),
    sink,
  );
  assert.deepEqual(
    sink.responses.map((r) => [r.code, r.failed]),
    [
      [28, true],
      [1, false],
    ],
  );
  assert.deepEqual(sink.hostnames, [
    { frame: 1, party: { ip: "192.168.65.1" }, name: "gateway.docker.internal" },
  ]);
});

test("AAAA answers and reverse (PTR) answers name addresses", () => {
  const v6 = dnsMessage({
    flags: 0x8180,
    question: { name: "historian.plant.example", type: 28 },
    answers: [
      {
        name: "historian.plant.example",
        type: 28,
        rdata: [0x20, 0x01, 0x0d, 0xb8, ...new Array(11).fill(0), 7],
      },
    ],
  });
  const ptr = dnsMessage({
    flags: 0x8180,
    question: { name: "20.1.168.192.in-addr.arpa", type: 12 },
    answers: [{ name: "20.1.168.192.in-addr.arpa", type: 12, rdata: wireName("plc-7.plant.example") }],
  });
  const sink = new RecordingSink();
  dns.parse(null, 1, v6, sink);
  dns.parse(null, 1, ptr, sink);
  assert.deepEqual(
    sink.hostnames.map((h) => [h.party, h.name]),
    [
      [{ ip: "2001:db8::7" }, "historian.plant.example"],
      [{ ip: "192.168.1.20" }, "plc-7.plant.example"],
    ],
  );
  assert.equal(
    reverseNameAddress("1.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.8.b.d.0.1.0.0.2.ip6.arpa"),
    "2001:db8::1",
  );
  assert.equal(reverseNameAddress("300.1.168.192.in-addr.arpa"), null);
});

test("a dynamic update is a write, coded 0x10000 + opcode", () => {
  const sink = new RecordingSink();
  dns.parse(null, 0, dnsMessage({ flags: 0x2800, question: { name: "plant.example", type: 6 } }), sink);
  assert.deepEqual(sink.requests, [{ frame: 1, code: 0x10005, name: "update", category: "write" }]);
});

test("a response listing many addresses hands over at most 16 names", () => {
  const answers = Array.from({ length: 40 }, (_, i) => ({
    name: "pool.example",
    type: 1,
    rdata: [10, 0, 0, i],
  }));
  const sink = new RecordingSink();
  dns.parse(
    null,
    1,
    dnsMessage({ flags: 0x8180, question: { name: "pool.example", type: 1 }, answers }),
    sink,
  );
  assert.equal(sink.hostnames.length, 16);
});

test("a compression-pointer loop and truncated messages are anomalies or stop quietly, never throw", () => {
  const loop = fromHex("0001818000010001000000000000010001c00c0001000100000000000401020304");
  loop[12] = 0xc0;
  loop[13] = 0x0c;
  const sink = new RecordingSink();
  dns.parse(null, 1, loop, sink);
  assert.equal(sink.anomalies.length, 1);
  for (let cut = 0; cut < ANSWER.length; cut++)
    dns.parse(null, 1, ANSWER.subarray(0, cut), new RecordingSink());
});

test("DNS over TCP: length-prefixed messages split across segments", () => {
  const framed = new Uint8Array(2 + ANSWER.length);
  framed[0] = ANSWER.length >> 8;
  framed[1] = ANSWER.length & 0xff;
  framed.set(ANSWER, 2);
  assert.equal(dnsTcp.probe(framed, 1), "match");
  const feeder = new StreamFeeder(dnsTcp, null, new RecordingSink());
  assert.equal(feeder.feed(1, framed.subarray(0, 40)), 0);
  assert.equal(feeder.feed(1, framed.subarray(40)), framed.length);
  assert.equal(feeder.sink.hostnames.length, 4);
  assert.equal(dnsTcp.parse(null, 1, Uint8Array.of(0, 3, 1, 2, 3), new RecordingSink()), -1);
});

// Frame 79 of test/corpus/captures/profinet-io-cm/profinet__profinet_io_cm_mixed_2/…mixed_2.pcapng:
// 192.168.1.1 asks the link for "kw-VLIPC" (type ANY) by LLMNR.
test("LLMNR queries and answers", () => {
  const sink = new RecordingSink();
  llmnr.parse(null, 0, fromHex("702e00000001000000000000086b772d564c4950430000ff0001"), sink);
  assert.deepEqual(sink.requests, [{ frame: 1, code: 255, name: "query ANY", category: "identify" }]);
  const answer = dnsMessage({
    flags: 0x8000,
    question: { name: "kw-VLIPC", type: 1 },
    answers: [{ name: "kw-VLIPC", type: 1, rdata: [192, 168, 1, 3] }],
  });
  llmnr.parse(null, 1, answer, sink);
  assert.deepEqual(sink.hostnames, [{ frame: 1, party: { ip: "192.168.1.3" }, name: "kw-VLIPC" }]);
});

test("the probe accepts DNS headers and rejects other bytes", () => {
  assert.equal(dns.probe(QUERY, 0), "match");
  assert.equal(dns.probe(new Uint8Array(12), 0), "reject");
  assert.equal(dns.probe(Uint8Array.of(1, 2, 3), 0), "reject");
});
