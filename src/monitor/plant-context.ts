/** What monitoring needs to know of the declared plant: zones of addresses, conduits and their flows, asset names. */
import ipaddr from "ipaddr.js";
import { judgeConnection } from "../analysis/architecture/declared-flows.js";
import { zoneLocator } from "../analysis/zone-of-address.js";
import type { ObservedFlow } from "../model/capture.js";
import type { AssetDeclaration, Conduit, Plant, Zone } from "../model/plant.js";

/** The pseudo-zone of addresses outside every declared subnet (`~` cannot start a zone id, so it never clashes). */
export const OUTSIDE = "~outside";

export interface PlantContext {
  /** Zone id of an IP address, or OUTSIDE. */
  zoneOf(ip: string): string;
  zone(id: string): Zone | undefined;
  /** Zone id of a VLAN (for devices seen only at layer 2), or OUTSIDE. */
  zoneOfVlan(vlan: number | null): string;
  /** The declared asset with this IP or MAC. */
  declared(address: string): AssetDeclaration | undefined;
  /** `plc-filter (192.168.30.12)` when declared, else the address. */
  label(address: string): string;
  /**
   * Never a plant host: multicast, broadcast (also a zone subnet's broadcast address), unspecified and loopback
   * addresses; group MACs and the all-zero MAC (loopback captures).
   */
  isNonHost(address: string): boolean;
  /**
   * Whether the design declares traffic from zone `from` to zone `to` on this service (the conduit joining them,
   * and whether one of its flows runs that way on that transport and port), as the assessment's matcher judges it.
   */
  declaresService(crossing: ZoneCrossing): DeclaredService;
}

/** A connection between zones as monitoring keys it: zone pair and service, with the first flow's ends. */
export interface ZoneCrossing {
  from: string;
  to: string;
  transport: string;
  port: number | null;
  client: string;
  server: string;
}

export interface DeclaredService {
  conduit: Conduit | undefined;
  declared: boolean;
}

export function plantContext(plant: Plant): PlantContext {
  const spec = plant.spec;
  const locate = zoneLocator(spec.zones);
  const zones = new Map(spec.zones.map((z) => [z.id, z]));
  const byVlan = new Map(spec.zones.flatMap((z) => z.vlans.map((v) => [v, z.id] as const)));
  const byAddress = new Map<string, AssetDeclaration>();
  for (const a of spec.assets) {
    for (const ip of a.ips) byAddress.set(normaliseIp(ip), a);
    for (const mac of a.macs) byAddress.set(mac.toLowerCase(), a);
  }
  const broadcasts = new Set(
    spec.zones.flatMap((z) =>
      z.subnets.filter((s) => s.includes(".")).map((s) => ipaddr.IPv4.broadcastAddressFromCIDR(s).toString()),
    ),
  );
  const nonHosts = new Map<string, boolean>();
  const declared = (address: string) =>
    byAddress.get(address) ?? (address.includes(":") ? byAddress.get(normaliseIp(address)) : undefined);
  return {
    zoneOf: (ip) => locate(ip) ?? OUTSIDE,
    zone: (id) => zones.get(id),
    zoneOfVlan: (vlan) => (vlan === null ? undefined : byVlan.get(vlan)) ?? OUTSIDE,
    declared,
    label: (address) => {
      const a = declared(address);
      return a ? `${a.id} (${address})` : address;
    },
    isNonHost: (address) => {
      let g = nonHosts.get(address);
      if (g === undefined) {
        g = broadcasts.has(address) || isNonHostRange(address);
        nonHosts.set(address, g);
      }
      return g;
    },
    declaresService: ({ from, to, transport, port, client, server }) => {
      // The alert is keyed by zone pair and service, so who opened it and what it carried are not judged here.
      const judged = judgeConnection(
        plant,
        {
          flow: {
            transport: transport as ObservedFlow["transport"],
            client,
            clientPort: null,
            server,
            serverPort: port,
          },
          from,
          to,
          clientAsset: undefined,
          serverAsset: undefined,
        },
        [],
      );
      return { conduit: judged.conduit, declared: judged.onService.length > 0 };
    },
  };
}

function normaliseIp(ip: string): string {
  return ipaddr.isValid(ip) ? ipaddr.process(ip).toString() : ip;
}

const MAC = /^[0-9a-f]{2}(:[0-9a-f]{2}){5}$/;

const NON_HOST_RANGES = new Set(["multicast", "broadcast", "unspecified", "loopback"]);

function isNonHostRange(address: string): boolean {
  if (MAC.test(address))
    return (Number.parseInt(address.slice(0, 2), 16) & 1) === 1 || address === "00:00:00:00:00:00";
  return ipaddr.isValid(address) && NON_HOST_RANGES.has(ipaddr.process(address).range());
}
