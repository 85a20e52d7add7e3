import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { TO_CLIENT, TO_SERVER } from "../dissector.js";
import { ENIP_CODE_BASE, enip } from "./enip.js";
import { fromHex, RecordingSink } from "./test-sink.js";

// TCP payloads cut with `tshark -T fields -e tcp.payload` from the corpus captures named beside each.
/** enip-cip/suricata__enip-alert/enip_test1.pcap, frame 4: List Identity request. */
const LIST_IDENTITY_REQ = "63000000000000000000000000000000c1debed100000000";
/** Same capture, frame 6: the reply from a 1756-ENBT/A. */
const LIST_IDENTITY_RSP =
  "63003300000000000000000000000000c1debed10000000001000c002d0001000002af120a0101a4000000000000000001000c003a00" +
  "040330008e4d52000b313735362d454e42542f4103";
/** enip-cip/enip__multiple_service_packet_cip/multiple_service_packet_cip.pcapng, frame 1. */
const MULTIPLE_SERVICE =
  "7000ba0000010211000000000000000000000000000000000000000001000200a1000400010b7c00b100a60089070a02200224010b00" +
  "180022002c0036004c005800640072007c008a0094000302200124010100050003022069240001000b0003022073240101000200030220" +
  "ac240107000100020003000500070009000a000303206825002024010013000302207024010200120013000302208e2401030003000800" +
  "10000302206924000100090003022068240003000f0018001900030220772401010002000302208b240101000600";

/** An encapsulation message around `data`, with an 8-byte sender context of `ctx`. */
function encap(command: number, data: Uint8Array, ctx = 7, status = 0): Uint8Array {
  const b = new Uint8Array(24 + data.length);
  const v = new DataView(b.buffer);
  v.setUint16(0, command, true);
  v.setUint16(2, data.length, true);
  v.setUint32(4, 0x11223344, true);
  v.setUint32(8, status, true);
  v.setUint32(12, ctx, true);
  b.set(data, 24);
  return b;
}

/** SendRRData command data: interface handle, timeout, a null address item and an unconnected data item. */
function sendRR(cip: Uint8Array, ctx = 7, status = 0): Uint8Array {
  const d = new Uint8Array(16 + cip.length);
  const v = new DataView(d.buffer);
  v.setUint16(6, 2, true);
  v.setUint16(12, 0xb2, true);
  v.setUint16(14, cip.length, true);
  d.set(cip, 16);
  return encap(0x6f, d, ctx, status);
}

function run(chunks: [number, Uint8Array][]): RecordingSink {
  const sink = new RecordingSink();
  const state = enip.newState();
  for (const [dir, bytes] of chunks) {
    const used = enip.parse(state, dir as 0 | 1, bytes, sink);
    assert.equal(used, bytes.length);
    sink.frame++;
  }
  return sink;
}

describe("enip", () => {
  it("counts a List Identity and reads the identity Suricata reports for enip_test1.pcap", () => {
    const sink = run([
      [TO_SERVER, fromHex(LIST_IDENTITY_REQ)],
      [TO_CLIENT, fromHex(LIST_IDENTITY_RSP)],
    ]);
    assert.deepEqual(sink.requests, [
      { frame: 1, code: ENIP_CODE_BASE + 0x63, name: "List Identity", category: "identify" },
    ]);
    assert.deepEqual(sink.responses, [{ frame: 2, code: 0x10063, failed: false }]);
    // Suricata's enip-log-identity expects vendor "Rockwell Automation/Allen-Bradley", product "1756-ENBT/A",
    // revision "4.3"; tshark adds device type 12, product code 58 and serial 0x00524d8e.
    assert.deepEqual(sink.identities[0].facts, {
      vendor: "Rockwell Automation/Allen-Bradley",
      deviceType: "Communications Adapter",
      model: "product code 58",
      firmware: "4.3",
      serial: "0x00524d8e",
      product: "1756-ENBT/A",
    });
    assert.equal(sink.identities[0].party, "src");
  });

  it("counts a Multiple Service Packet and each service inside, as ICSNPP's cip.log does (12 requests)", () => {
    const sink = run([[TO_SERVER, fromHex(MULTIPLE_SERVICE)]]);
    assert.deepEqual(sink.requestCounts(), { 10: 1, 3: 11 });
    assert.equal(sink.requests[0].name, "Multiple Service Packet");
    assert.equal(sink.requests[1].name, "Get Attribute List");
    assert.equal(sink.requests[1].category, "read");
    assert.deepEqual(sink.anomalies, []);
  });

  it("answers a Multiple Service Packet reply per inner service, failing the ones with a status", () => {
    // Reply 0x8A, status 0x1E (embedded service error), two replies: 0x8E ok and 0x90 status 0x0E.
    const reply = fromHex("8a001e00" + "0200" + "0600" + "0a00" + "8e000000" + "90000e00");
    const sink = run([[TO_CLIENT, sendRR(reply)]]);
    assert.deepEqual(
      sink.responses.map((r) => [r.code, r.failed]),
      [
        [0x0a, true],
        [0x0e, false],
        [0x10, true],
      ],
    );
  });

  it("counts the request an Unconnected Send carries and pairs both with the embedded reply", () => {
    // 0x52 to class 6 instance 1; embedded Read Tag (0x4C) on symbol "ab", one element; route to port 1 slot 0.
    const embedded = fromHex("4c0291026162" + "0100");
    const us = new Uint8Array([
      0x52,
      0x02,
      0x20,
      0x06,
      0x24,
      0x01,
      0x0a,
      0xf0,
      embedded.length,
      0,
      ...embedded,
    ]);
    const request = new Uint8Array([...us, 0x01, 0x00, 0x01, 0x00]);
    const sink = run([
      [TO_SERVER, sendRR(request, 41)],
      [TO_CLIENT, sendRR(fromHex("cc000000c3000100"), 41)],
    ]);
    assert.deepEqual(
      sink.requests.map((r) => [r.code, r.name, r.category]),
      [
        [0x52, "Unconnected Send", "session"],
        [0x4c, "Read Tag", "read"],
      ],
    );
    assert.deepEqual(
      sink.responses.map((r) => [r.code, r.failed]),
      [
        [0x52, false],
        [0x4c, false],
      ],
    );
  });

  it("fails both the Unconnected Send and its embedded request when routing fails", () => {
    const embedded = fromHex("4d0291026162" + "c3000100" + "0000");
    const us = new Uint8Array([
      0x52,
      0x02,
      0x20,
      0x06,
      0x24,
      0x01,
      0x0a,
      0xf0,
      embedded.length,
      0,
      ...embedded,
    ]);
    const sink = run([
      [TO_SERVER, sendRR(new Uint8Array([...us, 0x01, 0x00, 0x01, 0x05]), 9)],
      // 0xD2 with general status 0x01 and a 1-word extended status 0x0204 (unconnected request timed out).
      [TO_CLIENT, sendRR(fromHex("d20001010402"), 9)],
    ]);
    assert.deepEqual(
      sink.responses.map((r) => [r.code, r.failed]),
      [
        [0x52, true],
        [0x4d, true],
      ],
    );
    assert.equal(sink.requests[1].category, "write");
  });

  it("names 0x4E by class: Forward Close on the Connection Manager, Read Modify Write on a tag", () => {
    const sink = run([
      [TO_SERVER, sendRR(fromHex("4e0220062401" + "0af0" + "0000"), 1)],
      [TO_SERVER, sendRR(fromHex("4e0291026162" + "0200" + "00000000"), 2)],
    ]);
    assert.deepEqual(
      sink.requests.map((r) => [r.code, r.name, r.category]),
      [
        [0x4e, "Forward Close", "session"],
        [0x4e, "Read Modify Write Tag", "write"],
      ],
    );
  });

  it("counts the PCCC command inside Execute PCCC and fails it on a PCCC status", () => {
    // Execute PCCC to class 0x67 instance 1; requestor id (7 bytes); PCCC CMD 0x0F, STS 0, TNS 0x1234, FNC 0xAA.
    const req = fromHex("4b0220672401" + "07010012345678" + "0f003412aa" + "02070089000000");
    // Reply 0xCB ok; requestor id; PCCC reply CMD 0x4F, STS 0x10 (illegal command or format).
    const rsp = fromHex("cb000000" + "07010012345678" + "4f103412");
    const sink = run([
      [TO_SERVER, sendRR(req, 5)],
      [TO_CLIENT, sendRR(rsp, 5)],
    ]);
    assert.deepEqual(
      sink.requests.map((r) => [r.code, r.name, r.category]),
      [
        [0x4b, "Execute PCCC", "session"],
        [0x20faa, "PCCC Protected Typed Logical Write (3 address fields)", "write"],
      ],
    );
    assert.deepEqual(
      sink.responses.map((r) => [r.code, r.failed]),
      [
        [0x4b, false],
        [0x20faa, true],
      ],
    );
  });

  it("fails the pending request when the encapsulation status reports an error without CIP data", () => {
    const sink = run([
      [TO_SERVER, sendRR(fromHex("0e03200124013001"), 77)],
      [TO_CLIENT, encap(0x6f, new Uint8Array(0), 77, 0x64)],
    ]);
    assert.deepEqual(sink.responses, [{ frame: 2, code: 0x0e, failed: true }]);
  });

  it("pairs connected (SendUnitData) replies by their sequence count and reports CIP Stop", () => {
    const unit = (seq: number, cip: Uint8Array) => {
      const d = new Uint8Array(6 + 2 + 8 + 4 + 2 + cip.length);
      const v = new DataView(d.buffer);
      v.setUint16(6, 2, true);
      v.setUint16(8, 0xa1, true);
      v.setUint16(10, 4, true);
      v.setUint16(16, 0xb1, true);
      v.setUint16(18, 2 + cip.length, true);
      v.setUint16(20, seq, true);
      d.set(cip, 22);
      return encap(0x70, d);
    };
    const sink = run([
      [TO_SERVER, unit(3, fromHex("070220012401"))],
      [TO_CLIENT, unit(3, fromHex("87000c00"))],
    ]);
    assert.deepEqual(sink.requests[0], { frame: 1, code: 0x07, name: "Stop", category: "control" });
    assert.deepEqual(sink.observations, [
      { frame: 1, kind: "controller-stop", party: "dst", detail: "CIP Stop service" },
    ]);
    assert.deepEqual(sink.responses, [{ frame: 2, code: 0x07, failed: true }]);
  });

  it("waits for a whole message, and gives up on a stream that is not encapsulation", () => {
    const state = enip.newState();
    const sink = new RecordingSink();
    const req = fromHex(LIST_IDENTITY_RSP);
    assert.equal(enip.parse(state, TO_CLIENT, req.subarray(0, 30), sink), 0);
    assert.equal(enip.parse(state, TO_CLIENT, req, sink), req.length);
    assert.equal(enip.parse(state, TO_CLIENT, new Uint8Array(40).fill(0xee), sink), -1);
    assert.equal(sink.anomalies[0].code, "enip-unknown-command");
  });

  it("reports malformed CIP inside well-framed messages without throwing", () => {
    const sink = run([
      [TO_SERVER, sendRR(fromHex("0e09200124"))],
      [TO_SERVER, sendRR(fromHex("0a022002240105001000"))],
      // A List Identity reply whose identity item is 10 bytes long.
      [TO_CLIENT, encap(0x63, fromHex("01000c000a00" + "00".repeat(10)))],
    ]);
    assert.deepEqual(
      sink.anomalies.map((a) => a.code),
      ["cip-truncated", "cip-truncated", "enip-bad-identity"],
    );
  });

  it("probes the encapsulation header", () => {
    assert.equal(enip.probe(fromHex(LIST_IDENTITY_REQ), TO_SERVER), "match");
    assert.equal(enip.probe(fromHex("6300"), TO_SERVER), "needMore");
    assert.equal(
      enip.probe(fromHex("4745542f20485454502f312e310d0a0d0a0d0a0d0a0d0a0d"), TO_SERVER),
      "reject",
    );
  });
});
