/**
 * One capture file at a time, for callers that follow rotated captures (`otaudit watch`): the file's
 * `CaptureReport`, named as the caller chooses, plus the layer-2 facts the report folds away — which MAC each
 * IP was seen on (the pairings the inventory resolves, including the ambiguous ones a spoofer creates) and the
 * first frame of every MAC. Each call starts a fresh engine, so memory never carries over from file to file.
 */
import type { CaptureReport } from "../model/capture.js";
import { Analyzer } from "./analyzer.js";
import { formatMac, isGroupMac } from "./decode/address.js";
import type { Dissector, LinkDissector } from "./dissector.js";
import type { HostTable } from "./inventory/hosts.js";
import { GATEWAY_MIN_IPS } from "./inventory/roles.js";
import { DISSECTORS, LINK_DISSECTORS } from "./protocols/index.js";
import { type FileRead, readCaptureFile } from "./read-file.js";
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

/** The report, the first and last packet times `readCaptureFile` gives, and who holds which address. */
export interface FileAnalysis extends Omit<FileRead, "stats"> {
  report: CaptureReport;
  pairings: IpMacPairing[];
  macs: MacSighting[];
}

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
  const { stats, ...times } = await readCaptureFile(analyzer, file, display);
  analyzer.finish();
  return {
    report: buildReport(analyzer, [stats]),
    ...times,
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
