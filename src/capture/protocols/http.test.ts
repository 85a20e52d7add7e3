import assert from "node:assert/strict";
import { test } from "node:test";
import { http, probeHttp } from "./http.js";
import { userAgentOs } from "./http-headers.js";
import { fromHex, RecordingSink, StreamFeeder } from "./test-sink.js";

const bytes = (s: string) => Uint8Array.from(Buffer.from(s, "latin1"));
const feeder = () => new StreamFeeder(http, http.newState(), new RecordingSink());

// Frames 4 and 7 of test/corpus/captures/http/zeek__http-filename/http-filename.pcap. Zeek's http.log:
// GET, host httpbin.org, user_agent curl/7.45.0, status 200, response_body_len 191.
const REQUEST = fromHex(
  "474554202f726573706f6e73652d686561646572733f436f6e74656e742d547970653d6170706c69636174696f6e2f6f637465742d" +
    "73747265616d3b253230636861727365743d5554462d3826436f6e74656e742d446973706f736974696f6e3d6174746163686d656e" +
    "743b25323066696c656e616d65253364253232746573742e6a736f6e25323220485454502f312e310d0a486f73743a206874747062" +
    "696e2e6f72670d0a557365722d4167656e743a206375726c2f372e34352e300d0a4163636570743a202a2f2a0d0a0d0a",
);
const RESPONSE = fromHex(
  "485454502f312e3120323030204f4b0d0a5365727665723a206e67696e780d0a446174653a204672692c203136204f6374203230" +
    "31352031333a30353a333520474d540d0a436f6e74656e742d547970653a206170706c69636174696f6e2f6f637465742d737472" +
    "65616d3b20636861727365743d5554462d380d0a436f6e74656e742d4c656e6774683a203139310d0a436f6e6e656374696f6e3a" +
    "206b6565702d616c6976650d0a436f6e74656e742d446973706f736974696f6e3a206174746163686d656e743b2066696c656e61" +
    "6d653d22746573742e6a736f6e220d0a4163636573732d436f6e74726f6c2d416c6c6f772d4f726967696e3a202a0d0a41636365" +
    "73732d436f6e74726f6c2d416c6c6f772d43726564656e7469616c733a20747275650d0a0d0a7b0a202022436f6e74656e742d44" +
    "6973706f736974696f6e223a20226174746163686d656e743b2066696c656e616d653d5c22746573742e6a736f6e5c22222c200a" +
    "202022436f6e74656e742d4c656e677468223a2022313931222c200a202022436f6e74656e742d54797065223a205b0a20202020" +
    "226170706c69636174696f6e2f6a736f6e222c200a20202020226170706c69636174696f6e2f6f637465742d73747265616d3b20" +
    "636861727365743d5554462d38220a20205d0a7d0a",
);

test("the corpus GET: method, Host, User-Agent, Server, and the 191-byte body consumed", () => {
  const f = feeder();
  assert.equal(f.feed(0, REQUEST), REQUEST.length);
  assert.equal(f.feed(1, RESPONSE), RESPONSE.length);
  const s = f.sink;
  assert.deepEqual(s.requests, [{ frame: 1, code: 1, name: "GET", category: "read" }]);
  assert.deepEqual(s.responses, [{ frame: 1, code: 1, failed: false }]);
  assert.deepEqual(s.hostnames, [{ frame: 1, party: "dst", name: "httpbin.org" }]);
  // Zeek logs the user agent curl/7.45.0; it names client software and no OS, so it adds no identity.
  assert.deepEqual(s.identities, [{ frame: 1, party: "src", facts: { software: "nginx" } }]);
  assert.equal(f.buffered(1), 0);
});

test("a request split inside its headers waits for the rest", () => {
  const f = feeder();
  assert.equal(f.feed(0, REQUEST.subarray(0, 100)), 0);
  assert.equal(f.feed(0, REQUEST.subarray(100)), REQUEST.length);
  assert.equal(f.sink.requests.length, 1);
});

test("a browser's User-Agent names the client's OS", () => {
  const f = feeder();
  f.feed(
    0,
    bytes("GET / HTTP/1.1\r\nUser-Agent: Mozilla/4.0 (compatible; MSIE 8.0; Windows NT 5.1)\r\n\r\n"),
  );
  assert.deepEqual(f.sink.identities, [{ frame: 1, party: "src", facts: { os: "Windows XP" } }]);
});

test("Basic authorization is a cleartext credential: user masked, password never decoded", () => {
  const f = feeder();
  // "operator:Sup3rS3cret" in base64.
  const auth = Buffer.from("operator:Sup3rS3cret").toString("base64");
  f.feed(0, bytes(`GET /hmi/ HTTP/1.1\r\nHost: hmi-1.plant:8080\r\nAuthorization: Basic ${auth}\r\n\r\n`));
  f.feed(0, bytes(`GET /hmi/x HTTP/1.1\r\nHost: hmi-1.plant\r\nAuthorization: basic ${auth}\r\n\r\n`));
  assert.deepEqual(f.sink.observations, [
    {
      frame: 1,
      kind: "cleartext-credentials",
      party: "dst",
      detail: "HTTP Basic authorization, user o… (8 chars)",
    },
  ]);
  assert.deepEqual(f.sink.hostnames, [{ frame: 1, party: "dst", name: "hmi-1.plant" }]);
  assert.ok(!JSON.stringify(f.sink).includes("operator") && !JSON.stringify(f.sink).includes("Sup3r"));
});

test("pipelined requests pair in order; 4xx fails; HEAD and 304 carry no body", () => {
  const f = feeder();
  f.feed(
    0,
    bytes(
      "HEAD /a HTTP/1.1\r\nHost: h\r\n\r\nPOST /b HTTP/1.1\r\nHost: h\r\nContent-Length: 5\r\n\r\nabcdeGET /c HTTP/1.1\r\n\r\n",
    ),
  );
  f.feed(
    1,
    bytes(
      "HTTP/1.1 200 OK\r\nContent-Length: 99\r\n\r\nHTTP/1.1 403 Forbidden\r\nContent-Length: 2\r\n\r\nnoHTTP/1.1 304 Not Modified\r\n\r\n",
    ),
  );
  assert.deepEqual(
    f.sink.requests.map((r) => [r.code, r.name, r.category]),
    [
      [2, "HEAD", "read"],
      [3, "POST", "write"],
      [1, "GET", "read"],
    ],
  );
  assert.deepEqual(
    f.sink.responses.map((r) => [r.code, r.failed]),
    [
      [2, false],
      [3, true],
      [1, false],
    ],
  );
  assert.equal(f.buffered(0) + f.buffered(1), 0);
});

test("chunked bodies, interim 100-continue, and bodies arriving in pieces", () => {
  const f = feeder();
  f.feed(0, bytes("PUT /recipe HTTP/1.1\r\nExpect: 100-continue\r\nTransfer-Encoding: chunked\r\n\r\n"));
  f.feed(1, bytes("HTTP/1.1 100 Continue\r\n\r\n"));
  f.feed(0, bytes("4\r\nab"));
  f.feed(0, bytes("cd\r\n0\r\n\r\nDELETE /x HTTP/1.1\r\n\r\n"));
  f.feed(1, bytes("HTTP/1.1 201 Created\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nok!\r\n0\r\n\r\n"));
  f.feed(1, bytes("HTTP/1.1 500 Oops\r\nContent-Length: 0\r\n\r\n"));
  assert.deepEqual(
    f.sink.requests.map((r) => r.name),
    ["PUT", "DELETE"],
  );
  assert.deepEqual(
    f.sink.responses.map((r) => [r.code, r.failed]),
    [
      [4, false],
      [5, true],
    ],
  );
});

test("a CONNECT tunnel is passed over once established; a proxy request's Host names no server", () => {
  const f = feeder();
  f.feed(0, bytes("GET http://vendor.example/fw.bin HTTP/1.1\r\nHost: vendor.example\r\n\r\n"));
  f.feed(1, bytes("HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n"));
  f.feed(0, bytes("CONNECT vendor.example:443 HTTP/1.1\r\nHost: vendor.example:443\r\n\r\n"));
  f.feed(1, bytes("HTTP/1.1 200 Connection established\r\n\r\n"));
  assert.equal(f.feed(0, Uint8Array.of(0x16, 3, 1, 0, 5, 1, 2, 3, 4, 5)), 10);
  assert.equal(f.feed(1, Uint8Array.of(0x16, 3, 3, 0, 1, 9)), 6);
  assert.deepEqual(f.sink.hostnames, []);
  assert.deepEqual(f.sink.anomalies, []);
  assert.deepEqual(
    f.sink.requests.map((r) => [r.code, r.category]),
    [
      [1, "read"],
      [6, "session"],
    ],
  );
});

test("something that is not HTTP stops the stream with an anomaly", () => {
  const f = feeder();
  assert.equal(f.feed(0, bytes("\x16\x03\x01 not http at all\r\n\r\n")), -1);
  assert.equal(f.sink.anomalies[0]?.code, "bad-http");
});

test("the probe is cheap and decides from the first bytes", () => {
  assert.equal(probeHttp(bytes("GET / HTTP/1.1\r\n"), 0), "match");
  assert.equal(probeHttp(bytes("PROPFIND /x HTTP/1.1"), 0), "match");
  assert.equal(probeHttp(bytes("GE"), 0), "needMore");
  assert.equal(probeHttp(bytes("GETX / HTTP/1.1"), 0), "reject");
  assert.equal(probeHttp(Uint8Array.of(0x03, 0, 0, 0x2b), 0), "reject");
  assert.equal(probeHttp(bytes("HTTP/1.0 200 OK"), 1), "match");
  assert.equal(probeHttp(bytes("HTT"), 1), "needMore");
  assert.equal(probeHttp(bytes("SSH-2.0-OpenSSH"), 1), "reject");
});

test("operating systems named by User-Agent strings", () => {
  assert.equal(userAgentOs("Mozilla/4.0 (compatible; MSIE 8.0; Windows NT 5.1; Trident/4.0)"), "Windows XP");
  assert.equal(
    userAgentOs("Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36"),
    "Windows 10 or later",
  );
  assert.equal(userAgentOs("Mozilla/5.0 (Linux; Android 13; Pixel 7)"), "Android");
  assert.equal(userAgentOs("Wget/1.21.3"), undefined);
});

test("random bytes and truncations never throw", () => {
  for (let cut = 0; cut < RESPONSE.length; cut += 13) {
    const f = feeder();
    f.feed(0, REQUEST.subarray(0, cut));
    f.feed(1, RESPONSE.subarray(0, cut));
  }
});
