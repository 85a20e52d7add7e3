/** Look-ups over the capture report that the architecture rules share. */
import type { CaptureReport, Observation, ObservedAsset } from "../../model/capture.js";
import type { AssetRole, Plant } from "../../model/plant.js";
import { assetsByIp } from "./plant-zones.js";

/** `plc-filter (192.168.30.12)` for declared assets, the address otherwise. */
export function hostLabel(plant: Plant, ip: string): string {
  const a = assetsByIp(plant).get(ip);
  return a ? `${a.id} (${ip})` : ip;
}

export function declaredId(plant: Plant, ip: string): string | undefined {
  return assetsByIp(plant).get(ip)?.id;
}

/** The role of the host at `ip`: declared, else the capture's most confident guess (at least 0.5). */
export function roleOf(plant: Plant, capture: CaptureReport | null, ip: string): AssetRole | null {
  const declared = assetsByIp(plant).get(ip);
  if (declared && declared.role !== "unknown") return declared.role;
  const observed = capture?.assets.find((a) => a.ips.includes(ip));
  const best = observed ? [...observed.roles].sort((a, b) => b.confidence - a.confidence)[0] : undefined;
  return best && best.confidence >= 0.5 ? best.role : null;
}

export function observedAssetOf(capture: CaptureReport | null, id: string): ObservedAsset | undefined {
  return capture?.assets.find((a) => a.id === id);
}

/** The IPs an observation is about: from its flow's ends, else from its asset. */
export function observationHosts(
  capture: CaptureReport | null,
  o: Observation,
): { client: string | null; server: string | null } {
  if (o.ends) return { client: o.ends.client, server: o.ends.server };
  const ip = observedAssetOf(capture, o.asset)?.ips[0] ?? null;
  return { client: null, server: ip };
}
