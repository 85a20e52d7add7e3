import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { test } from "node:test";
import {
  contextOf,
  EXAMPLE_CAPTURE,
  EXAMPLE_PLANT,
  FIXTURE_PLANT,
  rederived,
  SNAP7,
} from "../../test/control-context.js";
import {
  cleartextManagement,
  controllerChangesSeen,
  multipleStationsChangeController,
} from "./controllers.js";

test("CTRL-001: Telnet, FTP, HTTP and default SNMP on controllers and switches; not on servers", async () => {
  const ctx = await contextOf(EXAMPLE_PLANT, EXAMPLE_CAPTURE);
  const noScans = rederived(ctx, (input) => {
    input.vulnerabilityEvidence = null;
  });
  const found = cleartextManagement.check(noScans);
  assert.deepEqual(found.map((f) => f.id).sort(), [
    "CTRL-001:plc-dosing",
    "CTRL-001:plc-filter",
    "CTRL-001:rtu-reservoir",
    "CTRL-001:sw-control",
  ]);
  // WSUS over HTTP to patch01 is cleartext too, but patch01 is a server: not this rule's business.
  assert.ok(ctx.capture!.flows.some((f) => f.protocol === "http" && f.server === "172.16.50.30"));
  const rtu = found.find((f) => f.id === "CTRL-001:rtu-reservoir")!;
  assert.match(
    rtu.summary,
    /^rtu-reservoir \(192\.168\.30\.20\), a rtu, is managed over Telnet: Telnet session from scada01/,
  );
  assert.ok(rtu.evidence.every((e) => e.kind === "frame" && e.file === EXAMPLE_CAPTURE));
  const sw = found.find((f) => f.id === "CTRL-001:sw-control")!;
  assert.match(sw.summary, /SNMP v1\/v2c: SNMPv2c default community "public"/);
  assert.deepEqual(sw.zones, ["control"]);
});

test("CTRL-001 also reads scans: an open cleartext service cites the scan line", async () => {
  const ctx = await contextOf(EXAMPLE_PLANT, null);
  const scan = {
    file: "scans/lab.xml",
    scanner: "nmap" as const,
    description: null,
    hosts: [
      {
        ips: ["192.168.30.21"],
        macs: [],
        macVendor: null,
        hostnames: [],
        up: true,
        os: null,
        identities: [],
        findings: [],
        evidence: { kind: "line" as const, file: "scans/lab.xml", line: 10 },
        services: [
          {
            port: 23,
            transport: "tcp" as const,
            state: "open",
            name: "telnet",
            product: null,
            version: null,
            extraInfo: null,
            cpes: [],
            scripts: [],
            evidence: { kind: "line" as const, file: "scans/lab.xml", line: 14 },
          },
          {
            port: 161,
            transport: "udp" as const,
            state: "open",
            name: "snmp",
            product: null,
            version: null,
            extraInfo: null,
            cpes: [],
            scripts: [{ id: "snmp-sysdescr", output: "SEL RTAC", elements: {} }],
            evidence: { kind: "line" as const, file: "scans/lab.xml", line: 18 },
          },
          // nmap calls its HTTPS "http" (tunnel ssl): not cleartext.
          {
            port: 443,
            transport: "tcp" as const,
            state: "open",
            name: "http",
            product: null,
            version: null,
            extraInfo: null,
            cpes: [],
            scripts: [],
            evidence: { kind: "line" as const, file: "scans/lab.xml", line: 20 },
          },
          {
            port: 2404,
            transport: "tcp" as const,
            state: "open",
            name: "iec-104",
            product: null,
            version: null,
            extraInfo: null,
            cpes: [],
            scripts: [],
            evidence: { kind: "line" as const, file: "scans/lab.xml", line: 22 },
          },
        ],
      },
    ],
  };
  const found = cleartextManagement.check(
    rederived(ctx, (input) => {
      input.vulnerabilityEvidence = { advisories: [], kev: null, scans: [scan], register: [] };
    }),
  );
  assert.deepEqual(
    found.map((f) => [f.id, f.evidence.map((e) => `${e.file}:${"line" in e ? e.line : 0}`)]),
    [["CTRL-001:rtu-pumpstation", ["scans/lab.xml:14", "scans/lab.xml:18"]]],
  );
});

test("CTRL-002: plc-intake is written by scada01 and programmed by hmi-02 and ews-01; single-writer PLCs are not", async () => {
  const ctx = await contextOf(EXAMPLE_PLANT, EXAMPLE_CAPTURE);
  const found = multipleStationsChangeController.check(ctx);
  assert.deepEqual(
    found.map((f) => f.id),
    ["CTRL-002:plc-intake"],
  );
  assert.match(
    found[0]!.summary,
    /changed from 3 stations: scada01 \(192\.168\.20\.10\) \(s7comm write-var\)/,
  );
  assert.match(found[0]!.summary, /ews-01 \(192\.168\.20\.30\) \(s7comm plc-stop, s7comm program download\)/);
  assert.deepEqual(found[0]!.assets.sort(), ["ews-01", "hmi-02", "plc-intake", "scada01"]);
  // The corpus session has one station only.
  assert.deepEqual(multipleStationsChangeController.check(await contextOf(FIXTURE_PLANT, SNAP7)), []);
});

/** The capture time of a frame of a classic little-endian pcap, read from its record header, as we print it. */
function frameTime(path: string, frame: number): string {
  const b = readFileSync(path);
  let off = 24;
  for (let n = 1; n < frame; n++) off += 16 + b.readUInt32LE(off + 8);
  const ms = b.readUInt32LE(off) * 1000 + Math.floor(b.readUInt32LE(off + 4) / 1000);
  return new Date(ms).toISOString().replace("T", " ").slice(0, 19) + " UTC";
}

test("CTRL-003: each download, stop and start with station, time and frame; uploads are not changes", async () => {
  // Zeek/ICSNPP's s7comm.log of this capture shows the PLC Stop and the P_PROGRAM start from .131 to .211.
  const ctx = await contextOf(FIXTURE_PLANT, SNAP7);
  const [stopAt, startAt] = [frameTime(SNAP7, 57), frameTime(SNAP7, 63)];
  const found = controllerChangesSeen.check(ctx);
  assert.deepEqual(
    found.map((f) => [f.id, f.evidence]),
    [
      [
        "CTRL-003:plc-snap7",
        [
          {
            kind: "frame",
            file: SNAP7,
            frame: 57,
            note: `S7 PLC stop (P_PROGRAM) by ews-snap7 (134.217.61.131) at ${stopAt}`,
          },
          {
            kind: "frame",
            file: SNAP7,
            frame: 63,
            note: `S7 PLC cold start (PI service P_PROGRAM) by ews-snap7 (134.217.61.131) at ${startAt}`,
          },
        ],
      ],
    ],
  );
  assert.match(found[0]!.summary, /^plc-snap7 \(134\.217\.61\.211\): 1 stop, 1 start\./);

  const example = await contextOf(EXAMPLE_PLANT, EXAMPLE_CAPTURE);
  const intake = controllerChangesSeen.check(example);
  assert.deepEqual(
    intake.map((f) => f.id),
    ["CTRL-003:plc-intake"],
  );
  // hmi-02 downloads DB 10; ews-01 stops the PLC and downloads OB 1, FC 12 and DB 10.
  assert.match(intake[0]!.summary, /: 4 program downloads, 1 stop\./);
});
