/** Which declared zone an address belongs to, by the zones' subnets. */
import ipaddr from "ipaddr.js";
import type { Zone } from "../model/plant.js";

export type ZoneLocator = (ip: string) => string | undefined;

export function zoneLocator(zones: readonly Zone[]): ZoneLocator {
  const ranges = zones.flatMap((z) =>
    z.subnets.filter((s) => ipaddr.isValidCIDR(s)).map((s) => ({ zone: z.id, range: ipaddr.parseCIDR(s) })),
  );
  const cache = new Map<string, string | undefined>();
  return (ip) => {
    if (cache.has(ip)) return cache.get(ip);
    let zone: string | undefined;
    if (ipaddr.isValid(ip)) {
      const addr = ipaddr.process(ip);
      zone = ranges.find((r) => r.range[0].kind() === addr.kind() && addr.match(r.range))?.zone;
    }
    cache.set(ip, zone);
    return zone;
  };
}
