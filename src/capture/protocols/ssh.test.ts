import assert from "node:assert/strict";
import { test } from "node:test";
import { bannerOs, parseBanner, probeSsh, ssh } from "./ssh.js";
import { RecordingSink, StreamFeeder } from "./test-sink.js";

const bytes = (s: string) => Uint8Array.from(Buffer.from(s, "latin1"));

test("identification lines of both sides: software, OS hint, and the session request", () => {
  const f = new StreamFeeder(ssh, ssh.newState(), new RecordingSink());
  // The identification and the start of the binary packets behind it are consumed together.
  const first = bytes("SSH-2.0-OpenSSH_8.9p1 Ubuntu-3ubuntu0.6\r\n\x00\x00\x04\x54\x0a\x14");
  assert.equal(f.feed(1, first), first.length);
  f.feed(0, bytes("SSH-2.0-PuTTY_Release_0.79\r\n"));
  assert.deepEqual(f.sink.identities, [
    { frame: 1, party: "src", facts: { software: "OpenSSH_8.9p1", os: "Ubuntu" } },
    { frame: 1, party: "src", facts: { software: "PuTTY_Release_0.79" } },
  ]);
  assert.deepEqual(f.sink.requests, [{ frame: 1, code: 2, name: "SSH-2 session", category: "session" }]);
  assert.deepEqual(f.sink.observations, []);
  // The binary packet protocol that follows is passed over.
  assert.equal(f.feed(0, Uint8Array.of(0, 0, 1, 0x2c, 9, 0x14)), 6);
});

test("SSH-1 and a server offering 1.99 are insecure channels", () => {
  const sink = new RecordingSink();
  ssh.parse(ssh.newState(), 1, bytes("SSH-1.99-Cisco-1.25\n"), sink);
  ssh.parse(ssh.newState(), 0, bytes("SSH-1.5-1.2.27\n"), sink);
  assert.deepEqual(
    sink.observations.map((o) => [o.kind, o.party, o.detail]),
    [
      ["insecure-channel", "src", "server also accepts SSH protocol 1 (1.99)"],
      ["insecure-channel", "src", "speaks SSH protocol 1.5"],
    ],
  );
  assert.deepEqual(sink.requests, [{ frame: 1, code: 1, name: "SSH-1 session", category: "session" }]);
  assert.equal(sink.identities[0].facts.os, "Cisco IOS");
});

test("a server may send other lines before its identification; a line split across segments waits", () => {
  const f = new StreamFeeder(ssh, ssh.newState(), new RecordingSink());
  assert.equal(f.feed(1, bytes("Authorised access only\r\nSSH-2.0-dropbear_20")), 24);
  f.feed(1, bytes("22.83\r\n"));
  assert.deepEqual(f.sink.identities, [{ frame: 1, party: "src", facts: { software: "dropbear_2022.83" } }]);
  assert.equal(probeSsh(bytes("Authorised access only\r\nSSH-2.0-x\r\n"), 1), "match");
  assert.equal(probeSsh(bytes("Authorised access only\r\nSSH-2.0-x\r\n"), 0), "reject");
});

test("banner parsing and OS hints", () => {
  assert.deepEqual(parseBanner("SSH-2.0-OpenSSH_for_Windows_8.1"), {
    protocol: "2.0",
    software: "OpenSSH_for_Windows_8.1",
  });
  assert.equal(bannerOs({ protocol: "2.0", software: "OpenSSH_for_Windows_8.1" }), "Windows");
  assert.equal(
    bannerOs({ protocol: "2.0", software: "OpenSSH_7.4p1", comments: "Debian-10+deb9u7" }),
    "Debian",
  );
  assert.equal(parseBanner("SSH-2.0"), null);
});

test("the probe decides from four bytes and rejects other protocols", () => {
  assert.equal(probeSsh(bytes("SSH-2.0-x"), 0), "match");
  assert.equal(probeSsh(bytes("SS"), 0), "needMore");
  assert.equal(probeSsh(bytes("GET / HTTP/1.1\r\n"), 0), "reject");
  assert.equal(probeSsh(Uint8Array.of(0x16, 3, 1), 1), "reject");
});

test("garbage and over-long lines are anomalies, never exceptions", () => {
  const sink = new RecordingSink();
  ssh.parse(ssh.newState(), 0, bytes("hello\r\n"), sink);
  ssh.parse(ssh.newState(), 1, new Uint8Array(300).fill(0x41), sink);
  assert.deepEqual(
    sink.anomalies.map((a) => a.code),
    ["bad-banner", "bad-banner"],
  );
});
