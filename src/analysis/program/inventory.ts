/**
 * CM 1, inventory and configuration management: how much of what the captures found in the plant's zones the
 * inventory lacks, whether changes are recorded, and when the documentation was last reviewed.
 */
import { daysSince } from "../rule.js";
import { zoneLocator } from "../zone-of-address.js";
import { type Aspect, agree, aspect, type ProgramInput, plural, yearlyDefault } from "./aspect.js";

/** Up to this share of undeclared hosts the inventory is managed; beyond it, ad hoc. */
export const UNDECLARED_SHARE_MANAGED = 0.1;
/** Documentation reviewed within this many days counts as practised. */
export const DOCUMENTATION_REVIEW_DAYS = 365;

export function inventoryAspects(input: ProgramInput): Aspect[] {
  const { assets, zones } = input.plant.spec;
  const program = input.plant.spec.program;
  const out: Aspect[] = [];
  if (assets.length === 0) out.push(aspect(1, "plant.yaml declares no assets: there is no inventory"));
  else if (!input.capture)
    out.push(
      aspect(2, `plant.yaml declares ${plural(assets.length, "asset")}; no capture to check them against`),
    );
  else {
    // Hosts are placed in zones by address, as the merged inventory places them.
    const locate = zoneLocator(zones);
    const seen = input.capture.assets.filter((o) => o.ips.some((ip) => locate(ip) !== undefined)).length;
    const undeclared = input.inventory.filter((a) => !a.declared && a.zone !== null);
    if (undeclared.length === 0)
      out.push(
        aspect(3, `every one of the ${plural(seen, "host")} seen in the plant's zones is in plant.yaml`),
      );
    else {
      const share = undeclared.length / seen;
      out.push(
        aspect(
          share <= UNDECLARED_SHARE_MANAGED ? 2 : 1,
          `${undeclared.length} of ${plural(seen, "host")} seen in the plant's ${plural(zones.length, "zone")} ${agree(undeclared.length, "is", "are")} missing from plant.yaml (${Math.round(share * 100)}%): ${undeclared
            .slice(0, 5)
            .map((a) => a.ips[0] ?? a.id)
            .join(", ")}${undeclared.length > 5 ? ", ..." : ""}`,
          undeclared.flatMap((a) => a.sources.slice(0, 1)).slice(0, 5),
        ),
      );
    }
  }
  if (program.changeRecords === false)
    out.push(aspect(1, "no change records are kept (plant.yaml program.changeRecords)"));
  if (program.changeRecords === true) out.push(aspect(3, "change records are kept"));
  if (program.documentationReview) {
    const days = daysSince(program.documentationReview, input.now);
    out.push(
      days <= DOCUMENTATION_REVIEW_DAYS
        ? aspect(3, `documentation reviewed on ${program.documentationReview}`)
        : yearlyDefault(
            aspect(2, `documentation last reviewed on ${program.documentationReview}, ${days} days ago`),
            "documentation review interval",
            DOCUMENTATION_REVIEW_DAYS,
          ),
    );
  }
  return out;
}
