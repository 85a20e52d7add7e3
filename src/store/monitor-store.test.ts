import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, test } from "node:test";
import Database from "better-sqlite3";
import { MIGRATIONS } from "./migrations.js";
import { type AlertOccurrence, MonitorStore } from "./monitor-store.js";
import { Workspace } from "./workspace.js";

const dir = mkdtempSync(join(tmpdir(), "otaudit-monitor-store-"));
after(() => rmSync(dir, { recursive: true, force: true }));
let n = 0;
const fresh = () => MonitorStore.open(join(dir, `w${++n}.db`));

function occurrence(over: Partial<AlertOccurrence> = {}): AlertOccurrence {
  return {
    type: "new-write",
    title: "Writes from a station that never sent them",
    subject: "192.168.30.99>192.168.30.12",
    fold: { kind: "write", keys: ["192.168.30.99>192.168.30.12"] },
    severity: "high",
    requirements: ["SR 2.1"],
    summary: "192.168.30.99 to plc-filter: 2 requests",
    zones: ["control"],
    assets: ["192.168.30.99", "plc-filter"],
    file: "captures/a.pcap",
    first: { frame: 10, time: "2026-11-26T08:00:01.000Z" },
    last: { frame: 20, time: "2026-11-26T08:00:02.000Z" },
    count: 2,
    ...over,
  };
}

test("a departure raised once; seen again it adds to the count and keeps the first evidence", () => {
  const s = fresh();
  const raised = s.raise([occurrence()], "2026-11-27T10:00:00.000Z");
  assert.equal(raised.length, 1);
  assert.equal(raised[0].id, "new-write:192.168.30.99>192.168.30.12");
  assert.equal(raised[0].number, 1);
  assert.deepEqual(
    raised[0].evidence.map((e) => `${e.file}#${e.frame}`),
    ["captures/a.pcap#10", "captures/a.pcap#20"],
  );
  const again = s.raise(
    [
      occurrence({
        file: "captures/b.pcap",
        first: { frame: 5, time: "2026-11-26T08:05:00.000Z" },
        last: { frame: 7, time: "2026-11-26T08:05:01.000Z" },
        count: 3,
      }),
    ],
    "2026-11-27T10:05:00.000Z",
  );
  assert.deepEqual(again, []);
  const a = s.alert("1")!;
  assert.equal(a.count, 5);
  assert.deepEqual(
    a.evidence.map((e) => `${e.file}#${e.frame}`),
    ["captures/a.pcap#10", "captures/b.pcap#7"],
  );
  assert.equal(a.firstSeen, "2026-11-26T08:00:01.000Z");
  assert.equal(a.lastSeen, "2026-11-26T08:05:01.000Z");
  assert.equal(a.raisedAt, "2026-11-27T10:00:00.000Z");
  assert.equal(s.pendingNotices("file").length, 1, "a repeat queues no notice");
  s.close();
});

test("acknowledged alerts keep counting; folded ones become baseline facts", () => {
  const s = fresh();
  s.raise([occurrence()], "2026-11-27T10:00:00.000Z");
  const acked = s.acknowledge("new-write:192.168.30.99>192.168.30.12", {
    at: "2026-11-27T11:00:00.000Z",
    by: "j.doe",
    note: "commissioning",
    fold: false,
  })!;
  assert.equal(acked.status, "acknowledged");
  assert.deepEqual(acked.acknowledged, {
    at: "2026-11-27T11:00:00.000Z",
    by: "j.doe",
    note: "commissioning",
  });
  assert.equal(s.has("write", "192.168.30.99>192.168.30.12"), false);
  s.raise([occurrence({ count: 1 })], "2026-11-27T12:00:00.000Z");
  assert.equal(s.alert("1")!.status, "acknowledged");
  assert.equal(s.alert("1")!.count, 3);

  const folded = s.acknowledge("1", { at: "2026-11-27T13:00:00.000Z", by: null, note: null, fold: true })!;
  assert.equal(folded.status, "folded");
  assert.equal(s.has("write", "192.168.30.99>192.168.30.12"), true);
  assert.deepEqual(
    s.alerts().map((a) => a.id),
    [],
    "folded alerts leave the default list",
  );
  assert.deepEqual(
    s.alerts(true).map((a) => a.id),
    ["new-write:192.168.30.99>192.168.30.12"],
  );
  assert.equal(s.acknowledge("99", { at: "x", by: null, note: null, fold: false }), undefined);
  s.close();
});

test("folding a firmware change makes the new version the only expected one, under every address", () => {
  const s = fresh();
  s.learn(
    [
      { kind: "firmware", key: "192.168.30.12=v2.70", frame: 3 },
      { kind: "firmware", key: "mac:00:80:f4:30:00:12@vlan30=v2.70", frame: 3 },
    ],
    "captures/a.pcap",
    "2026-11-27T10:00:00.000Z",
  );
  s.raise(
    [
      occurrence({
        type: "firmware-change",
        subject: "192.168.30.12=v2.80",
        fold: { kind: "firmware", keys: ["192.168.30.12=v2.80", "mac:00:80:f4:30:00:12@vlan30=v2.80"] },
      }),
    ],
    "2026-11-27T10:00:00.000Z",
  );
  s.acknowledge("1", { at: "2026-11-27T11:00:00.000Z", by: null, note: null, fold: true });
  assert.deepEqual(s.keysWithPrefix("firmware", "192.168.30.12="), ["192.168.30.12=v2.80"]);
  assert.deepEqual(s.keysWithPrefix("firmware", "mac:00:80:f4:30:00:12@vlan30="), [
    "mac:00:80:f4:30:00:12@vlan30=v2.80",
  ]);
  s.close();
});

test("prefix look-ups do not run into longer addresses", () => {
  const s = fresh();
  s.learn(
    [
      { kind: "ip-mac", key: "10.0.0.1@00:00:00:00:00:01", frame: 1 },
      { kind: "ip-mac", key: "10.0.0.12@00:00:00:00:00:02", frame: 1 },
    ],
    "f",
    "t",
  );
  assert.deepEqual(s.keysWithPrefix("ip-mac", "10.0.0.1@"), ["10.0.0.1@00:00:00:00:00:01"]);
  s.close();
});

test("notices are delivered per channel, in order", () => {
  const s = fresh();
  s.raise(
    [occurrence(), occurrence({ type: "new-control", fold: { kind: "control", keys: ["x"] } })],
    "2026-11-27T10:00:00.000Z",
  );
  assert.deepEqual(
    s.pendingNotices("file").map((x) => [x.seq, x.id]),
    [
      [1, "new-write:192.168.30.99>192.168.30.12"],
      [2, "new-control:192.168.30.99>192.168.30.12"],
    ],
  );
  s.delivered("file", 1);
  assert.deepEqual(
    s.pendingNotices("file").map((x) => x.seq),
    [2],
  );
  assert.deepEqual(
    s.pendingNotices("syslog").map((x) => x.seq),
    [1, 2],
  );
  s.close();
});

test("a transaction that throws leaves nothing behind", () => {
  const s = fresh();
  assert.throws(() =>
    s.transaction(() => {
      s.raise([occurrence()], "2026-11-27T10:00:00.000Z");
      s.learn([{ kind: "asset", key: "192.168.30.99", frame: 1 }], "f", "t");
      throw new Error("killed");
    }),
  );
  assert.deepEqual(s.alerts(true), []);
  assert.equal(s.baselineSize(), 0);
  assert.deepEqual(s.pendingNotices("file"), []);
  s.close();
});

test("a workspace from before monitoring is brought forward with its assessments intact", () => {
  const path = join(dir, "old.db");
  Workspace.open(path, MIGRATIONS.slice(0, 1)).close();
  const raw = new Database(path);
  raw.prepare("INSERT INTO assessment VALUES ('a1', 'site', '0.1.0', 's', 'f', '{}')").run();
  raw.close();
  const s = MonitorStore.open(path);
  assert.equal(s.baselineSize(), 0);
  s.close();
  const ws = Workspace.open(path);
  assert.equal(ws.schemaVersion, MIGRATIONS.at(-1)!.version);
  assert.deepEqual(
    ws.list().map((r) => r.id),
    ["a1"],
  );
  ws.close();
});

test("an alert stored under schema 2 (one fold key) comes forward as a list of one", () => {
  const path = join(dir, "v2.db");
  Workspace.open(path, MIGRATIONS.slice(0, 2)).close();
  const raw = new Database(path);
  raw
    .prepare(
      "INSERT INTO monitor_alert (id, status, severity, fold_kind, fold_key, alert_json) VALUES ('new-talker:x', 'open', 'high', 'talker', 'talker:10.0.0.9', '{}')",
    )
    .run();
  raw.close();
  MonitorStore.open(path).close();
  const moved = new Database(path);
  assert.deepEqual(moved.prepare("SELECT fold_keys FROM monitor_alert").get(), {
    fold_keys: '["talker:10.0.0.9"]',
  });
  moved.close();
});
