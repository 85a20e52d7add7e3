/**
 * The folder rules of `watch`, in process: a file that is not a capture is reported once and the rest goes on,
 * the same capture under a second name is not read twice, a ring buffer's reused name is read again for its
 * new content, and a file that grew after it was ingested is reported rather than read twice.
 */
import assert from "node:assert/strict";
import {
  appendFileSync,
  copyFileSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  utimesSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { basename, join } from "node:path";
import { after, before, test } from "node:test";
import { watchPlant } from "../app/monitoring.js";
import { MonitorStore } from "../store/monitor-store.js";
import { workspacePath } from "../store/workspace.js";
import { writeRotatedPlant } from "./testing.js";
import type { WatchEvent } from "./watch.js";

const tmp = mkdtempSync(join(tmpdir(), "otaudit-watch-folder-"));
const plantDir = join(tmp, "plant");
const captures = join(plantDir, "captures");
const staging = join(tmp, "staging");
let files: string[] = [];
after(() => rmSync(tmp, { recursive: true, force: true }));

before(() => {
  mkdirSync(captures, { recursive: true });
  mkdirSync(staging);
  copyFileSync("examples/water-treatment/plant.yaml", join(plantDir, "plant.yaml"));
  files = writeRotatedPlant({ folder: staging, files: 4, period: 10 }).files;
});

/** Places a file in the watched folder as a writer would, with its modification time. */
function place(from: string, name: string, mtime: number): void {
  copyFileSync(from, join(captures, name));
  utimesSync(join(captures, name), mtime, mtime);
}

async function pass(): Promise<WatchEvent[]> {
  const events: WatchEvent[] = [];
  await watchPlant({
    plantDir,
    captures,
    learn: { by: "files", files: 2 },
    settleMs: 0,
    intervalMs: 0,
    once: true,
    alertsFile: join(plantDir, "out", "alerts.jsonl"),
    syslog: null,
    onEvent: (e) => events.push(e),
  });
  return events;
}

const outcomes = (events: WatchEvent[]) =>
  events.flatMap((e) => (e.kind === "file" ? [`${e.outcome.kind} ${basename(e.outcome.display)}`] : []));

test("a file that is not a capture is reported once; a copy of a capture is not read again", async () => {
  const t = 1_700_000_000;
  writeFileSync(join(tmp, "notes.pcap"), "these are notes, not packets\n");
  place(join(tmp, "notes.pcap"), "plant-00-notes.pcap", t);
  place(files[0], "a.pcap", t + 1);
  place(files[0], "a-copy.pcap", t + 2);
  place(files[1], "b.pcap", t + 3);
  const first = await pass();
  assert.deepEqual(outcomes(first), [
    "unreadable plant-00-notes.pcap",
    "learned a.pcap",
    "duplicate a-copy.pcap",
    "learned b.pcap",
  ]);
  const unreadable = first.find((e) => e.kind === "file" && e.outcome.kind === "unreadable");
  assert.ok(unreadable?.kind === "file" && unreadable.outcome.kind === "unreadable");
  assert.match(
    unreadable.outcome.error,
    /^captures\/plant-00-notes\.pcap: not a pcap or pcapng capture \(starts with 74 68 65 73\)/,
  );
  const second = await pass();
  assert.deepEqual(outcomes(second), [], "nothing read twice, the unreadable file not reported again");
});

test("a ring buffer reusing a name is read for its new content; a file that grew after ingest is reported", async () => {
  const t = 1_700_000_100;
  // tcpdump -C -W wraps: a.pcap is rewritten with new packets.
  place(files[2], "a.pcap", t);
  const ring = await pass();
  assert.deepEqual(outcomes(ring), ["monitored a.pcap"]);

  appendFileSync(join(captures, "b.pcap"), readFileSync(files[3]).subarray(24, 2_000));
  const grown = await pass();
  assert.deepEqual(outcomes(grown), []);
  assert.ok(
    grown.some(
      (e) =>
        e.kind === "warning" &&
        /b\.pcap grew by 1976 bytes after it was ingested; the new packets are not read/.test(e.message),
    ),
  );

  const store = MonitorStore.open(workspacePath(plantDir));
  const records = store.files().map((r) => `${r.status} ${basename(r.path)}`);
  store.close();
  assert.deepEqual(records, [
    "unreadable plant-00-notes.pcap",
    "learned a.pcap",
    "duplicate a-copy.pcap",
    "learned b.pcap",
    "monitored a.pcap",
  ]);
});
