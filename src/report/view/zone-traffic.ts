/**
 * Who talks to whom, zone by zone: the observed flows of the captures folded onto the zones of the inventory,
 * joined with what the architecture analysis says of each pair (Assessment.zoneMatrix: what the firewalls
 * permit, what goes beyond the declared conduit), the protocols that authenticate nothing, and the findings
 * that name both zones. The zone diagram and the communication matrix both draw from this.
 */

import ipaddr from "ipaddr.js";
import type { Assessment } from "../../model/assessment.js";
import { standing } from "../../model/dispositions.js";
import type { Evidence } from "../../model/evidence.js";
import { boundaries, type Finding } from "../../model/finding.js";
import { EXTERNAL } from "../../model/plant.js";
import type { RuleRef, ZoneMatrixCell } from "../../model/zone-matrix.js";
// The analyses' own list of protocols without authentication, so the report marks exactly what they judge.
import { UNAUTHENTICATED_PROTOCOLS } from "../../standard/unauthenticated-protocols.js";
import { type EvidenceIndex, evidenceIndex } from "./evidence-index.js";

export const UNZONED = "(unzoned)";

export interface ProtocolCount {
  name: string;
  flows: number;
}

/** What the firewall rule sets let one zone reach in another, from the architecture analysis. */
export interface ZonePairReach {
  status: ZoneMatrixCell["status"];
  firewalls: string[];
  /** Services permitted, as `tcp/502 (modbus)`, each with the rules that let it through. */
  permitted: { service: string; rules: RuleRef[] }[];
  /** What goes beyond the pair's conduit: services permitted that it does not declare, flows seen outside it. */
  beyond: string[];
  /** The first frame of each flow seen outside the conduit. */
  beyondEvidence: Extract<Evidence, { kind: "frame" }>[];
}

/** Traffic from the clients of one zone to the servers of another (or the same) zone. */
export interface ZonePairTraffic {
  from: string;
  to: string;
  flows: number;
  packets: number;
  bytes: number;
  protocols: ProtocolCount[];
  unauthenticated: string[];
  /** The first flow seen, as evidence: capture file and frame; null when no flow was seen. */
  evidence: { file: string; frame: number } | null;
  /** Null when the assessment has no zone matrix (no firewall configurations, or an older run). */
  reach: ZonePairReach | null;
}

/** One unordered pair of different zones: its conduit, its traffic both ways and the findings on it. */
export interface ZoneLink {
  zones: [string, string];
  conduit: string | null;
  flows: number;
  protocols: ProtocolCount[];
  unauthenticated: string[];
  findings: string[];
  /** Whether a firewall lets traffic through in either direction (false also when unknown). */
  permitted: boolean;
  /** Services permitted beyond the conduit and flows seen outside it, both directions. */
  beyond: string[];
}

export interface ZoneTraffic {
  /** Zone ids in plant order, then the pseudo-zones that occur. */
  zones: string[];
  pairs: ZonePairTraffic[];
  links: ZoneLink[];
  /** IP flows counted, and those left out (broadcast, multicast, unspecified or link-local addresses). */
  counted: number;
  skipped: number;
}

const IGNORED_RANGES = new Set(["broadcast", "multicast", "unspecified", "linkLocal", "loopback"]);

export function isUnauthenticated(protocol: string): boolean {
  return Object.hasOwn(UNAUTHENTICATED_PROTOCOLS, protocol);
}

/** The zone of an address: the asset that owns it, else external (public) or unzoned; null when not a peer. */
function zoneResolver(a: Assessment): (address: string) => string | null {
  const byIp = new Map<string, string>();
  for (const asset of a.assets) for (const ip of asset.ips) if (asset.zone) byIp.set(ip, asset.zone);
  const cache = new Map<string, string | null>();
  return (address) => {
    const known = byIp.get(address);
    if (known) return known;
    if (cache.has(address)) return cache.get(address)!;
    let zone: string | null = null;
    if (ipaddr.isValid(address)) {
      const range = ipaddr.parse(address).range();
      zone = IGNORED_RANGES.has(range) ? null : range === "unicast" ? EXTERNAL : UNZONED;
    }
    cache.set(address, zone);
    return zone;
  };
}

const pairKey = (x: string, y: string): string => (x < y ? `${x}\u0000${y}` : `${y}\u0000${x}`);

function sortedCounts(counts: Map<string, number>): ProtocolCount[] {
  return [...counts]
    .map(([name, flows]) => ({ name, flows }))
    .sort((x, y) => y.flows - x.flows || x.name.localeCompare(y.name));
}

export function zoneTraffic(a: Assessment): ZoneTraffic {
  const zoneOf = zoneResolver(a);
  interface Acc {
    pair: Omit<ZonePairTraffic, "protocols" | "unauthenticated">;
    protocols: Map<string, number>;
  }
  const pairs = new Map<string, Acc>();
  let counted = 0;
  let skipped = 0;
  for (const flow of a.capture?.flows ?? []) {
    if (flow.transport === "ether") continue;
    const from = zoneOf(flow.client);
    const to = zoneOf(flow.server);
    if (from === null || to === null) {
      skipped++;
      continue;
    }
    counted++;
    const key = `${from}\u0000${to}`;
    let acc = pairs.get(key);
    if (!acc) {
      acc = {
        pair: {
          from,
          to,
          flows: 0,
          packets: 0,
          bytes: 0,
          evidence: { file: flow.file, frame: flow.firstFrame },
          reach: null,
        },
        protocols: new Map(),
      };
      pairs.set(key, acc);
    }
    acc.pair.flows++;
    acc.pair.packets += flow.packets;
    acc.pair.bytes += flow.bytes;
    const protocol = flow.protocol ?? `${flow.transport}/${flow.serverPort ?? "?"}`;
    acc.protocols.set(protocol, (acc.protocols.get(protocol) ?? 0) + 1);
  }
  // Cells of the zone matrix the captures saw nothing on still say what the firewalls allow.
  for (const cell of a.zoneMatrix?.cells ?? []) {
    const key = `${cell.from}\u0000${cell.to}`;
    if (!pairs.has(key) && (cell.status === "permitted" || cell.status === "blocked"))
      pairs.set(key, {
        pair: { from: cell.from, to: cell.to, flows: 0, packets: 0, bytes: 0, evidence: null, reach: null },
        protocols: new Map(),
      });
  }
  const cells = new Map((a.zoneMatrix?.cells ?? []).map((c) => [`${c.from}\u0000${c.to}`, c]));
  const pairList: ZonePairTraffic[] = [...pairs].map(([key, { pair, protocols }]) => {
    const counts = sortedCounts(protocols);
    const cell = cells.get(key);
    return {
      ...pair,
      protocols: counts,
      unauthenticated: counts.map((p) => p.name).filter(isUnauthenticated),
      reach: cell ? reachOf(cell) : null,
    };
  });

  const declared = new Set(a.zones.map((z) => z.id));
  const extra = [EXTERNAL, UNZONED].filter((z) => pairList.some((p) => p.from === z || p.to === z));
  return {
    zones: [...a.zones.map((z) => z.id), ...extra.filter((z) => !declared.has(z))],
    pairs: pairList,
    links: zoneLinks(a, pairList, evidenceIndex(a)),
    counted,
    skipped,
  };
}

function reachOf(cell: ZoneMatrixCell): ZonePairReach {
  const outside = cell.observed.filter((o) => !o.declared);
  return {
    status: cell.status,
    firewalls: cell.firewalls,
    permitted: cell.permitted.map((p) => ({
      service: p.name ? `${p.service} (${p.name})` : p.service,
      rules: p.rules,
    })),
    beyond: [
      ...new Set([
        ...cell.permitted.flatMap((p) => p.beyondConduit.map((b) => `permits ${b}`)),
        ...outside.map((o) => `seen ${o.protocol ?? `${o.transport}/${o.port ?? "?"}`} outside the conduit`),
      ]),
    ],
    beyondEvidence: outside.map((o) => o.example),
  };
}

/** The links between zones a finding is about: the boundaries it crosses (`boundaries`). */
function linksOf(f: Finding, index: EvidenceIndex): [string, string][] {
  return boundaries(f, (file) => {
    const kind = index.inputOf(file)?.kind;
    return kind === "capture" || kind === "firewall";
  });
}

/** Unordered zone pairs that have a conduit, cross-zone traffic, or a finding about that pair. */
function zoneLinks(a: Assessment, pairs: readonly ZonePairTraffic[], index: EvidenceIndex): ZoneLink[] {
  const links = new Map<string, ZoneLink & { counts: Map<string, number> }>();
  const link = (x: string, y: string) => {
    const key = pairKey(x, y);
    let l = links.get(key);
    if (!l) {
      const zones: [string, string] = x < y ? [x, y] : [y, x];
      l = {
        zones,
        conduit: null,
        flows: 0,
        protocols: [],
        unauthenticated: [],
        findings: [],
        permitted: false,
        beyond: [],
        counts: new Map(),
      };
      links.set(key, l);
    }
    return l;
  };
  for (const c of a.conduits) link(c.zones[0], c.zones[1]).conduit ??= c.id;
  for (const p of pairs) {
    if (p.from === p.to || (p.flows === 0 && p.reach?.status !== "permitted")) continue;
    const l = link(p.from, p.to);
    l.flows += p.flows;
    l.permitted ||= p.reach?.status === "permitted";
    for (const b of p.reach?.beyond ?? []) if (!l.beyond.includes(b)) l.beyond.push(b);
    for (const { name, flows } of p.protocols) l.counts.set(name, (l.counts.get(name) ?? 0) + flows);
  }
  // A finding dismissed as a false positive marks no link.
  for (const f of standing(a.findings))
    for (const [x, y] of linksOf(f, index)) {
      const l = link(x, y);
      if (!l.findings.includes(f.id)) l.findings.push(f.id);
    }
  return [...links.values()].map(({ counts, ...l }) => {
    const protocols = sortedCounts(counts);
    return { ...l, protocols, unauthenticated: protocols.map((p) => p.name).filter(isUnauthenticated) };
  });
}
