import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { Direction } from "../dissector.js";
import { MAX_OUT_OF_ORDER_SEGMENTS, type StreamConsumer, TcpStream } from "./stream.js";

/**
 * A consumer for a toy protocol: each PDU is one length byte then that many bytes. It records the PDUs, gaps
 * and overflows, and the views it was handed (to check zero-copy delivery).
 */
class Recorder implements StreamConsumer<string> {
  events: string[] = [];
  views: Uint8Array[] = [];
  stopAfter = Number.POSITIVE_INFINITY;
  constructor(private readonly max = 64) {}

  consume(_owner: string, _dir: Direction, data: Uint8Array): number {
    this.views.push(data);
    let o = 0;
    while (o < data.length && o + 1 + data[o] <= data.length) {
      this.events.push(`pdu:${[...data.subarray(o + 1, o + 1 + data[o])].join(",")}`);
      o += 1 + data[o];
      if (this.events.length >= this.stopAfter) return -1;
    }
    return o;
  }
  gap(_owner: string, _dir: Direction, missing: number): void {
    this.events.push(`gap:${missing}`);
  }
  overflow(_owner: string, _dir: Direction, buffered: number): void {
    this.events.push(`overflow:${buffered}`);
  }
  limit(): number {
    return this.max;
  }
}

/** PDUs [1], [2,2], [3,3,3], ... as one byte stream. */
function pdus(n: number): Uint8Array {
  const out: number[] = [];
  for (let i = 1; i <= n; i++) out.push(i, ...new Array(i).fill(i));
  return Uint8Array.from(out);
}

function expected(n: number): string[] {
  return Array.from({ length: n }, (_, i) => `pdu:${new Array(i + 1).fill(i + 1).join(",")}`);
}

function stream(max?: number) {
  const rec = new Recorder(max);
  return { rec, s: new TcpStream("flow", 0, rec) };
}

describe("TCP reassembly", () => {
  it("gives the same PDUs whatever the segment boundaries (every split point)", () => {
    const bytes = pdus(6);
    for (let cut = 1; cut < bytes.length; cut++) {
      const { rec, s } = stream();
      s.syn(999);
      s.segment(1000, bytes.subarray(0, cut), cut, false);
      s.segment(1000 + cut, bytes.subarray(cut), bytes.length - cut, false);
      assert.deepEqual(rec.events, expected(6), `cut at ${cut}`);
    }
  });

  it("passes the segment itself when nothing is buffered (zero copy)", () => {
    const { rec, s } = stream();
    const seg = pdus(3);
    s.segment(1, seg, seg.length, false);
    assert.equal(rec.views[0], seg);
  });

  it("puts out-of-order segments back in order", () => {
    const { rec, s } = stream();
    const bytes = pdus(4);
    s.syn(0);
    s.segment(1 + 6, bytes.subarray(6), bytes.length - 6, false);
    s.segment(1 + 3, bytes.subarray(3, 6), 3, false);
    assert.deepEqual(rec.events, []);
    s.segment(1, bytes.subarray(0, 3), 3, false);
    assert.deepEqual(rec.events, expected(4));
  });

  it("drops retransmissions and keeps only the new bytes of overlapping segments", () => {
    const { rec, s } = stream();
    const bytes = pdus(5);
    s.syn(100);
    s.segment(101, bytes.subarray(0, 5), 5, false);
    s.segment(101, bytes.subarray(0, 5), 5, false);
    s.segment(101 + 2, bytes.subarray(2, 10), 8, false);
    s.segment(101 + 4, bytes.subarray(4), bytes.length - 4, false);
    assert.deepEqual(rec.events, expected(5));
  });

  it("declares a gap when the peer acknowledges bytes never captured, then resumes", () => {
    const { rec, s } = stream();
    const bytes = pdus(4); // 1+2+3+4 PDUs: offsets 0, 2, 5, 9; 14 bytes
    s.syn(0);
    s.segment(1, bytes.subarray(0, 2), 2, false);
    // PDU 2 (3 bytes at stream offset 2) is never captured; PDU 3 arrives and waits for it.
    s.segment(1 + 5, bytes.subarray(5, 9), 4, false);
    s.acked(1 + 9);
    assert.deepEqual(rec.events, ["pdu:1", "gap:3", "pdu:3,3,3"]);
    s.segment(1 + 9, bytes.subarray(9), 5, false);
    assert.deepEqual(rec.events, ["pdu:1", "gap:3", "pdu:3,3,3", "pdu:4,4,4,4"]);
  });

  it("gives up on a hole when too many segments wait behind it", () => {
    const { rec, s } = stream();
    s.syn(0);
    // A hole of 5 bytes, then single-byte PDUs [0] as separate segments.
    for (let i = 0; i <= MAX_OUT_OF_ORDER_SEGMENTS; i++) s.segment(6 + i, Uint8Array.of(0), 1, false);
    assert.deepEqual(rec.events, ["gap:5", ...new Array(MAX_OUT_OF_ORDER_SEGMENTS + 1).fill("pdu:")]);
  });

  it("treats bytes cut by the snaplen as a gap after the captured part", () => {
    const { rec, s } = stream();
    const bytes = pdus(3);
    s.syn(0);
    s.segment(1, bytes.subarray(0, 4), bytes.length, false); // captured 4 of 9 bytes
    s.segment(1 + bytes.length, Uint8Array.of(1, 7), 2, false);
    assert.deepEqual(rec.events, ["pdu:1", "gap:5", "pdu:7"]);
  });

  it("drops a partial PDU that outgrows the limit and calls it a gap", () => {
    const { rec, s } = stream(8);
    s.syn(0);
    s.segment(1, Uint8Array.of(200, 1, 2, 3), 4, false);
    s.segment(5, Uint8Array.of(4, 5, 6, 7, 8), 5, false);
    assert.deepEqual(rec.events, ["overflow:9"]);
    // The next bytes are parsed from scratch.
    s.segment(10, Uint8Array.of(1, 9), 2, false);
    assert.deepEqual(rec.events, ["overflow:9", "pdu:9"]);
  });

  it("follows sequence numbers across the 2^32 wrap", () => {
    const { rec, s } = stream();
    const bytes = pdus(3);
    s.syn(0xfffffffd);
    s.segment(0xfffffffe, bytes.subarray(0, 3), 3, false);
    s.segment(1, bytes.subarray(3), bytes.length - 3, false);
    assert.deepEqual(rec.events, expected(3));
  });

  it("starts mid-stream without a SYN and stops when the consumer gives up", () => {
    const { rec, s } = stream();
    rec.stopAfter = 1;
    s.segment(5000, pdus(2), 5, false);
    s.segment(5005, pdus(1), 2, false);
    assert.deepEqual(rec.events, ["pdu:1"]);
    assert.equal(s.stopped, true);
  });

  it("delivers what waits behind a hole at the end of the connection", () => {
    const { rec, s } = stream();
    s.syn(0);
    s.segment(1, Uint8Array.of(1, 1), 2, false);
    s.segment(10, Uint8Array.of(1, 2), 2, true);
    s.end();
    assert.deepEqual(rec.events, ["pdu:1", "gap:7", "pdu:2"]);
  });

  it("ignores data after the FIN and acknowledgements of the FIN", () => {
    const { rec, s } = stream();
    s.syn(0);
    s.segment(1, Uint8Array.of(1, 1), 2, true);
    s.acked(4);
    s.segment(3, Uint8Array.of(1, 2), 2, false);
    assert.deepEqual(rec.events, ["pdu:1"]);
    assert.equal(s.finished, true);
  });
});
