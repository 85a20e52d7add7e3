/**
 * The declared zones as address sets, and the groups the architecture rules reason about: enterprise (Purdue 4
 * and 5), external (every address in no declared zone), operations (levels 0-3), control (0-1), and the hosts
 * that may legitimately carry remote sessions (declared jump hosts).
 */
import {
  type AddressRanges,
  ANY_ADDRESS,
  containsAddress,
  EMPTY_ADDRESSES,
  intersectAddresses,
  isEmptyAddresses,
  NON_PUBLIC,
  parseAddressList,
  subtractAddresses,
  unionAddresses,
} from "../../model/address-ranges.js";
import type { AssetRole, Plant, Zone } from "../../model/plant.js";
import { EXTERNAL } from "../../model/plant.js";

export interface ZoneView {
  id: string;
  level: number | null;
  addresses: AddressRanges;
  zone: Zone | null;
}

export interface PlantZones {
  zones: ZoneView[];
  external: ZoneView;
  byId: Map<string, ZoneView>;
  /** The zone an address is in, EXTERNAL when none. */
  zoneOf(ip: string): ZoneView;
  union(filter: (z: ZoneView) => boolean): AddressRanges;
}

export function plantZones(plant: Plant): PlantZones {
  const zones: ZoneView[] = plant.spec.zones.map((z) => ({
    id: z.id,
    level: z.purdueLevel,
    addresses: parseAddressList(z.subnets).ranges,
    zone: z,
  }));
  const declared = zones.reduce((acc, z) => unionAddresses(acc, z.addresses), EMPTY_ADDRESSES);
  // Without declared zones nothing tells inside from outside but the address plan: public addresses are external.
  const externalSet = zones.length
    ? subtractAddresses(ANY_ADDRESS, declared)
    : subtractAddresses(ANY_ADDRESS, NON_PUBLIC);
  const external: ZoneView = { id: EXTERNAL, level: null, addresses: externalSet, zone: null };
  const byId = new Map(zones.map((z) => [z.id, z]));
  byId.set(EXTERNAL, external);
  const cache = new Map<string, ZoneView>();
  return {
    zones,
    external,
    byId,
    zoneOf(ip) {
      let z = cache.get(ip);
      if (!z) {
        z = zones.find((v) => containsAddress(v.addresses, ip)) ?? external;
        cache.set(ip, z);
      }
      return z;
    },
    union(filter) {
      return [...zones, external]
        .filter(filter)
        .reduce((acc, z) => unionAddresses(acc, z.addresses), EMPTY_ADDRESSES);
    },
  };
}

/** `enterprise`, `control (192.168.30.12/32)`: the zones a set touches, with the part when not the whole zone. */
export function describeByZone(
  zones: PlantZones,
  set: AddressRanges,
  describe: (a: AddressRanges) => string,
): string {
  // A set of one family (an iptables table) is whole when it covers that family of a zone.
  const families: AddressRanges = {
    v4: set.v4.length ? ANY_ADDRESS.v4 : [],
    v6: set.v6.length ? ANY_ADDRESS.v6 : [],
  };
  if (isEmptyAddresses(subtractAddresses(families, set))) return "any address";
  const parts: string[] = [];
  for (const z of [...zones.zones, zones.external]) {
    const part = intersectAddresses(set, z.addresses);
    if (isEmptyAddresses(part)) continue;
    const whole = isEmptyAddresses(subtractAddresses(intersectAddresses(z.addresses, families), part));
    parts.push(
      whole
        ? z.id === EXTERNAL
          ? "any external address"
          : `all of ${z.id}`
        : `${z.id === EXTERNAL ? "external" : z.id} (${describe(part)})`,
    );
  }
  return parts.join(", ") || "no address";
}

export const isEnterprise = (z: ZoneView) => z.level !== null && z.level >= 4;
export const isExternal = (z: ZoneView) => z.id === EXTERNAL;
export const isUntrusted = (z: ZoneView) => isEnterprise(z) || isExternal(z);
/** Operations zones: levels 0-3, the DMZ (3.5) excluded. */
export const isOperations = (z: ZoneView) => z.level !== null && z.level <= 3;
/** Levels 0-2: where the process is controlled and supervised. */
export const isProcess = (z: ZoneView) => z.level !== null && z.level <= 2;
export const isControl = (z: ZoneView) => z.level !== null && z.level <= 1;

export const CONTROLLER_ROLES: ReadonlySet<AssetRole> = new Set(["plc", "rtu", "ied", "safety-controller"]);

/** The Purdue level a role implies, where it implies one. */
export function roleLevel(role: AssetRole): number | null {
  switch (role) {
    case "plc":
    case "rtu":
    case "ied":
    case "safety-controller":
      return 1;
    case "hmi":
    case "ews":
    case "scada-server":
    case "opc-server":
      return 2;
    case "historian":
      return 3;
    case "it-workstation":
    case "it-server":
      return 4;
    default:
      return null;
  }
}

/** Jump hosts whose sessions are monitored or recorded, as declared in `remoteAccess[].via`. */
export function monitoredJumpHosts(plant: Plant): Set<string> {
  const ids = new Set<string>();
  for (const r of plant.spec.remoteAccess) if (r.via && (r.monitored || r.sessionRecording)) ids.add(r.via);
  return ids;
}

/** Every declared jump host, monitored or not: the designed entry points for remote sessions. */
export function jumpHostAddresses(plant: Plant): AddressRanges {
  const ids = new Set<string>(plant.spec.remoteAccess.flatMap((r) => (r.via ? [r.via] : [])));
  const ips = plant.spec.assets.filter((a) => a.role === "jump-host" || ids.has(a.id)).flatMap((a) => a.ips);
  return parseAddressList(ips).ranges;
}
