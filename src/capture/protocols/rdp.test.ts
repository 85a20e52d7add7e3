import assert from "node:assert/strict";
import { test } from "node:test";
import { probeRdp, protocolNames, rdp } from "./rdp.js";
import { fromHex, RecordingSink, StreamFeeder } from "./test-sink.js";

// An X.224 Connection Request as mstsc sends it (MS-RDPBCGR 4.1.1): TPKT 03 00 00 2b, LI 0x26, CR, refs,
// class 0, "Cookie: mstshash=rzhou\r\n", RDP_NEG_REQ asking for TLS and CredSSP (0x03).
const REQUEST = fromHex(
  "0300002b26e00000000000" + Buffer.from("Cookie: mstshash=rzhou\r\n").toString("hex") + "0100080003000000",
);
// Connection Confirm with RDP_NEG_RSP selecting CredSSP (0x02), and one without negotiation (legacy server).
const CONFIRM_CREDSSP = fromHex("030000130ed000001234000200080002000000");
const CONFIRM_LEGACY = fromHex("0300000b06d00000000000");

test("the connection request: a session request, and remote access on the server with the user masked", () => {
  const f = new StreamFeeder(rdp, rdp.newState(), new RecordingSink());
  assert.equal(f.feed(0, REQUEST.subarray(0, 20)), 0);
  assert.equal(f.feed(0, REQUEST.subarray(20)), REQUEST.length);
  f.feed(1, CONFIRM_CREDSSP);
  assert.deepEqual(f.sink.requests, [
    { frame: 1, code: 0xe0, name: "connection request", category: "session" },
  ]);
  assert.deepEqual(f.sink.responses, [{ frame: 1, code: 0xe0, failed: false }]);
  assert.deepEqual(f.sink.observations, [
    {
      frame: 1,
      kind: "remote-access",
      party: "dst",
      detail: "RDP connection request, user r… (5 chars), asks for TLS, CredSSP",
    },
  ]);
  assert.ok(!JSON.stringify(f.sink).includes("rzhou"));
  // TLS follows and is passed over.
  assert.equal(f.feed(0, Uint8Array.of(0x16, 3, 1, 0, 1, 1)), 6);
});

test("a server answering without negotiation speaks standard RDP security: an insecure channel", () => {
  const s = rdp.newState();
  const sink = new RecordingSink();
  rdp.parse(s, 0, fromHex("030000130ee00000000000" + "0100080000000000"), sink);
  rdp.parse(s, 1, CONFIRM_LEGACY, sink);
  assert.deepEqual(
    sink.observations.map((o) => [o.kind, o.party, o.detail]),
    [
      ["remote-access", "dst", "RDP connection request, asks for standard RDP security"],
      ["insecure-channel", "src", "RDP standard security negotiated (no TLS, no CredSSP)"],
    ],
  );
});

test("a negotiation failure fails the request", () => {
  const s = rdp.newState();
  const sink = new RecordingSink();
  rdp.parse(s, 0, REQUEST, sink);
  rdp.parse(s, 1, fromHex("030000130ed000001234000300080005000000"), sink);
  assert.deepEqual(sink.responses, [{ frame: 1, code: 0xe0, failed: true }]);
});

test("protocol flags and the probe", () => {
  assert.equal(protocolNames(0x0b), "TLS, CredSSP, CredSSP early user auth");
  assert.equal(probeRdp(REQUEST, 0), "match");
  assert.equal(probeRdp(CONFIRM_LEGACY, 1), "match");
  assert.equal(probeRdp(REQUEST, 1), "reject");
  assert.equal(probeRdp(Uint8Array.of(3, 0), 0), "needMore");
  assert.equal(probeRdp(Uint8Array.from(Buffer.from("GET / HTTP/1.1")), 0), "reject");
});

test("bad framing is an anomaly; truncations never throw", () => {
  const sink = new RecordingSink();
  rdp.parse(rdp.newState(), 0, Uint8Array.of(3, 0, 0xff, 0xff, 0, 0), sink);
  assert.equal(sink.anomalies[0]?.code, "bad-tpkt");
  for (let cut = 0; cut <= REQUEST.length; cut++) {
    const short = Uint8Array.from(REQUEST.subarray(0, cut));
    if (cut >= 4) short[3] = cut;
    rdp.parse(rdp.newState(), 0, short, new RecordingSink());
  }
});
