/**
 * Rotated captures of the example plant for the monitoring tests and benchmark, made with the project's capture
 * generator and cut by packet time as `tcpdump -G <period> -w plant-%Y%m%d%H%M%S.pcap` cuts them: connections
 * run on across file boundaries. Steady operation (SCADA polling, HMIs on OPC UA, NTP, the sanctioned RDP
 * session through the jump host, business users on the historian mirror) fills every file; a test adds
 * deliberate changes at chosen times and gets back, for each, the files and frame numbers its packets landed
 * on, as the generator wrote them (not as the analyser reads them).
 */
import { join } from "node:path";
import { TCP_ACK, TCP_SYN, tcpFrame } from "../synth/frames.js";
import { makeHost, Network, type SynthHost } from "../synth/network.js";
import { NoisePool } from "../synth/noise.js";
import { PcapWriter } from "../synth/pcap-writer.js";
import { Prng } from "../synth/prng.js";
import * as mb from "../synth/protocols/modbus.js";
import * as s7 from "../synth/protocols/s7comm.js";
import { PLANT_IDENTITIES } from "../synth/scenarios/plant.js";
import { type PlantHosts, plantHosts } from "../synth/scenarios/plant-hosts.js";
import { CAPTURE_EPOCH } from "../synth/scenarios/scenario.js";
import { forked, SECOND, type SynthContext } from "../synth/sessions/context.js";
import { ntpSync } from "../synth/sessions/infrastructure.js";
import { modbusPoll } from "../synth/sessions/modbus.js";
import { opcUaSession } from "../synth/sessions/opcua.js";
import { rdpSession } from "../synth/sessions/remote-access.js";
import { s7Poll } from "../synth/sessions/s7comm.js";
import { httpsSession } from "../synth/sessions/web.js";
import { type Activity, type Emitted, Timeline } from "../synth/timeline.js";

/** The plant's hosts plus two that are not on its register. */
export function monitorHosts() {
  const H = plantHosts();
  const FW = "00:09:0f:09:0a:01";
  return {
    ...H,
    /** A contractor's laptop plugged into the control network (VMware OUI: a VM on it). */
    laptop: makeHost({
      name: "laptop",
      mac: "00:0c:29:4f:8e:35",
      ip: "192.168.30.99",
      vlan: 30,
      gateway: FW,
      ttl: 128,
    }),
    /** A device answering ARP for plc-filter's address. */
    impostor: makeHost({
      name: "impostor",
      mac: "00:0c:29:66:10:12",
      ip: "192.168.30.12",
      vlan: 30,
      gateway: FW,
    }),
  } satisfies PlantHosts & Record<string, SynthHost>;
}
export type MonitorHosts = ReturnType<typeof monitorHosts>;

export interface Change {
  label: string;
  /** Seconds after the start of the first file. */
  at: number;
  make(ctx: SynthContext, hosts: MonitorHosts, start: number, end: number): Activity;
}

/** Where one packet of a change landed. */
export interface Mark {
  file: string;
  frame: number;
  bytes: Uint8Array;
}

export interface RotatedPlant {
  /** The files written, oldest first. */
  files: string[];
  marks: Map<string, Mark[]>;
}

export interface RotatedOptions {
  folder: string;
  files: number;
  /** Seconds of capture per file. */
  period: number;
  changes?: readonly Change[];
  /** Seed of the generator: the same options give the same bytes. */
  seed?: number;
}

/** `plant-20261126080000.pcap`: tcpdump's `-G` name pattern `plant-%Y%m%d%H%M%S.pcap`, in UTC. */
function rotatedName(micros: number): string {
  const d = new Date(micros / 1000);
  const p = (n: number) => String(n).padStart(2, "0");
  return `plant-${d.getUTCFullYear()}${p(d.getUTCMonth() + 1)}${p(d.getUTCDate())}${p(d.getUTCHours())}${p(d.getUTCMinutes())}${p(d.getUTCSeconds())}.pcap`;
}

export function writeRotatedPlant(o: RotatedOptions): RotatedPlant {
  const rng = new Prng(o.seed ?? 1, "monitor");
  const root: SynthContext = {
    net: new Network(true),
    rng,
    noise: new NoisePool(rng.fork("noise")),
    timeline: new Timeline(),
  };
  const H = monitorHosts();
  const T0 = CAPTURE_EPOCH;
  const periodMicros = o.period * SECOND;
  const end = T0 + o.files * periodMicros;
  const labels = new WeakMap<Uint8Array, string>();
  const add = (label: string, make: (ctx: SynthContext) => Activity, marked = false) => {
    const activity = make(forked(root, label));
    root.timeline.add(marked ? tagged(activity, label, labels) : activity);
  };
  steadyPlant(H, T0, end, o.period, add);
  for (const c of o.changes ?? []) add(c.label, (ctx) => c.make(ctx, H, T0 + c.at * SECOND, end), true);

  const files: string[] = [];
  const marks = new Map<string, Mark[]>();
  let writer: PcapWriter | null = null;
  let index = -1;
  try {
    root.timeline.run((at, frame) => {
      if (at >= end) return false;
      const i = Math.floor((at - T0) / periodMicros);
      if (i !== index) {
        writer?.close();
        index = i;
        const path = join(o.folder, rotatedName(T0 + i * periodMicros));
        writer = new PcapWriter(path);
        files.push(path);
      }
      const w = writer!;
      w.write(at, frame);
      const label = labels.get(frame);
      if (label !== undefined) {
        const list = marks.get(label) ?? [];
        list.push({ file: files[files.length - 1], frame: w.packets, bytes: frame });
        marks.set(label, list);
      }
      return true;
    });
  } finally {
    (writer as PcapWriter | null)?.close();
  }
  return { files, marks };
}

function* tagged(activity: Activity, label: string, labels: WeakMap<Uint8Array, string>): Generator<Emitted> {
  for (let next = activity.next(); !next.done; next = activity.next()) {
    if (next.value.frame !== null) labels.set(next.value.frame, label);
    yield next.value;
  }
}

/**
 * A SYN scan, as `nmap -sS` sends it: one SYN per port of each target, from one source port; a target that is
 * there answers RST/ACK (closed), a `silent` one (an address nobody holds) answers nothing.
 */
export function* synScan(
  ctx: SynthContext,
  o: {
    scanner: SynthHost;
    targets: readonly SynthHost[];
    ports: readonly number[];
    start: number;
    silent?: boolean;
  },
): Generator<Emitted> {
  const sport = 40_000 + ctx.rng.between(0, 20_000);
  let t = o.start;
  for (const target of o.targets) {
    for (const dport of o.ports) {
      const seq = ctx.rng.next();
      const probe = {
        src: o.scanner.ip,
        dst: target.ip,
        ttl: ctx.net.ttlOf(o.scanner),
        id: o.scanner.ipId,
        df: false,
      };
      o.scanner.ipId = (o.scanner.ipId + 1) & 0xffff;
      yield {
        at: t,
        frame: tcpFrame(
          ctx.net.link(o.scanner, target),
          probe,
          { sport, dport, seq, ack: 0, flags: TCP_SYN, window: 1024 },
          EMPTY,
        ),
      };
      if (!o.silent) {
        const reset = {
          src: target.ip,
          dst: o.scanner.ip,
          ttl: ctx.net.ttlOf(target),
          id: target.ipId,
          df: true,
        };
        target.ipId = (target.ipId + 1) & 0xffff;
        const rst = {
          sport: dport,
          dport: sport,
          seq: 0,
          ack: (seq + 1) >>> 0,
          flags: TCP_RST | TCP_ACK,
          window: 0,
        };
        yield { at: t + 300, frame: tcpFrame(ctx.net.link(target, o.scanner), reset, rst, EMPTY) };
      }
      t += 1_000;
    }
  }
}

const EMPTY = new Uint8Array(0);
/** The TCP header's RST flag (RFC 9293). */
const TCP_RST = 0x04;

type Add = (label: string, make: (ctx: SynthContext) => Activity) => void;

function steadyPlant(H: MonitorHosts, T0: number, end: number, period: number, add: Add): void {
  const at = (s: number) => T0 + Math.round(s * SECOND);
  add("modbus-poll", (c) =>
    modbusPoll(c, {
      client: H.scada01,
      server: H.plcFilter,
      unit: 1,
      start: at(0.5),
      end,
      period: 1 * SECOND,
      reads: [{ fc: mb.FC_READ_HOLDING, address: 100, quantity: 20 }],
      identity: PLANT_IDENTITIES.plcFilter,
    }),
  );
  add("s7-poll", (c) =>
    s7Poll(c, {
      client: H.scada01,
      server: H.plcIntake,
      start: at(0.7),
      end,
      period: 1 * SECOND,
      identity: PLANT_IDENTITIES.plcIntake,
      items: [{ area: s7.AREA_DB, db: 1, start: 0, count: 4, transport: s7.TS_REAL }],
      writeEvery: 0,
    }),
  );
  const endpoint = "opc.tcp://scada01.riverside.local:4840";
  for (const [i, hmi] of [H.hmi01, H.hmi02].entries()) {
    add(`opcua-${i}`, (c) =>
      opcUaSession(c, {
        client: hmi,
        server: H.scada01,
        endpoint,
        start: at(1 + i * 0.4),
        end,
        period: 2 * SECOND,
        secure: true,
        nodes: ["Filter.Turbidity", "Reservoir.Level"],
      }),
    );
  }
  add("ntp", (c) => ntpSync(c, H.hmi01, H.scada01, at(2), end, 16 * SECOND));
  // The firewall answers scada01's NTP: its MAC is a known sender on the supervisory VLAN.
  add("ntp-fw", (c) => ntpSync(c, H.scada01, H.fwSupervisory, at(2.5), end, 16 * SECOND));
  add("rdp-jump", (c) =>
    rdpSession(c, {
      client: H.jump01,
      server: H.ews01,
      user: "r.osei",
      serverName: "ews-01",
      start: at(3),
      end,
      screenRate: 1500,
    }),
  );
  for (let t = 5; at(t) < end; t += period) {
    add(`report-${t}`, (c) =>
      httpsSession(c, {
        client: H.officePc12,
        server: H.histMirror,
        sni: "historian.riverside.local",
        start: at(t),
        exchanges: [{ up: 600, down: 24_000, think: 2_000 }],
      }),
    );
  }
}

/** The TCP payload of an Ethernet (optionally 802.1Q-tagged) IPv4 frame: for tests to find a PDU among marks. */
export function tcpPayload(frame: Uint8Array): Uint8Array {
  let o = 12;
  if (frame[o] === 0x81 && frame[o + 1] === 0x00) o += 4;
  o += 2;
  const ipHeader = (frame[o] & 0x0f) * 4;
  const ipLength = (frame[o + 2] << 8) | frame[o + 3];
  const tcp = o + ipHeader;
  const tcpHeader = (frame[tcp + 12] >>> 4) * 4;
  return frame.subarray(tcp + tcpHeader, o + ipLength);
}
