/**
 * What every analysis looks at: the evidence an assessment loaded, and the facts derived from it once, before any
 * rule runs (the zones as address sets, each firewall compiled with its interfaces placed in zones and its rule
 * order analysed, the merged inventory, the zone matrix, the vulnerability matches). Rules, verdicts and the risk
 * register read these instead of recomputing them, so they all reason from the same facts.
 */
import type { InventoryAsset } from "../model/assessment.js";
import type { VulnerabilityReport } from "../model/vulnerability.js";
import type { ZoneMatrix } from "../model/zone-matrix.js";
import type { AnalysisInput } from "./analysis-input.js";
import { type HostIndex, hostIndex } from "./architecture/capture-view.js";
import { type OperationIndex, operationIndex } from "./architecture/declared-flows.js";
import { type PlantZones, plantZones } from "./architecture/plant-zones.js";
import { zoneMatrix } from "./architecture/zone-matrix.js";
import { type AuditedRuleset, type FirewallFacts, firewallFacts } from "./firewall/firewall-facts.js";
import { plantInventory } from "./plant-inventory.js";
import { plantVulnerabilities } from "./vulnerabilities/plant-vulnerabilities.js";

export interface DerivedFacts {
  /** The declared zones as address sets, and the external pseudo-zone. */
  zones: PlantZones;
  /** Declared and observed hosts by address. */
  hosts: HostIndex;
  /** The captures' operations by protocol and ends, and the flow each was carried on. */
  operations: OperationIndex;
  /** Each firewall compiled, its interfaces placed in zones, its filtering rule sets' order analysed. */
  compiledFirewalls: FirewallFacts[];
  /** Every filtering rule set of every firewall, in file order. */
  rulesets: AuditedRuleset[];
  /** plant.yaml, captures, asset register and scanned hosts merged. */
  inventory: InventoryAsset[];
  zoneMatrix: ZoneMatrix;
  /** Null when the plant folder has no advisories, KEV catalog or scans. */
  vulnerabilities: VulnerabilityReport | null;
}

export interface AnalysisContext extends AnalysisInput, DerivedFacts {}

/** Derives the facts of `input` once; the result is what every rule and verdict is handed. */
export function analysisContext(input: AnalysisInput): AnalysisContext {
  const zones = plantZones(input.plant);
  const compiledFirewalls = (input.firewalls ?? []).map((c) => firewallFacts(input.plant, zones, c));
  const operations = operationIndex(input.capture);
  const matrix = zoneMatrix(input.plant, zones, compiledFirewalls, input.capture, operations);
  const inventory = plantInventory(input);
  return {
    ...input,
    zones,
    hosts: hostIndex(input.plant, input.capture, input.vulnerabilityEvidence?.register),
    operations,
    compiledFirewalls,
    rulesets: compiledFirewalls.flatMap((f) => f.rulesets),
    inventory: inventory.assets,
    zoneMatrix: matrix,
    // Without firewalls the matrix only restates the conduits, which exposure reads from the plant itself.
    vulnerabilities: plantVulnerabilities(input, inventory, input.firewalls?.length ? matrix : null),
  };
}
