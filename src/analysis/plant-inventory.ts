/**
 * The plant's inventory as every analysis sees it: plant.yaml and the captures merged (inventory.ts), then the asset
 * register, the hosts the scanners found, and the firewalls' own interfaces folded into the declared firewalls. Derived once for the analysis context (context.ts).
 */
import type { InventoryAsset } from "../model/assessment.js";
import type { AnalysisInput } from "./analysis-input.js";
import { withFirewallInterfaces } from "./firewall-interfaces.js";
import { mergedInventory } from "./inventory.js";
import { withRegister } from "./inventory-register.js";
import { type ScanMerge, withScanHosts } from "./inventory-scans.js";

export interface PlantInventory {
  /** plant.yaml, captures, the asset register and the scanned hosts merged. */
  assets: InventoryAsset[];
  /** What the scanners reported of each merged asset, for the vulnerability report. */
  scanFindings: ScanMerge["findings"];
}

export function plantInventory(input: AnalysisInput): PlantInventory {
  const evidence = input.vulnerabilityEvidence ?? null;
  const zones = input.plant.spec.zones;
  const merged = withScanHosts(
    withRegister(mergedInventory(input.plant, input.capture), evidence?.register ?? [], zones),
    evidence?.scans ?? [],
    zones,
  );
  const { assets, foldedInto } = withFirewallInterfaces(merged.assets, input.plant, input.firewalls ?? []);
  return {
    assets,
    scanFindings: merged.findings.map((f) => ({ ...f, asset: foldedInto.get(f.asset) ?? f.asset })),
  };
}
