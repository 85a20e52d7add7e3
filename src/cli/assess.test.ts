/**
 * `otaudit assess` on what plant folders really hold: notes beside the captures, captures named any way, and an
 * output set that names the stored run it came from.
 */
import assert from "node:assert/strict";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { after, test } from "node:test";
import { gzipSync } from "node:zlib";
import type { Assessment } from "../model/assessment.js";
import { copyOfExample, otaudit, removeCopies } from "./testing.js";

after(removeCopies);

test("a README.md in captures/ is skipped with a warning, in the output problems; a capture is known by its bytes", () => {
  const dir = copyOfExample();
  writeFileSync(join(dir, "captures", "README.md"), "# Captures\n\nSPAN of the core switch, 2026-11-20.\n");
  writeFileSync(join(dir, "captures", "notes.pcap"), "taken on the wrong port, ignore\n");
  // A rotated capture with no extension, compressed: its name says nothing, its bytes do.
  const pcap = readFileSync(join(dir, "captures", "plant.pcap"));
  writeFileSync(join(dir, "captures", "mirror-0001"), gzipSync(pcap));

  const r = otaudit(["assess", dir]);
  assert.equal(r.code, 0, r.err);
  assert.match(
    r.err,
    /^warning captures\/README\.md not a pcap or pcapng capture \(starts with 23 20 43 61\): skipped$/m,
  );
  assert.match(r.err, /^warning captures\/notes\.pcap not a pcap or pcapng capture .*: skipped$/m);
  // Grouped under their code; each line as before.
  assert.match(
    r.err,
    /^unsupported-format \(2\)\nwarning captures\/README\.md .*\nwarning captures\/notes\.pcap /m,
  );

  const a = JSON.parse(readFileSync(join(dir, "out", "assessment.json"), "utf8")) as Assessment;
  const skipped = a.problems
    .filter((p) => p.file.startsWith("captures/"))
    .map((p) => [p.severity, p.code, p.file]);
  assert.deepEqual(skipped, [
    ["warning", "unsupported-format", "captures/README.md"],
    ["warning", "unsupported-format", "captures/notes.pcap"],
    // Read, but the example's plant.yaml declares what plant.pcap saw, not this file: which zones it saw is unknown.
    ["warning", "not-modelled", "captures/mirror-0001"],
  ]);
  // The report's inputs section shows the code beside the problem.
  assert.match(
    readFileSync(join(dir, "out", "report.html"), "utf8"),
    /<li><strong>unsupported-format<\/strong> <code>captures\/README\.md /,
  );
  assert.deepEqual(
    a.capture?.stats.files.map((f) => [f.path, f.format]),
    [
      ["captures/mirror-0001", "pcap"],
      ["captures/plant.pcap", "pcap"],
    ],
  );
  assert.deepEqual(
    a.inputs.filter((i) => i.kind === "capture").map((i) => i.path),
    ["captures/mirror-0001", "captures/plant.pcap"],
  );
  assert.match(readFileSync(join(dir, "out", "report.html"), "utf8"), /captures\/README\.md not a pcap/);
});

test("the output set names its run: assessment.json, the report and the marker carry the id otaudit history lists", () => {
  const dir = copyOfExample();
  assert.equal(otaudit(["assess", dir]).code, 0);
  const history = JSON.parse(otaudit(["history", dir, "--json"]).out) as { id: string }[];
  const id = history.at(-1)!.id;
  const out = join(dir, "out");
  assert.equal((JSON.parse(readFileSync(join(out, "assessment.json"), "utf8")) as Assessment).id, id);
  assert.ok(readFileSync(join(out, "report.html"), "utf8").includes(`Assessment ${id}`));
  const marker = JSON.parse(readFileSync(join(out, ".otaudit-outputs.json"), "utf8")) as { runId: string };
  assert.equal(marker.runId, id);
});
