/**
 * Issue #18 item 7, "asset identity hides exposure", on test/fixtures/routed-plant: internet scanners reach the
 * Modbus servers of two field stations (192.168.10.111 and .113) through the NAT gateway gw-field, whose MAC
 * (00:00:00:00:00:01, an OUI registered to Xerox) every station address arrives from. Worked out from the real
 * capture (captures/internet-scans.pcap, tshark):
 * - the scanners 87.236.176.106, 87.236.176.96, 66.175.213.4, 198.74.56.135 and 62.122.184.123 open connections to
 *   .111:502 (frames 26, 36, 46, 62, 77), 159.203.208.13 one to .113:502 (frame 67), all arriving from the upstream
 *   router 00:0c:29:1d:40:46 with TTLs of 44 to 111;
 * - the stations answer each with a Modbus exception (`00 80 01` after the scanner's first bytes: .111 first at
 *   frame 31, .113 at frame 72), which no dissector takes, since the requests are not Modbus;
 * - gw-field's MAC first sends for .111 at frame 27 (its SYN-ACK).
 * Before, the two stations were one asset with the gateway's MAC and vendor, guessed an IT server (TLS on port
 * 502), so no rule saw a controller and ARCH-006 never fired. captures/supervisory.pcap shows scada01 holding
 * 10.0.0.8 and 10.0.0.9 on one interface: that stays one asset.
 */
import assert from "node:assert/strict";
import { before, test } from "node:test";
import type { Assessment } from "../model/assessment.js";
import { assess } from "./assess.js";

const FIXTURE = "test/fixtures/routed-plant";
const now = new Date("2026-12-01T00:00:00Z");

let a: Assessment;
before(async () => {
  a = await assess(FIXTURE, { now });
});

const asset = (id: string) => a.assets.find((x) => x.id === id)!;
const frames = (notes: { kind: string; frame?: number; note?: string }[]) =>
  notes.filter((e) => e.kind === "frame").map((e) => [e.frame, e.note]);

test("each address behind the gateway's MAC is an asset of its own, with no MAC and no vendor", () => {
  for (const ip of ["192.168.10.111", "192.168.10.113"]) {
    const station = asset(`ip:${ip}`);
    assert.deepEqual(
      [station.ips, station.macs, station.vendor, station.zone, station.declared],
      [[ip], [], null, "field", false],
    );
  }
  // The scanners, routed in from the internet, likewise.
  const scanners = a.assets.filter((x) => x.id.startsWith("ip:") && !x.id.startsWith("ip:192.168."));
  assert.deepEqual(
    scanners.map((x) => [x.id, x.macs, x.vendor]),
    [
      "159.203.208.13",
      "198.74.56.135",
      "62.122.184.123",
      "66.175.213.4",
      "87.236.176.106",
      "87.236.176.96",
    ].map((ip) => [`ip:${ip}`, [], null]),
  );
  assert.ok(!a.assets.some((x) => x.id !== "gw-field" && x.macs.includes("00:00:00:00:00:01")));
});

test("the gateway keeps its MAC, the vendor its OUI names, and only its own address", () => {
  const gw = asset("gw-field");
  assert.deepEqual(
    [gw.role, gw.ips, gw.macs, gw.vendor?.value],
    ["network-device", ["192.168.10.1"], ["00:00:00:00:00:01"], "XEROX CORPORATION"],
  );
  assert.deepEqual(frames(gw.sources), [
    [27, "carries 192.168.10.111, 192.168.10.113 on the MAC plant.yaml gives gw-field (a router)"],
  ]);
});

test("the stations answering on the Modbus port are controllers, whatever else they serve", () => {
  const one = asset("ip:192.168.10.111");
  const two = asset("ip:192.168.10.113");
  assert.deepEqual([one.role, two.role], ["plc", "plc"]);
  assert.deepEqual(frames(one.sources), [
    [31, "answers on tcp/502, the modbus port (content not recognised)"],
    [49, "serves tls"],
  ]);
  assert.deepEqual(frames(two.sources), [
    [72, "answers on tcp/502, the modbus port (content not recognised)"],
  ]);
});

test("ARCH-006: both stations are controllers the internet reaches, critical, in the field zone", () => {
  const exposed = a.findings.filter((f) => f.rule === "ARCH-006");
  assert.deepEqual(
    exposed.map((f) => [f.id, f.severity, f.zones, frames(f.evidence).map(([frame]) => frame)]),
    [
      ["ARCH-006:192.168.10.111", "critical", ["field"], [26, 36, 46, 62, 77]],
      ["ARCH-006:192.168.10.113", "critical", ["field"], [67]],
    ],
  );
  assert.equal(
    exposed[1]!.summary,
    "Controller 192.168.10.113 is reachable from enterprise or external networks: the captures show 159.203.208.13 -> 192.168.10.113 tcp tcp/502.",
  );
  assert.deepEqual(frames(exposed[1]!.evidence), [[67, "159.203.208.13 -> 192.168.10.113 tcp tcp/502"]]);
});

test("a host with two addresses on one interface in its subnet stays one asset", () => {
  const scada = asset("scada01");
  assert.deepEqual(
    [scada.ips, scada.macs, scada.vendor?.value],
    [["10.0.0.9", "10.0.0.8"], ["00:50:04:93:70:67"], "3COM"],
  );
  assert.ok(!a.assets.some((x) => x.id === "ip:10.0.0.8" || x.id === "ip:10.0.0.9"));
});
