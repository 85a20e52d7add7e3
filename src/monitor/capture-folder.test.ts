import assert from "node:assert/strict";
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, join } from "node:path";
import { after, test } from "node:test";
import { CaptureFileError } from "../capture/readers/open-capture.js";
import { completion, listCaptureFiles } from "./capture-folder.js";

const dir = mkdtempSync(join(tmpdir(), "otaudit-capture-folder-"));
after(() => rmSync(dir, { recursive: true, force: true }));
const CAPTURE = "test/corpus/captures/modbus/suricata__modbus/modbus.pcap";

function folder(name: string, files: [string, number][]): string {
  const d = join(dir, name);
  mkdirSync(d);
  for (const [file, mtime] of files) {
    copyFileSync(CAPTURE, join(d, file));
    utimesSync(join(d, file), mtime, mtime);
  }
  return d;
}

test("files are taken in writing order: by modification time, then by name with numbers compared as numbers", () => {
  // tcpdump -C names: plant.pcap, plant.pcap1, ..., plant.pcap10; two stamped in the same second.
  const d = folder("sizes", [
    ["plant.pcap10", 1_800_000_300],
    ["plant.pcap2", 1_800_000_200],
    ["plant.pcap", 1_800_000_100],
    ["plant.pcap1", 1_800_000_100],
  ]);
  writeFileSync(join(d, ".plant.pcap11.part"), "half a copy");
  writeFileSync(join(d, "notes.txt"), "not a capture");
  assert.deepEqual(
    listCaptureFiles(d).map((f) => basename(f.path)),
    ["plant.pcap", "plant.pcap1", "plant.pcap2", "plant.pcap10"],
  );
});

test("a ring buffer that reuses names is read in the order it wrote, not by name", () => {
  // tcpdump -C 100 -W 3 after wrapping: file 0 is the newest.
  const d = folder("ring", [
    ["ring.pcap0", 1_800_000_400],
    ["ring.pcap1", 1_800_000_200],
    ["ring.pcap2", 1_800_000_300],
  ]);
  assert.deepEqual(
    listCaptureFiles(d).map((f) => basename(f.path)),
    ["ring.pcap1", "ring.pcap2", "ring.pcap0"],
  );
});

test("the newest file is still being written until it has been left alone for the settle time", () => {
  const files = [
    { path: "/c/a.pcap", size: 10, mtimeMs: 1_000 },
    { path: "/c/b.pcap", size: 10, mtimeMs: 5_000 },
  ];
  const writing = completion(files, 5_000 + 59_999, 60_000);
  assert.deepEqual(
    writing.complete.map((f) => f.path),
    ["/c/a.pcap"],
  );
  assert.equal(writing.writing?.path, "/c/b.pcap");
  const stopped = completion(files, 5_000 + 60_000, 60_000);
  assert.deepEqual(
    stopped.complete.map((f) => f.path),
    ["/c/a.pcap", "/c/b.pcap"],
  );
  assert.equal(stopped.writing, null);
  assert.deepEqual(completion([], 0, 60_000), { complete: [], writing: null });
});

test("a folder that does not exist is an error naming it", () => {
  assert.throws(
    () => listCaptureFiles(join(dir, "missing")),
    (e: unknown) => e instanceof CaptureFileError && /missing/.test(e.message),
  );
});
