import assert from "node:assert/strict";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { after, describe, it } from "node:test";
import type { CaptureWarning } from "../../model/capture.js";
import { concat, PcapngWriter, tempDir } from "../testing.js";
import { openCapture } from "./open-capture.js";
import { tsUnitsPerMs } from "./pcapng.js";
import { RawPacket } from "./raw-packet.js";

const tmp = tempDir();
after(tmp.remove);

async function read(name: string, bytes: Uint8Array) {
  const path = join(tmp.dir, name);
  writeFileSync(path, bytes);
  const r = await openCapture(path);
  const raw = new RawPacket();
  const packets: { frame: number; tsMs: number; linkType: number; data: number[]; wirelen: number }[] = [];
  for (;;) {
    while (r.next(raw)) {
      packets.push({
        frame: raw.frame,
        tsMs: raw.tsMs,
        linkType: raw.linkType,
        data: [...raw.buf.subarray(raw.off, raw.off + raw.caplen)],
        wirelen: raw.wirelen,
      });
    }
    if (!(await r.refill())) break;
  }
  await r.close();
  return {
    format: r.format,
    linkTypes: [...r.linkTypes].sort((a, b) => a - b),
    warnings: r.warnings,
    packets,
  };
}

const bytes = (...v: number[]) => Uint8Array.from(v);
/** What a test asserts of warnings: code, frame and offset, not the prose. */
const located = (warnings: readonly CaptureWarning[]) => warnings.map((w) => [w.code, w.frame, w.offset]);

describe("pcapng reader", () => {
  it("converts if_tsresol in both forms", () => {
    assert.equal(tsUnitsPerMs(6), 1000);
    assert.equal(tsUnitsPerMs(9), 1e6);
    assert.equal(tsUnitsPerMs(0), 1e-3);
    // Top bit set: a power of two, 2^-20 s.
    assert.equal(tsUnitsPerMs(0x80 | 20), 2 ** 20 / 1000);
  });

  it("reads sections of both byte orders with several interfaces, each with its own link type and resolution", async () => {
    const second = 1_700_000_000n;
    const a = new PcapngWriter(true)
      .section()
      .iface(1) // Ethernet, microseconds (default)
      .iface(101, { tsresol: 9 }) // raw IP, nanoseconds
      .epb(0, second * 1_000_000n + 250n, bytes(1, 2, 3))
      .epb(1, second * 1_000_000_000n + 500_000n, bytes(0x45, 9))
      .bytes();
    const b = new PcapngWriter(false)
      .section()
      .iface(113, { tsresol: 0x80 | 20 }) // Linux SLL, 2^-20 s
      .iface(0, { tsoffset: 3600 }) // BSD loopback, microseconds, an hour ahead
      .epb(0, (second << 20n) + (1n << 19n), bytes(7, 7))
      .epb(1, 1_000_000n, bytes(2, 0, 0, 0))
      .bytes();
    const r = await read("two-sections.pcapng", concat(a, b));
    assert.equal(r.format, "pcapng");
    assert.deepEqual(r.warnings, []);
    assert.deepEqual(r.linkTypes, [0, 1, 101, 113]);
    assert.deepEqual(
      r.packets.map((p) => [p.frame, p.linkType, p.data]),
      [
        [1, 1, [1, 2, 3]],
        [2, 101, [0x45, 9]],
        [3, 113, [7, 7]],
        [4, 0, [2, 0, 0, 0]],
      ],
    );
    assert.equal(r.packets[0].tsMs, 1_700_000_000_000.25);
    // 1.7e18 ns is beyond 2^53: a double keeps it to 256 ns, far below the millisecond the report shows.
    assert.ok(Math.abs(r.packets[1].tsMs - 1_700_000_000_000.5) < 1e-3);
    assert.equal(r.packets[2].tsMs, 1_700_000_000_500);
    // if_tsoffset: one second of timestamp plus 3600 s of offset.
    assert.equal(r.packets[3].tsMs, 3_601_000);
  });

  it("reads simple and obsolete packet blocks and skips blocks it does not know", async () => {
    const w = new PcapngWriter(true)
      .section()
      .iface(1, { snaplen: 4 })
      .block(4, bytes(0, 0, 0, 0)) // name resolution block
      .spb(bytes(1, 2, 3, 4, 5, 6), 6) // cut to the interface's snaplen
      .block(0x0bad, bytes(1, 2, 3, 4, 5)) // custom block
      .opb(0, 5_000_000n, bytes(9, 8))
      .block(5, new Uint8Array(20)); // interface statistics
    const r = await read("blocks.pcapng", w.bytes());
    assert.deepEqual(r.warnings, []);
    assert.deepEqual(
      r.packets.map((p) => [p.frame, p.data, p.wirelen]),
      [
        [1, [1, 2, 3, 4], 6],
        [2, [9, 8], 2],
      ],
    );
    assert.equal(r.packets[1].tsMs, 5000);
  });

  it("warns about a block with mismatched lengths, resynchronises and goes on", async () => {
    const w = new PcapngWriter(true)
      .section()
      .iface(1)
      .epb(0, 1n, bytes(1))
      .epb(0, 2n, bytes(2))
      .epb(0, 3n, bytes(3));
    const data = w.bytes();
    // Corrupt the trailing length of the second EPB (each EPB here is 36 bytes).
    const shb = 28;
    const idb = 20;
    const second = shb + idb + 36;
    new DataView(data.buffer).setUint32(second + 32, 99, true);
    const r = await read("corrupt.pcapng", data);
    assert.deepEqual(
      r.packets.map((p) => p.data),
      [[1], [3]],
    );
    // The corrupt block, then the resumption after it: both located where the skipped bytes start.
    assert.deepEqual(located(r.warnings), [
      ["capture-damaged", 1, second],
      ["capture-damaged", 1, second],
    ]);
  });

  it("warns about packets of undeclared interfaces and skips only them", async () => {
    const w = new PcapngWriter(true).section().iface(1).epb(3, 1n, bytes(1)).epb(0, 2n, bytes(2));
    const r = await read("no-iface.pcapng", w.bytes());
    assert.deepEqual(
      r.packets.map((p) => [p.frame, p.data]),
      [[1, [2]]],
    );
    assert.deepEqual(located(r.warnings), [["capture-damaged", 0, 48]]);
  });

  it("yields every packet before a cut in the middle of a block", async () => {
    const data = new PcapngWriter(false)
      .section()
      .iface(1)
      .epb(0, 1n, bytes(1, 1))
      .epb(0, 2n, bytes(2, 2))
      .bytes();
    const r = await read("cut.pcapng", data.subarray(0, data.length - 10));
    assert.deepEqual(
      r.packets.map((p) => p.data),
      [[1, 1]],
    );
    assert.deepEqual(located(r.warnings), [["capture-damaged", 1, 84]]);
  });
});
