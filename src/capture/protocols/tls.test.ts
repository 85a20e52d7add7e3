import assert from "node:assert/strict";
import { test } from "node:test";
import { fromHex, RecordingSink, StreamFeeder } from "./test-sink.js";
import { anydesk, isAnyDeskRelay, parseHello, probeTls, tls } from "./tls.js";

// Frame 4 (ClientHello) and the first record of frame 5 (ServerHello) of
// test/corpus/captures/tls/zeek__tls1.2/tls1.2.pcap. Zeek: "client, TLSv10, TLSv12" (record and hello
// versions), "server, TLSv12, TLSv12"; ssl.log: version TLSv12, cipher TLS_RSA_WITH_RC4_128_MD5, no server_name.
const CLIENT_HELLO = fromHex(
  "160301013d01000139030350e731d038d05540f1aa6d49b553450b82a4e09e47f3dd1fee79a65bccd704900000a0c030c02cc028c0" +
    "24c014c00ac022c02100a3009f006b006a0039003800880087c032c02ec02ac026c00fc005009d003d00350084c012c008c01cc01b" +
    "00160013c00dc003000ac02fc02bc027c023c013c009c01fc01e00a2009e0067004000330032009a009900450044c031c02dc029c0" +
    "25c00ec004009c003c002f009600410007c011c007c00cc002000500040015001200090014001100080006000300ff020100006f00" +
    "0b000403000102000a00340032000e000d0019000b000c00180009000a00160017000800060007001400150004000500120013000100" +
    "020003000f0010001100230000000d002200200601060206030501050205030401040204030301030203030201020202030101000f" +
    "000101",
);
const SERVER_HELLO = fromHex(
  "16030300510200004d030352c1f4efa702f42726055d7c63834b4eb00e3646be7abb0e79bf0f8570838d5820fa283db6334ef9973b" +
    "f89aaa913c784c3d4fd57a954864a5aef82a01aae807cf0004000005ff01000100",
);

test("the corpus handshake: TLS 1.2 both ways, no SNI, and Zeek's RC4 cipher is a weak suite", () => {
  assert.deepEqual(parseHello(CLIENT_HELLO, 1, 9, CLIENT_HELLO.length), { type: 1, version: 0x0303 });
  const f = new StreamFeeder(tls, tls.newState(), new RecordingSink());
  assert.equal(f.feed(0, CLIENT_HELLO), CLIENT_HELLO.length);
  assert.equal(f.feed(1, SERVER_HELLO), SERVER_HELLO.length);
  assert.deepEqual(f.sink.requests, [{ frame: 1, code: 1, name: "client hello", category: "session" }]);
  assert.deepEqual(f.sink.responses, [{ frame: 1, code: 1, failed: false }]);
  assert.deepEqual(f.sink.hostnames, []);
  assert.deepEqual(f.sink.observations, [
    {
      frame: 1,
      kind: "insecure-channel",
      party: "src",
      detail: "weak cipher suite TLS_RSA_WITH_RC4_128_MD5 negotiated",
    },
  ]);
  // Encrypted records after the hellos are passed over whole.
  assert.equal(f.feed(0, Uint8Array.of(0x17, 3, 3, 0, 2, 0xaa)), 6);
  assert.equal(f.feed(0, Uint8Array.of(0xaa, 0xbb)), 2);
});

/** A ClientHello record with SNI and supported_versions (TLS 1.3 style), built by RFC 8446 4.1.2. */
function clientHello(sni: string | null, versions: number[], legacy = 0x0303): Uint8Array {
  const ext: number[] = [];
  if (sni !== null) {
    const name = Array.from(sni, (c) => c.charCodeAt(0));
    const entry = [0, name.length >> 8, name.length & 0xff, ...name];
    const list = [entry.length >> 8, entry.length & 0xff, ...entry];
    ext.push(0, 0, list.length >> 8, list.length & 0xff, ...list);
  }
  if (versions.length > 0) {
    const v = versions.flatMap((x) => [x >> 8, x & 0xff]);
    ext.push(0, 43, 0, v.length + 1, v.length, ...v);
  }
  const body = [
    legacy >> 8,
    legacy & 0xff,
    ...new Array(32).fill(7),
    0,
    0,
    2,
    0x13,
    0x01,
    1,
    0,
    ext.length >> 8,
    ext.length & 0xff,
    ...ext,
  ];
  const hs = [1, 0, body.length >> 8, body.length & 0xff, ...body];
  return Uint8Array.from([0x16, 3, 1, hs.length >> 8, hs.length & 0xff, ...hs]);
}

test("SNI names the server; supported_versions gives the highest version, GREASE ignored", () => {
  const hello = clientHello("scada.plant.example", [0x1a1a, 0x0304, 0x0303]);
  const h = parseHello(hello, 1, 9, hello.length);
  assert.deepEqual(h, { type: 1, version: 0x0304, serverName: "scada.plant.example" });
  const sink = new RecordingSink();
  tls.parse(tls.newState(), 0, hello, sink);
  assert.deepEqual(sink.hostnames, [{ frame: 1, party: "dst", name: "scada.plant.example" }]);
  assert.deepEqual(sink.observations, []);
});

test("old versions are insecure channels, on the client that offers and the server that accepts", () => {
  const s = tls.newState();
  const sink = new RecordingSink();
  tls.parse(s, 0, clientHello(null, [], 0x0301), sink);
  const serverHello = Uint8Array.from([
    0x16,
    3,
    1,
    0,
    42,
    2,
    0,
    0,
    38,
    3,
    1,
    ...new Array(32).fill(1),
    0,
    0x00,
    0x2f,
    0,
  ]);
  tls.parse(s, 1, serverHello, sink);
  assert.deepEqual(
    sink.observations.map((o) => [o.party, o.detail]),
    [
      ["src", "TLS client offers at most TLS 1.0"],
      ["src", "TLS 1.0 negotiated"],
    ],
  );
});

test("a fatal alert instead of a ServerHello fails the handshake", () => {
  const s = tls.newState();
  const sink = new RecordingSink();
  tls.parse(s, 0, clientHello("x.example", []), sink);
  tls.parse(s, 1, Uint8Array.of(0x15, 3, 3, 0, 2, 2, 40), sink);
  assert.deepEqual(sink.responses, [{ frame: 1, code: 1, failed: true }]);
});

test("AnyDesk: relay names in SNI, and direct connections on TCP 7070", () => {
  assert.ok(isAnyDeskRelay("relay-1e14c766.net.anydesk.com"));
  assert.ok(!isAnyDeskRelay("anydesk.com.evil.example"));
  const sink = new RecordingSink();
  tls.parse(tls.newState(), 0, clientHello("relay-1e14c766.net.anydesk.com", [0x0304]), sink);
  assert.deepEqual(sink.observations, [
    {
      frame: 1,
      kind: "remote-access",
      party: "src",
      detail: "AnyDesk connection to relay relay-1e14c766.net.anydesk.com",
    },
  ]);
  const direct = new RecordingSink();
  anydesk.parse(anydesk.newState(), 0, clientHello(null, [0x0303]), direct);
  assert.deepEqual(direct.observations, [
    { frame: 1, kind: "remote-access", party: "dst", detail: "AnyDesk direct connection" },
  ]);
});

test("records split across segments wait; non-TLS bytes stop the stream", () => {
  const f = new StreamFeeder(tls, tls.newState(), new RecordingSink());
  assert.equal(f.feed(0, CLIENT_HELLO.subarray(0, 3)), 0);
  assert.equal(f.feed(0, CLIENT_HELLO.subarray(3, 100)), 0);
  assert.equal(f.feed(0, CLIENT_HELLO.subarray(100)), CLIENT_HELLO.length);
  assert.equal(f.sink.requests.length, 1);
  const sink = new RecordingSink();
  assert.equal(tls.parse(tls.newState(), 0, Uint8Array.of(0x16, 2, 0, 0, 4, 1, 2, 3, 4), sink), -1);
  assert.equal(sink.anomalies[0]?.code, "bad-record");
  for (let cut = 5; cut < CLIENT_HELLO.length; cut += 11) {
    const broken = Uint8Array.from(CLIENT_HELLO.subarray(0, cut));
    broken[3] = (cut - 5) >> 8;
    broken[4] = (cut - 5) & 0xff;
    tls.parse(tls.newState(), 0, broken, new RecordingSink());
  }
});

test("the probe wants a handshake record header", () => {
  assert.equal(probeTls(CLIENT_HELLO), "match");
  assert.equal(probeTls(Uint8Array.of(0x16, 3)), "needMore");
  assert.equal(probeTls(Uint8Array.of(0x17, 3, 3)), "reject");
  assert.equal(probeTls(Uint8Array.from(Buffer.from("GET /"))), "reject");
});
