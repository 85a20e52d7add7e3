import assert from "node:assert/strict";
import { test } from "node:test";
import { code, ftp, probeFtp } from "./ftp.js";
import { RecordingSink, StreamFeeder } from "./test-sink.js";

const bytes = (s: string) => Uint8Array.from(Buffer.from(s, "latin1"));

// The dialogue of test/corpus/captures/ftp/zeek__ipv4/ipv4.pcap as tshark shows it (abridged banner text).
const SESSION: [0 | 1, string][] = [
  [1, "220 ftp.NetBSD.org FTP server (NetBSD-ftpd 20100320) ready.\r\n"],
  [0, "USER anonymous\r\n"],
  [1, "331 Guest login ok, type your name as password.\r\n"],
  [0, "PASS test\r\n"],
  [1, "230-\r\n    The NetBSD Project FTP Server located in Redwood City, CA, USA\r\n"],
  [1, "230-  1 Gbps connectivity courtesy of ...\r\n230 Guest login ok, access restrictions apply.\r\n"],
  [0, "SYST\r\n"],
  [1, "215 UNIX Type: L8 Version: NetBSD-ftpd 20100320\r\n"],
  [0, "PASV\r\n"],
  [1, "227 Entering Passive Mode (199,233,217,249,221,90)\r\n"],
  [0, "RETR robots.txt\r\n"],
  [1, "150 Opening BINARY mode data connection for 'robots.txt' (77 bytes).\r\n"],
  [1, "226 Transfer complete.\r\n"],
  [0, "STOR missing.txt\r\n"],
  [1, "553 Permission denied.\r\n"],
  [0, "QUIT\r\n"],
  [
    1,
    "221-\r\n    Data traffic for this session was 154 bytes in 2 files.\r\n221 Thank you for using the FTP service on ftp.NetBSD.org.\r\n",
  ],
];

function run(session: [0 | 1, string][]) {
  const f = new StreamFeeder(ftp, ftp.newState(), new RecordingSink());
  for (const [dir, text] of session) f.feed(dir, bytes(text));
  return f;
}

test("commands are requests coded by their letters; replies pair in order; 5xx fails", () => {
  const { sink } = run(SESSION);
  assert.deepEqual(
    sink.requests.map((r) => [r.name, r.category]),
    [
      ["USER", "session"],
      ["PASS", "session"],
      ["SYST", "diagnostic"],
      ["PASV", "session"],
      ["RETR", "read"],
      ["STOR", "write"],
      ["QUIT", "session"],
    ],
  );
  assert.equal(sink.requests[4].code, 0x52455452);
  assert.deepEqual(
    sink.responses.map((r) => [r.code, r.failed]),
    [
      [code("USER"), false],
      [code("PASS"), false],
      [code("SYST"), false],
      [code("PASV"), false],
      [code("RETR"), false],
      [code("STOR"), true],
      [code("QUIT"), false],
    ],
  );
});

test("credentials: the user masked (Zeek prints it whole), anonymous login as a default credential", () => {
  const { sink } = run(SESSION);
  assert.deepEqual(
    sink.observations.map((o) => [o.kind, o.party, o.detail]),
    [
      ["cleartext-credentials", "dst", "FTP login in clear, user a… (9 chars)"],
      ["default-credentials", "src", "anonymous FTP login accepted"],
    ],
  );
  assert.deepEqual(sink.identities, [
    {
      frame: 1,
      party: "src",
      facts: { software: "ftp.NetBSD.org FTP server (NetBSD-ftpd 20100320) ready." },
    },
  ]);
  assert.ok(!JSON.stringify(sink).includes("test"));
});

test("a named user's failed login is still a cleartext credential, never an anonymous one", () => {
  const { sink } = run([
    [1, "220 Service ready\r\n"],
    [0, "USER engineer\r\n"],
    [1, "331 Password required\r\n"],
    [0, "PASS hunter2\r\n"],
    [1, "530 Login incorrect.\r\n"],
  ]);
  assert.deepEqual(
    sink.observations.map((o) => o.detail),
    ["FTP login in clear, user e… (8 chars)"],
  );
  assert.deepEqual(sink.responses.at(-1), { frame: 1, code: code("PASS"), failed: true });
});

test("lines split across segments, and AUTH TLS turning the connection opaque", () => {
  const f = new StreamFeeder(ftp, ftp.newState(), new RecordingSink());
  assert.equal(f.feed(0, bytes("AUTH T")), 0);
  assert.equal(f.feed(0, bytes("LS\r\n")), 10);
  f.feed(1, bytes("234 AUTH TLS OK.\r\n"));
  assert.equal(f.feed(0, Uint8Array.of(0x16, 3, 1, 0, 1, 1)), 6);
  assert.equal(f.feed(1, Uint8Array.of(0x16, 3, 3, 0, 1, 2)), 6);
  assert.deepEqual(
    f.sink.requests.map((r) => r.name),
    ["AUTH"],
  );
  assert.deepEqual(f.sink.anomalies, []);
});

test("the probe reads a greeting or a command", () => {
  assert.equal(probeFtp(bytes("220 ready\r\n"), 1), "match");
  assert.equal(probeFtp(bytes("22"), 1), "needMore");
  assert.equal(probeFtp(bytes("SSH-2.0"), 1), "reject");
  assert.equal(probeFtp(bytes("USER x\r\n"), 0), "match");
  assert.equal(probeFtp(Uint8Array.of(0x16, 3, 1, 0), 0), "reject");
});

test("an endless line is an anomaly and stops the stream; garbage replies are anomalies", () => {
  const sink = new RecordingSink();
  assert.equal(ftp.parse(ftp.newState(), 0, new Uint8Array(5000).fill(0x41), sink), -1);
  ftp.parse(ftp.newState(), 1, bytes("hello\r\n"), sink);
  assert.deepEqual(
    sink.anomalies.map((a) => a.code),
    ["bad-line", "bad-reply"],
  );
});
