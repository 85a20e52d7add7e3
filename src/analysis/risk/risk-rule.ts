/** RISK-001: a zone whose declared SL-T is below what its unmitigated risk calls for (IEC 62443-3-2 ZCR 5.6). */
import { expandSl, formatSl } from "../../model/security-level.js";
import { inScope } from "../design/design-basis.js";
import { declaredAt } from "../plant-lookup.js";
import { findingOf, type Rule } from "../rule.js";
import { riskRegister } from "./register.js";

export const slTargetBelowRisk: Rule = {
  id: "RISK-001",
  title: "Declared SL-T is below what the zone's risk calls for",
  severity: "high",
  // 62443-3-2 ZCR 5.6: the SL-T of each zone follows from its detailed risk assessment.
  contradicts: ["ZCR 5.6"],
  related: [],
  description:
    "The threat scenarios that apply to the zone, rated before countermeasures from the site's threat agents, the zone's exposure by design (its conduits and declared remote access) and its consequence ratings, call for a higher target security level in some foundational requirements than plant.yaml declares. Requirements selected by a too-low SL-T leave those risks unaddressed.",
  remediation:
    "Raise the zone's slTarget in plant.yaml to the recommended vector (and re-run the gap assessment), or change the design that drives the exposure (remove a direct remote-access path, route it through a jump host in the DMZ), or record a justified riskOverrides entry where the rated likelihood or impact is wrong for this site.",
  check(ctx) {
    const register = riskRegister({
      plant: ctx.plant,
      capture: ctx.capture,
      zoneMatrix: ctx.zoneMatrix,
      vulnerabilities: ctx.vulnerabilities,
    });
    return ctx.plant.spec.zones.flatMap((zone, i) => {
      if (!inScope(ctx.plant, zone.id)) return [];
      const declared = expandSl(zone.slTarget);
      const recommended = register.slRecommended.get(zone.id)!;
      const short = register.slRationale.get(zone.id)!.filter((r) => r.disagreement !== null);
      if (short.length === 0) return [];
      const driver = [...register.risks]
        .filter((r) => r.zone === zone.id)
        .sort((a, b) => b.unmitigated.score - a.unmitigated.score)[0]!;
      return [
        findingOf(this, {
          subject: zone.id,
          summary: `Zone ${zone.id} declares SL-T ${formatSl(declared)}, but its unmitigated risk calls for ${formatSl(recommended)} (short in ${short.map((r) => `FR${r.fr}`).join(", ")}); highest unmitigated risk: ${driver.id} ${driver.title}, ${driver.unmitigated.likelihood}x${driver.unmitigated.impact} = ${driver.unmitigated.score}. ${driver.reasons.slice(0, 2).join("; ")}.`,
          zones: [zone.id],
          evidence: [declaredAt(ctx.plant, "zones", i, "declared slTarget"), ...driver.evidence.slice(0, 4)],
        }),
      ];
    });
  },
};
