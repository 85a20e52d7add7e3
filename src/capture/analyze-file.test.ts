import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, test } from "node:test";
import { makeHost, Network } from "../synth/network.js";
import { NoisePool } from "../synth/noise.js";
import { PcapWriter } from "../synth/pcap-writer.js";
import { Prng } from "../synth/prng.js";
import { plantHosts } from "../synth/scenarios/plant-hosts.js";
import { CAPTURE_EPOCH } from "../synth/scenarios/scenario.js";
import { SECOND } from "../synth/sessions/context.js";
import { arpResolve } from "../synth/sessions/discovery.js";
import { Timeline } from "../synth/timeline.js";
import { analyzeCaptureFile } from "./analyze-file.js";
import { analyzeCaptures } from "./engine.js";
import { CaptureFileError } from "./readers/open-capture.js";

const dir = mkdtempSync(join(tmpdir(), "otaudit-analyze-file-"));
after(() => rmSync(dir, { recursive: true, force: true }));

test("one file: the same report the engine gives, named as the caller says, with its first and last packet times", async () => {
  const file = "test/corpus/captures/modbus/suricata__modbus/modbus.pcap";
  const one = await analyzeCaptureFile(file, "captures/modbus.pcap");
  const engine = await analyzeCaptures([file]);
  assert.equal(one.report.stats.files[0].path, "captures/modbus.pcap");
  assert.deepEqual(
    one.report.operations.map((o) => ({ ...o, file: "", lastFile: "" })),
    engine.operations.map((o) => ({ ...o, file: "", lastFile: "" })),
  );
  assert.deepEqual(
    one.report.assets.map((a) => a.id),
    engine.assets.map((a) => a.id),
  );
  assert.equal(one.report.stats.packets, 99, "MANIFEST.tsv: 99 packets");
  const firstSeen = engine.flows.map((f) => Date.parse(f.firstSeen)).sort((a, b) => a - b)[0];
  const lastSeen = engine.flows.map((f) => Date.parse(f.lastSeen)).sort((a, b) => b - a)[0];
  assert.equal(Math.floor(one.firstPacketMs!), firstSeen);
  assert.equal(Math.floor(one.lastPacketMs!), lastSeen);
});

test("an address claimed in ARP by two MACs: the report keeps it ambiguous, the pairings show both", async () => {
  const H = plantHosts();
  const impostor = makeHost({
    name: "impostor",
    mac: "00:0c:29:66:10:12",
    ip: "192.168.30.12",
    vlan: 30,
    gateway: "00:09:0f:09:0a:01",
  });
  const rng = new Prng(7, "arp");
  const ctx = {
    net: new Network(true),
    rng,
    noise: new NoisePool(rng.fork("noise"), 1024),
    timeline: new Timeline(),
  };
  ctx.timeline.add(arpResolve(ctx, CAPTURE_EPOCH, H.plcIntake, H.plcIntake.ip, H.plcFilter));
  ctx.timeline.add(arpResolve(ctx, CAPTURE_EPOCH + SECOND, H.plcIntake, H.plcIntake.ip, impostor));
  const path = join(dir, "arp.pcap");
  const writer = new PcapWriter(path);
  ctx.timeline.run((at, frame) => {
    writer.write(at, frame);
    return true;
  });
  writer.close();

  const { report, pairings, macs } = await analyzeCaptureFile(path, "arp.pcap");
  assert.ok(report.assets.some((a) => a.id === "ip:192.168.30.12" && a.macs.length === 0));
  // Frames: 1 who-has, 2 plc-filter's reply, 3 who-has, 4 the impostor's reply.
  assert.deepEqual(
    pairings.filter((p) => p.ip === "192.168.30.12"),
    [
      { ip: "192.168.30.12", mac: "00:80:f4:30:00:12", vlan: 30, arp: true, frame: 2 },
      { ip: "192.168.30.12", mac: "00:0c:29:66:10:12", vlan: 30, arp: true, frame: 4 },
    ],
  );
  assert.deepEqual(
    macs.map((m) => [m.mac, m.frame]),
    [
      ["00:1b:1b:30:00:11", 1],
      ["00:80:f4:30:00:12", 2],
      ["00:0c:29:66:10:12", 4],
    ],
  );
});

test("a file that is not a capture is an error naming the file as the caller does", async () => {
  await assert.rejects(
    analyzeCaptureFile("package.json", "captures/notes.pcap"),
    (e: unknown) => e instanceof CaptureFileError && e.message.startsWith("captures/notes.pcap:"),
  );
});
