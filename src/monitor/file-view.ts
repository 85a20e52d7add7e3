/** Look-ups over one analysed capture file that the fact extraction and the scan check share. */
import type { FileAnalysis } from "../capture/analyze-file.js";
import { isoTime } from "../capture/report.js";
import type { PlantContext } from "./plant-context.js";

/** Server ports from here up are dynamic: a service there is named by its transport only. */
const DYNAMIC_PORTS = 49152;

/** A flow between two IP hosts (group and unspecified addresses excluded). */
export interface IpFlow {
  transport: "tcp" | "udp" | "icmp" | "icmpv6";
  client: string;
  server: string;
  port: number | null;
  protocol: string | null;
  /**
   * The service: `tcp/502`, `udp/161`, `tcp/dynamic`, `icmp`. By port, not by the protocol the dissectors
   * named: a connection that runs on across a file boundary is picked up mid-stream, where its protocol may not
   * be recognisable, and must still be the same service.
   */
  service: string;
  frame: number;
  time: string;
}

export interface FileView {
  file: string;
  analysis: FileAnalysis;
  flows: IpFlow[];
  /** Packets in the file: none, and it has no facts and no time. */
  packets: number;
  /** Capture time of the file's first packet. */
  start: string;
  flowsOf(address: string): readonly IpFlow[];
  /** Some flow was opened by `client` towards `server`. */
  opened(client: string, server: string): boolean;
  /** The first frame naming an address: a flow, an IP/MAC pairing or a MAC's first frame. */
  firstFrameOf(address: string): number | null;
  /** Start of the latest connection between `a` and `b` begun at or before `frame`: when a PDU's session began. */
  timeAt(a: string, b: string, frame: number): string;
}

export function serviceLabel(transport: string, port: number | null): string {
  if (port === null) return transport;
  return `${transport}/${port < DYNAMIC_PORTS ? port : "dynamic"}`;
}

export function fileView(analysis: FileAnalysis, ctx: PlantContext): FileView {
  const report = analysis.report;
  const file = report.stats.files[0]?.path ?? "";
  const flows: IpFlow[] = [];
  const byAddress = new Map<string, IpFlow[]>();
  const byPair = new Map<string, IpFlow[]>();
  const openedPairs = new Set<string>();
  const first = new Map<string, number>();
  const note = (address: string, frame: number) => {
    const seen = first.get(address);
    if (seen === undefined || frame < seen) first.set(address, frame);
  };
  const start = isoTime(analysis.firstPacketMs ?? 0);
  for (const f of report.flows) {
    if (f.transport === "ether") {
      note(f.client, f.firstFrame);
      continue;
    }
    if (ctx.isNonHost(f.client) || ctx.isNonHost(f.server)) continue;
    const flow: IpFlow = {
      transport: f.transport,
      client: f.client,
      server: f.server,
      port: f.serverPort,
      protocol: f.protocol,
      service: serviceLabel(f.transport, f.serverPort),
      frame: f.firstFrame,
      time: f.firstSeen,
    };
    flows.push(flow);
    for (const a of [f.client, f.server]) {
      note(a, f.firstFrame);
      push(byAddress, a, flow);
    }
    push(byPair, pairKey(f.client, f.server), flow);
    openedPairs.add(`${f.client}>${f.server}`);
  }
  for (const p of analysis.pairings) note(p.ip, p.frame);
  for (const m of analysis.macs) note(m.mac, m.frame);
  return {
    file,
    analysis,
    flows,
    packets: report.stats.packets,
    start,
    flowsOf: (address) => byAddress.get(address) ?? [],
    opened: (client, server) => openedPairs.has(`${client}>${server}`),
    firstFrameOf: (address) => first.get(address) ?? null,
    timeAt: (a, b, frame) => {
      let best: IpFlow | null = null;
      for (const f of byPair.get(pairKey(a, b)) ?? []) {
        if (f.frame <= frame && (best === null || f.frame > best.frame)) best = f;
      }
      return best?.time ?? start;
    },
  };
}

/** The two ends of a conversation in a fixed order, so either direction finds it. */
export function pairKey(a: string, b: string): string {
  return a < b ? `${a}~${b}` : `${b}~${a}`;
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list === undefined) map.set(key, [value]);
  else list.push(value);
}
