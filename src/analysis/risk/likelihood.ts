/**
 * The likelihood the evidence of weaknesses gives a scenario in a zone, the floor of its residual likelihood: one
 * step ("rare") plus, for each kind of evidence the scenario responds to, the weight of its strongest piece, capped
 * at the top of the scale. Counting each kind once keeps ten Modbus writes from outweighing one KEV-listed
 * vulnerability.
 */
import type { Evidence } from "../../model/evidence.js";
import type { Signal } from "./signal.js";

export interface Likelihood {
  /** 1-5, before the matrix maps it onto its own scale. */
  level: number;
  /** The uncapped sum, to rank scenarios that both reach the top step. */
  points: number;
  reasons: string[];
  evidence: Evidence[];
}

const MAX_EVIDENCE_PER_KIND = 4;

export function likelihoodOf(signals: readonly Signal[]): Likelihood {
  const byKind = new Map<string, Signal[]>();
  for (const s of signals) byKind.set(s.signal, [...(byKind.get(s.signal) ?? []), s]);
  const reasons: string[] = [];
  const evidence: Evidence[] = [];
  let points = 0;
  const kinds = [...byKind].map(
    ([kind, list]) => [kind, [...list].sort((a, b) => b.weight - a.weight)] as const,
  );
  kinds.sort((a, b) => b[1][0]!.weight - a[1][0]!.weight);
  for (const [kind, ranked] of kinds) {
    const top = ranked[0]!;
    points += top.weight;
    const more = ranked.length > 1 ? ` (and ${ranked.length - 1} more ${kind} evidence)` : "";
    reasons.push(`+${top.weight} ${kind}: ${top.reason}${more}`);
    evidence.push(...ranked.flatMap((s) => s.evidence).slice(0, MAX_EVIDENCE_PER_KIND));
  }
  if (reasons.length === 0) reasons.push("no evidence raises the likelihood above the lowest step");
  return { level: Math.min(1 + points, 5), points, reasons, evidence };
}
