import assert from "node:assert/strict";
import { test } from "node:test";
import { probeTelnet, telnet } from "./telnet.js";
import { RecordingSink, StreamFeeder } from "./test-sink.js";

const bytes = (s: string) => Uint8Array.from(Buffer.from(s, "latin1"));
const IAC_DO_ECHO = "\xff\xfd\x01";
const IAC_WILL_ECHO = "\xff\xfb\x01";
const NAWS = "\xff\xfa\x1f\x00\x50\x00\x18\xff\xf0";

test("a character-mode login: negotiation skipped, user counted key by key, backspace honoured", () => {
  const f = new StreamFeeder(telnet, telnet.newState(), new RecordingSink());
  f.feed(1, bytes(`${IAC_DO_ECHO}\r\nPLC-GW-2 login: `));
  f.feed(0, bytes(IAC_WILL_ECHO));
  // The operator types "admx", erases the x, types "in" and Enter; the server echoes each key.
  for (const key of ["a", "d", "m", "x", "\x7f", "i", NAWS, "n", "\r\0"]) {
    f.feed(0, bytes(key));
    f.feed(1, bytes(key === "\r\0" ? "\r\n" : key));
  }
  f.feed(1, bytes("Password: "));
  f.feed(0, bytes("s3cret\r\n"));
  const s = f.sink;
  assert.deepEqual(s.requests, [{ frame: 1, code: 0, name: "login session", category: "session" }]);
  assert.deepEqual(
    s.observations.map((o) => [o.kind, o.party, o.detail]),
    [
      ["remote-access", "src", "Telnet remote login service"],
      ["insecure-channel", "src", "Telnet session in clear text"],
      ["cleartext-credentials", "dst", "Telnet login, user a… (5 chars)"],
      ["cleartext-credentials", "dst", "Telnet password sent in clear"],
    ],
  );
  assert.ok(!JSON.stringify(s).includes("admin") && !JSON.stringify(s).includes("s3cret"));
});

test("a line-mode client sends the whole name at once", () => {
  const state = telnet.newState();
  const sink = new RecordingSink();
  telnet.parse(state, 0, bytes(IAC_WILL_ECHO), sink);
  telnet.parse(state, 1, bytes("\r\nUser Name : "), sink);
  telnet.parse(state, 0, bytes("operator\r\n"), sink);
  assert.equal(sink.observations.at(-1)?.detail, "Telnet login, user o… (8 chars)");
  assert.equal(sink.observations[0].party, "dst");
});

test("arrow keys while typing make the count unreliable: the login is reported without a user", () => {
  const state = telnet.newState();
  const sink = new RecordingSink();
  telnet.parse(state, 1, bytes("login: "), sink);
  telnet.parse(state, 0, bytes("ro\x1b[Dot\r\n"), sink);
  assert.equal(sink.observations.at(-1)?.detail, "Telnet login");
});

test("no prompt, no credentials: the session alone is reported", () => {
  const state = telnet.newState();
  const sink = new RecordingSink();
  telnet.parse(state, 1, bytes("Welcome to the line controller\r\n> "), sink);
  telnet.parse(state, 0, bytes("show status\r\n"), sink);
  assert.deepEqual(
    sink.observations.map((o) => o.kind),
    ["remote-access", "insecure-channel"],
  );
});

test("probe: negotiation or text on port 23", () => {
  assert.equal(probeTelnet(bytes(IAC_DO_ECHO)), "match");
  assert.equal(probeTelnet(bytes("login: ")), "match");
  assert.equal(probeTelnet(Uint8Array.of(0xff)), "needMore");
  assert.equal(probeTelnet(Uint8Array.of(0x16, 3, 1)), "reject");
});
