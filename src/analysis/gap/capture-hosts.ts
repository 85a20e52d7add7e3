/** What the plant says about an address seen in a capture: its zone and, when declared, its asset. */
import type { CaptureReport } from "../../model/capture.js";
import type { AssetDeclaration, Plant, Zone } from "../../model/plant.js";
import { zoneLocator } from "../zone-of-address.js";

export interface LocatedHost {
  ip: string;
  zone: Zone | undefined;
  asset: AssetDeclaration | undefined;
}

export interface HostLookup {
  host(ip: string): LocatedHost;
  /** The addresses of a capture inventory id (`ip:...`, `mac:...@vlan...`). */
  ipsOf(observedAssetId: string): string[];
  /** `plc-filter (192.168.30.12)`, or the bare address of an undeclared host. */
  label(h: LocatedHost): string;
}

export function hostLookup(plant: Plant, capture: CaptureReport): HostLookup {
  const locate = zoneLocator(plant.spec.zones);
  const zones = new Map(plant.spec.zones.map((z) => [z.id, z]));
  const declared = new Map<string, AssetDeclaration>();
  for (const a of plant.spec.assets) for (const ip of a.ips) declared.set(ip, a);
  const observed = new Map(capture.assets.map((a) => [a.id, a.ips]));
  return {
    host(ip) {
      const asset = declared.get(ip);
      const zoneId = asset?.zone ?? locate(ip);
      return { ip, asset, zone: zoneId ? zones.get(zoneId) : undefined };
    },
    ipsOf(id) {
      return observed.get(id) ?? (id.startsWith("ip:") ? [id.slice(3)] : []);
    },
    label(h) {
      return h.asset ? `${h.asset.id} (${h.ip})` : h.ip;
    },
  };
}
