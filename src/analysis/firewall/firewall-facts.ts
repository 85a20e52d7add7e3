/** One firewall as the analyses use it: compiled once, its interfaces placed in zones, its rule order analysed. */
import type { FirewallConfig } from "../../model/firewall.js";
import type { Plant } from "../../model/plant.js";
import { type InterfaceZone, interfaceZones } from "../architecture/interface-zones.js";
import type { PlantZones } from "../architecture/plant-zones.js";
import { type CompiledConfig, type CompiledRuleset, compileConfig } from "./compile.js";
import { analyseOrder, type OrderAnalysis } from "./rule-order.js";

/** A filtering rule set with its firewall, the zones behind that firewall's interfaces, and its order analysis. */
export interface AuditedRuleset {
  config: CompiledConfig;
  interfaceZones: InterfaceZone[];
  rs: CompiledRuleset;
  order: OrderAnalysis;
}

export interface FirewallFacts {
  compiled: CompiledConfig;
  interfaceZones: InterfaceZone[];
  /** The rule sets that filter, each with its order analysis. */
  rulesets: AuditedRuleset[];
}

export function firewallFacts(plant: Plant, zones: PlantZones, config: FirewallConfig): FirewallFacts {
  const compiled = compileConfig(config);
  const behind = interfaceZones(plant, zones, compiled);
  return {
    compiled,
    interfaceZones: behind,
    rulesets: compiled.rulesets
      .filter((rs) => rs.ruleset.filters)
      .map((rs) => ({
        config: compiled,
        interfaceZones: behind,
        rs,
        order: analyseOrder(rs, compiled.interfaces.full),
      })),
  };
}
