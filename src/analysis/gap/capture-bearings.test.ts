/**
 * Capture evidence on requirements, over the gap fixture plant (cell 10.1.1.0/24, scada 10.1.2.0/24, conduit
 * scada-cell declaring Modbus from scada to cell). The capture records are written out here as the capture
 * engine reports them, so that each rule of the mapping is exercised on a case built for it.
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import {
  type CaptureReport,
  flowText,
  type Observation,
  type ObservedFlow,
  type ObservedOperation,
} from "../../model/capture.js";
import { loadPlantFile } from "../../sources/plant-yaml.js";
import { operationIndex } from "../architecture/declared-flows.js";
import { crossZoneWriteBearings } from "./cross-zone-writes.js";
import { observationBearings } from "./observation-bearings.js";

/** The bearings of the cross-zone writes, the capture's operations indexed as the analysis context does. */
const writeBearings = (plant: Parameters<typeof crossZoneWriteBearings>[0], c: CaptureReport) =>
  crossZoneWriteBearings(plant, c, operationIndex(c));

const plant = loadPlantFile("test/fixtures/gap-plant/plant.yaml", "plant.yaml").plant!;
const FILE = "captures/cell.pcap";

function op(
  protocol: string,
  client: string,
  server: string,
  category: ObservedOperation["category"],
  frame: number,
): ObservedOperation {
  return {
    protocol,
    client,
    server,
    code: 6,
    name: `${category} request`,
    category,
    count: 4,
    exceptions: 0,
    file: FILE,
    firstFrame: frame,
    lastFile: FILE,
    lastFrame: frame + 9,
  };
}

/** An observation about `ip` on the TCP flow `[client, client port, server, server port]`, or on none. */
function obs(
  kind: Observation["kind"],
  ip: string,
  tcp: [string, number, string, number] | null,
  frame: number,
): Observation {
  const ends = tcp && {
    transport: "tcp" as const,
    client: tcp[0],
    clientPort: tcp[1],
    server: tcp[2],
    serverPort: tcp[3],
  };
  const flow = ends && flowText(ends);
  return { kind, asset: `ip:${ip}`, flow, ends, protocol: "test", detail: `${kind} seen`, file: FILE, frame };
}

function flow(client: string, server: string, protocol: string): ObservedFlow {
  return {
    transport: "tcp",
    client,
    clientPort: 49152,
    server,
    serverPort: 102,
    vlan: null,
    protocol,
    packets: 10,
    bytes: 1000,
    firstSeen: "2026-02-01T00:00:00.000Z",
    lastSeen: "2026-02-01T00:01:00.000Z",
    file: FILE,
    firstFrame: 1,
  };
}

function capture(
  operations: ObservedOperation[],
  observations: Observation[],
  flows: ObservedFlow[] = [],
): CaptureReport {
  return {
    stats: { packets: 100, bytes: 10_000, files: [] },
    assets: [],
    flows,
    operations,
    observations,
    anomalies: [],
  };
}

const summary = (bs: { zone?: string; requirement: string; stance: string }[]) =>
  bs.map((b) => `${b.zone} ${b.requirement} ${b.stance}`).sort();

test("cleartext ICS writes across zones: along the declared flow nothing at SL-T 2, elsewhere SR 3.1 and SR 5.x", () => {
  const writes = [
    op("modbus", "10.1.2.10", "10.1.1.10", "write", 10), // srv1 -> plc1 along the declared Modbus flow
    op("modbus", "10.1.2.10", "10.1.1.10", "control", 30), // same pair: one bearing, more requests
    op("s7comm", "10.1.2.20", "10.1.1.10", "program", 50), // ews1 -> plc1: the conduit declares no S7
    op("modbus", "192.0.2.7", "10.1.1.10", "write", 70), // from outside every zone
    op("modbus", "192.0.2.7", "10.1.1.10", "read", 80), // reads do not change the process
    op("modbus", "10.1.1.20", "10.1.1.10", "write", 90), // hmi1 -> plc1 inside the cell
    op("opcua", "10.1.2.10", "10.1.1.10", "write", 95), // not a cleartext ICS protocol
  ];
  const bearings = writeBearings(plant, capture(writes, []));
  // Another connection's requests run from the controller to the station that opened it (an S7 download: the
  // PLC asks for the blocks); the program flows into the controller, so the crossing is oriented by the
  // connection, into the cell.
  const download = writeBearings(
    plant,
    capture(
      [op("s7comm", "10.1.1.10", "10.1.2.20", "program", 60)],
      [],
      [flow("10.1.2.20", "10.1.1.10", "s7comm")],
    ),
  );
  assert.deepEqual(summary(download), ["cell SR 3.1 contradicts", "cell SR 5.2 contradicts"]);
  assert.match(download[0]!.summary, /from ews1 \(10\.1\.2\.20\) in scada to plc1 \(10\.1\.1\.10\)/);
  // srv1's writes along the declared Modbus flow are the design. Before declared flows were told from undeclared
  // ones by their conduit's SL-T they bore on SR 3.1 RE 1; but scada-cell joins zones whose FR3 SL-T is 1 and 2,
  // and cryptographic integrity protection is asked for from SL 3: the declared writes bear on nothing.
  assert.deepEqual(summary(bearings), [
    "cell SR 3.1 contradicts",
    "cell SR 3.1 contradicts",
    "cell SR 5.1 contradicts",
    "cell SR 5.2 contradicts",
    "cell SR 5.2 contradicts",
  ]);
  const outside = bearings.find((b) => b.requirement === "SR 5.1")!;
  assert.match(
    outside.summary,
    /from 192\.0\.2\.7 outside every zone to plc1 \(10\.1\.1\.10\) reach cell where no conduit joins/,
  );
  assert.ok(
    bearings.some(
      (b) =>
        b.requirement === "SR 5.2" &&
        /ews1 .* outside its declared flows \(conduit scada-cell declares no flow on this service/.test(
          b.summary,
        ),
    ),
  );

  // The same conduit held to FR3 SL-T 3: the declared writes lack what it asks for, SR 3.1 RE 1, and only that.
  const held = structuredClone(plant);
  held.spec.conduits[0]!.slTarget = [2, 2, 3, 2, 2, 2, 2];
  const along = writeBearings(held, capture(writes, [])).filter((b) => /srv1/.test(b.summary));
  assert.deepEqual(summary(along), ["cell SR 3.1 RE 1 contradicts"]);
  assert.equal(
    along[0]!.summary,
    "8 cleartext modbus control/write requests from srv1 (10.1.2.10) in scada to plc1 (10.1.1.10) cross conduit scada-cell along its declared flows, with no cryptographic integrity protection.",
  );
  assert.deepEqual(
    along[0]!.evidence.map((e) => (e.kind === "frame" ? e.frame : 0)),
    [10, 30],
  );
});

test("observations bear on the zone of the host they are about, under each kind's condition", () => {
  const bearings = observationBearings(
    plant,
    capture(
      [],
      [
        obs("cleartext-credentials", "10.1.1.10", ["10.1.2.10", 50123, "10.1.1.10", 21], 5),
        obs("cleartext-credentials", "10.1.1.10", ["10.1.2.10", 50124, "10.1.1.10", 21], 6),
        obs("program-download", "10.1.1.10", ["10.1.1.20", 49152, "10.1.1.10", 102], 7), // from the HMI
        obs("program-download", "10.1.1.10", ["10.1.2.20", 49152, "10.1.1.10", 102], 8), // from the EWS
        obs("remote-access", "10.1.2.20", ["10.1.2.20", 50000, "203.0.113.5", 5938], 9),
        obs("remote-access", "203.0.113.5", ["10.1.2.20", 50000, "203.0.113.5", 5938], 9), // its peer: same session
        obs("remote-access", "10.1.1.10", ["10.1.2.10", 50003, "10.1.1.10", 23], 10), // Telnet between zones of the plant
        obs("internet-access", "10.1.2.10", ["10.1.2.10", 50001, "203.0.113.9", 443], 11),
        obs("secure-authentication", "10.1.1.10", ["10.1.2.10", 50002, "10.1.1.10", 20000], 12),
        obs("controller-start", "10.1.1.10", null, 13), // bears on nothing
      ],
    ),
  );
  assert.deepEqual(summary(bearings), [
    "cell SR 1.2 supports",
    "cell SR 1.5 contradicts",
    "cell SR 2.1 contradicts",
    "cell SR 4.1 contradicts",
    "scada SR 1.13 contradicts",
    "scada SR 5.1 contradicts",
  ]);
  const credentials = bearings.find((b) => b.requirement === "SR 1.5")!;
  assert.equal(
    credentials.summary,
    "test srv1 (10.1.2.10) -> plc1 (10.1.1.10): cleartext-credentials seen (2 times); credentials cross the network in the clear.",
  );
  assert.deepEqual(
    credentials.evidence.map((e) => (e.kind === "frame" ? e.frame : 0)),
    [5, 6],
  );
  assert.deepEqual(
    bearings.find((b) => b.requirement === "SR 2.1")!.evidence.map((e) => (e.kind === "frame" ? e.frame : 0)),
    [7],
  );
});

test("an observation about a host with addresses in several zones bears on the zone of the flow's end", () => {
  // A router's MAC owns its interface addresses in both zones; the Telnet logon went to its cell-side address.
  const router = "mac:00:00:5e:00:01:01";
  const report = capture(
    [],
    [{ ...obs("cleartext-credentials", "10.1.2.1", ["10.1.1.20", 50000, "10.1.1.1", 23], 3), asset: router }],
  );
  report.assets.push({
    id: router,
    macs: ["00:00:5e:00:01:01"],
    ips: ["10.1.2.1", "10.1.1.1"],
    vlans: [],
    vendor: null,
    hostnames: [],
    identity: { sources: [] },
    roles: [],
    services: [],
  });
  assert.deepEqual(summary(observationBearings(plant, report)), [
    "cell SR 1.5 contradicts",
    "cell SR 4.1 contradicts",
  ]);
});
