import assert from "node:assert/strict";
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { after, describe, it } from "node:test";
import { pcapFile, tempDir } from "../testing.js";
import { expandInputs } from "./inputs.js";

const tmp = tempDir();
after(tmp.remove);

describe("capture inputs", () => {
  it("lists a folder's captures in rotation order, subfolders included, skipping what is not a capture", () => {
    const root = join(tmp.dir, "captures");
    mkdirSync(join(root, "day-2"), { recursive: true });
    mkdirSync(join(root, "day-10"), { recursive: true });
    const pcap = pcapFile([]);
    for (const name of [
      "cell.pcap10",
      "cell.pcap2",
      "cell.pcap",
      "day-2/a.pcapng.gz",
      "day-10/b.cap",
      ".hidden.pcap",
    ]) {
      writeFileSync(join(root, name), pcap);
    }
    // tcpdump -C names its rotated files file, file1, file2...: found by their magic.
    writeFileSync(join(root, "trace1"), pcap);
    writeFileSync(join(root, "notes.md"), "# notes");
    writeFileSync(join(root, "logs.gz"), "not a capture");
    const names = expandInputs([root]).map((i) => i.display.slice(root.length + 1));
    assert.deepEqual(names, [
      "cell.pcap",
      "cell.pcap2",
      "cell.pcap10",
      "day-2/a.pcapng.gz",
      "day-10/b.cap",
      "trace1",
    ]);
  });

  it("keeps files named by the caller, in the caller's order and spelling", () => {
    const a = join(tmp.dir, "z.pcap");
    const b = join(tmp.dir, "anything.bin");
    writeFileSync(a, pcapFile([]));
    writeFileSync(b, "x");
    assert.deepEqual(
      expandInputs([a, b]).map((i) => [i.display, i.size]),
      [
        [a, 24],
        [b, 1],
      ],
    );
    assert.throws(() => expandInputs([join(tmp.dir, "gone.pcap")]), /gone\.pcap: no such file or folder/);
  });
});
