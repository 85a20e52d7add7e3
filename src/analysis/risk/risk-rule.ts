/** RISK-001: a zone whose declared SL-T is below what its unmitigated risk calls for (IEC 62443-3-2 ZCR 5.6). */
import { expandSl, formatSl } from "../../model/security-level.js";
import { declaredAt } from "../plant-lookup.js";
import { findingOf, type Rule } from "../rule.js";
import { riskRegister } from "./register.js";

const FRS = ["FR1", "FR2", "FR3", "FR4", "FR5", "FR6", "FR7"];

export const slTargetBelowRisk: Rule = {
  id: "RISK-001",
  title: "Declared SL-T is below what the zone's risk calls for",
  severity: "high",
  // 62443-3-2 ZCR 5.6: the SL-T of each zone follows from its detailed risk assessment.
  contradicts: ["ZCR 5.6"],
  related: [],
  description:
    "The threat scenarios that apply to the zone, rated on the risk matrix from the evidence and the zone's consequence ratings, call for a higher target security level in some foundational requirements than plant.yaml declares. Requirements selected by a too-low SL-T leave those risks unaddressed.",
  remediation:
    "Raise the zone's slTarget in plant.yaml to the recommended vector (and re-run the gap assessment), or lower the risk first: remove the evidence that drives its likelihood (close the paths, remove the remote tool), or record a justified riskOverrides entry if the evidence misleads.",
  check(ctx) {
    const register = riskRegister({
      plant: ctx.plant,
      capture: ctx.capture,
      zoneMatrix: ctx.zoneMatrix,
      vulnerabilities: ctx.vulnerabilities,
    });
    return ctx.plant.spec.zones.flatMap((zone, i) => {
      const declared = expandSl(zone.slTarget);
      const recommended = register.slRecommended.get(zone.id)!;
      const short = FRS.filter((_, f) => declared[f]! < recommended[f]!);
      if (short.length === 0) return [];
      const driver = register.risks.find((r) => r.zone === zone.id)!;
      return [
        findingOf(this, {
          subject: zone.id,
          summary: `Zone ${zone.id} declares SL-T ${formatSl(declared)}, but its risk calls for ${formatSl(recommended)} (short in ${short.join(", ")}); highest unmitigated risk: ${driver.id} ${driver.title}, ${driver.unmitigated.likelihood}x${driver.unmitigated.impact} = ${driver.unmitigated.score}.`,
          zones: [zone.id],
          evidence: [declaredAt(ctx.plant, "zones", i, "declared slTarget"), ...driver.evidence.slice(0, 4)],
        }),
      ];
    });
  },
};
