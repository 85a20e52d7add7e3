import assert from "node:assert/strict";
import { test } from "node:test";
import { RecordingSink, StreamFeeder } from "./test-sink.js";
import { probeVnc, vnc } from "./vnc.js";

const bytes = (s: string) => Uint8Array.from(Buffer.from(s, "latin1"));
const feeder = () => new StreamFeeder(vnc, vnc.newState(), new RecordingSink());

test("RFB 3.8 with VNC Authentication: remote access, the chosen type, the result", () => {
  const f = feeder();
  f.feed(1, bytes("RFB 003.008\n"));
  f.feed(0, bytes("RFB 003.008\n"));
  f.feed(1, Uint8Array.of(2, 2, 16));
  f.feed(0, Uint8Array.of(2));
  f.feed(1, new Uint8Array(16).fill(0x5a));
  f.feed(0, new Uint8Array(16).fill(0xa5));
  f.feed(1, Uint8Array.of(0, 0, 0, 1));
  assert.deepEqual(f.sink.requests, [{ frame: 1, code: 2, name: "VNC Authentication", category: "session" }]);
  assert.deepEqual(f.sink.responses, [{ frame: 1, code: 2, failed: true }]);
  assert.deepEqual(
    f.sink.observations.map((o) => [o.kind, o.party, o.detail]),
    [
      ["remote-access", "src", "VNC server (RFB 003.008)"],
      ["insecure-channel", "dst", "unencrypted VNC session (VNC Authentication)"],
    ],
  );
  // The framebuffer protocol that follows is passed over.
  assert.equal(f.feed(1, new Uint8Array(500)), 500);
});

test("security type None lets anyone take control", () => {
  const f = feeder();
  f.feed(1, bytes("RFB 003.008\n"));
  f.feed(0, bytes("RFB 003.008\n"));
  f.feed(1, Uint8Array.of(1, 1));
  f.feed(0, Uint8Array.of(1));
  f.feed(1, Uint8Array.of(0, 0, 0, 0));
  assert.deepEqual(f.sink.responses, [{ frame: 1, code: 1, failed: false }]);
  assert.deepEqual(
    f.sink.observations.map((o) => o.kind),
    ["remote-access", "unauthenticated-control", "insecure-channel"],
  );
});

test("RFB 3.3: the server imposes the type; no request, the observations only", () => {
  const f = feeder();
  f.feed(1, bytes("RFB 003.003\n"));
  f.feed(0, bytes("RFB 003.003\n"));
  f.feed(1, Uint8Array.of(0, 0, 0, 1));
  assert.deepEqual(f.sink.requests, []);
  assert.deepEqual(
    f.sink.observations.map((o) => [o.kind, o.party]),
    [
      ["remote-access", "src"],
      ["unauthenticated-control", "src"],
      ["insecure-channel", "src"],
    ],
  );
});

test("handshake pieces split across segments and arriving together", () => {
  const f = feeder();
  f.feed(1, bytes("RFB 003.0"));
  f.feed(1, bytes("08\n"));
  f.feed(0, bytes("RFB 003.008\n\x12"));
  f.feed(1, Uint8Array.of(2, 18, 19));
  assert.deepEqual(f.sink.requests, [{ frame: 1, code: 18, name: "TLS", category: "session" }]);
  assert.equal(f.sink.observations.length, 1);
});

test("probe and malformed version", () => {
  assert.equal(probeVnc(bytes("RFB 003.008\n")), "match");
  assert.equal(probeVnc(bytes("RF")), "needMore");
  assert.equal(probeVnc(bytes("SSH-2.0-x")), "reject");
  const sink = new RecordingSink();
  vnc.parse(vnc.newState(), 1, bytes("RFB 3.8 hello"), sink);
  assert.equal(sink.anomalies[0]?.code, "bad-version");
});
