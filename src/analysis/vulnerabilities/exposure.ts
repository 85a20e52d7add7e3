/**
 * How an asset can be reached from outside the control system, so that a vulnerability an attacker can get
 * at outranks one behind three boundaries. Zones of Purdue level 4-5 are the enterprise. A zone is exposed
 * directly when the enterprise (or, by the firewall rules, the outside) can open connections into it:
 * through what the firewall configurations permit (the architecture analysis's zone matrix) where they
 * govern the pair, else through the flows the plant's conduits declare. Zones further in are exposed
 * indirectly. Remote access that bypasses the jump host exposes its targets to the outside, and flows in the
 * captures from enterprise or public addresses show the exposure happening.
 *
 * Levels, worst first: external, enterprise, indirect, none; unknown without a zone model.
 */
import ipaddr from "ipaddr.js";
import { type AddressRanges, containsAddress, parseAddressList } from "../../model/address-ranges.js";
import type { CaptureReport } from "../../model/capture.js";
import type { Evidence } from "../../model/evidence.js";
import type { Conduit, Plant } from "../../model/plant.js";
import { EXTERNAL } from "../../model/plant.js";
import type { Exposure, ExposureLevel } from "../../model/vulnerability.js";
import type { ZoneMatrix } from "../../model/zone-matrix.js";
import { names } from "../architecture/declared-flows.js";
import { declaredAt } from "../plant-lookup.js";
import { zoneLocator } from "../zone-of-address.js";

export interface ExposedAsset {
  id: string;
  zone: string | null;
  ips: readonly string[];
}

const RANK: Record<ExposureLevel, number> = { external: 4, enterprise: 3, indirect: 2, none: 1, unknown: 0 };
export const exposureRank = (level: ExposureLevel): number => RANK[level];

/** Purdue level 4 and above is the business network. */
const ENTERPRISE_LEVEL = 4;
/** Reasons kept per asset: the first few say enough. */
const MAX_REASONS = 4;

interface Path {
  level: ExposureLevel;
  reason: string;
  evidence: Evidence[];
  /** The addresses the firewalls let in, when they name some: other hosts of the zone are not directly exposed. */
  destinations?: AddressRanges;
}

/** Zone ids the conduit lets `from` open connections into (all of its zones when no flows are declared). */
function opensInto(c: Conduit, from: string): string | null {
  if (!c.zones.includes(from)) return null;
  const other = c.zones[0] === from ? c.zones[1] : c.zones[0];
  if (c.flows.length === 0 || c.flows.some((f) => f.from === from && f.to === other)) return other;
  return null;
}

function flowsText(c: Conduit, from: string): string {
  const flows = c.flows.filter((f) => f.from === from);
  if (flows.length === 0) return "any traffic (no flows declared)";
  return flows.map((f) => `${f.protocol}${f.ports.length ? ` ${f.ports.join(",")}` : ""}`).join(", ");
}

/**
 * The addresses a conduit lets `from` open connections to in zone `to`, when every flow that way names its
 * responders: the other hosts of the zone are reached only through those. Undefined when any flow names none.
 */
function respondersOf(plant: Plant, c: Conduit, from: string, to: string): AddressRanges | undefined {
  const flows = c.flows.filter((f) => f.from === from && f.to === to);
  if (flows.length === 0 || flows.some((f) => f.responders === undefined)) return undefined;
  const ips = plant.spec.assets
    .filter((a) => a.zone === to && flows.some((f) => names(f.responders, a)))
    .flatMap((a) => a.ips);
  return parseAddressList(ips).ranges;
}

interface Edge {
  from: string;
  to: string;
  reason: string;
  evidence: Evidence[];
  destinations?: AddressRanges;
}

/**
 * Which zone can open connections into which. With firewall configurations (the architecture analysis's
 * zone matrix) a pair the firewalls govern is connected when they permit something and not when they block
 * everything: what the rules do outranks what the conduit declares. Pairs no firewall governs, and plants
 * without configurations, fall back to the declared conduits.
 */
function zoneEdges(plant: Plant, matrix: ZoneMatrix | null): Edge[] {
  const edges: Edge[] = [];
  const governed = new Set<string>();
  for (const cell of matrix?.cells ?? []) {
    if (cell.status === "ungoverned") continue;
    governed.add(`${cell.from}>${cell.to}`);
    if (cell.status !== "permitted") continue;
    const rule = cell.permitted.flatMap((p) => p.rules)[0];
    edges.push({
      from: cell.from,
      to: cell.to,
      destinations: parseAddressList(cell.permitted.flatMap((p) => p.destinations)).ranges,
      reason: `the firewalls (${cell.firewalls.join(", ")}) permit ${cell.permitted
        .slice(0, 4)
        .map((p) => p.name ?? p.service)
        .join(", ")} from ${cell.from} into zone ${cell.to}`,
      evidence: rule ? [{ kind: "line", file: rule.file, line: rule.line }] : [],
    });
  }
  const level = (id: string) => plant.spec.zones.find((z) => z.id === id)?.purdueLevel;
  plant.spec.conduits.forEach((c, i) => {
    for (const from of c.zones) {
      const to = opensInto(c, from);
      if (!to || governed.has(`${from}>${to}`)) continue;
      const reached = respondersOf(plant, c, from, to);
      edges.push({
        from,
        to,
        ...(reached ? { destinations: reached } : {}),
        reason: `conduit ${c.id} lets ${from}${level(from) === undefined ? "" : ` (Purdue ${level(from)})`} open ${flowsText(c, from)} into zone ${to}`,
        evidence: [declaredAt(plant, "conduits", i)],
      });
    }
  });
  return edges;
}

/** Builds the exposure look-up for a plant (its firewalls' zone matrix and its capture, when given). */
export function exposureModel(
  plant: Plant | null,
  capture: CaptureReport | null,
  matrix: ZoneMatrix | null = null,
): (a: ExposedAsset) => Exposure {
  if (!plant)
    return () => ({ level: "unknown", reasons: ["no zone model: exposure not assessed"], evidence: [] });
  const zones = plant.spec.zones;
  const enterprise = zones.filter((z) => z.purdueLevel >= ENTERPRISE_LEVEL).map((z) => z.id);
  const zonePaths = new Map<string, Path[]>();
  const add = (zone: string, p: Path) => zonePaths.set(zone, [...(zonePaths.get(zone) ?? []), p]);
  const edges = zoneEdges(plant, matrix);

  // Breadth-first from the outside, then from the enterprise zones, along the edges: one hop exposes a zone
  // directly, more hops indirectly.
  const hops = new Map<string, string[]>();
  const sources: [string[], ExposureLevel][] = [
    // Without firewall configurations only a conduit to the outside says what the outside reaches.
    [matrix || plant.spec.conduits.some((c) => c.zones.includes(EXTERNAL)) ? [EXTERNAL] : [], "external"],
    [enterprise, "enterprise"],
  ];
  for (const [starts, level] of sources) {
    for (const z of starts) hops.set(z, [z]);
    const queue = [...starts];
    while (queue.length > 0) {
      const from = queue.shift()!;
      const via = hops.get(from)!;
      for (const e of edges.filter((x) => x.from === from)) {
        if (hops.has(e.to)) continue;
        hops.set(e.to, [...via, e.to]);
        queue.push(e.to);
        add(
          e.to,
          via.length === 1
            ? {
                level,
                reason: e.reason,
                evidence: e.evidence,
                ...(e.destinations ? { destinations: e.destinations } : {}),
              }
            : {
                level: "indirect",
                reason: `reachable from ${level === "external" ? "the outside" : "the enterprise"} through ${[...via, e.to].join(" → ")}`,
                evidence: e.evidence,
              },
        );
      }
    }
  }
  for (const z of enterprise)
    add(z, { level: "enterprise", reason: `zone ${z} is the enterprise network`, evidence: [] });

  const assetPaths = new Map<string, Path[]>();
  const addAsset = (id: string, p: Path) => assetPaths.set(id, [...(assetPaths.get(id) ?? []), p]);
  plant.spec.remoteAccess.forEach((r, i) => {
    for (const target of r.targets) {
      addAsset(target, {
        level: r.via ? "indirect" : "external",
        reason: r.via
          ? `remote access ${r.id} (${r.method}) reaches it through jump host ${r.via}`
          : `remote access ${r.id} (${r.method}) reaches it from outside, not through a jump host`,
        evidence: [declaredAt(plant, "remoteAccess", i)],
      });
    }
  });

  const byServer = new Map<string, Path[]>();
  if (capture) {
    const locate = zoneLocator(zones);
    for (const f of capture.flows) {
      const clientZone = locate(f.client);
      const level: ExposureLevel | null =
        clientZone && enterprise.includes(clientZone)
          ? "enterprise"
          : !clientZone && isPublic(f.client)
            ? "external"
            : null;
      if (!level) continue;
      const paths = byServer.get(f.server) ?? [];
      if (paths.length >= MAX_REASONS) continue;
      paths.push({
        level,
        reason: `${f.client}${clientZone ? ` (${clientZone})` : " (outside the plant)"} connected to it${f.protocol ? ` over ${f.protocol}` : ""}${f.serverPort !== null ? ` port ${f.serverPort}` : ""}`,
        evidence: [{ kind: "frame", file: f.file, frame: f.firstFrame }],
      });
      byServer.set(f.server, paths);
    }
  }

  return (asset) => {
    if (!asset.zone && asset.ips.every((ip) => !byServer.has(ip)) && !assetPaths.has(asset.id))
      return { level: "unknown", reasons: ["the asset's zone is not known"], evidence: [] };
    // A path the firewalls open to other hosts of the zone still puts an attacker in the zone: indirect.
    const reaching = (p: Path): Path =>
      !p.destinations ||
      asset.ips.length === 0 ||
      asset.ips.some((ip) => containsAddress(p.destinations!, ip))
        ? p
        : { level: "indirect", reason: `${p.reason}, to other hosts of the zone`, evidence: p.evidence };
    const paths = [
      ...(asset.zone ? (zonePaths.get(asset.zone) ?? []).map(reaching) : []),
      ...(assetPaths.get(asset.id) ?? []),
      ...asset.ips.flatMap((ip) => byServer.get(ip) ?? []),
    ];
    if (paths.length === 0)
      return {
        level: "none",
        reasons: [
          `zone ${asset.zone} cannot be reached from the enterprise${matrix ? " or the outside: firewall rules and" : " through the"} declared conduits`,
        ],
        evidence: [],
      };
    const worst = paths.reduce((a, p) => (RANK[p.level] > RANK[a.level] ? p : a)).level;
    const top = paths.filter((p) => p.level === worst).slice(0, MAX_REASONS);
    return { level: worst, reasons: top.map((p) => p.reason), evidence: top.flatMap((p) => p.evidence) };
  };
}

function isPublic(ip: string): boolean {
  return ipaddr.isValid(ip) && ipaddr.process(ip).range() === "unicast";
}
