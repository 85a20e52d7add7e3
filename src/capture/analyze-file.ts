/**
 * One capture file at a time, for callers that follow rotated captures (`otaudit watch`): the file's
 * `CaptureReport`, named as the caller chooses, plus the layer-2 facts the report folds away — which MAC each
 * IP was seen on (the pairings the inventory resolves, including the ambiguous ones a spoofer creates) and the
 * first frame of every MAC. Each call starts a fresh engine, so memory never carries over from file to file.
 */
import { statSync } from "node:fs";
import type { CaptureReport } from "../model/capture.js";
import { Analyzer } from "./analyzer.js";
import { formatMac, isGroupMac } from "./decode/address.js";
import type { Dissector, LinkDissector } from "./dissector.js";
import type { HostTable } from "./inventory/hosts.js";
import { GATEWAY_MIN_IPS } from "./inventory/roles.js";
import { DISSECTORS, LINK_DISSECTORS } from "./protocols/index.js";
import { CHUNK_SIZE } from "./readers/capture-reader.js";
import { isDecodedLinkType, linkTypeName } from "./readers/link-types.js";
import { openCapture } from "./readers/open-capture.js";
import { RawPacket } from "./readers/raw-packet.js";
import { buildReport } from "./report.js";

/** An IP seen sent from (or claimed in ARP by) a MAC with no router between: who holds that address. */
export interface IpMacPairing {
  ip: string;
  mac: string;
  vlan: number | null;
  /** Claimed in ARP, not only used as a source address. */
  arp: boolean;
  frame: number;
}

export interface MacSighting {
  mac: string;
  vlan: number | null;
  frame: number;
}

export interface FileAnalysis {
  report: CaptureReport;
  /** Capture time (ms since the epoch) of the earliest and the latest packet; null for a file without packets. */
  firstPacketMs: number | null;
  lastPacketMs: number | null;
  pairings: IpMacPairing[];
  macs: MacSighting[];
}

const MIN_CHUNK = 256 * 1024;

export interface AnalyzeFileOptions {
  dissectors?: readonly Dissector<unknown>[];
  linkDissectors?: readonly LinkDissector[];
}

/**
 * Analyses the capture at `file`; the report names it `display`. Throws `CaptureFileError` when it is not a
 * capture at all; damaged records give warnings in the report's file stats, as `analyzeCaptures` does.
 */
export async function analyzeCaptureFile(
  file: string,
  display: string,
  options: AnalyzeFileOptions = {},
): Promise<FileAnalysis> {
  const analyzer = new Analyzer(options.dissectors ?? DISSECTORS, options.linkDissectors ?? LINK_DISSECTORS);
  const raw = new RawPacket();
  // Rotated files are small: a read buffer the size of the file spares allocating (and collecting) the full one.
  const size = statSync(file, { throwIfNoEntry: false })?.size ?? CHUNK_SIZE;
  const reader = await openCapture(file, display, Math.min(CHUNK_SIZE, Math.max(MIN_CHUNK, size)));
  analyzer.startFile(display);
  const unsupported = new Set<number>();
  let linkType = -1;
  let first = Number.POSITIVE_INFINITY;
  let last = Number.NEGATIVE_INFINITY;
  try {
    do {
      while (reader.next(raw)) {
        if (raw.tsMs < first) first = raw.tsMs;
        if (raw.tsMs > last) last = raw.tsMs;
        if (raw.linkType !== linkType) {
          linkType = raw.linkType;
          if (!isDecodedLinkType(linkType)) unsupported.add(linkType);
        }
        analyzer.packet(raw);
      }
    } while (await reader.refill());
  } finally {
    await reader.close();
  }
  analyzer.finish();
  const warnings = [...reader.warnings];
  for (const t of unsupported) {
    warnings.push(
      `${display}: link type ${linkTypeName(t)} (${t}) is not decoded; its frames are only counted`,
    );
  }
  const report = buildReport(analyzer, [
    {
      path: display,
      format: reader.format,
      linkTypes: [...reader.linkTypes].map(linkTypeName),
      packets: reader.frame,
      warnings,
    },
  ]);
  const packets = reader.frame > 0;
  return {
    report,
    firstPacketMs: packets ? first : null,
    lastPacketMs: packets ? last : null,
    ...layerTwo(analyzer.hosts),
  };
}

function layerTwo(table: HostTable): { pairings: IpMacPairing[]; macs: MacSighting[] } {
  const pairings: IpMacPairing[] = [];
  const macs: MacSighting[] = [];
  for (const m of table.macs()) {
    if (!m.sent || isGroupMac(m.mac)) continue;
    const mac = formatMac(m.mac);
    const vlan = m.vlan >= 0 ? m.vlan : null;
    macs.push({ mac, vlan, frame: m.first.frame });
    // A MAC sending for many IPs is a router: the IPs behind it are not its own.
    if (m.ips.size >= GATEWAY_MIN_IPS) continue;
    for (const host of new Set([...m.arpIps.keys(), ...m.ips.keys()])) {
      const p = host.macs.get(m);
      if (p === undefined || !p.local || host.group || host.unspecified) continue;
      const claim = m.arpIps.get(host);
      pairings.push({ ip: host.text, mac, vlan, arp: claim !== undefined, frame: claim?.frame ?? p.frame });
    }
  }
  pairings.sort((a, b) => a.frame - b.frame || (a.ip < b.ip ? -1 : a.ip > b.ip ? 1 : a.mac < b.mac ? -1 : 1));
  macs.sort((a, b) => a.frame - b.frame || (a.mac < b.mac ? -1 : 1));
  return { pairings, macs };
}
