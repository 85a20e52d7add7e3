import assert from "node:assert/strict";
import { test } from "node:test";
import { decodeNetbiosName, nbns } from "./nbns.js";
import { fromHex, RecordingSink } from "./test-sink.js";

// Frames of test/corpus/captures/profinet-io-cm/profinet__profinet_io_cm_mixed_2/…mixed_2.pcapng, which
// tshark reads as: 94 "Registration NB KW-VLIPC<00>" (192.168.1.1), 96 "Registration NB WORKGROUP<00>"
// (a group name), 1 "Name query NB NTS-AM-MIPS01<20>".
const REGISTER_HOST = fromHex(
  "92f92910000100000000000120454c4648434e4647454d454a46414544434143414341434143414341434141410000200001" +
    "c00c00200001000493e000066000c0a80101",
);
const REGISTER_GROUP = fromHex(
  "92fa2910000100000000000120464845504643454c4548464345504646464143414341434143414341434141410000200001" +
    "c00c00200001000493e00006e000c0a80101",
);
const QUERY = fromHex(
  "d57c0110000100000000000020454f46454644434e4542454e434e454e454a46414644444144424341434143410000200001",
);

test("first-level decoding of NetBIOS names", () => {
  assert.deepEqual(decodeNetbiosName("ELFHCNFGEMEJFAEDCACACACACACACAAA"), { name: "KW-VLIPC", suffix: 0 });
  assert.deepEqual(decodeNetbiosName("EOFEFDCNEBENCNENEJFAFDDADBCACACA"), {
    name: "NTS-AM-MIPS01",
    suffix: 0x20,
  });
  assert.equal(decodeNetbiosName("short"), null);
  assert.equal(decodeNetbiosName("ZZFHCNFGEMEJFAEDCACACACACACACAAA"), null);
});

test("a unique name registration names the registered address", () => {
  const sink = new RecordingSink();
  nbns.parse(null, 0, REGISTER_HOST, sink);
  assert.deepEqual(sink.requests, [{ frame: 1, code: 5, name: "name registration", category: "identify" }]);
  assert.deepEqual(sink.hostnames, [{ frame: 1, party: { ip: "192.168.1.1" }, name: "KW-VLIPC" }]);
});

test("a group name (the workgroup) is not a host name", () => {
  const sink = new RecordingSink();
  nbns.parse(null, 0, REGISTER_GROUP, sink);
  assert.equal(sink.requests.length, 1);
  assert.deepEqual(sink.hostnames, []);
});

test("a query asks and names nothing", () => {
  const sink = new RecordingSink();
  nbns.parse(null, 0, QUERY, sink);
  assert.deepEqual(sink.requests, [{ frame: 1, code: 0, name: "name query", category: "identify" }]);
  assert.deepEqual(sink.hostnames, []);
});

test("a positive answer names the address; a node status answer names the responder", () => {
  // The query of frame 1 answered (RFC 1002 4.2.13): same name, one NB record, unique, 169.254.216.1.
  const answer = fromHex(
    "d57c8580000000010000000020454f46454644434e4542454e434e454e454a46414644444144424341434143410000200001" +
      "000493e000066000a9fed801",
  );
  const sink = new RecordingSink();
  nbns.parse(null, 1, answer, sink);
  assert.deepEqual(sink.responses, [{ frame: 1, code: 0, failed: false }]);
  assert.deepEqual(sink.hostnames, [{ frame: 1, party: { ip: "169.254.216.1" }, name: "NTS-AM-MIPS01" }]);

  // Node status (RFC 1002 4.2.18) for "*": names PLC-GW<00> (unique), PLANT<00> (group), PLC-GW<20> (unique).
  const entry = (name: string, suffix: number, flags: number) => [
    ...Array.from(name.padEnd(15, " "), (c) => c.charCodeAt(0)),
    suffix,
    flags >> 8,
    flags & 0xff,
  ];
  const rdata = [
    3,
    ...entry("PLC-GW", 0, 0x0400),
    ...entry("PLANT", 0, 0x8400),
    ...entry("PLC-GW", 0x20, 0x0400),
  ];
  rdata.push(0x00, 0x1b, 0x1b, 0x11, 0x22, 0x33, ...new Array(40).fill(0));
  const star = "CKAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA";
  const status = Uint8Array.from([
    0x00,
    0x07,
    0x84,
    0x00,
    0,
    0,
    0,
    1,
    0,
    0,
    0,
    0,
    32,
    ...Array.from(star, (c) => c.charCodeAt(0)),
    0,
    0x00,
    0x21,
    0x00,
    0x01,
    0,
    0,
    0,
    0,
    rdata.length >> 8,
    rdata.length & 0xff,
    ...rdata,
  ]);
  const statusSink = new RecordingSink();
  nbns.parse(null, 1, status, statusSink);
  assert.deepEqual(statusSink.hostnames, [{ frame: 1, party: "src", name: "PLC-GW" }]);
});

test("truncated datagrams never throw", () => {
  for (let cut = 0; cut < REGISTER_HOST.length; cut++)
    nbns.parse(null, 0, REGISTER_HOST.subarray(0, cut), new RecordingSink());
});
