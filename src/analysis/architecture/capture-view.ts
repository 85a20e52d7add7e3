/**
 * The hosts of a plant by address: declared in plant.yaml, seen in the captures. Built once per analysis context
 * (context.ts), because rules look a host up for every flow and every observation they describe.
 */
import type { CaptureReport, Observation, ObservedAsset } from "../../model/capture.js";
import type { AssetDeclaration, AssetRole, Plant } from "../../model/plant.js";
import type { RegisterRow } from "../../model/vulnerability.js";
import { registerIps, registerRole } from "../inventory-register.js";

export interface HostIndex {
  declaredByIp: ReadonlyMap<string, AssetDeclaration>;
  /** Roles the asset register (inventory.csv) declares, by address. */
  registeredByIp: ReadonlyMap<string, AssetRole>;
  observedByIp: ReadonlyMap<string, ObservedAsset>;
  observedById: ReadonlyMap<string, ObservedAsset>;
}

export function hostIndex(
  plant: Plant,
  capture: CaptureReport | null,
  register: readonly RegisterRow[] = [],
): HostIndex {
  const declaredByIp = new Map<string, AssetDeclaration>();
  for (const a of plant.spec.assets) for (const ip of a.ips) declaredByIp.set(ip, a);
  const registeredByIp = new Map<string, AssetRole>();
  for (const row of register) {
    const role = registerRole(row);
    if (role !== null)
      for (const ip of registerIps(row)) if (!registeredByIp.has(ip)) registeredByIp.set(ip, role);
  }
  const observedByIp = new Map<string, ObservedAsset>();
  const observedById = new Map<string, ObservedAsset>();
  for (const a of capture?.assets ?? []) {
    observedById.set(a.id, a);
    // The first asset that shows an address keeps it, as a search through the list would find it.
    for (const ip of a.ips) if (!observedByIp.has(ip)) observedByIp.set(ip, a);
  }
  return { declaredByIp, registeredByIp, observedByIp, observedById };
}

/** `plc-filter (192.168.30.12)` for declared assets, the address otherwise. */
export function hostLabel(hosts: HostIndex, ip: string): string {
  const a = hosts.declaredByIp.get(ip);
  return a ? `${a.id} (${ip})` : ip;
}

export function declaredId(hosts: HostIndex, ip: string): string | undefined {
  return hosts.declaredByIp.get(ip)?.id;
}

/**
 * The role of the host at `ip`: declared in plant.yaml, else in the asset register, else the capture's most
 * confident guess (at least 0.5).
 */
export function roleOf(hosts: HostIndex, ip: string): AssetRole | null {
  const declared = hosts.declaredByIp.get(ip);
  if (declared && declared.role !== "unknown") return declared.role;
  const registered = hosts.registeredByIp.get(ip);
  if (registered) return registered;
  const observed = hosts.observedByIp.get(ip);
  const best = observed ? [...observed.roles].sort((a, b) => b.confidence - a.confidence)[0] : undefined;
  return best && best.confidence >= 0.5 ? best.role : null;
}

/** The IPs an observation is about: from its flow's ends, else from its asset. */
export function observationHosts(
  hosts: HostIndex,
  o: Observation,
): { client: string | null; server: string | null } {
  if (o.ends) return { client: o.ends.client, server: o.ends.server };
  const ip = hosts.observedById.get(o.asset)?.ips[0] ?? null;
  return { client: null, server: ip };
}
