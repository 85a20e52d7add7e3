/**
 * Where a rule-base weakness lies when its rule names no zone (a shadowed rule, a permit without logging, cleartext
 * management): in the zones its device joins, from the device's interfaces and its declared asset. Without this it
 * would count against every zone of the plant, so that a DMZ router's log settings pulled down the safety zone.
 */
import type { Finding } from "../../model/finding.js";
import type { FirewallConfig } from "../../model/firewall.js";
import type { Plant } from "../../model/plant.js";
import { interfaceZones } from "../architecture/interface-zones.js";
import { EXTERNAL } from "../architecture/plant-zones.js";
import type { AnalysisContext, Rule } from "../rule.js";
import { deviceAsset } from "./audit.js";

/** The declared zones a firewall's interfaces face, and its own asset's zone. */
export function deviceZones(plant: Plant, config: FirewallConfig): string[] {
  const zones = new Set(interfaceZones(plant, config).flatMap((i) => i.zones));
  const own = deviceAsset(plant, config)?.zone;
  if (own) zones.add(own);
  zones.delete(EXTERNAL);
  return [...zones].sort();
}

function placed(ctx: AnalysisContext, finding: Finding): Finding {
  if (finding.zones.length > 0) return finding;
  const files = new Set(finding.evidence.flatMap((e) => (e.kind === "line" ? [e.file] : [])));
  const zones = new Set(
    (ctx.firewalls ?? []).filter((c) => files.has(c.file)).flatMap((c) => deviceZones(ctx.plant, c)),
  );
  return zones.size > 0 ? { ...finding, zones: [...zones].sort() } : finding;
}

/** The rule, with each finding that names no zone placed in the zones of the device its evidence is on. */
export function placedOnDevice(rule: Rule): Rule {
  return { ...rule, check: (ctx) => rule.check(ctx).map((f) => placed(ctx, f)) };
}
