import assert from "node:assert/strict";
import { test } from "node:test";
import { probeSmb, smb } from "./smb.js";
import { RecordingSink, StreamFeeder } from "./test-sink.js";

const le16 = (v: number) => [v & 0xff, v >> 8];
const le32 = (v: number) => [v & 0xff, (v >> 8) & 0xff, (v >> 16) & 0xff, v >>> 24];
const frame = (msg: number[]) =>
  Uint8Array.from([0, msg.length >> 16, (msg.length >> 8) & 0xff, msg.length & 0xff, ...msg]);
const latin = (s: string) => Array.from(s, (c) => c.charCodeAt(0));
const utf16 = (s: string) => Array.from(s).flatMap((c) => le16(c.charCodeAt(0)));

/** SMB1 header (MS-CIFS 2.2.3.1): magic, command, status, flags, flags2, then zeros to 32 bytes. */
function smb1(
  command: number,
  reply: boolean,
  flags2: number,
  words: number[],
  bytes: number[],
  status = 0,
): number[] {
  const header = [
    0xff,
    0x53,
    0x4d,
    0x42,
    command,
    ...le32(status),
    reply ? 0x98 : 0x18,
    ...le16(flags2),
    ...new Array(20).fill(0),
  ];
  return [...header, words.length / 2, ...words, ...le16(bytes.length), ...bytes];
}

/** SMB2 header (MS-SMB2 2.2.1): magic, structure size 64, status, command, flags, next command, then zeros. */
function smb2(command: number, response: boolean, status: number, body: number[], next = 0): number[] {
  const header = [
    0xfe,
    0x53,
    0x4d,
    0x42,
    ...le16(64),
    0,
    0,
    ...le32(status),
    ...le16(command),
    0,
    0,
    ...le32(response ? 1 : 0),
    ...le32(next),
  ];
  return [...header, ...new Array(64 - header.length).fill(0), ...body];
}

const DIALECTS = [
  2,
  ...latin("PC NETWORK PROGRAM 1.0"),
  0,
  2,
  ...latin("LANMAN1.0"),
  0,
  2,
  ...latin("NT LM 0.12"),
  0,
];

test("SMB1 chosen by the server is an insecure channel naming the dialect", () => {
  const f = new StreamFeeder(smb, smb.newState(), new RecordingSink());
  f.feed(0, frame(smb1(0x72, false, 0xc853, [], DIALECTS)));
  f.feed(1, frame(smb1(0x72, true, 0xc853, [...le16(2), 0x03, ...new Array(31).fill(0)], [])));
  assert.deepEqual(f.sink.requests, [{ frame: 1, code: 0x172, name: "SMB1 NEGOTIATE", category: "session" }]);
  assert.deepEqual(f.sink.responses, [{ frame: 1, code: 0x172, failed: false }]);
  assert.deepEqual(f.sink.observations, [
    { frame: 1, kind: "insecure-channel", party: "src", detail: "SMB1 negotiated (NT LM 0.12)" },
  ]);
});

test("SMB1 session setup names the native OS of client and server", () => {
  const f = new StreamFeeder(smb, smb.newState(), new RecordingSink());
  // Extended-security request: 12 words, security blob length 4 at word 7; Unicode strings after a pad byte.
  const reqWords = [
    0xff,
    0,
    0,
    0,
    ...le16(4356),
    ...le16(50),
    0,
    0,
    0,
    0,
    0,
    0,
    ...le16(4),
    0,
    0,
    0,
    0,
    ...le32(0x800000d4),
  ];
  const reqBytes = [
    1,
    2,
    3,
    4,
    0,
    ...utf16("Windows 2002 Service Pack 3 2600"),
    0,
    0,
    ...utf16("Windows 2002 5.1"),
    0,
    0,
  ];
  f.feed(0, frame(smb1(0x73, false, 0xc807, reqWords, reqBytes)));
  const respWords = [0xff, 0, 0, 0, 0, 0, ...le16(3)];
  const respBytes = [
    9,
    9,
    9,
    ...utf16("Windows Server 2003 3790 Service Pack 2"),
    0,
    0,
    ...utf16("Windows Server 2003 5.2"),
    0,
    0,
  ];
  f.feed(1, frame(smb1(0x73, true, 0xc807, respWords, respBytes, 0xc0000016)));
  assert.deepEqual(f.sink.identities, [
    { frame: 1, party: "src", facts: { os: "Windows 2002 Service Pack 3 2600" } },
    { frame: 1, party: "src", facts: { os: "Windows Server 2003 3790 Service Pack 2" } },
  ]);
  assert.deepEqual(f.sink.responses, [{ frame: 1, code: 0x173, failed: false }]);
});

test("SMB2 negotiation without required signing; reads, writes and a failed create", () => {
  const f = new StreamFeeder(smb, smb.newState(), new RecordingSink());
  f.feed(
    0,
    frame(
      smb2(0, false, 0, [
        ...le16(36),
        ...le16(2),
        ...new Array(32).fill(0),
        ...le16(0x0210),
        ...le16(0x0311),
      ]),
    ),
  );
  f.feed(1, frame(smb2(0, true, 0, [...le16(65), ...le16(0x01), ...le16(0x0311), ...new Array(58).fill(0)])));
  f.feed(0, frame(smb2(5, false, 0, new Array(57).fill(0))));
  f.feed(1, frame(smb2(5, true, 0xc0000022, new Array(9).fill(0))));
  // A large READ response: only its header is read, the 60 kB of data are skipped as they stream by.
  const read = frame(smb2(8, true, 0, new Array(60000).fill(0x41)));
  f.feed(0, frame(smb2(8, false, 0, new Array(49).fill(0))));
  f.feed(1, read.subarray(0, 1000));
  f.feed(1, read.subarray(1000));
  f.feed(0, frame(smb2(9, false, 0, new Array(49).fill(0))));
  assert.deepEqual(
    f.sink.requests.map((r) => [r.code, r.name, r.category]),
    [
      [0, "NEGOTIATE", "session"],
      [5, "CREATE", "read"],
      [8, "READ", "read"],
      [9, "WRITE", "write"],
    ],
  );
  assert.deepEqual(
    f.sink.responses.map((r) => [r.code, r.failed]),
    [
      [0, false],
      [5, true],
      [8, false],
    ],
  );
  assert.deepEqual(f.sink.observations, [
    { frame: 1, kind: "insecure-channel", party: "src", detail: "SMB signing not required (SMB 3.1.1)" },
  ]);
  assert.equal(f.buffered(1), 0);
});

test("SMB2 compounds, pending interim responses, and SMB3 encrypted messages", () => {
  const f = new StreamFeeder(smb, smb.newState(), new RecordingSink());
  const create = smb2(5, false, 0, new Array(64).fill(0), 128);
  f.feed(0, frame([...create, ...smb2(16, false, 0, new Array(41).fill(0))]));
  const pending = smb2(15, true, 0x103, new Array(9).fill(0));
  pending[16] = 0x03;
  f.feed(1, frame(pending));
  f.feed(1, frame([0xfd, 0x53, 0x4d, 0x42, ...new Array(60).fill(7)]));
  assert.deepEqual(
    f.sink.requests.map((r) => r.name),
    ["CREATE", "QUERY_INFO"],
  );
  assert.deepEqual(f.sink.responses, []);
  assert.deepEqual(f.sink.anomalies, []);
});

test("a port 139 session request names both ends", () => {
  const encode = (name: string, suffix: number) => [
    32,
    ...Array.from(name.padEnd(15, " ") + String.fromCharCode(suffix), (c) => [
      0x41 + (c.charCodeAt(0) >> 4),
      0x41 + (c.charCodeAt(0) & 15),
    ]).flat(),
    0,
  ];
  const body = [...encode("HISTORIAN", 0x20), ...encode("EWS-01", 0)];
  const sink = new RecordingSink();
  smb.parse(smb.newState(), 0, Uint8Array.from([0x81, 0, 0, body.length, ...body]), sink);
  assert.deepEqual(
    sink.hostnames.map((h) => [h.party, h.name]),
    [
      ["dst", "HISTORIAN"],
      ["src", "EWS-01"],
    ],
  );
});

test("after a gap the stream resumes at the next frame header", () => {
  const s = smb.newState();
  const sink = new RecordingSink();
  smb.gap?.(s, 0);
  const next = frame(smb2(13, false, 0, new Array(4).fill(0)));
  const consumed = smb.parse(s, 0, Uint8Array.from([0x41, 0x42, 0x43, ...next]), sink);
  assert.equal(consumed, 3 + next.length);
  assert.deepEqual(
    sink.requests.map((r) => r.name),
    ["ECHO"],
  );
});

test("probe, unknown framing, truncations", () => {
  assert.equal(probeSmb(frame(smb2(0, false, 0, []))), "match");
  assert.equal(probeSmb(Uint8Array.of(0)), "needMore");
  assert.equal(probeSmb(Uint8Array.of(0x16, 3, 1)), "reject");
  const sink = new RecordingSink();
  assert.equal(smb.parse(smb.newState(), 0, Uint8Array.of(0x42, 0, 0, 1, 0), sink), -1);
  const msg = frame(smb1(0x73, true, 0xc807, [0xff, 0, 0, 0, 0, 0, 0, 0], [1, 2, 3]));
  for (let cut = 0; cut < msg.length; cut++)
    smb.parse(smb.newState(), 1, msg.subarray(0, cut), new RecordingSink());
});
