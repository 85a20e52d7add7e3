import assert from "node:assert/strict";
import { appendFileSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, test } from "node:test";
import { type AlertOccurrence, MonitorStore } from "../../store/monitor-store.js";
import { AlertsFile } from "./alerts-file.js";
import { Notifier } from "./notifier.js";

const dir = mkdtempSync(join(tmpdir(), "otaudit-alerts-file-"));
after(() => rmSync(dir, { recursive: true, force: true }));

function occurrence(subject: string): AlertOccurrence {
  return {
    type: "new-asset",
    title: "New asset on the network",
    subject,
    fold: { kind: "asset", keys: [subject] },
    severity: "medium",
    requirements: ["SR 7.8"],
    summary: `${subject} appeared`,
    zones: [],
    assets: [subject],
    file: "captures/a.pcap",
    first: { frame: 1, time: "2026-11-26T08:00:00.000Z" },
    last: { frame: 1, time: "2026-11-26T08:00:00.000Z" },
    count: 1,
  };
}

const lines = (path: string) =>
  readFileSync(path, "utf8")
    .split("\n")
    .filter(Boolean)
    .map((l) => (JSON.parse(l) as { seq: number; id: string }).seq);

test("a line cut short by a kill is removed, and writing resumes after the last whole line", () => {
  const path = join(dir, "cut.jsonl");
  const file = new AlertsFile(path);
  assert.equal(file.lastSeq(), 0, "no file yet");
  const store = MonitorStore.open(join(dir, "cut.db"));
  store.raise([occurrence("10.0.0.1"), occurrence("10.0.0.2")], "2026-11-27T00:00:00.000Z");
  file.append(store.pendingNotices("file"));
  appendFileSync(path, '{"seq":3,"event":"rai');
  assert.equal(file.lastSeq(), 2);
  assert.deepEqual(lines(path), [1, 2]);
  assert.ok(readFileSync(path, "utf8").endsWith("}\n"));
  store.close();
});

test("a restart after the file got lines but before the workspace knew writes each line once", async () => {
  const path = join(dir, "restart.jsonl");
  const store = MonitorStore.open(join(dir, "restart.db"));
  store.raise(
    [occurrence("10.0.0.1"), occurrence("10.0.0.2"), occurrence("10.0.0.3")],
    "2026-11-27T00:00:00.000Z",
  );
  // The process wrote the first two notices, then was killed before recording the delivery.
  new AlertsFile(path).append(store.pendingNotices("file").slice(0, 2));
  assert.equal(store.pendingNotices("file").length, 3);

  const notifier = new Notifier(store, new AlertsFile(path), null, {
    hostname: "h",
    procId: "1",
    version: "0",
  });
  notifier.reconcile();
  assert.equal(await notifier.deliver(), null);
  assert.deepEqual(lines(path), [1, 2, 3]);
  assert.deepEqual(store.pendingNotices("file"), []);
  assert.deepEqual(store.pendingNotices("syslog"), [], "no collector configured: nothing kept for one");
  store.close();
});
