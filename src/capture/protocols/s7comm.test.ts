import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { TO_CLIENT, TO_SERVER } from "../dissector.js";
import { s7comm } from "./s7comm.js";
import { fromHex, RecordingSink, StreamFeeder } from "./test-sink.js";

/** TCP payloads of icsnpp-s7comm tests/traces/snap7.pcap, by frame number (client 51212 -> server 102). */
const SNAP7 = {
  1: "0300001902f08032010000000000080000f0000001000101e0",
  2: "0300001b02f080320300000000000800000000f0000001000100f0",
  3: "0300002102f080320700000100000800080001120411440100ff09000400110000",
  4:
    "0300009902f080320700000100000c007c000112081284010200000000ff09007800110000001c0004000136455337203331352d" +
    "32454831342d304142302000c000030001000636455337203331352d32454831342d304142302000c00003000100072020202020" +
    "20202020202020202020202020202000c0560302070081426f6f74204c6f61646572202020202020202020000041200909",
  5: "0300002102f080320700000200000800080001120411440100ff090004001c0000",
  6:
    "030000f702f080320700000200000c00da0001120812840102d5010000ff0900d6001c00000022000a000153373330302f455432" +
    "30304d2073746174696f6e5f31000000000000000000000002504c435f3100000000000000000000000000000000000000000000" +
    "00000000000003000000000000000000000000000000000000000000000000000000000000000000044f726967696e616c205369" +
    "656d656e732045717569706d656e7400000000000000055320432d42315533393331343230313100000000000000000000000000" +
    "0000000007435055203331352d3220504e2f445000000000000000000000000000000000000008",
  7: "0300002102f080320700000300000c00040001120812440102000000000a000000",
  8:
    "030000a702f080320700000300000c008a0001120812840102d5000000ff0900864d4d4320344131414330313900000000000000" +
    "000000000000000000000000000009002af60000010000000000000000000000000000000000000000000000000000000a000000" +
    "0000000000000000000000000000000000000000000000000000000000000b000000000000000000000000000000000000000000" +
    "0000000000000000000000",
  17: "0300002302f080320100000800001200001d00000000000000095f3042303030303041",
  18: "0300002302f0803203000008000010000000001d000100000000070730303030323136",
  23: "0300002502f080320700000b000008000c0001120411430300ff0900083041303030303041",
  24: "0300002102f080320700000b00000c000400011208128303000000d2090a000000",
  43: "0300002302f080320100001500001200001d00000000000000095f3038303030303041",
  44: "0300001302f08032020000150000000000d20c",
  53:
    "030000c302f080320100001a00003e00740505120a10040010000083000000120a10020010000081000000120a10020010000082" +
    "000000120a101d000800001d000000120a101c000800001c00000000040100addeaddeaddeaddeaddeaddeaddeaddeefbeefbeef" +
    "beefbeefbeefbeefbeefbe00040080aaaaaaaaaaaaaaaabbbbbbbbbbbbbbbb00040080bbbbbbbbbbbbbbbbaddeaddeaddeadde00" +
    "090010efbeefbeefbeefbeefbeefbeefbeefbe00090010fecafecafecafecafecafecafecafeca",
  54: "0300001a02f080320300001a000002000500000505ffffff0303",
  57: "0300002102f080320100001c000010000029000000000009505f50524f4752414d",
  58: "0300001402f080320300001c0000010000000029",
  59: "0300002302f080320100001d000012000028000000000000fd00024550055f4d4f4455",
  60: "0300001402f080320300001d0000010000000028",
  63: "0300002702f080320100001f000016000028000000000000fd0002432009505f50524f4752414d",
  64: "0300001402f080320300001f0000010000000028",
} as const;

type Frame = keyof typeof SNAP7;
const CLIENT_FRAMES = new Set<number>([1, 3, 5, 7, 17, 23, 43, 53, 57, 59, 63]);

function replay(frames: Frame[]) {
  const sink = new RecordingSink();
  const feeder = new StreamFeeder(s7comm, s7comm.newState(), sink);
  for (const f of frames) {
    const consumed = feeder.feed(CLIENT_FRAMES.has(f) ? TO_SERVER : TO_CLIENT, fromHex(SNAP7[f]), f);
    assert.ok(consumed > 0, `frame ${f} consumed`);
  }
  return sink;
}

describe("s7comm", () => {
  it("probes the first COTP data payload for protocol id 0x32", () => {
    assert.equal(s7comm.probe(fromHex(SNAP7[1]), TO_SERVER), "match");
    // COTP connection request only (s7comm_plus.pcap frame 1 of the 192.168.0.33 flow): wait for data.
    const cr = fromHex("0300001611e00000000100c0010ac1020100c2020101");
    assert.equal(s7comm.probe(cr, TO_SERVER), "needMore");
    // The same connection request followed by a setup communication job.
    const both = new Uint8Array([...cr, ...fromHex(SNAP7[1])]);
    assert.equal(s7comm.probe(both, TO_SERVER), "match");
    // S7comm-plus (id 0x72) and MMS (ISO session, 0x0d...) are other protocols on TCP 102.
    assert.equal(s7comm.probe(fromHex("0300001f02f08072010010"), TO_SERVER), "reject");
    assert.equal(s7comm.probe(fromHex("0300001f02f0800d"), TO_SERVER), "reject");
    assert.equal(s7comm.probe(fromHex("1603010200"), TO_SERVER), "reject");
    assert.equal(s7comm.probe(fromHex("0300"), TO_SERVER), "needMore");
  });

  it("counts setup communication and pairs its ack-data by PDU reference", () => {
    const sink = replay([1, 2]);
    assert.deepEqual(sink.requests, [
      { frame: 1, code: 0xf0, name: "setup-communication", category: "session" },
    ]);
    assert.deepEqual(sink.responses, [{ frame: 2, code: 0xf0, failed: false }]);
    assert.deepEqual(sink.anomalies, []);
  });

  it("reads module identification (SZL 0x0011): order number and firmware", () => {
    const sink = replay([3, 4]);
    assert.deepEqual(sink.requests, [{ frame: 3, code: 0x401, name: "read-szl", category: "identify" }]);
    assert.deepEqual(sink.responses, [{ frame: 4, code: 0x401, failed: false }]);
    assert.deepEqual(sink.identities, [
      {
        frame: 4,
        party: "src",
        facts: { orderNumber: "6ES7 315-2EH14-0AB0", vendor: "Siemens", firmware: "V3.2.7" },
      },
    ]);
  });

  it("reads component identification (SZL 0x001c) and counts its two-part answer once", () => {
    const sink = replay([5, 6, 7, 8]);
    // Frame 7 only fetches the second data unit of the answer to frame 5: not a new request.
    assert.deepEqual(
      sink.requests.map((r) => r.frame),
      [5],
    );
    assert.deepEqual(sink.responses, [{ frame: 8, code: 0x401, failed: false }]);
    assert.deepEqual(sink.identities, [
      {
        frame: 6,
        party: "src",
        facts: { name: "PLC_1", vendor: "Siemens", serial: "S C-B1U393142011", model: "CPU 315-2 PN/DP" },
      },
    ]);
  });

  it("observes uploads with their block, and fails a userdata answer with an error code", () => {
    const sink = replay([17, 18, 23, 24]);
    assert.deepEqual(
      sink.requests.map((r) => [r.code, r.name, r.category]),
      [
        [0x1d, "start-upload", "program"],
        [0x303, "get-block-info", "diagnostic"],
      ],
    );
    assert.deepEqual(sink.observations, [
      {
        frame: 17,
        kind: "program-upload",
        party: "dst",
        detail: "S7 upload of SDB 0 (active file system, _0B00000A)",
      },
    ]);
    // Frame 24 answers get block info with error 0xd209.
    assert.deepEqual(sink.responses, [
      { frame: 18, code: 0x1d, failed: false },
      { frame: 24, code: 0x303, failed: true },
    ]);
  });

  it("fails a job answered by an Ack with an error class", () => {
    // Frame 44 answers start upload with ROSCTR 2, error class 0xd2 code 0x0c.
    const sink = replay([43, 44]);
    assert.deepEqual(sink.responses, [{ frame: 44, code: 0x1d, failed: true }]);
  });

  it("fails a write var whose items were not all written", () => {
    // Frame 54: five item return codes ff ff ff 03 03.
    const sink = replay([53, 54]);
    assert.deepEqual(sink.requests, [{ frame: 53, code: 0x05, name: "write-var", category: "write" }]);
    assert.deepEqual(sink.responses, [{ frame: 54, code: 0x05, failed: true }]);
  });

  it("observes PLC stop and PLC start through the PI service, with its name", () => {
    const sink = replay([57, 58, 59, 60, 63, 64]);
    assert.deepEqual(
      sink.requests.map((r) => [r.code, r.name, r.category]),
      [
        [0x29, "plc-stop", "control"],
        [0x28, "pi-service", "control"],
        [0x28, "pi-service", "control"],
      ],
    );
    // Frame 59 is _MODU (copy RAM to ROM): counted, not observed.
    assert.deepEqual(sink.observations, [
      { frame: 57, kind: "controller-stop", party: "dst", detail: "S7 PLC stop (P_PROGRAM)" },
      {
        frame: 63,
        kind: "controller-start",
        party: "dst",
        detail: "S7 PLC cold start (PI service P_PROGRAM)",
      },
    ]);
    assert.equal(sink.responses.length, 3);
  });

  it("observes a program download with block type and number", () => {
    const sink = new RecordingSink();
    const feeder = new StreamFeeder(s7comm, s7comm.newState(), sink);
    // Request download of OB 1 to the passive file system, built from the job layout (file name `_0800001P`).
    const params = fromHex("1a0001000000000009" + "5f3038303030303150" + "0d31303030323736303030313936");
    const s7 = new Uint8Array([0x32, 1, 0, 0, 0, 0x30, 0, params.length, 0, 0, ...params]);
    const tpkt = new Uint8Array([3, 0, 0, 7 + s7.length, 2, 0xf0, 0x80, ...s7]);
    feeder.feed(TO_SERVER, tpkt, 9);
    assert.deepEqual(sink.requests, [
      { frame: 9, code: 0x1a, name: "request-download", category: "program" },
    ]);
    assert.deepEqual(sink.observations, [
      {
        frame: 9,
        kind: "program-download",
        party: "dst",
        detail: "S7 download of OB 1 (passive file system, _0800001P)",
      },
    ]);
  });

  it("counts the blocks a PLC pulls during a download as transfer steps, not as programming the station", () => {
    const sink = new RecordingSink();
    const feeder = new StreamFeeder(s7comm, s7comm.newState(), sink);
    // Download block (0x1b) as the PLC sends it to the station, asking for OB 1: function, status, 2 unknown,
    // 4 id, file name length 9 and the name; ROSCTR job, PDU reference 0x0100.
    const params = fromHex("1b0001000000000009" + "5f3038303030303150");
    const s7 = new Uint8Array([0x32, 1, 0, 0, 1, 0, 0, params.length, 0, 0, ...params]);
    const tpkt = new Uint8Array([3, 0, 0, 7 + s7.length, 2, 0xf0, 0x80, ...s7]);
    feeder.feed(TO_CLIENT, tpkt, 12);
    assert.deepEqual(sink.requests, [{ frame: 12, code: 0x1b, name: "download-block", category: "session" }]);
    assert.deepEqual(sink.observations, []);
  });

  it("joins an S7comm PDU split over two COTP data TPDUs", () => {
    const sink = new RecordingSink();
    const feeder = new StreamFeeder(s7comm, s7comm.newState(), sink);
    const pdu = fromHex(SNAP7[1]).subarray(7);
    const first = new Uint8Array([3, 0, 0, 7 + 5, 2, 0xf0, 0x00, ...pdu.subarray(0, 5)]);
    const rest = new Uint8Array([3, 0, 0, 7 + pdu.length - 5, 2, 0xf0, 0x80, ...pdu.subarray(5)]);
    feeder.feed(TO_SERVER, first, 1);
    assert.equal(sink.requests.length, 0);
    feeder.feed(TO_SERVER, rest, 2);
    assert.deepEqual(sink.requests, [
      { frame: 2, code: 0xf0, name: "setup-communication", category: "session" },
    ]);
  });

  it("waits for a TPKT frame split across segments and skips garbage up to the next frame", () => {
    const sink = new RecordingSink();
    const feeder = new StreamFeeder(s7comm, s7comm.newState(), sink);
    const frame = fromHex(SNAP7[1]);
    assert.equal(feeder.feed(TO_SERVER, frame.subarray(0, 10), 1), 0);
    assert.equal(feeder.feed(TO_SERVER, frame.subarray(10), 2), frame.length);
    assert.equal(sink.requests.length, 1);
    feeder.feed(TO_SERVER, new Uint8Array([...fromHex("deadbeef00"), ...fromHex(SNAP7[3])]), 3);
    assert.deepEqual(
      sink.requests.map((r) => r.code),
      [0xf0, 0x401],
    );
    assert.deepEqual(
      sink.anomalies.map((a) => a.code),
      ["bad-tpkt"],
    );
  });

  it("reports lengths that run past the PDU without reading past it", () => {
    const sink = new RecordingSink();
    const feeder = new StreamFeeder(s7comm, s7comm.newState(), sink);
    // Frame 1 with its parameter length raised from 8 to 0x80.
    feeder.feed(TO_SERVER, fromHex("0300001902f08032010000000000800000f0000001000101e0"), 1);
    assert.deepEqual(sink.requests, []);
    assert.deepEqual(
      sink.anomalies.map((a) => a.code),
      ["bad-length"],
    );
  });
});
