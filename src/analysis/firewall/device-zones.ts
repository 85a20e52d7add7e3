/**
 * Where a rule-base weakness lies when its rule names no zone (a shadowed rule, a permit without logging, cleartext
 * management): in the zones its device is attached to, by its interface addresses and its declared asset. Without this it
 * would count against every zone of the plant, so that a DMZ router's log settings pulled down the safety zone.
 */

import { addressesOverlap, parseAddressRange } from "../../model/address-ranges.js";
import type { Finding } from "../../model/finding.js";
import type { FirewallConfig } from "../../model/firewall.js";
import type { Plant } from "../../model/plant.js";
import type { PlantZones } from "../architecture/plant-zones.js";
import type { AnalysisContext } from "../context.js";
import type { Rule } from "../rule.js";
import { deviceAsset } from "./audit.js";

/**
 * The declared zones a firewall is attached to through `interfaces` (all of them when null): those their addresses
 * sit in, else its own asset's zone. Zones it only routes to are left out: the internet edge routes to every OT
 * subnet, yet its rule base is not a weakness of the safety zone behind the OT firewall.
 */
export function deviceZones(
  plant: Plant,
  zones: PlantZones,
  config: FirewallConfig,
  interfaces: readonly string[] | null = null,
): string[] {
  const attached = new Set<string>();
  for (const i of config.interfaces) {
    if (interfaces !== null && !interfaces.includes(i.name)) continue;
    for (const cidr of i.addresses) {
      const subnet = parseAddressRange(cidr);
      if (subnet === null) continue;
      for (const z of zones.zones) if (addressesOverlap(z.addresses, subnet)) attached.add(z.id);
    }
  }
  const own = deviceAsset(plant, config)?.zone;
  if (own && (interfaces === null || attached.size === 0)) attached.add(own);
  return [...attached].sort();
}

function placed(ctx: AnalysisContext, finding: Finding): Finding {
  if (finding.zones.length > 0) return finding;
  const files = new Set(finding.evidence.flatMap((e) => (e.kind === "line" ? [e.file] : [])));
  const zones = new Set(
    (ctx.firewalls ?? [])
      .filter((c) => files.has(c.file))
      .flatMap((c) => deviceZones(ctx.plant, ctx.zones, c)),
  );
  return zones.size > 0 ? { ...finding, zones: [...zones].sort() } : finding;
}

/** The rule, with each finding that names no zone placed in the zones of the device its evidence is on. */
export function placedOnDevice(rule: Rule): Rule {
  return { ...rule, check: (ctx) => rule.check(ctx).map((f) => placed(ctx, f)) };
}
