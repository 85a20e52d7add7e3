/**
 * Vulnerabilities of a plant: the inventory (plant.yaml + captures + asset register + scanner reports) matched against the
 * advisories, scanner findings attached, exposure taken from the zone model and the flows. Computed once per
 * analysis context: the VULN rules and the assessment read the same result.
 */
import type { InventoryAsset } from "../../model/assessment.js";
import { formatEvidence } from "../../model/evidence.js";
import type { VulnerabilityReport } from "../../model/vulnerability.js";
import { zoneMatrix } from "../architecture/zone-matrix.js";
import { mergedInventory } from "../inventory.js";
import { withRegister } from "../inventory-register.js";
import { withScanHosts } from "../inventory-scans.js";
import type { AnalysisContext } from "../rule.js";
import { exposureModel } from "./exposure.js";
import { type ReportAsset, vulnerabilityReport } from "./report.js";

export interface PlantVulnerabilities {
  /** The inventory with the scanned hosts merged in. */
  inventory: InventoryAsset[];
  /** Null when the plant folder has no advisories, KEV catalog or scans. */
  report: VulnerabilityReport | null;
}

const computed = new WeakMap<AnalysisContext, PlantVulnerabilities>();

export function plantVulnerabilities(ctx: AnalysisContext): PlantVulnerabilities {
  const known = computed.get(ctx);
  if (known) return known;
  const evidence = ctx.vulnerabilityEvidence ?? null;
  const merged = withScanHosts(
    withRegister(mergedInventory(ctx.plant, ctx.capture), evidence?.register ?? [], ctx.plant.spec.zones),
    evidence?.scans ?? [],
    ctx.plant.spec.zones,
  );
  const result: PlantVulnerabilities = {
    inventory: merged.assets,
    report: evidence
      ? vulnerabilityReport({
          assets: merged.assets.map(identityOf),
          advisories: evidence.advisories,
          kev: evidence.kev,
          scans: evidence.scans,
          scanFindings: merged.findings,
          exposure: exposureModel(ctx.plant, ctx.capture, ctx.firewalls?.length ? zoneMatrix(ctx) : null),
        })
      : null,
  };
  computed.set(ctx, result);
  return result;
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
