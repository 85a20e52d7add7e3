import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { TO_CLIENT, TO_SERVER } from "../dissector.js";
import { bacnet } from "./bacnet.js";
import { fromHex, RecordingSink } from "./test-sink.js";

// UDP payloads cut with `tshark -T fields -e udp.payload` from the corpus captures named beside each.
const EXAMPLE = {
  /** bacnet/bacnet__bacnet_example/bacnet_example.pcap frame 72: who-Is to the global broadcast network. */
  whoIs: "810b000c0120ffff00ff1008",
  /** Frame 84: i-Am device,788 vendor 116, from 172.20.32.129. */
  iAm: "810a001401001000c40200031422040091032174",
  /** Frames 1-2: readProperty analog-input,1 object-name and its ComplexACK. */
  readProperty: "810a001101040005010c0c00000001194d",
  readPropertyAck: "810a0021010030010c0c00000001194d3e750d0053656e736f725f34353331323f",
  /** Frames 572-573: reinitializeDevice abort-restore with password "Delcatty70", answered password-failure. */
  reinitialize: "810a001101040005011409061d0b0044656c63617474793730",
  reinitializeError: "810a001101045001149105911a",
  /** Frame 579: a SimpleACK to reinitializeDevice (invoke id 4). */
  simpleAck: "810a00110104200414",
};
const SEGMENTED = {
  /** bacnet/bacnet__bacnet_segmented_data/bacnet_segmented_data.pcap frame 14: readProperty object-list. */
  request: "810a0011010402345e0c0c020000fe194c",
  /** Frame 16: SegmentACK of segment 0. */
  segmentAck: "810a000a0100405e0003",
  /** Frame 9: timeSynchronization. */
  timeSync: "810b001201001006a476030602b41012301b",
};

/** The first bytes of frame 15 (segment 0 of the segmented ComplexACK) and of frame 17 (segment 1). */
const SEGMENT_0 = "810a040601043c5e00030c0c020000fe194c3ec400c00000c400c04e21";
const SEGMENT_1 = "810a040601043c5e01030c02c000dec402c000dfc402c000e0";

function run(datagrams: [number, string][]): RecordingSink {
  const sink = new RecordingSink();
  const state = bacnet.newState();
  for (const [dir, hex] of datagrams) {
    bacnet.parse(state, dir as 0 | 1, fromHex(hex), sink);
    sink.frame++;
  }
  return sink;
}

describe("bacnet", () => {
  it("counts unconfirmed services under 0x100 + choice and reads vendor and instance from i-Am", () => {
    const sink = run([
      [TO_SERVER, EXAMPLE.whoIs],
      [TO_SERVER, EXAMPLE.iAm],
      [TO_SERVER, SEGMENTED.timeSync],
    ]);
    assert.deepEqual(
      sink.requests.map((r) => [r.code, r.name, r.category]),
      [
        [0x108, "who-Is", "identify"],
        [0x100, "i-Am", "identify"],
        [0x106, "timeSynchronization", "diagnostic"],
      ],
    );
    // ICSNPP's bacnet_discovery.log names vendor 116 "M&M Systems Inc."; our table has no entry for it, so the
    // number is kept rather than guessed.
    assert.deepEqual(sink.identities, [
      { frame: 2, party: "src", facts: { vendor: "BACnet vendor 116", name: "BACnet device 788" } },
    ]);
  });

  it("pairs a readProperty with its ComplexACK by service choice", () => {
    const sink = run([
      [TO_SERVER, EXAMPLE.readProperty],
      [TO_CLIENT, EXAMPLE.readPropertyAck],
    ]);
    assert.deepEqual(sink.requests, [{ frame: 1, code: 12, name: "readProperty", category: "read" }]);
    assert.deepEqual(sink.responses, [{ frame: 2, code: 12, failed: false }]);
    // The object is analog-input,1, not the device: its name is not the device's name.
    assert.deepEqual(sink.hostnames, []);
  });

  it("reports a reinitializeDevice password masked, once per flow, and fails the request on an Error PDU", () => {
    const sink = run([
      [TO_SERVER, EXAMPLE.reinitialize],
      [TO_CLIENT, EXAMPLE.reinitializeError],
      [TO_SERVER, EXAMPLE.reinitialize],
    ]);
    assert.deepEqual(sink.requestCounts(), { 20: 2 });
    assert.deepEqual(sink.responses, [{ frame: 2, code: 20, failed: true }]);
    assert.deepEqual(sink.observations, [
      {
        frame: 1,
        kind: "cleartext-credentials",
        party: "dst",
        detail: "BACnet ReinitializeDevice password in clear: D… (10 chars)",
      },
    ]);
    // The capture's BVLC length (17) does not match these datagrams: reported once for the flow.
    assert.deepEqual(
      sink.anomalies.map((a) => a.code),
      ["bacnet-length-mismatch"],
    );
  });

  it("answers a SimpleACK by the service choice it carries", () => {
    const sink = run([[TO_CLIENT, EXAMPLE.simpleAck]]);
    assert.deepEqual(sink.responses, [{ frame: 1, code: 20, failed: false }]);
  });

  it("counts a segmented ComplexACK once, on segment 0, and ignores SegmentACKs", () => {
    const sink = run([
      [TO_SERVER, SEGMENTED.request],
      [TO_CLIENT, SEGMENT_0.padEnd(1030 * 2, "0")],
      [TO_SERVER, SEGMENTED.segmentAck],
      [TO_CLIENT, SEGMENT_1.padEnd(1030 * 2, "0")],
    ]);
    assert.deepEqual(sink.requestCounts(), { 12: 1 });
    assert.deepEqual(sink.responses, [{ frame: 2, code: 12, failed: false }]);
    assert.deepEqual(sink.anomalies, []);
  });

  it("fails the request a Reject or a server Abort answers, by invoke id", () => {
    const sink = run([
      // writeProperty (15), invoke id 9; Reject reason 4 (invalid-tag).
      [TO_SERVER, "810a000c0100" + "0005090f" + "0c00"],
      [TO_CLIENT, "810a00090100" + "600904"],
      // reinitializeDevice coldstart, invoke id 10; Abort from the server (SRV bit).
      [TO_SERVER, "810a000c0100" + "00050a14" + "0900"],
      [TO_CLIENT, "810a00090100" + "710a03"],
    ]);
    assert.deepEqual(
      sink.responses.map((r) => [r.code, r.failed]),
      [
        [15, true],
        [20, true],
      ],
    );
    assert.deepEqual(
      sink.observations.map((o) => o.kind),
      ["controller-restart"],
    );
  });

  it("takes the device name and model from ReadProperty acks on the device object", () => {
    // ComplexACK readProperty device,5 object-name "AHU-1"; then model-name (70) "X1" with an array index.
    const name =
      "810a001a0100" + "3001" + "0c" + "0c02000005" + "194d" + "3e" + "7506" + "00" + "4148552d31" + "3f";
    const model =
      "810a00190100" + "3002" + "0c" + "0c02000005" + "1946" + "2900" + "3e" + "7503" + "00" + "5831" + "3f";
    const sink = run([
      [TO_CLIENT, name],
      [TO_CLIENT, model],
    ]);
    assert.deepEqual(sink.hostnames, [{ frame: 1, party: "src", name: "AHU-1" }]);
    assert.deepEqual(sink.identities, [{ frame: 2, party: "src", facts: { model: "X1" } }]);
  });

  it("does not take identity from a message relayed by a router (SNET present)", () => {
    // i-Am from network 5, MAC 0x21, relayed: NPDU control 0x08 with SNET/SLEN/SADR.
    const sink = run([[TO_SERVER, "810b00180108" + "0005" + "01" + "21" + "1000c40200031422040091032174"]]);
    assert.deepEqual(sink.requestCounts(), { 256: 1 });
    assert.deepEqual(sink.identities, []);
  });

  it("counts BVLC management requests under 0x200 + function and pairs BVLC-Result", () => {
    const sink = run([
      // Register-Foreign-Device, TTL 60 s; BVLC-Result 0x0030 (Register-Foreign-Device NAK).
      [TO_SERVER, "81050006003c"],
      [TO_CLIENT, "810000060030"],
      [TO_SERVER, "81050006003c"],
      [TO_CLIENT, "810000060000"],
    ]);
    assert.deepEqual(sink.requests[0], {
      frame: 1,
      code: 0x205,
      name: "Register-Foreign-Device",
      category: "session",
    });
    assert.deepEqual(
      sink.responses.map((r) => [r.code, r.failed]),
      [
        [0x205, true],
        [0x205, false],
      ],
    );
  });

  it("reports malformed datagrams without throwing", () => {
    const sink = run([
      [TO_SERVER, "820a0004"],
      [TO_SERVER, "810a0006"],
      [TO_SERVER, "810a000702000c"],
      [TO_SERVER, "810a000801000005"],
      [TO_SERVER, "810a00070120ff"],
    ]);
    assert.deepEqual(
      sink.anomalies.map((a) => a.code),
      [
        "bacnet-bad-bvlc",
        "bacnet-length-mismatch",
        "bacnet-bad-npdu",
        "bacnet-bad-npdu",
        "bacnet-truncated",
        "bacnet-truncated",
      ],
    );
    assert.deepEqual(sink.requests, []);
  });

  it("probes BVLC headers, tolerating a stale length only in front of a plausible NPDU", () => {
    assert.equal(bacnet.probe(fromHex(EXAMPLE.iAm), TO_SERVER), "match");
    assert.equal(bacnet.probe(fromHex(EXAMPLE.simpleAck), TO_SERVER), "match");
    assert.equal(bacnet.probe(fromHex("81050008003c00"), TO_SERVER), "reject");
    assert.equal(bacnet.probe(fromHex("810a0009020000050c"), TO_SERVER), "reject");
    assert.equal(bacnet.probe(fromHex("16030100"), TO_SERVER), "reject");
  });
});
