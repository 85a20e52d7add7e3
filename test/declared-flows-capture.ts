/**
 * captures/engineering.pcap of test/fixtures/declared-flows-plant, written by the synth generator: the traffic the
 * real SCADA capture beside it (captures/scada-poll.pcap) does not hold. Thirty seconds on the plant's 10.0.0.0/24:
 *  - hmi-01 polls the S7 PLC (reads only), as the conduit declares HMIs may;
 *  - hmi-01 writes two registers and a block to the dosing PLC over Modbus: the conduit lets only scada01 do that;
 *  - office-pc writes the same registers from the enterprise zone, which no conduit joins to the control zone;
 *  - ews-01 stops the S7 PLC and downloads OB 1, as the declared engineering flow permits;
 *  - hmi-02 downloads DB 10 to the S7 PLC over the flow the conduit declares read-only for HMIs.
 * `node dist/test/declared-flows-capture.js` writes the file again; the fixture's test checks it is what this writes.
 */
import { fileURLToPath } from "node:url";
import { makeHost, Network } from "../src/synth/network.js";
import { NoisePool } from "../src/synth/noise.js";
import { PcapWriter } from "../src/synth/pcap-writer.js";
import { Prng } from "../src/synth/prng.js";
import * as s7 from "../src/synth/protocols/s7comm.js";
import { SECOND, type SynthContext } from "../src/synth/sessions/context.js";
import { modbusWrite } from "../src/synth/sessions/modbus.js";
import { s7Download, s7Poll } from "../src/synth/sessions/s7comm.js";
import { Timeline } from "../src/synth/timeline.js";

export const ENGINEERING_CAPTURE = "test/fixtures/declared-flows-plant/captures/engineering.pcap";

/** 2026-11-26 09:00:00 UTC. */
const T0 = Date.UTC(2026, 10, 26, 9, 0, 0) * 1000;
/** The OT firewall's interface towards each /29. */
const ROUTER = "00:09:0f:0a:00:01";
const PLC_S7 = { orderNumber: "6ES7 215-1AG40-0XB0", firmware: [4, 5, 2] as [number, number, number] };

export function writeEngineeringCapture(out: string): { packets: number; bytes: number } {
  const host = (name: string, mac: string, ip: string, vlan: number, ttl: number, prefix = 29) =>
    makeHost({ name, mac, ip, vlan, prefix, gateway: ROUTER, ttl });
  const plcDosing = host("plc-dosing", "00:80:f4:00:00:04", "10.0.0.4", 30, 64);
  const plcS7 = host("plc-s7", "00:1b:1b:00:00:05", "10.0.0.5", 30, 30);
  const hmi01 = host("hmi-01", "d4:be:d9:00:00:0a", "10.0.0.10", 20, 128);
  const hmi02 = host("hmi-02", "d4:be:d9:00:00:0b", "10.0.0.11", 20, 128);
  const ews01 = host("ews-01", "3c:d9:2b:00:00:0c", "10.0.0.12", 20, 128);
  const officePc = host("office-pc", "f4:8e:38:00:00:46", "10.0.0.70", 10, 128, 26);

  const rng = new Prng(62443, "declared-flows");
  const timeline = new Timeline();
  const root: SynthContext = {
    net: new Network(false),
    rng,
    noise: new NoisePool(rng.fork("noise"), 1 << 16),
    timeline,
  };
  const ctx = (label: string): SynthContext => ({ ...root, rng: rng.fork(label) });
  const at = (seconds: number) => T0 + seconds * SECOND;

  timeline.add(
    s7Poll(ctx("hmi-01-poll"), {
      client: hmi01,
      server: plcS7,
      start: at(0.5),
      end: at(30),
      period: 2 * SECOND,
      identity: PLC_S7,
      items: [{ area: s7.AREA_DB, db: 1, start: 0, count: 4, transport: s7.TS_REAL }],
    }),
  );
  timeline.add(
    modbusWrite(ctx("hmi-01-write"), {
      client: hmi01,
      server: plcDosing,
      unit: 1,
      start: at(3),
      singles: [[40, 180]],
      block: { address: 44, values: [175, 180, 185] },
    }),
  );
  timeline.add(
    modbusWrite(ctx("office-write"), {
      client: officePc,
      server: plcDosing,
      unit: 1,
      start: at(8),
      singles: [
        [40, 450],
        [41, 1],
      ],
      block: { address: 44, values: [800, 820, 790] },
    }),
  );
  timeline.add(
    s7Download(ctx("ews-01-download"), {
      client: ews01,
      server: plcS7,
      start: at(14),
      identity: PLC_S7,
      stopFirst: true,
      blocks: [{ type: "OB", number: 1, size: 640 }],
    }),
  );
  timeline.add(
    s7Download(ctx("hmi-02-download"), {
      client: hmi02,
      server: plcS7,
      start: at(22),
      identity: PLC_S7,
      stopFirst: false,
      blocks: [{ type: "DB", number: 10, size: 120 }],
    }),
  );

  const writer = new PcapWriter(out, 65535, 1 << 20);
  try {
    timeline.run((t, frame) => {
      writer.write(t, frame);
      return true;
    });
  } finally {
    writer.close();
  }
  return { packets: writer.packets, bytes: writer.bytes };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const r = writeEngineeringCapture(ENGINEERING_CAPTURE);
  console.log(`${ENGINEERING_CAPTURE}: ${r.packets} packets, ${r.bytes} bytes`);
}
