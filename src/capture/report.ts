/** Turns the analyzer's records into the `CaptureReport` contract, in a deterministic order. */
import {
  type Anomaly,
  type CaptureFileStats,
  type CaptureReport,
  type FlowEnds,
  flowText,
  type Observation,
  type ObservedFlow,
  type ObservedOperation,
  type OperationCategory,
} from "../model/capture.js";
import type { Analyzer } from "./analyzer.js";
import { formatIp, formatMac } from "./decode/address.js";
import { type Flow, T_ETHER, T_ICMP, T_ICMPV6, T_TCP, T_UDP } from "./flows/flow.js";
import { observedInventory } from "./inventory/assets.js";
import type { SiteLayout } from "./inventory/layout.js";

export type FileStats = CaptureFileStats;

const TRANSPORTS: Record<number, ObservedFlow["transport"]> = {
  [T_TCP]: "tcp",
  [T_UDP]: "udp",
  [T_ICMP]: "icmp",
  [T_ICMPV6]: "icmpv6",
  [T_ETHER]: "ether",
};

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

let cachedSecond = Number.NaN;
let cachedPrefix = "";

/**
 * Milliseconds since the epoch as ISO 8601; timestamps outside the Date range (corrupt records) clamp. The
 * text up to the second is cached: flows and operations cluster in time.
 */
export function isoTime(ms: number): string {
  const clamped = Number.isFinite(ms) ? Math.max(-8.64e15, Math.min(8.64e15, Math.floor(ms))) : 0;
  const second = Math.floor(clamped / 1000);
  if (second !== cachedSecond) {
    cachedSecond = second;
    cachedPrefix = new Date(second * 1000).toISOString().slice(0, -4);
  }
  return `${cachedPrefix}${String(clamped - second * 1000).padStart(3, "0")}Z`;
}

export function endpointText(f: Flow, server: boolean): string {
  if (f.transport === T_ETHER) {
    const mac = server ? f.s0 : f.c0;
    return mac < 0 ? "" : formatMac(mac);
  }
  const h = server ? f.server : f.client;
  return h !== null ? h.text : formatIp(f.ipVersion, f.c0, f.c1, f.c2, f.c3);
}

function flowEnds(f: Flow): FlowEnds {
  const ported = f.transport === T_TCP || f.transport === T_UDP;
  return {
    transport: TRANSPORTS[f.transport],
    client: endpointText(f, false),
    clientPort: ported ? f.cPort : null,
    server: endpointText(f, true),
    serverPort: ported ? f.sPort : null,
  };
}

function observedFlow(f: Flow): Pick<Observation, "flow" | "ends"> {
  const ends = flowEnds(f);
  return { flow: flowText(ends), ends: ends.transport === "ether" ? null : ends };
}

/** `layout`: what the site declares of its devices' addresses, which tells routers' MACs from hosts' (assets.ts). */
export function buildReport(a: Analyzer, files: FileStats[], layout?: SiteLayout): CaptureReport {
  const names = a.events.fileNames;
  const inventory = observedInventory(a.hosts, a.flows, names, {
    ...(layout ? { layout } : {}),
    portNames: (tcp, port) => a.registry.portNames(tcp, port),
  });

  const flows: ObservedFlow[] = [...a.flows]
    .sort((x, y) => x.file - y.file || x.firstFrame - y.firstFrame || x.id - y.id)
    .map((f) => {
      return {
        ...flowEnds(f),
        vlan: f.cVlan >= 0 ? f.cVlan : null,
        protocol: f.protocolName,
        packets: f.packets,
        bytes: f.bytes,
        firstSeen: isoTime(f.firstMs),
        lastSeen: isoTime(f.lastMs),
        file: names[f.file],
        firstFrame: f.firstFrame,
      };
    });

  // Operations: the per-flow counters merged by protocol, requester, responder and code.
  const ops = new Map<
    string,
    Omit<ObservedOperation, "lastFile"> & { firstFileIndex: number; lastFileIndex: number }
  >();
  for (const f of a.flows) {
    if (f.ops === null || f.protocolName === null) continue;
    for (const op of f.ops.values()) {
      const client = endpointText(f, op.dir !== 0);
      const server = endpointText(f, op.dir === 0);
      const key = `${f.protocolName}\u0000${client}\u0000${server}\u0000${op.code}`;
      const seen = ops.get(key);
      if (seen === undefined) {
        ops.set(key, {
          protocol: f.protocolName,
          client,
          server,
          code: op.code,
          name: op.name,
          category: op.category as OperationCategory,
          count: op.count,
          exceptions: op.exceptions,
          file: names[op.firstFile],
          firstFrame: op.firstFrame,
          lastFrame: op.lastFrame,
          firstFileIndex: op.firstFile,
          lastFileIndex: op.lastFile,
        });
        continue;
      }
      seen.count += op.count;
      seen.exceptions += op.exceptions;
      if (
        op.firstFile < seen.firstFileIndex ||
        (op.firstFile === seen.firstFileIndex && op.firstFrame < seen.firstFrame)
      ) {
        seen.firstFileIndex = op.firstFile;
        seen.firstFrame = op.firstFrame;
        seen.file = names[op.firstFile];
        seen.name = op.name;
        seen.category = op.category as OperationCategory;
      }
      if (
        op.lastFile > seen.lastFileIndex ||
        (op.lastFile === seen.lastFileIndex && op.lastFrame > seen.lastFrame)
      ) {
        seen.lastFileIndex = op.lastFile;
        seen.lastFrame = op.lastFrame;
      }
    }
  }
  const operations: ObservedOperation[] = [...ops.values()]
    .sort(
      (x, y) =>
        cmp(x.protocol, y.protocol) || cmp(x.client, y.client) || cmp(x.server, y.server) || x.code - y.code,
    )
    .map(({ firstFileIndex: _first, lastFileIndex, ...op }) => ({ ...op, lastFile: names[lastFileIndex] }));

  const observations: Observation[] = [...a.events.observations]
    .sort((x, y) => x.file - y.file || x.frame - y.frame || cmp(x.kind, y.kind) || cmp(x.detail, y.detail))
    .map((o) => ({
      kind: o.kind,
      asset: inventory.idOf(o.about),
      ...observedFlow(o.flow),
      protocol: o.protocol,
      detail: o.detail,
      file: names[o.file],
      frame: o.frame,
      time: isoTime(o.timeMs),
    }));

  const anomalies: Anomaly[] = a.events.anomalies.list();
  if (a.events.droppedObservations > 0) {
    anomalies.push({
      file: names[names.length - 1] ?? "",
      frame: 0,
      protocol: "capture",
      code: "observations-capped",
      message: `${a.events.droppedObservations} observations beyond the first ${a.events.observations.length} not listed`,
    });
  }

  return {
    stats: { packets: a.packets, bytes: a.bytes, files },
    assets: inventory.assets,
    flows,
    operations,
    observations,
    anomalies,
  };
}
