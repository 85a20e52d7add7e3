import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { TO_CLIENT, TO_SERVER } from "../dissector.js";
import { opcua } from "./opcua.js";
import { fromHex, RecordingSink } from "./test-sink.js";

// TCP payloads cut with `tshark -T fields -e tcp.payload` from
// opcua-binary/opcua__open62541_client-server_mainloop/open62541_client-server_mainloop.pcap (frame numbers beside).
const HEL =
  "48454c463800000000000000ffff0000ffff00000000000000000000180000006f70632e7463703a2f2f6c6f63616c686f73743a34383430";
const OPN_REQ =
  "4f504e4684000000000000002f000000687474703a2f2f6f7063666f756e646174696f6e2e6f72672f55412f5365637572697479506f6c69" +
  "6379234e6f6e65ffffffffffffffff01000000010000000100be0100004c4c064f2dd1d5010000000000000000ffffffff000000000000000000" +
  "00000000000001000000ffffffffc0270900"; // 37
const OPN_RSP =
  "4f504e4687000000040000002f000000687474703a2f2f6f7063666f756e646174696f6e2e6f72672f55412f5365637572697479506f6c69" +
  "6379234e6f6e65ffffffffffffffff01000000010000000100c101ce710e4f2dd1d501000000000000000000ffffffff0000000000000004000" +
  "00004000000ba710e4f2dd1d501c0270900ffffffff"; // 39
const ACTIVATE_REQ =
  "4d534746a1000000040000000400000004000000040000000100d3010401003912161546f36d34fecffcbfbacb4c14c0ec1e4f2dd1d501050000" +
  "0000000000ffffffffc0270900000000ffffffffffffffffffffffffffffffff010044010136000000190000006f70656e36323534312d7573" +
  "65726e616d652d706f6c6963790500000075736572310800000070617373776f7264ffffffffffffffffffffffff"; // 49
const ACTIVATE_RSP =
  "4d53474660000000040000000400000004000000040000000100d601fa31274f2dd1d501050000000000000000ffffffff00000020000000af" +
  "823f28a4fd9fda7a4a82598c36a432fb0138ce7ca1f5d7b07e994f74aa2c0effffffffffffffff"; // 51
const PUBLISH_REQ =
  "4d5347464e00000004000000040000000a0000000a00000001003a030401003912161546f36d34fecffcbfbacb4c14b07e474f2dd1d5010b0000" +
  "0000000000ffffffff60ea000000000000000000"; // 71, request id 10
/** Frame 103: the PublishResponse to request id 10, service result BadNoSubscription (0x80790000). */
const PUBLISH_RSP =
  "4d5347465500000004000000040000000d0000000a00000001003d033658ba4f2dd1d5010b0000000000798000ffffffff00000000000000ffff" +
  "ffff00000000000000000000000000ffffffffffffffffffffffff";
const CLO =
  "434c4f4639000000030000000300000003000000030000000100c4010000566bf64e2dd1d5010100000000000000ffffffff10270000000000"; // 23

function run(chunks: [number, string][]): RecordingSink {
  const sink = new RecordingSink();
  const state = opcua.newState();
  for (const [dir, hex] of chunks) {
    const bytes = fromHex(hex);
    assert.equal(opcua.parse(state, dir as 0 | 1, bytes, sink), bytes.length);
    sink.frame++;
  }
  return sink;
}

/** An OPN request with the given policy name and a body of `body` opaque bytes (encrypted: not readable). */
function openWithPolicy(policy: string, body: number): string {
  const uri = Buffer.from(`http://opcfoundation.org/UA/SecurityPolicy#${policy}`).toString("hex");
  const content = `00000000${(uri.length / 2).toString(16).padStart(2, "0")}000000${uri}ffffffffffffffff${"ab".repeat(body)}`;
  const size = 8 + content.length / 2;
  return `4f504e46${size.toString(16).padStart(2, "0")}000000${content}`;
}

describe("opcua", () => {
  it("counts OpenSecureChannel and reports SecurityPolicy None once, against the server", () => {
    const sink = run([
      [TO_SERVER, HEL],
      [TO_SERVER, OPN_REQ],
      [TO_CLIENT, OPN_RSP],
    ]);
    assert.deepEqual(sink.requests, [
      { frame: 2, code: 446, name: "OpenSecureChannel", category: "session" },
    ]);
    assert.deepEqual(sink.responses, [{ frame: 3, code: 446, failed: false }]);
    assert.deepEqual(sink.observations, [
      {
        frame: 2,
        kind: "insecure-channel",
        party: "dst",
        detail: "OPC UA SecurityMode None (SecurityPolicy None)",
      },
    ]);
    // The endpoint URL names localhost: no host name is learnt from it.
    assert.deepEqual(sink.hostnames, []);
  });

  it("reports the cleartext UserName token of ActivateSession with the user name masked", () => {
    const sink = run([
      [TO_SERVER, OPN_REQ],
      [TO_SERVER, ACTIVATE_REQ],
      [TO_CLIENT, ACTIVATE_RSP],
    ]);
    assert.deepEqual(sink.requests[1], { frame: 2, code: 467, name: "ActivateSession", category: "session" });
    assert.deepEqual(sink.responses, [{ frame: 3, code: 467, failed: false }]);
    // ICSNPP's opcua_binary_activate_session.log shows user "user1" and password "password" in this frame.
    const credentials = sink.observations.filter((o) => o.kind === "cleartext-credentials");
    assert.deepEqual(credentials, [
      {
        frame: 2,
        kind: "cleartext-credentials",
        party: "dst",
        detail: "OPC UA ActivateSession UserName token with an unencrypted password: user u… (5 chars)",
      },
    ]);
    assert.ok(!JSON.stringify(sink.observations).includes('password"'));
  });

  it("pairs responses by request id and fails a Bad service result", () => {
    const sink = run([
      [TO_SERVER, PUBLISH_REQ],
      [TO_CLIENT, PUBLISH_RSP],
      [TO_SERVER, CLO],
    ]);
    assert.deepEqual(
      sink.requests.map((r) => [r.code, r.name, r.category]),
      [
        [826, "Publish", "read"],
        [452, "CloseSecureChannel", "session"],
      ],
    );
    assert.deepEqual(sink.responses, [{ frame: 2, code: 826, failed: true }]);
  });

  it("parses several messages in one segment and waits for a split one", () => {
    const state = opcua.newState();
    const sink = new RecordingSink();
    const two = fromHex(PUBLISH_REQ + PUBLISH_REQ);
    assert.equal(opcua.parse(state, TO_SERVER, two.subarray(0, 100), sink), 78);
    assert.equal(opcua.parse(state, TO_SERVER, two.subarray(78), sink), 78);
    assert.deepEqual(sink.requestCounts(), { 826: 2 });
  });

  it("reads the type of a multi-chunk message from its first chunk only", () => {
    // First chunk (C) of request id 10 carries the Publish type id; the final chunk (F) continues the body.
    const first = `4d534743${PUBLISH_REQ.slice(8)}`;
    const rest = "4d534746240000000400000004000000ee0000000a000000" + "0100d3010000000000000000";
    const sink = run([
      [TO_SERVER, first],
      [TO_SERVER, rest],
    ]);
    assert.deepEqual(sink.requestCounts(), { 826: 1 });
  });

  it("counts an encrypted channel's OPN but reads no service from its messages", () => {
    const sink = run([
      [TO_SERVER, openWithPolicy("Basic256Sha256", 64)],
      // The reply's encrypted bytes (0xAB...) would read as a Bad service result if taken for cleartext.
      [TO_CLIENT, openWithPolicy("Basic256Sha256", 64)],
      [TO_SERVER, "4d534746300000000400000007000000" + "9c".repeat(32)],
    ]);
    assert.deepEqual(sink.requestCounts(), { 446: 1 });
    assert.deepEqual(sink.responses, [{ frame: 2, code: 446, failed: false }]);
    assert.deepEqual(sink.observations, []);
  });

  it("reports a deprecated security policy as an insecure channel", () => {
    const sink = run([[TO_SERVER, openWithPolicy("Basic128Rsa15", 32)]]);
    assert.deepEqual(
      sink.observations.map((o) => [o.kind, o.detail]),
      [["insecure-channel", "OPC UA deprecated SecurityPolicy Basic128Rsa15"]],
    );
  });

  it("skips to the next message header after lost bytes, with one anomaly", () => {
    const sink = new RecordingSink();
    const state = opcua.newState();
    const bytes = fromHex(PUBLISH_REQ.slice(30) + PUBLISH_REQ);
    opcua.gap?.(state, TO_SERVER);
    assert.equal(opcua.parse(state, TO_SERVER, bytes, sink), bytes.length);
    assert.deepEqual(sink.requestCounts(), { 826: 1 });
    assert.deepEqual(
      sink.anomalies.map((a) => a.code),
      ["opcua-resync"],
    );
  });

  it("names the server from a Hello endpoint URL with a host name", () => {
    const url = Buffer.from("opc.tcp://plc-17.plant.local:4840/UA").toString("hex");
    const hel = `48454c46${(32 + url.length / 2).toString(16)}000000${"00".repeat(20)}${(url.length / 2).toString(16)}000000${url}`;
    const sink = run([[TO_SERVER, hel]]);
    assert.deepEqual(sink.hostnames, [{ frame: 1, party: "dst", name: "plc-17.plant.local" }]);
  });

  it("probes message headers", () => {
    assert.equal(opcua.probe(fromHex(HEL), TO_SERVER), "match");
    assert.equal(opcua.probe(fromHex(PUBLISH_REQ), TO_SERVER), "match");
    assert.equal(opcua.probe(fromHex("48454c"), TO_SERVER), "needMore");
    assert.equal(opcua.probe(fromHex("48454c4338000000"), TO_SERVER), "reject");
    assert.equal(opcua.probe(fromHex("474554202f20485454502f312e31"), TO_SERVER), "reject");
  });
});
