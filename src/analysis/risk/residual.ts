/**
 * Residual likelihood (ZCR 5.8-5.10): the countermeasures a scenario lists lower its likelihood in proportion to
 * how many of them the gap assessment shows met; partial, unknown and not-met ones earn nothing, so residual risk
 * never looks better than the evidence allows.
 */
import type { ThreatScenario } from "../../standard/threats.js";

export interface Residual {
  likelihood: number;
  countermeasures: { requirement: string; result: string }[];
  reasons: string[];
}

export function residualLikelihood(
  scenario: ThreatScenario,
  unmitigated: number,
  results: readonly { id: string; result: string }[] | undefined,
): Residual {
  const byId = new Map((results ?? []).map((r) => [r.id, r.result]));
  const countermeasures = scenario.countermeasures.map((requirement) => ({
    requirement,
    result: byId.get(requirement) ?? "unknown",
  }));
  const met = countermeasures.filter((c) => c.result === "met");
  const open = countermeasures.filter((c) => c.result !== "met");
  const credit = Math.round(((unmitigated - 1) * met.length) / countermeasures.length);
  const reasons = [
    ...(met.length > 0
      ? [`-${credit} countermeasures met: ${met.map((c) => c.requirement).join(", ")}`]
      : []),
    ...(open.length > 0
      ? [`countermeasures not met: ${open.map((c) => `${c.requirement} (${c.result})`).join(", ")}`]
      : []),
  ];
  return { likelihood: unmitigated - credit, countermeasures, reasons };
}
