import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { TO_SERVER } from "../dissector.js";
import { enipIo } from "./enip-io.js";
import { fromHex, RecordingSink } from "./test-sink.js";

// Two items: sequenced address (connection 0x12345678, sequence 42) and 6 bytes of connected data led by a
// 16-bit sequence count, as an adapter produces them every RPI.
const IO = "0200" + "02800800" + "78563412" + "2a000000" + "b1000600" + "2a00" + "01020304";

describe("enip-io", () => {
  it("recognises a class 1 I/O datagram and counts no operation for it", () => {
    const sink = new RecordingSink();
    assert.equal(enipIo.probe(fromHex(IO), TO_SERVER), "match");
    enipIo.parse(null, TO_SERVER, fromHex(IO), sink);
    assert.deepEqual([sink.requests, sink.anomalies], [[], []]);
  });

  it("rejects datagrams whose items do not add up to the datagram", () => {
    assert.equal(enipIo.probe(fromHex(IO + "00"), TO_SERVER), "reject");
    assert.equal(enipIo.probe(fromHex("0200" + "02800800" + "7856"), TO_SERVER), "reject");
    assert.equal(enipIo.probe(fromHex("0900" + IO.slice(4)), TO_SERVER), "reject");
    const sink = new RecordingSink();
    enipIo.parse(null, TO_SERVER, fromHex("0100a1000400"), sink);
    assert.equal(sink.anomalies[0].code, "enip-io-bad-cpf");
  });
});
