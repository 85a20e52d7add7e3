/** One piece of evidence that makes threat scenarios in a zone more likely, with the weight it carries. */
import type { Evidence } from "../../model/evidence.js";
import type { Plant } from "../../model/plant.js";
import type { ThreatSignal } from "../../standard/threats.js";
import { type ZoneLocator, zoneLocator } from "../zone-of-address.js";

export interface Signal {
  signal: ThreatSignal;
  zone: string;
  /** The declared asset it is about, or null when it concerns the whole zone (reachability). */
  asset: string | null;
  /** Likelihood steps it adds on the 5-step scale: 3 for the strongest evidence (a KEV entry, a write seen crossing). */
  weight: number;
  reason: string;
  evidence: Evidence[];
}

/** Addresses named as people read them: `office-pc-07 (10.10.10.21)`, with the zone and declared asset. */
export interface AddressBook {
  zoneOf: ZoneLocator;
  assetOf(ip: string): string | null;
  label(ip: string): string;
}

export function addressBook(plant: Plant): AddressBook {
  const byIp = new Map<string, string>();
  for (const a of plant.spec.assets) for (const ip of a.ips) byIp.set(ip, a.id);
  return {
    zoneOf: zoneLocator(plant.spec.zones),
    assetOf: (ip) => byIp.get(ip) ?? null,
    label: (ip) => (byIp.has(ip) ? `${byIp.get(ip)} (${ip})` : ip),
  };
}

/** Zones below Purdue level 4 that an untrusted source may not reach without a reason. */
export function isOtZone(plant: Plant, zone: string): boolean {
  const z = plant.spec.zones.find((x) => x.id === zone);
  return z !== undefined && z.purdueLevel < 4;
}

export function isEnterpriseZone(plant: Plant, zone: string): boolean {
  const z = plant.spec.zones.find((x) => x.id === zone);
  return z !== undefined && z.purdueLevel >= 4;
}
