import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, test } from "node:test";
import { analyzeCaptures } from "../capture/engine.js";
import { openCapture } from "../capture/readers/open-capture.js";
import { RawPacket } from "../capture/readers/raw-packet.js";
import type { CaptureReport } from "../model/capture.js";
import { generateCapture } from "./generate.js";
import { readFrames } from "./test-frames.js";

const dir = mkdtempSync(join(tmpdir(), "otaudit-synth-"));
after(() => rmSync(dir, { recursive: true, force: true }));

const sha256 = (path: string) => createHash("sha256").update(readFileSync(path)).digest("hex");

/** Frames (as latin1 text) containing `needle`, read back with the project's own pcap reader. */
async function framesContaining(path: string, needle: string): Promise<number[]> {
  const reader = await openCapture(path);
  const raw = new RawPacket();
  const hits: number[] = [];
  try {
    for (;;) {
      while (reader.next(raw)) {
        const text = Buffer.from(raw.buf.subarray(raw.off, raw.off + raw.caplen)).toString("latin1");
        if (text.includes(needle)) hits.push(raw.frame);
      }
      if (!(await reader.refill())) break;
    }
  } finally {
    await reader.close();
  }
  return hits;
}

describe("capture generator", () => {
  test("the same scenario, seed and size give byte-identical files; another seed does not", () => {
    const a = join(dir, "a.pcap");
    const b = join(dir, "b.pcap");
    const c = join(dir, "c.pcap");
    generateCapture({ scenario: "plant", seed: 7, out: a });
    generateCapture({ scenario: "plant", seed: 7, out: b });
    generateCapture({ scenario: "plant", seed: 8, out: c });
    assert.equal(sha256(a), sha256(b));
    assert.notEqual(sha256(a), sha256(c));

    const small = 3_000_000;
    const x = generateCapture({ scenario: "bench", seed: 3, size: small, out: join(dir, "x.pcap") });
    generateCapture({ scenario: "bench", seed: 3, size: small, out: join(dir, "y.pcap") });
    assert.equal(sha256(join(dir, "x.pcap")), sha256(join(dir, "y.pcap")));
    // The bench stops at the first frame that reaches the requested size.
    assert.ok(x.bytes >= small && x.bytes < small + 1600, `bench wrote ${x.bytes} bytes`);
    assert.equal(statSync(join(dir, "x.pcap")).size, x.bytes);
  });

  test("frames carry 802.1Q tags unless asked not to", async () => {
    const tagged = join(dir, "tagged.pcap");
    const plain = join(dir, "plain.pcap");
    generateCapture({ scenario: "bench", seed: 2, size: 1_000_000, out: tagged });
    generateCapture({ scenario: "bench", seed: 2, size: 1_000_000, out: plain, tagged: false });
    const ethertypes = async (path: string) =>
      new Set((await readFrames(path)).map((f) => ((f[12] << 8) | f[13]).toString(16)));
    assert.deepEqual([...(await ethertypes(tagged))], ["8100"]);
    const untagged = await ethertypes(plain);
    assert.ok(!untagged.has("8100") && untagged.has("800"), [...untagged].join(","));
  });

  test("the committed example capture is what the generator writes for seed 1", () => {
    const fresh = join(dir, "plant.pcap");
    generateCapture({ scenario: "plant", seed: 1, out: fresh });
    assert.equal(sha256("examples/water-treatment/captures/plant.pcap"), sha256(fresh));
  });
});

describe("the example plant capture shows each weakness of the plan", () => {
  const path = "examples/water-treatment/captures/plant.pcap";
  let report: CaptureReport;
  before(async () => {
    report = await analyzeCaptures([path]);
  });

  const op = (protocol: string, client: string, server: string, code: number) =>
    report.operations.find(
      (o) => o.protocol === protocol && o.client === client && o.server === server && o.code === code,
    );
  const flow = (client: string, server: string, port: number) =>
    report.flows.find((f) => f.client === client && f.server === server && f.serverPort === port);

  test("it is a commit-sized capture of the whole plan", () => {
    const size = statSync(path).size;
    assert.ok(size > 1e6 && size < 5e6, `${size} bytes`);
    assert.deepEqual(report.stats.files[0].warnings, []);
    assert.deepEqual(report.stats.files[0].linkTypes, ["EN10MB"]);
    // Frames are seen on the sender's VLAN: every zone of the plan is on the trunk.
    assert.deepEqual(
      [...new Set(report.assets.flatMap((a) => a.vlans))].sort((a, b) => a - b),
      [10, 20, 30, 40, 50],
    );
  });

  test("1: office-pc-07 writes Modbus registers (FC 6 and 16) straight to plc-filter", () => {
    assert.equal(op("modbus", "10.10.10.21", "192.168.30.12", 6)?.count, 2);
    assert.equal(op("modbus", "10.10.10.21", "192.168.30.12", 16)?.count, 1);
    assert.equal(flow("10.10.10.21", "192.168.30.12", 502)?.vlan, 10);
  });

  test("2: ews-01 keeps a TeamViewer connection to the internet", () => {
    const tv = flow("192.168.20.30", "37.252.227.51", 5938);
    assert.ok(tv && tv.transport === "tcp" && tv.packets > 50, JSON.stringify(tv));
  });

  test("3: hmi-02 and ews-01 download S7 blocks to plc-intake; ews-01 stops the CPU first", async () => {
    assert.equal(op("s7comm", "192.168.20.22", "192.168.30.11", 0x1a)?.count, 1);
    assert.equal(op("s7comm", "192.168.20.30", "192.168.30.11", 0x1a)?.count, 3);
    assert.equal(op("s7comm", "192.168.20.30", "192.168.30.11", 0x29)?.count, 1);
    const kinds = report.observations.filter((o) => o.protocol === "s7comm").map((o) => o.kind);
    assert.equal(kinds.filter((k) => k === "program-download").length, 4);
    assert.equal(kinds.filter((k) => k === "controller-stop").length, 1);
    assert.equal((await framesContaining(path, "P_PROGRAM")).length, 1);
  });

  test("4: Telnet, FTP and HTTP Basic logins go in cleartext", async () => {
    assert.ok(flow("192.168.20.10", "192.168.30.20", 23));
    assert.ok(flow("192.168.20.30", "192.168.30.12", 21));
    assert.ok(flow("192.168.20.30", "192.168.30.13", 80));
    assert.equal((await framesContaining(path, "USER USER\r\n")).length, 1);
    assert.equal((await framesContaining(path, "PASS USER\r\n")).length, 1);
    const basic = `Authorization: Basic ${Buffer.from("administrator:Dosing#2021").toString("base64")}`;
    assert.equal((await framesContaining(path, basic)).length, 1);
    assert.equal((await framesContaining(path, "rtu-reservoir login: ")).length, 1);
  });

  test("5: SNMPv2c with community public polls sw-control", async () => {
    assert.ok(flow("192.168.20.10", "192.168.30.2", 161));
    // version 1 (v2c) followed by the community as an OCTET STRING
    assert.ok((await framesContaining(path, "\x02\x01\x01\x04\x06public")).length >= 8);
  });

  test("6: hmi-02 opens an OPC UA channel with SecurityMode None; hmi-01 uses Sign&Encrypt", () => {
    assert.equal(op("opcua", "192.168.20.22", "192.168.20.10", 446)?.count, 1);
    assert.ok((op("opcua", "192.168.20.22", "192.168.20.10", 631)?.count ?? 0) > 200);
    assert.equal(op("opcua", "192.168.20.21", "192.168.20.10", 631), undefined);
    const insecure = report.observations.filter(
      (o) => o.kind === "insecure-channel" && o.protocol === "opcua",
    );
    assert.equal(insecure.length, 1);
  });

  test("7: DNP3 direct operate and an IEC 104 single command reach the RTUs", () => {
    assert.equal(op("dnp3", "192.168.20.10", "192.168.30.20", 5)?.count, 1);
    assert.equal(op("iec104", "192.168.20.10", "192.168.30.21", 45)?.count, 1);
  });

  test("8: office-pc-12 opens RDP straight to hmi-01, besides the sanctioned jump01 -> ews-01", async () => {
    assert.ok(flow("10.10.10.32", "192.168.20.21", 3389));
    assert.ok(flow("172.16.50.20", "192.168.20.30", 3389));
    assert.equal((await framesContaining(path, "Cookie: mstshash=opsmgr\r\n")).length, 1);
  });

  test("identities are on the wire: Modbus 43/14, CIP List Identity, S7 SZL", () => {
    const byIp = (ip: string) => report.assets.find((a) => a.ips.includes(ip));
    assert.equal(byIp("192.168.30.12")?.identity.firmware, "v2.70");
    assert.equal(byIp("192.168.30.13")?.identity.product, "1769-L33ER/A LOGIX5333ER");
    assert.equal(byIp("192.168.30.11")?.identity.firmware, "V4.2.1");
  });
});
