/**
 * The risk register (IEC 62443-3-2 ZCR 5): every threat scenario that applies to a zone, its unmitigated risk
 * from the evidence (or the assessor's override) and the zone's consequences, its residual risk crediting only
 * countermeasures the gap assessment shows met, and the SL-T the zone's unmitigated risks call for.
 */
import type { CaptureReport } from "../../model/capture.js";
import type { AssetRole, Plant, Zone } from "../../model/plant.js";
import type { InputProblem } from "../../model/problem.js";
import type { Risk } from "../../model/risk.js";
import type { SlVector } from "../../model/security-level.js";
import type { VulnerabilityReport } from "../../model/vulnerability.js";
import type { ZoneMatrix } from "../../model/zone-matrix.js";
import { THREAT_SCENARIOS, type ThreatScenario } from "../../standard/threats.js";
import { captureSignals } from "./capture-signals.js";
import { likelihoodOf } from "./likelihood.js";
import { matrixOf, ratingOnScale, riskPoint, worstConsequence } from "./matrix.js";
import { applyOverride, unusedOverrideProblems } from "./overrides.js";
import { reachabilitySignals } from "./reachability-signals.js";
import { defaultAccountSignals, vulnerabilitySignals } from "./record-signals.js";
import { remoteAccessSignals } from "./remote-access-signals.js";
import { residualLikelihood } from "./residual.js";
import { addressBook, type Signal } from "./signal.js";
import { recommendedLevels } from "./sl-recommended.js";

export interface RiskInput {
  plant: Plant;
  capture: Pick<CaptureReport, "operations" | "observations"> | null;
  zoneMatrix: ZoneMatrix | null;
  vulnerabilities: VulnerabilityReport | null | undefined;
  /** The gap assessment's result per requirement of a zone; without it no countermeasure is credited. */
  requirements?: (zone: string) => readonly { id: string; result: string }[];
}

export interface RiskRegister {
  /** Highest residual risk first, then highest unmitigated, then the most evidence. */
  risks: Risk[];
  slRecommended: Map<string, SlVector>;
  /** Overrides that name no assessed scenario in a zone, as warnings at their line of plant.yaml. */
  problems: InputProblem[];
}

function planSignals(input: RiskInput): Signal[] {
  const book = addressBook(input.plant);
  return [
    ...reachabilitySignals(input.plant, input.zoneMatrix, book),
    ...captureSignals(input.plant, input.capture, book),
    ...vulnerabilitySignals(input.vulnerabilities),
    ...defaultAccountSignals(input.plant),
    ...remoteAccessSignals(input.plant, input.capture, book),
  ];
}

function appliesTo(plant: Plant, scenario: ThreatScenario, zone: Zone): boolean {
  return plant.spec.assets.some((a) => a.zone === zone.id && scenario.roles.includes(a.role));
}

/**
 * Zone-wide evidence, and evidence about the zone's assets the scenario targets, in the order the scenario lists
 * its signals, so that between equal weights the scenario's own signal leads its reasons.
 */
function relevant(
  roleOf: ReadonlyMap<string, AssetRole>,
  scenario: ThreatScenario,
  zone: Zone,
  signals: readonly Signal[],
): Signal[] {
  const rank = (s: Signal) => scenario.signals.indexOf(s.signal);
  return signals
    .filter(
      (s) =>
        s.zone === zone.id &&
        rank(s) >= 0 &&
        (s.asset === null || scenario.roles.includes(roleOf.get(s.asset) ?? "unknown")),
    )
    .sort((a, b) => rank(a) - rank(b));
}

export function riskRegister(input: RiskInput): RiskRegister {
  const { plant } = input;
  const matrix = matrixOf(plant);
  const signals = planSignals(input);
  const roleOf = new Map(plant.spec.assets.map((a) => [a.id, a.role]));
  const used = new Set<number>();
  const points = new Map<string, number>();
  const risks = plant.spec.zones.flatMap((zone) =>
    THREAT_SCENARIOS.filter((s) => appliesTo(plant, s, zone)).map((scenario): Risk => {
      const id = `${scenario.id}:${zone.id}`;
      const found = likelihoodOf(relevant(roleOf, scenario, zone, signals));
      points.set(id, found.points);
      const consequence = worstConsequence(zone.consequences, zone.criticality, scenario.consequences);
      const evidenced = {
        likelihood: ratingOnScale(found.level, matrix.likelihood.length),
        impact: ratingOnScale(consequence.rating, matrix.impact.length),
        reasons: [...found.reasons, consequence.reason],
      };
      const judged = applyOverride(plant, scenario.id, zone.id, evidenced);
      if (judged.override !== null) used.add(judged.override);
      const unmitigated = riskPoint(matrix, judged.likelihood, judged.impact);
      const residual = residualLikelihood(scenario, unmitigated.likelihood, input.requirements?.(zone.id));
      return {
        id,
        scenario: scenario.id,
        title: scenario.title,
        zone: zone.id,
        techniques: [...scenario.techniques],
        likelihood: unmitigated.likelihood,
        impact: unmitigated.impact,
        unmitigated,
        residual: riskPoint(matrix, residual.likelihood, unmitigated.impact),
        reasons: judged.reasons,
        residualReasons: residual.reasons,
        countermeasures: residual.countermeasures,
        evidence: [...judged.evidence, ...found.evidence],
        overridden: judged.override !== null,
      };
    }),
  );
  risks.sort(
    (a, b) =>
      b.residual.score - a.residual.score ||
      b.unmitigated.score - a.unmitigated.score ||
      (points.get(b.id) ?? 0) - (points.get(a.id) ?? 0) ||
      a.id.localeCompare(b.id),
  );
  return {
    risks,
    slRecommended: new Map(
      plant.spec.zones.map((z) => [
        z.id,
        recommendedLevels(
          matrix,
          risks.filter((r) => r.zone === z.id),
        ),
      ]),
    ),
    problems: unusedOverrideProblems(plant, used),
  };
}
