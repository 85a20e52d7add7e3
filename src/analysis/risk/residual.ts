/**
 * Residual likelihood (ZCR 5.8-5.10): the countermeasures a scenario lists lower its unmitigated likelihood in
 * proportion to how many of them the gap assessment shows met (partial, unknown and not-met ones earn nothing), and
 * the weaknesses the evidence shows (paths through the firewall, untrusted traffic, vulnerabilities, default
 * accounts) keep it at least where they put it. So residual risk never looks better than the evidence allows, and
 * when the plant as found is more exposed than its design, the residual says so by rising above the unmitigated.
 */
import type { ThreatScenario } from "../../standard/threats.js";
import type { Likelihood } from "./likelihood.js";

export interface Residual {
  likelihood: number;
  countermeasures: { requirement: string; result: string }[];
  reasons: string[];
}

export function residualLikelihood(
  scenario: ThreatScenario,
  unmitigated: number,
  results: readonly { id: string; result: string; compensations?: readonly unknown[] }[] | undefined,
  weaknesses: Likelihood,
): Residual {
  const byId = new Map((results ?? []).map((r) => [r.id, r.result]));
  // Met by compensating countermeasure is met, and the reasons say by what.
  const compensated = new Set(
    (results ?? []).filter((r) => r.result === "met" && (r.compensations?.length ?? 0) > 0).map((r) => r.id),
  );
  const named = (ids: readonly { requirement: string }[]) =>
    ids
      .map(
        (c) => `${c.requirement}${compensated.has(c.requirement) ? " (by compensating countermeasure)" : ""}`,
      )
      .join(", ");
  const countermeasures = scenario.countermeasures.map((requirement) => ({
    requirement,
    result: byId.get(requirement) ?? "unknown",
  }));
  // A requirement that does not apply in the zone is no missing countermeasure: it leaves the count.
  const counted = countermeasures.filter((c) => c.result !== "not-applicable");
  const met = counted.filter((c) => c.result === "met");
  const open = counted.filter((c) => c.result !== "met");
  const credit = counted.length === 0 ? 0 : Math.round(((unmitigated - 1) * met.length) / counted.length);
  const credited = unmitigated - credit;
  const likelihood = Math.max(credited, weaknesses.level);
  const reasons = [
    `unmitigated likelihood ${unmitigated}`,
    met.length === 0
      ? "no countermeasure of this scenario is shown met, so none is credited"
      : credit > 0
        ? `-${credit} for the countermeasures met: ${named(met)}`
        : `the countermeasures met (${named(met)}) are ${met.length} of ${counted.length}: too few to lower it a step`,
    ...(open.length > 0
      ? [`not credited: ${open.map((c) => `${c.requirement} (${c.result})`).join(", ")}`]
      : []),
    ...(weaknesses.level > credited
      ? [
          `the evidence keeps it at ${weaknesses.level}${weaknesses.level > unmitigated ? ", above the unmitigated likelihood: the plant as found is more exposed than its design" : ""}: ${weaknesses.reasons.join("; ")}`,
        ]
      : weaknesses.points > 0
        ? [`weaknesses in the evidence (${weaknesses.reasons.join("; ")}) stay within it`]
        : []),
  ];
  return { likelihood, countermeasures, reasons };
}
