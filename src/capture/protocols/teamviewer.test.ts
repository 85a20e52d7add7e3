import assert from "node:assert/strict";
import { test } from "node:test";
import { commandOf, probeTeamViewer, teamviewer } from "./teamviewer.js";
import { RecordingSink } from "./test-sink.js";

// The first TCP packet as libprotoident matches it: 37 bytes opening 17 24 0a 20 (CMD_IDENTIFY).
const IDENTIFY = Uint8Array.from([0x17, 0x24, 0x0a, 0x20, ...new Array(33).fill(0x11)]);

test("the first packet is the session request; both ends are remote access", () => {
  const s = teamviewer.newState();
  const sink = new RecordingSink();
  teamviewer.parse(s, 0, IDENTIFY, sink);
  teamviewer.parse(s, 1, Uint8Array.from([0x17, 0x24, 0x11, 0, 0]), sink);
  assert.deepEqual(sink.requests, [{ frame: 1, code: 10, name: "CMD_IDENTIFY", category: "session" }]);
  assert.deepEqual(
    sink.observations.map((o) => [o.kind, o.party, o.detail]),
    [
      ["remote-access", "src", "TeamViewer connection (protocol 2)"],
      ["remote-access", "dst", "TeamViewer peer or router (protocol 2)"],
    ],
  );
});

test("both layouts: TCP magic at 0, UDP magic at 11 after a zero counter", () => {
  assert.equal(commandOf(Uint8Array.of(0x11, 0x30, 0x0b)), 11);
  const udp = Uint8Array.from([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 0x17, 0x24, 71, 0]);
  assert.equal(commandOf(udp), 71);
  assert.equal(probeTeamViewer(udp), "match");
  assert.equal(commandOf(Uint8Array.of(0x17, 0x24, 0xf0)), -1);
});

test("the probe rejects on the first byte and never matches TLS application data", () => {
  assert.equal(probeTeamViewer(IDENTIFY), "match");
  assert.equal(probeTeamViewer(Uint8Array.of(0x17)), "needMore");
  assert.equal(probeTeamViewer(Uint8Array.of(0x17, 0x03, 0x03, 0, 0x20)), "reject");
  assert.equal(probeTeamViewer(Uint8Array.from(Buffer.from("GET / HTTP/1.1"))), "reject");
  assert.equal(probeTeamViewer(new Uint8Array(20)), "reject");
});
