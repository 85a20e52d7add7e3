import assert from "node:assert/strict";
import { test } from "node:test";
import { dnsMessage, wireName } from "./dns-builder.js";
import { MAX_SERVICE_TYPES, mdns } from "./mdns.js";
import { RecordingSink } from "./test-sink.js";

// An announcement as a printer sends it (RFC 6762 8.3, RFC 6763 4 and 9): its host name in an A record, a
// service instance under _ipp._tcp, and the service type enumeration.
const ANNOUNCEMENT = dnsMessage({
  id: 0,
  flags: 0x8400,
  answers: [
    { name: "_services._dns-sd._udp.local", type: 12, rdata: wireName("_ipp._tcp.local") },
    { name: "_ipp._tcp.local", type: 12, rdata: wireName("Hall printer._ipp._tcp.local") },
    { name: "printer-3.local", type: 1, rdata: [10, 1, 2, 30] },
  ],
  additional: [{ name: "printer-3.local", type: 28, rdata: [0xfe, 0x80, ...new Array(13).fill(0), 0x30] }],
});

test("an announcement names its addresses, from the answer and the additional sections", () => {
  const sink = new RecordingSink();
  mdns.parse(mdns.newState(), 1, ANNOUNCEMENT, sink);
  assert.deepEqual(
    sink.hostnames.map((h) => [h.party, h.name]),
    [
      [{ ip: "10.1.2.30" }, "printer-3.local"],
      [{ ip: "fe80::30" }, "printer-3.local"],
    ],
  );
  assert.deepEqual(sink.responses, [], "multicast answers are not paired with queries");
});

test("each advertised service type is reported once per flow", () => {
  const state = mdns.newState();
  const sink = new RecordingSink();
  mdns.parse(state, 1, ANNOUNCEMENT, sink);
  mdns.parse(state, 1, ANNOUNCEMENT, sink);
  assert.deepEqual(sink.observations, [
    { frame: 1, kind: "other", party: "src", detail: "advertises mDNS service type _ipp._tcp.local" },
  ]);
});

test("service types per flow are capped", () => {
  const answers = Array.from({ length: 40 }, (_, i) => ({
    name: `_svc${i}._tcp.local`,
    type: 12,
    rdata: wireName(`x._svc${i}._tcp.local`),
  }));
  const sink = new RecordingSink();
  mdns.parse(mdns.newState(), 1, dnsMessage({ flags: 0x8400, answers }), sink);
  assert.equal(sink.observations.length, MAX_SERVICE_TYPES);
});

test("queries are identify requests and name nothing", () => {
  const sink = new RecordingSink();
  mdns.parse(
    mdns.newState(),
    0,
    dnsMessage({ id: 0, flags: 0, question: { name: "_ipp._tcp.local", type: 12 } }),
    sink,
  );
  assert.deepEqual(sink.requests, [{ frame: 1, code: 12, name: "query PTR", category: "identify" }]);
  assert.deepEqual(sink.hostnames, []);
  assert.deepEqual(sink.observations, []);
});
