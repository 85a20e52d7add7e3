import assert from "node:assert/strict";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { after, describe, it } from "node:test";
import { gzipSync } from "node:zlib";
import type { CaptureWarning } from "../../model/capture.js";
import { ethernet, ipv4, pcapFile, tempDir, udp } from "../testing.js";
import { openCapture } from "./open-capture.js";
import { RawPacket } from "./raw-packet.js";

const CORPUS = "test/corpus/captures";

interface Read {
  format: string;
  linkTypes: number[];
  warnings: CaptureWarning[];
  packets: {
    frame: number;
    tsMs: number;
    caplen: number;
    wirelen: number;
    linkType: number;
    first: number;
    last: number;
  }[];
}

async function readAll(path: string, chunkSize?: number): Promise<Read> {
  const r = await openCapture(path, path, chunkSize);
  const raw = new RawPacket();
  const packets: Read["packets"] = [];
  for (;;) {
    while (r.next(raw)) {
      packets.push({
        frame: raw.frame,
        tsMs: raw.tsMs,
        caplen: raw.caplen,
        wirelen: raw.wirelen,
        linkType: raw.linkType,
        first: raw.buf[raw.off],
        last: raw.buf[raw.off + raw.caplen - 1],
      });
    }
    if (!(await r.refill())) break;
  }
  await r.close();
  return { format: r.format, linkTypes: [...r.linkTypes], warnings: r.warnings, packets };
}

/** MANIFEST.tsv: per capture file, its format, packet count and link type as the corpus curator recorded them. */
function manifest(): { file: string; format: string; packets: number; linkType: string }[] {
  const lines = readFileSync(join(CORPUS, "MANIFEST.tsv"), "utf8").trim().split("\n").slice(1);
  return lines.map((line) => {
    const cols = line.split("\t");
    const note = cols[8];
    return {
      file: cols[0],
      format: note.split(" | ")[0],
      packets: Number(/(\d+) pkts/.exec(note)![1]),
      linkType: /linktype ([\w-]+)/.exec(note)?.[1] ?? "ether",
    };
  });
}

const LINK_TYPES: Record<string, number> = { ether: 1, null: 0, "linux-sll": 113 };

const tmp = tempDir();
after(tmp.remove);

describe("capture readers on the corpus", () => {
  const entries = manifest();

  it("reads every corpus capture with the packet count, format and link type of MANIFEST.tsv", async () => {
    assert.ok(entries.length >= 40);
    for (const e of entries) {
      const read = await readAll(join(CORPUS, e.file));
      assert.equal(read.format, e.format, e.file);
      assert.equal(read.packets.length, e.packets, e.file);
      assert.deepEqual(read.linkTypes, [LINK_TYPES[e.linkType]], e.file);
      assert.deepEqual(read.warnings, [], e.file);
      assert.deepEqual(
        read.packets.map((p) => p.frame),
        read.packets.map((_, i) => i + 1),
        `${e.file}: frames number from 1`,
      );
    }
  });

  it("detects pcapng by content when the name says .pcap", async () => {
    const read = await readAll(
      join(
        CORPUS,
        "opcua-binary/opcua__open62541_client-server_mainloop-no-handshake/open62541_client-server_mainloop-no-handshake.pcap",
      ),
    );
    assert.equal(read.format, "pcapng");
    assert.deepEqual(read.linkTypes, [0]);
  });

  it("hands out the same packets whatever the chunk size (records straddling chunk ends)", async () => {
    for (const file of [
      "bacnet/bacnet__bacnet_segmented_data/bacnet_segmented_data.pcap",
      "profinet-io-cm/profinet__profinet_io_cm_read/profinet_io_cm_read.pcapng",
    ]) {
      const whole = await readAll(join(CORPUS, file));
      const small = await readAll(join(CORPUS, file), 100);
      assert.deepEqual(small.packets, whole.packets, file);
    }
  });

  it("reads timestamps as tshark does (first and last frame of a corpus file)", async () => {
    // tshark -r snap7.pcap -T fields -e frame.time_epoch: 1454969289.930413000 (frame 1), 1454969290.479087000 (last)
    const read = await readAll(join(CORPUS, "s7comm/s7comm__snap7/snap7.pcap"));
    assert.equal(Math.round(read.packets[0].tsMs * 1000), 1454969289930413);
    assert.equal(Math.round(read.packets.at(-1)!.tsMs * 1000), 1454969290479087);
  });
});

describe("classic pcap variants", () => {
  const frame = (n: number) =>
    ethernet(
      "00:00:00:00:00:02",
      "00:00:00:00:00:01",
      0x0800,
      ipv4("10.0.0.1", "10.0.0.2", 17, udp(1000, 2000, new Uint8Array(n).fill(n))),
    );
  const records = [
    { ms: 1_700_000_000_123.456, data: frame(10) },
    { ms: 1_700_000_001_000.001, data: frame(20) },
  ];

  for (const [name, options] of [
    ["little-endian microseconds", { littleEndian: true }],
    ["big-endian microseconds", { littleEndian: false }],
    ["little-endian nanoseconds", { littleEndian: true, nanos: true }],
    ["big-endian nanoseconds", { littleEndian: false, nanos: true }],
  ] as const) {
    it(`reads ${name}`, async () => {
      const path = join(tmp.dir, `${name.replaceAll(" ", "-")}.pcap`);
      writeFileSync(path, pcapFile(records, options));
      const read = await readAll(path);
      assert.equal(read.format, "pcap");
      assert.equal(read.packets.length, 2);
      // Microsecond files keep microseconds; nanosecond files keep the nanoseconds given.
      const precision = "nanos" in options ? 1e-6 : 1e-3;
      for (const [i, p] of read.packets.entries()) {
        assert.ok(Math.abs(p.tsMs - records[i].ms) <= precision, `${p.tsMs} vs ${records[i].ms}`);
        assert.equal(p.caplen, records[i].data.length);
        assert.equal(p.last, records[i].data.at(-1));
      }
    });
  }

  it("reads the modified (Kuznetsov) format with its longer record headers", async () => {
    const head = Buffer.alloc(24);
    head.writeUInt32LE(0xa1b2cd34, 0);
    head.writeUInt16LE(2, 4);
    head.writeUInt16LE(4, 6);
    head.writeUInt32LE(65535, 16);
    head.writeUInt32LE(1, 20);
    const recs = records.map((r) => {
      const h = Buffer.alloc(24);
      h.writeUInt32LE(Math.floor(r.ms / 1000), 0);
      h.writeUInt32LE(Math.round((r.ms % 1000) * 1000), 4);
      h.writeUInt32LE(r.data.length, 8);
      h.writeUInt32LE(r.data.length, 12);
      // ifindex, protocol, packet type, padding: ignored.
      h.writeUInt32LE(2, 16);
      return Buffer.concat([h, r.data]);
    });
    const path = join(tmp.dir, "modified.pcap");
    writeFileSync(path, Buffer.concat([head, ...recs]));
    const read = await readAll(path);
    assert.deepEqual(
      read.packets.map((p) => [p.caplen, p.last]),
      records.map((r) => [r.data.length, r.data.at(-1)]),
    );
    assert.deepEqual(read.warnings, []);
  });

  it("keeps the wire length of snaplen-cut packets", async () => {
    const path = join(tmp.dir, "snaplen.pcap");
    const data = frame(200);
    writeFileSync(
      path,
      pcapFile([{ ms: 1e12, data: data.subarray(0, 64), wireLen: data.length }], { snaplen: 64 }),
    );
    const read = await readAll(path);
    assert.equal(read.packets[0].caplen, 64);
    assert.equal(read.packets[0].wirelen, data.length);
  });

  it("yields every packet before a cut in the middle of a record, with a warning naming file and frame", async () => {
    const whole = readFileSync(join(CORPUS, "modbus/zeek__fuzz-1011/fuzz-1011.pcap"));
    const full = await readAll(join(CORPUS, "modbus/zeek__fuzz-1011/fuzz-1011.pcap"));
    // Cut 5 bytes into the data of the 5th record.
    let o = 24;
    for (let i = 0; i < 4; i++) o += 16 + whole.readUInt32LE(o + 8);
    const path = join(tmp.dir, "cut.pcap");
    writeFileSync(path, whole.subarray(0, o + 16 + 5));
    const read = await readAll(path);
    assert.deepEqual(read.packets, full.packets.slice(0, 4));
    assert.deepEqual(
      read.warnings.map((w) => [w.code, w.frame, w.offset]),
      [["capture-damaged", 4, o]],
    );
  });

  it("skips a corrupt record header to the next plausible record and says so", async () => {
    const recs = [1, 2, 3, 4, 5].map((i) => ({ ms: 1_700_000_000_000 + i, data: frame(i * 3) }));
    const bytes = pcapFile(recs);
    // Record 3's captured length becomes absurd.
    let o = 24;
    for (let i = 0; i < 2; i++) o += 16 + recs[i].data.length;
    new DataView(bytes.buffer).setUint32(o + 8, 0x7fffffff, true);
    const path = join(tmp.dir, "corrupt.pcap");
    writeFileSync(path, bytes);
    const read = await readAll(path);
    assert.deepEqual(
      read.packets.map((p) => p.caplen),
      [recs[0], recs[1], recs[3], recs[4]].map((r) => r.data.length),
    );
    // The corrupt header, then the resumption after it: both located where the skipped bytes start.
    assert.deepEqual(
      read.warnings.map((w) => [w.code, w.frame, w.offset]),
      [
        ["capture-damaged", 2, o],
        ["capture-damaged", 2, o],
      ],
    );
  });

  it("rejects a file that is not a capture, naming it", async () => {
    const path = join(tmp.dir, "notes.txt");
    writeFileSync(path, "hello, world\n");
    await assert.rejects(
      openCapture(path),
      /notes\.txt: not a pcap or pcapng capture \(starts with 68 65 6c 6c\)/,
    );
    await assert.rejects(openCapture(join(tmp.dir, "missing.pcap")), /missing\.pcap: no such file/);
  });
});

describe("gzip-compressed captures", () => {
  it("reads a gzipped capture through zlib with the same packets", async () => {
    const source = join(CORPUS, "dnp3/zeek__dnp3/dnp3.pcap");
    const path = join(tmp.dir, "dnp3.pcap.gz");
    writeFileSync(path, gzipSync(readFileSync(source)));
    const plain = await readAll(source);
    const zipped = await readAll(path);
    assert.equal(zipped.packets.length, 214);
    assert.deepEqual(zipped.packets, plain.packets);
    assert.deepEqual(zipped.warnings, []);
  });

  it("keeps the packets before the cut of a truncated gzip stream and warns", async () => {
    const source = join(CORPUS, "bacnet/bacnet__bacnet_example/bacnet_example.pcap");
    const zipped = gzipSync(readFileSync(source));
    const path = join(tmp.dir, "cut.pcap.gz");
    writeFileSync(path, zipped.subarray(0, Math.floor(zipped.length / 2)));
    const plain = await readAll(source);
    const read = await readAll(path);
    assert.ok(
      read.packets.length > 100 && read.packets.length < plain.packets.length,
      String(read.packets.length),
    );
    assert.deepEqual(read.packets, plain.packets.slice(0, read.packets.length));
    assert.ok(read.warnings.length > 0);
    for (const w of read.warnings) {
      assert.equal(w.code, "capture-damaged", w.message);
      assert.equal(w.frame, read.packets.length, w.message);
    }
  });
});
