/**
 * How an asset can be reached from outside the control system, so that a vulnerability an attacker can get
 * at outranks one behind three boundaries. From the plant model: zones of Purdue level 4-5 are the
 * enterprise; a conduit whose declared flows let an enterprise zone open connections into the asset's zone
 * exposes it directly; conduits further in expose it indirectly; remote access that bypasses the jump host
 * exposes its targets to the outside. From captures: a flow into the asset from an enterprise address, or
 * from a public address, shows the exposure happening.
 *
 * Levels, worst first: external, enterprise, indirect, none; unknown without a zone model.
 */
import ipaddr from "ipaddr.js";
import type { CaptureReport } from "../../model/capture.js";
import type { Evidence } from "../../model/evidence.js";
import type { Conduit, Plant } from "../../model/plant.js";
import type { Exposure, ExposureLevel } from "../../model/vulnerability.js";
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

/** Builds the exposure look-up for a plant (and its capture, if any). */
export function exposureModel(
  plant: Plant | null,
  capture: CaptureReport | null,
): (a: ExposedAsset) => Exposure {
  if (!plant)
    return () => ({ level: "unknown", reasons: ["no zone model: exposure not assessed"], evidence: [] });
  const zones = plant.spec.zones;
  const enterprise = zones.filter((z) => z.purdueLevel >= ENTERPRISE_LEVEL).map((z) => z.id);
  const zonePaths = new Map<string, Path[]>();
  const add = (zone: string, p: Path) => zonePaths.set(zone, [...(zonePaths.get(zone) ?? []), p]);

  // Breadth-first from the enterprise zones along the conduits, in the direction connections may be opened.
  const hops = new Map<string, { hop: number; via: string[] }>(
    enterprise.map((z) => [z, { hop: 0, via: [z] }]),
  );
  const queue = [...enterprise];
  while (queue.length > 0) {
    const from = queue.shift()!;
    const here = hops.get(from)!;
    plant.spec.conduits.forEach((c, i) => {
      const to = opensInto(c, from);
      if (!to || hops.has(to)) return;
      const via = [...here.via, to];
      hops.set(to, { hop: here.hop + 1, via });
      queue.push(to);
      const evidence = [declaredAt(plant, "conduits", i)];
      if (here.hop === 0)
        add(to, {
          level: "enterprise",
          reason: `conduit ${c.id} lets ${from} (Purdue ${zones.find((z) => z.id === from)?.purdueLevel}) open ${flowsText(c, from)} into zone ${to}`,
          evidence,
        });
      else
        add(to, {
          level: "indirect",
          reason: `reachable from the enterprise through ${via.join(" → ")}`,
          evidence,
        });
    });
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
    const paths = [
      ...(asset.zone ? (zonePaths.get(asset.zone) ?? []) : []),
      ...(assetPaths.get(asset.id) ?? []),
      ...asset.ips.flatMap((ip) => byServer.get(ip) ?? []),
    ];
    if (paths.length === 0)
      return {
        level: "none",
        reasons: [`zone ${asset.zone} cannot be reached from the enterprise through the declared conduits`],
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
