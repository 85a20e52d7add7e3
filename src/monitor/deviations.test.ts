/**
 * Every alert type on generated rotated captures of the example plant: two files of steady operation are
 * learned, then each later file carries one deliberate change, and must raise exactly the alerts that change
 * implies, pointing at the frames the generator wrote for it.
 */
import assert from "node:assert/strict";
import { copyFileSync, mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, join } from "node:path";
import { after, before, test } from "node:test";
import { loadPlant } from "../app/assess.js";
import type { Alert } from "../model/alert.js";
import { MonitorStore } from "../store/monitor-store.js";
import { makeHost } from "../synth/network.js";
import * as mb from "../synth/protocols/modbus.js";
import { PLANT_IDENTITIES } from "../synth/scenarios/plant.js";
import { SECOND } from "../synth/sessions/context.js";
import { arpResolve } from "../synth/sessions/discovery.js";
import { snmpPoll } from "../synth/sessions/infrastructure.js";
import { modbusPoll } from "../synth/sessions/modbus.js";
import { teamViewerSession, telnetLogin } from "../synth/sessions/remote-access.js";
import { s7Download, s7Upload } from "../synth/sessions/s7comm.js";
import { listCaptureFiles } from "./capture-folder.js";
import { SCAN_MIN_HOSTS, SCAN_MIN_PORTS } from "./deviations.js";
import { type IngestOutcome, ingestFile } from "./ingest.js";
import { resolveLearning } from "./learning-state.js";
import { plantContext } from "./plant-context.js";
import {
  type Change,
  type Mark,
  type RotatedPlant,
  synScan,
  tcpPayload,
  writeRotatedPlant,
} from "./testing.js";

const PERIOD = 20;
/** Change n lands in file n + 3 (files 1 and 2 are learned). */
const inFile = (n: number) => 2 * PERIOD + n * PERIOD + 4;

const SWEPT = Array.from({ length: SCAN_MIN_HOSTS + 4 }, (_, i) =>
  makeHost({
    name: `absent-${i}`,
    mac: "00:00:00:00:00:00",
    ip: `192.168.20.${100 + i}`,
    vlan: 20,
    gateway: "00:09:0f:09:0a:01",
  }),
);
const SCANNED_PORTS = Array.from({ length: SCAN_MIN_PORTS + 6 }, (_, i) => 1000 + i);

const CHANGES: Change[] = [
  {
    label: "spoof",
    at: inFile(0),
    make: (c, H, t) => arpResolve(c, t, H.plcIntake, H.plcIntake.ip, H.impostor),
  },
  {
    label: "port-scan",
    at: inFile(1),
    make: (c, H, t) =>
      synScan(c, { scanner: H.hmi02, targets: [H.plcIntake], ports: SCANNED_PORTS, start: t }),
  },
  {
    label: "sweep",
    at: inFile(2),
    make: (c, H, t) =>
      synScan(c, { scanner: H.laptop, targets: SWEPT, ports: [502], start: t, silent: true }),
  },
  {
    label: "firmware",
    at: inFile(3),
    make: (c, H, t) =>
      modbusPoll(c, {
        client: H.scada01,
        server: H.plcFilter,
        unit: 1,
        start: t,
        end: t + 3 * SECOND,
        period: SECOND,
        reads: [{ fc: mb.FC_READ_HOLDING, address: 100, quantity: 2 }],
        identity: { ...PLANT_IDENTITIES.plcFilter, revision: "v2.80" },
      }),
  },
  {
    label: "stop-and-download",
    at: inFile(4),
    make: (c, H, t) =>
      s7Download(c, {
        client: H.ews01,
        server: H.plcIntake,
        start: t,
        identity: PLANT_IDENTITIES.plcIntake,
        stopFirst: true,
        blocks: [{ type: "OB", number: 1, size: 600 }],
      }),
  },
  {
    label: "snmp",
    at: inFile(5),
    make: (c, H, t) =>
      snmpPoll(
        c,
        H.scada01,
        H.plcFilter,
        "public",
        { descr: "BMX P34 2020", name: "plc-filter" },
        t,
        t + 2 * SECOND,
        5 * SECOND,
      ),
  },
  {
    label: "telnet",
    at: inFile(6),
    make: (c, H, t) =>
      telnetLogin(c, {
        client: H.scada01,
        server: H.rtuReservoir,
        hostname: "rtu-reservoir",
        user: "admin",
        password: "Reservoir2019",
        start: t,
        commands: [["show version", "SEL-3505 RTAC"]],
      }),
  },
  {
    label: "teamviewer",
    at: inFile(7),
    make: (c, H, t) =>
      teamViewerSession(c, {
        client: H.ews01,
        server: H.teamviewer,
        start: t,
        end: t + 8 * SECOND,
        activeSeconds: 4,
      }),
  },
  {
    label: "upload",
    at: inFile(8),
    make: (c, H, t) =>
      s7Upload(c, {
        client: H.scada01,
        server: H.plcIntake,
        start: t,
        identity: PLANT_IDENTITIES.plcIntake,
        block: { type: "OB", number: 1, size: 500 },
      }),
  },
];

let dir: string;
let plant: RotatedPlant;
const outcomes: IngestOutcome[] = [];

before(async () => {
  dir = mkdtempSync(join(tmpdir(), "otaudit-deviations-"));
  mkdirSync(join(dir, "captures"));
  copyFileSync("examples/water-treatment/plant.yaml", join(dir, "plant.yaml"));
  plant = writeRotatedPlant({
    folder: join(dir, "captures"),
    files: 2 + CHANGES.length,
    period: PERIOD,
    changes: CHANGES,
  });
  const store = MonitorStore.open(join(dir, ".otaudit", "workspace.db"));
  try {
    resolveLearning(store, { by: "files", files: 2 });
    const ctx = {
      store,
      plant: plantContext(loadPlant(dir).plant),
      now: () => new Date("2026-11-27T00:00:00Z"),
    };
    for (const f of listCaptureFiles(join(dir, "captures")))
      outcomes.push(await ingestFile(ctx, f, `captures/${basename(f.path)}`));
  } finally {
    store.close();
  }
});

after(() => rmSync(dir, { recursive: true, force: true }));

function raisedIn(file: number): Alert[] {
  const o = outcomes[file - 1];
  assert.ok(o.kind === "learned" || o.kind === "monitored", JSON.stringify(o));
  return o.raised;
}

function ids(alerts: readonly Alert[]): string[] {
  return alerts.map((a) => a.id).sort();
}

function marks(label: string): Mark[] {
  const m = plant.marks.get(label);
  assert.ok(m && m.length > 0, `the generator wrote no frame for ${label}`);
  return m;
}

function firstFrame(alert: Alert | undefined): string {
  assert.ok(alert, "alert missing");
  const e = alert.evidence[0];
  return `${basename(e.file)}#${e.frame}`;
}

const at = (m: Mark) => `${basename(m.file)}#${m.frame}`;
const byId = (alerts: readonly Alert[], id: string) => alerts.find((a) => a.id === id);

test("steady operation raises nothing: every alert points at a frame of the file's deliberate change", () => {
  assert.equal(plant.files.length, 2 + CHANGES.length);
  assert.deepEqual(
    outcomes.map((o) => o.kind),
    ["learned", "learned", ...CHANGES.map(() => "monitored")],
  );
  CHANGES.forEach((change, i) => {
    const frames = new Set(marks(change.label).map(at));
    const alerts = raisedIn(i + 3);
    assert.ok(alerts.length > 0, change.label);
    for (const a of alerts)
      assert.ok(frames.has(firstFrame(a)), `${a.id} at ${firstFrame(a)} is not ${change.label}`);
  });
});

test("an address answered for by another MAC in ARP: known IP on a new MAC", () => {
  const alerts = raisedIn(3);
  assert.deepEqual(ids(alerts), ["ip-new-mac:192.168.30.12@00:0c:29:66:10:12"]);
  // The impostor's ARP reply, the second frame of the exchange.
  assert.equal(firstFrame(alerts[0]), at(marks("spoof")[1]));
  assert.match(alerts[0].summary, /baseline saw it only on 00:80:f4:30:00:12/);
  assert.deepEqual(alerts[0].assets, ["plc-filter"]);
});

test("a known host probing many ports of one PLC: one scan alert, no alert per port", () => {
  const alerts = raisedIn(4);
  assert.deepEqual(ids(alerts), ["scan:192.168.20.22"]);
  assert.equal(alerts[0].count, SCANNED_PORTS.length);
  assert.equal(firstFrame(alerts[0]), at(marks("port-scan")[0]));
  assert.match(
    alerts[0].summary,
    new RegExp(`up to ${SCANNED_PORTS.length} ports of one host \\(plc-intake`),
  );
});

test("a new laptop sweeping a subnet: the laptop is new, the addresses nobody answered for are not", () => {
  const alerts = raisedIn(5);
  assert.deepEqual(ids(alerts), ["new-asset:192.168.30.99", "scan:192.168.30.99"]);
  const scan = byId(alerts, "scan:192.168.30.99")!;
  assert.equal(scan.count, SWEPT.length);
  assert.equal(firstFrame(scan), at(marks("sweep")[0]));
  assert.equal(
    byId(alerts, "new-asset:192.168.30.99")!.severity,
    "high",
    "undeclared, in the critical control zone",
  );
});

test("a PLC reporting another firmware revision", () => {
  const alerts = raisedIn(6);
  assert.deepEqual(ids(alerts), ["firmware-change:192.168.30.12=v2.80"]);
  assert.match(alerts[0].summary, /reports firmware v2\.80 \(modbus\); the baseline saw v2\.70/);
  // The Read Device Identification response carrying the revision: the first frame from the PLC with FC 43.
  const response = marks("firmware").find((m) => tcpPayload(m.bytes)[7] === 0x2b && m.bytes[6 + 5] === 0x12);
  assert.ok(response);
  assert.equal(firstFrame(alerts[0]), at(response));
});

test("an engineering station stopping a PLC and downloading a block it never did before", () => {
  const alerts = raisedIn(7);
  assert.deepEqual(ids(alerts), [
    "controller-stop:192.168.20.30>192.168.30.11",
    "new-control:192.168.20.30>192.168.30.11",
    "new-program:192.168.20.30>192.168.30.11",
  ]);
  // S7 job PDUs from ews-01: PI service P_PROGRAM (stop, function 0x29) before the request download (0x1a).
  const s7Job = (fn: number) =>
    marks("stop-and-download").find((m) => {
      const p = tcpPayload(m.bytes);
      return p.length > 17 && p[7] === 0x32 && p[8] === 0x01 && p[17] === fn;
    });
  const stop = s7Job(0x29);
  const download = s7Job(0x1a);
  assert.ok(stop && download);
  assert.equal(firstFrame(byId(alerts, "controller-stop:192.168.20.30>192.168.30.11")), at(stop));
  assert.equal(firstFrame(byId(alerts, "new-program:192.168.20.30>192.168.30.11")), at(download));
  assert.equal(byId(alerts, "new-program:192.168.20.30>192.168.30.11")!.severity, "critical");
});

test("SNMP with the default community on a pair that only spoke Modbus", () => {
  const alerts = raisedIn(8);
  assert.deepEqual(ids(alerts), [
    "cleartext-credentials:192.168.20.10>192.168.30.12:snmp",
    "new-protocol:192.168.20.10~192.168.30.12/udp/161",
    "new-zone-flow:supervisory>control:udp/161",
  ]);
  // Conduit supervisory-control declares SNMP: new in use, not a breach of the design.
  assert.equal(byId(alerts, "new-zone-flow:supervisory>control:udp/161")!.severity, "low");
  for (const a of alerts) assert.equal(firstFrame(a), at(marks("snmp")[0]), a.id);
});

test("a Telnet login to an RTU: a declared but unseen asset, a flow outside the conduit, a session, credentials", () => {
  const alerts = raisedIn(9);
  assert.deepEqual(ids(alerts), [
    "cleartext-credentials:192.168.20.10>192.168.30.20:telnet",
    "flow-outside-conduit:supervisory>control:tcp/23",
    "new-asset:192.168.30.20",
    "new-remote-session:192.168.20.10>192.168.30.20:telnet",
  ]);
  assert.equal(byId(alerts, "new-asset:192.168.30.20")!.severity, "low", "plant.yaml declares rtu-reservoir");
  const outside = byId(alerts, "flow-outside-conduit:supervisory>control:tcp/23")!;
  assert.deepEqual(outside.requirements, ["SR 5.2"]);
  assert.equal(firstFrame(outside), at(marks("telnet")[0]));
  const credentials = byId(alerts, "cleartext-credentials:192.168.20.10>192.168.30.20:telnet")!;
  assert.equal(credentials.count, 2, "the user name and the password");
  assert.doesNotMatch(JSON.stringify(alerts), /Reservoir2019/);
});

test("TeamViewer from the engineering workstation to the internet", () => {
  const alerts = raisedIn(10);
  assert.deepEqual(ids(alerts), [
    "flow-outside-conduit:supervisory>~outside:tcp/5938",
    "new-remote-session:192.168.20.30>37.252.227.51:teamviewer",
  ]);
  assert.deepEqual(byId(alerts, "flow-outside-conduit:supervisory>~outside:tcp/5938")!.requirements, [
    "SR 5.1",
    "SR 5.2",
  ]);
  assert.equal(
    firstFrame(byId(alerts, "flow-outside-conduit:supervisory>~outside:tcp/5938")),
    at(marks("teamviewer")[0]),
  );
});

test("a station reading a PLC's program out: a medium alert of its own, not a new program transfer", () => {
  const alerts = raisedIn(11);
  assert.deepEqual(ids(alerts), ["program-upload:192.168.20.10>192.168.30.11"]);
  const upload = byId(alerts, "program-upload:192.168.20.10>192.168.30.11")!;
  assert.equal(upload.severity, "medium");
  // The start-upload job the SCADA server sends is where the transfer begins.
  const start = marks("upload").find((m) => {
    const p = tcpPayload(m.bytes);
    return p.length > 17 && p[7] === 0x32 && p[8] === 0x01 && p[17] === 0x1d;
  });
  assert.ok(start);
  assert.equal(firstFrame(upload), at(start));
});
