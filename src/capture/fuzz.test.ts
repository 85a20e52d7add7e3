/**
 * Seeded fuzzing through the whole pipeline: mutated and truncated corpus captures, random frames on every
 * link type, and random or extreme payloads on every registered dissector's ports, split at random segment
 * boundaries. Whatever the input: no exception escapes, nothing hangs, and problems are counted.
 */
import assert from "node:assert/strict";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { after, describe, it } from "node:test";
import { CaptureReport } from "../model/capture.js";
import { analyzeCaptures } from "./engine.js";
import { DISSECTORS } from "./protocols/index.js";
import { ACK, ethernet, ipv4, ipv6, PSH, pcapFile, type Record, SYN, tcp, tempDir, udp } from "./testing.js";

/** mulberry32: small, fast and deterministic. */
function prng(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (n: number) => Math.floor(next() * n);
  const bytes = (n: number) => Uint8Array.from({ length: n }, () => int(256));
  return { next, int, bytes };
}

const CORPUS = "test/corpus/captures";
const SOURCES = [
  "modbus/zeek__modbus-and-non-modbus-p502/modbus-and-non-modbus-p502.pcap",
  "dnp3/zeek__dnp3/dnp3.pcap",
  "s7comm/s7comm__snap7/snap7.pcap",
  "s7comm-plus/s7comm__s7comm_plus/s7comm_plus.pcap",
  "enip-cip/suricata__enip-alert/enip_test1.pcap",
  "bacnet/bacnet__bacnet_segmented_data/bacnet_segmented_data.pcap",
  "iec104/iec104__iec104/iec104.pcap",
  "opcua-binary/opcua__open62541_client-server_mainloop-no-handshake/open62541_client-server_mainloop-no-handshake.pcap",
  "profinet-io-cm/profinet__profinet_io_cm_mixed_2/profinet_io_cm_mixed_2.pcapng",
  "mqtt/suricata__mqtt31-sub-userpass/input.pcap",
  "dhcp/zeek__dhcp/dhcp.pcap",
  "http/zeek__http-filename/http-filename.pcap",
];
/** No single case may take this long (the corpus files take milliseconds). */
const CASE_BUDGET_MS = 5000;

const tmp = tempDir("otaudit-fuzz-");
after(tmp.remove);

let fileNo = 0;
async function analyze(bytes: Uint8Array): Promise<CaptureReport> {
  const path = join(tmp.dir, `case-${fileNo++}.pcap`);
  writeFileSync(path, bytes);
  const started = Date.now();
  const r = await analyzeCaptures([path]);
  assert.ok(Date.now() - started < CASE_BUDGET_MS, `${path} took ${Date.now() - started} ms`);
  CaptureReport.parse(r);
  return r;
}

const problems = (r: CaptureReport) =>
  r.anomalies.length + r.stats.files.reduce((n, f) => n + f.warnings.length, 0);

describe("fuzzing the capture pipeline", { timeout: 300_000 }, () => {
  it("survives corpus captures with random bytes changed, past the file header", async () => {
    const rnd = prng(0x0c0ffee);
    let reported = 0;
    for (const source of SOURCES) {
      const original = readFileSync(join(CORPUS, source));
      for (let round = 0; round < 6; round++) {
        const bytes = Uint8Array.from(original);
        const flips = 1 + rnd.int(round < 3 ? 8 : 200);
        // pcapng keeps its section header (28 bytes) so that the file stays a capture.
        const start = source.endsWith(".pcapng") || source.includes("no-handshake") ? 28 : 24;
        for (let i = 0; i < flips; i++) bytes[start + rnd.int(bytes.length - start)] = rnd.int(256);
        reported += problems(await analyze(bytes));
      }
    }
    assert.ok(reported > 0, "mutations produce warnings or anomalies");
  });

  it("keeps the packets before a cut at any offset and warns about the cut", async () => {
    const rnd = prng(42);
    for (const source of SOURCES) {
      const original = readFileSync(join(CORPUS, source));
      const whole = await analyze(original);
      for (let round = 0; round < 4; round++) {
        const cut = 24 + rnd.int(original.length - 24);
        const r = await analyze(original.subarray(0, cut));
        const file = r.stats.files[0];
        assert.ok(file.packets <= whole.stats.packets);
        if (file.packets < whole.stats.packets)
          assert.ok(file.warnings.length > 0, `${source} cut at ${cut}`);
      }
    }
  });

  it("survives random frames on every link type", async () => {
    const rnd = prng(7);
    for (const linkType of [0, 1, 12, 14, 101, 108, 113, 228, 229, 276]) {
      const records: Record[] = [];
      for (let i = 0; i < 300; i++) {
        const frame = rnd.bytes(rnd.int(120));
        // Often make the frame look like IPv4/IPv6 or an Ethernet VLAN/ARP frame, to get past the first checks.
        if (frame.length > 20 && rnd.next() < 0.5)
          frame[linkType === 1 ? 14 : 0] = rnd.next() < 0.5 ? 0x45 : 0x60;
        if (linkType === 1 && frame.length > 14 && rnd.next() < 0.3) frame.set([0x81, 0x00], 12);
        records.push({
          ms: 1e12 + i,
          data: frame,
          wireLen: frame.length + (rnd.next() < 0.2 ? rnd.int(100) : 0),
        });
      }
      await analyze(pcapFile(records, { linkType }));
    }
  });

  it("survives random, extreme and split payloads on every registered dissector's ports", async () => {
    const rnd = prng(2024);
    const A = "00:1b:1b:00:00:01";
    const B = "00:0e:8c:00:00:02";
    let anomalies = 0;
    for (const d of DISSECTORS) {
      const ports = d.defaultPorts.length > 0 ? d.defaultPorts : [rnd.int(65536)];
      for (const port of ports) {
        const records: Record[] = [];
        const add = (data: Uint8Array) => records.push({ ms: 1.7e12 + records.length, data });
        for (let conn = 0; conn < 6; conn++) {
          // Payloads: random bytes, all 0xff (length fields at their maximum), all zero, or a real-looking start.
          const kind = conn % 3;
          const body = (n: number) =>
            kind === 0 ? rnd.bytes(n) : new Uint8Array(n).fill(kind === 1 ? 0xff : 0);
          if (d.transport !== "udp") {
            const cport = 40000 + conn;
            let cseq = rnd.int(2 ** 32);
            let sseq = rnd.int(2 ** 32);
            const c2s = (flags: number, p = new Uint8Array(0)) => {
              add(
                ethernet(
                  B,
                  A,
                  0x800,
                  ipv4("10.0.0.1", "10.0.0.2", 6, tcp(cport, port, cseq, sseq, flags, p)),
                ),
              );
              cseq = (cseq + p.length) >>> 0;
            };
            const s2c = (flags: number, p = new Uint8Array(0)) => {
              add(
                ethernet(
                  A,
                  B,
                  0x800,
                  ipv4("10.0.0.2", "10.0.0.1", 6, tcp(port, cport, sseq, cseq, flags, p)),
                ),
              );
              sseq = (sseq + p.length) >>> 0;
            };
            c2s(SYN);
            cseq++;
            s2c(SYN | ACK);
            sseq++;
            for (let i = 0; i < 12; i++) {
              const payload = body(1 + rnd.int(300));
              // Split at a random boundary, sometimes the second part first (out of order), sometimes repeated.
              const cut = rnd.int(payload.length);
              const first = payload.subarray(0, cut);
              const second = payload.subarray(cut);
              if (rnd.next() < 0.5) c2s(ACK | PSH, first);
              else s2c(ACK | PSH, first);
              if (rnd.next() < 0.2) s2c(ACK | PSH, second);
              else c2s(ACK | PSH, second);
            }
          }
          if (d.transport !== "tcp") {
            for (let i = 0; i < 10; i++) {
              const payload = body(rnd.int(400));
              const v6 = rnd.next() < 0.3;
              const l4 = udp(i % 2 === 0 ? 50000 + conn : port, i % 2 === 0 ? port : 50000 + conn, payload);
              add(
                v6
                  ? ethernet(B, A, 0x86dd, ipv6("fe80:0:0:0:0:0:0:1", "fe80:0:0:0:0:0:0:2", 17, l4))
                  : ethernet(B, A, 0x800, ipv4("10.0.0.1", "10.0.0.2", 17, l4)),
              );
            }
          }
        }
        anomalies += (await analyze(pcapFile(records))).anomalies.length;
      }
    }
    assert.ok(anomalies > 0, "random payloads produce anomalies");
  });
});
