/**
 * Vulnerabilities of a plant: the merged inventory (plant-inventory.ts) matched against the advisories, scanner
 * findings attached, exposure taken from the zone model and the flows. Derived once for the analysis context
 * (context.ts): the VULN rules, the risk register and the assessment read the same result.
 */
import type { InventoryAsset } from "../../model/assessment.js";
import { formatEvidence } from "../../model/evidence.js";
import type { VulnerabilityReport } from "../../model/vulnerability.js";
import type { ZoneMatrix } from "../../model/zone-matrix.js";
import type { AnalysisInput } from "../analysis-input.js";
import type { PlantInventory } from "../plant-inventory.js";
import { exposureModel } from "./exposure.js";
import { type ReportAsset, vulnerabilityReport } from "./report.js";

/** The inventory matched against the advisories; null when the plant folder has no advisories, KEV catalog or scans. */
export function plantVulnerabilities(
  input: AnalysisInput,
  inventory: PlantInventory,
  matrix: ZoneMatrix | null,
): VulnerabilityReport | null {
  const evidence = input.vulnerabilityEvidence;
  if (!evidence) return null;
  return vulnerabilityReport({
    assets: inventory.assets.map(identityOf),
    advisories: evidence.advisories,
    kev: evidence.kev,
    scans: evidence.scans,
    scanFindings: inventory.scanFindings,
    exposure: exposureModel(input.plant, input.capture, matrix),
  });
}

export function identityOf(a: InventoryAsset): ReportAsset {
  const fw = a.firmware;
  const first = fw?.sources[0];
  const conflicts = (fw?.sources ?? []).flatMap((s) =>
    s.note?.includes(": ") ? [`${s.note} (${formatEvidence(s)})`] : [],
  );
  return {
    id: a.id,
    name: a.name,
    zone: a.zone,
    ips: a.ips,
    vendor: a.vendor?.value ?? null,
    product: a.product?.value ?? null,
    model: a.model?.value ?? null,
    firmware: fw?.value ?? null,
    firmwareSource: first
      ? `${formatEvidence(first)}${conflicts.length ? `; differs from ${conflicts.join(", ")}` : ""}`
      : null,
    evidence: a.sources.slice(0, 3),
  };
}
