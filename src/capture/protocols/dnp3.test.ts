import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { TO_CLIENT, TO_SERVER } from "../dissector.js";
import { dnp3 } from "./dnp3.js";
import { crcDnp } from "./dnp3-crc.js";
import { fromHex, RecordingSink, StreamFeeder } from "./test-sink.js";

function session() {
  return new StreamFeeder(dnp3, dnp3.newState(), new RecordingSink());
}

/** A link frame (primary, unconfirmed user data) around `user` (transport header + application bytes). */
function linkFrame(fromMaster: boolean, dst: number, src: number, user: Uint8Array): Uint8Array {
  const header = [
    0x05,
    0x64,
    user.length + 5,
    (fromMaster ? 0x80 : 0) | 0x44,
    dst & 0xff,
    dst >> 8,
    src & 0xff,
    src >> 8,
  ];
  const out: number[] = [...header];
  const crc = crcDnp(Uint8Array.from(header), 0, 8);
  out.push(crc & 0xff, crc >> 8);
  for (let o = 0; o < user.length; o += 16) {
    const block = user.subarray(o, Math.min(o + 16, user.length));
    const c = crcDnp(block, 0, block.length);
    out.push(...block, c & 0xff, c >> 8);
  }
  return Uint8Array.from(out);
}

describe("dnp3", () => {
  it("computes CRC-16/DNP (check value of 123456789 is 0xea82)", () => {
    assert.equal(crcDnp(new TextEncoder().encode("123456789"), 0, 9), 0xea82);
  });

  it("probes link headers by start bytes and header CRC", () => {
    // dnp3_write.pcap frame 4.
    assert.equal(
      dnp3.probe(fromHex("056412c4020003009c68dfc0023201070183a55c583401f3d2"), TO_SERVER),
      "match",
    );
    assert.equal(dnp3.probe(fromHex("0564"), TO_SERVER), "needMore");
    assert.equal(dnp3.probe(fromHex("056412c4020003009c69"), TO_SERVER), "reject");
    assert.equal(dnp3.probe(fromHex("474554202f"), TO_SERVER), "reject");
  });

  it("counts a write request and pairs its response by sequence", () => {
    const s = session();
    // dnp3_write.pcap frames 4 (write, g50v1 time) and 6 (response, IIN 0).
    s.feed(TO_SERVER, fromHex("056412c4020003009c68dfc0023201070183a55c583401f3d2"), 4);
    s.feed(TO_CLIENT, fromHex("05640a44030002005382d4c081000016ce"), 6);
    assert.deepEqual(s.sink.requests, [{ frame: 4, code: 2, name: "write", category: "write" }]);
    assert.deepEqual(s.sink.responses, [{ frame: 6, code: 2, failed: false }]);
    assert.deepEqual(s.sink.anomalies, []);
  });

  it("fails responses whose IIN2 reports an error and observes stop application", () => {
    const s = session();
    // dnp3.pcap frames 163/164: stop application answered with IIN 0x1001 (function code not supported).
    s.feed(TO_SERVER, fromHex("056411c4040003004eefc1c1123c02060107063c04ed8763"), 163);
    s.feed(TO_CLIENT, fromHex("05640a44030004007caedcc38110016878"), 164);
    // Frames 185/186: select (g12v1 control relay output block) answered with IIN 0x0004 (parameter error).
    s.feed(TO_SERVER, fromHex("05641ac404000300c2e6d2c3030c012801009f86030164000000ec416400000000005b"), 185);
    s.feed(
      TO_CLIENT,
      fromHex("05641c440300040064bdf9c38100040c012801009f8603016400ed30000064000000047882"),
      186,
    );
    assert.deepEqual(
      s.sink.requests.map((r) => [r.code, r.name, r.category]),
      [
        [18, "stop-application", "control"],
        [3, "select", "control"],
      ],
    );
    assert.deepEqual(s.sink.responses, [
      { frame: 164, code: 18, failed: true },
      { frame: 186, code: 3, failed: true },
    ]);
    assert.deepEqual(s.sink.observations, [
      { frame: 163, kind: "controller-stop", party: "dst", detail: "DNP3 stop application" },
    ]);
    // This outstation answers the request with sequence 1 using sequence 3: paired all the same, as Zeek does.
    assert.deepEqual(
      s.sink.anomalies.map((a) => [a.frame, a.code]),
      [[164, "sequence-mismatch"]],
    );
  });

  it("takes requests from the master by the DIR bit, whichever side sent first", () => {
    const s = session();
    // dnp3_udp_read.pcap: the outstation (frame 1, link status request) spoke first, so the master's read
    // (frame 5) arrives in the to-client direction; it still counts, and link-only frames count nothing.
    s.feed(TO_SERVER, fromHex("05640549640001007e5f"), 1);
    s.feed(TO_CLIENT, fromHex("0564058b01006400a097"), 2);
    s.feed(TO_CLIENT, fromHex("056414c40100640067d6c6c7013c02063c03063c04063c010673c0"), 5);
    assert.deepEqual(s.sink.requests, [{ frame: 5, code: 1, name: "read", category: "read" }]);
    // An unsolicited response (dnp3.pcap frame 4) is no request and answers none.
    const t = session();
    t.feed(TO_CLIENT, fromHex("05640a44030004007caef7c2821000caca"), 4);
    assert.deepEqual(t.sink.requests, []);
    assert.deepEqual(t.sink.responses, []);
  });

  it("reassembles an application fragment from transport segments and pairs its first part", () => {
    const s = session();
    s.feed(TO_SERVER, linkFrame(true, 4, 3, fromHex("c0c3013c02063c03063c0406")), 1);
    // A 600-byte response in three transport segments (FIR seq 5, seq 6, FIN seq 7), then the next
    // application fragment of the same response (not FIR): it pairs nothing more.
    const app = new Uint8Array(600);
    app.set([0x83, 0x81, 0x00, 0x00]);
    const segments = [app.subarray(0, 249), app.subarray(249, 498), app.subarray(498)];
    const th = [0x40 | 5, 6, 0x80 | 7];
    segments.forEach((seg, i) => {
      s.feed(TO_CLIENT, linkFrame(false, 3, 4, Uint8Array.from([th[i], ...seg])), 2 + i);
    });
    assert.deepEqual(s.sink.responses, [{ frame: 4, code: 1, failed: false }]);
    s.feed(TO_CLIENT, linkFrame(false, 3, 4, fromHex("c8" + "448100000000")), 5);
    assert.deepEqual(s.sink.responses.length, 1);
    assert.deepEqual(s.sink.anomalies, []);
  });

  it("drops a fragment whose transport segments skip a sequence number", () => {
    const s = session();
    s.feed(TO_SERVER, linkFrame(true, 4, 3, fromHex("c0c301")), 1);
    s.feed(TO_CLIENT, linkFrame(false, 3, 4, fromHex("45c381000000")), 2);
    s.feed(TO_CLIENT, linkFrame(false, 3, 4, fromHex("87000000")), 3);
    assert.deepEqual(s.sink.responses, []);
    assert.deepEqual(
      s.sink.anomalies.map((a) => a.code),
      ["transport-sequence"],
    );
  });

  it("reports a bad data block CRC and resynchronises on the next link header", () => {
    const s = session();
    const good = fromHex("056412c4020003009c68dfc0023201070183a55c583401f3d2");
    const bad = Uint8Array.from(good);
    bad[12] ^= 0xff;
    const stream = new Uint8Array([...bad, 0x00, 0x01, 0x02, ...good]);
    assert.equal(s.feed(TO_SERVER, stream, 4), stream.length);
    assert.deepEqual(
      s.sink.anomalies.map((a) => a.code),
      ["bad-crc", "bad-start"],
    );
    assert.deepEqual(s.sink.requestCounts(), { 2: 1 });
  });

  it("waits for a link frame split across segments", () => {
    const s = session();
    const frame = fromHex("056412c4020003009c68dfc0023201070183a55c583401f3d2");
    assert.equal(s.feed(TO_SERVER, frame.subarray(0, 12), 1), 0);
    assert.equal(s.feed(TO_SERVER, frame.subarray(12), 2), frame.length);
    assert.deepEqual(s.sink.requests, [{ frame: 2, code: 2, name: "write", category: "write" }]);
  });

  it("recognises secure authentication by function code and by group 120 objects", () => {
    const s = session();
    // Authenticate request with a g120v1 challenge object (free-format qualifier 0x5b, size 4).
    s.feed(TO_SERVER, linkFrame(true, 4, 3, fromHex("c0c020" + "78015b" + "01" + "0400" + "0a0b0c0d")), 1);
    // An operate in aggressive mode: g120v3 first, then g12v1, then g120v9.
    const t = session();
    t.feed(
      TO_SERVER,
      linkFrame(
        true,
        4,
        3,
        fromHex("c0c104" + "78030701000000000100" + "0c012801000000" + "0301640000006400000000"),
      ),
      1,
    );
    for (const sink of [s.sink, t.sink]) {
      assert.deepEqual(
        sink.observations.map((o) => [o.kind, o.party]),
        [["secure-authentication", "dst"]],
      );
    }
    assert.deepEqual(s.sink.requests[0].name, "authenticate-request");
    assert.deepEqual(t.sink.requests[0].name, "operate");
  });

  it("reports a malformed object header", () => {
    const s = session();
    // Read with a reserved range specifier (0x0a).
    s.feed(TO_SERVER, linkFrame(true, 4, 3, fromHex("c0c1013c020a")), 1);
    assert.deepEqual(
      s.sink.anomalies.map((a) => a.code),
      ["bad-object-header"],
    );
  });
});
