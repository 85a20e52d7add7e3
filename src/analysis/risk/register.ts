/**
 * The risk register (IEC 62443-3-2 ZCR 5): every threat scenario that applies to a zone of the system under
 * consideration; its unmitigated risk from the threat agents, the zone's exposure by design and its consequences
 * (or the assessor's override); its residual risk crediting only countermeasures the gap assessment shows met and
 * held up by the weaknesses the evidence shows; and the SL-T the zone's unmitigated risks call for, with why.
 */
import type { CaptureReport } from "../../model/capture.js";
import type { AssetRole, Plant, Zone } from "../../model/plant.js";
import type { InputProblem } from "../../model/problem.js";
import type { InitialRisk, Risk, RiskMatrix, SlRationale } from "../../model/risk.js";
import { expandSl, type SlVector } from "../../model/security-level.js";
import type { VulnerabilityReport } from "../../model/vulnerability.js";
import type { ZoneMatrix } from "../../model/zone-matrix.js";
import { THREAT_SCENARIOS, type ThreatScenario } from "../../standard/threats.js";
import { inScope } from "../design/design-basis.js";
import { captureSignals } from "./capture-signals.js";
import { designExposure } from "./design-exposure.js";
import { likelihoodOf } from "./likelihood.js";
import { matrixOf, ratingOnScale, riskPoint, worstConsequence } from "./matrix.js";
import { applyOverride, unusedOverrideProblems } from "./overrides.js";
import { reachabilitySignals } from "./reachability-signals.js";
import { defaultAccountSignals, vulnerabilitySignals } from "./record-signals.js";
import { remoteAccessSignals } from "./remote-access-signals.js";
import { residualLikelihood } from "./residual.js";
import { addressBook, type Signal } from "./signal.js";
import { recommendedLevels } from "./sl-recommended.js";
import { unmitigatedLikelihood } from "./unmitigated.js";

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
  /** Per zone of the SuC: the SL-T its unmitigated risk calls for, and per FR why. */
  slRecommended: Map<string, SlVector>;
  slRationale: Map<string, SlRationale[]>;
  /** Null when no scenario applies to any zone of the SuC. */
  initialRisk: InitialRisk | null;
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

function initialRisk(matrix: RiskMatrix, risks: readonly Risk[]): InitialRisk | null {
  if (risks.length === 0) return null;
  const likely = risks.reduce((a, b) => (b.unmitigated.likelihood > a.unmitigated.likelihood ? b : a));
  const severe = risks.reduce((a, b) => (b.unmitigated.impact > a.unmitigated.impact ? b : a));
  const point = riskPoint(matrix, likely.unmitigated.likelihood, severe.unmitigated.impact);
  return {
    point,
    reason: `the system under consideration taken as one zone: likelihood ${point.likelihood} as in zone ${likely.zone} (${likely.reasons[0]}), impact ${point.impact} as in zone ${severe.zone} (${severe.title}); ${point.tolerable ? `within the tolerable line (${matrix.tolerable})` : `above the tolerable line (${matrix.tolerable}): the system needs partitioning into zones and conduits and the detailed risk assessment that follows`}`,
  };
}

export function riskRegister(input: RiskInput): RiskRegister {
  const { plant } = input;
  const matrix = matrixOf(plant);
  const signals = planSignals(input);
  const exposure = designExposure(plant);
  const roleOf = new Map(plant.spec.assets.map((a) => [a.id, a.role]));
  const used = new Set<number>();
  const points = new Map<string, number>();
  const zones = plant.spec.zones.filter((z) => inScope(plant, z.id));
  const risks = zones.flatMap((zone) => {
    const unmitigated = unmitigatedLikelihood(plant, exposure.get(zone.id)!);
    return THREAT_SCENARIOS.filter((s) => appliesTo(plant, s, zone)).map((scenario): Risk => {
      const id = `${scenario.id}:${zone.id}`;
      const weaknesses = likelihoodOf(relevant(roleOf, scenario, zone, signals));
      points.set(id, weaknesses.points);
      const consequence = worstConsequence(zone.consequences, zone.criticality, scenario.consequences);
      const rated = {
        likelihood: ratingOnScale(unmitigated.level, matrix.likelihood.length),
        impact: ratingOnScale(consequence.rating, matrix.impact.length),
        reasons: [...unmitigated.reasons, consequence.reason],
      };
      const judged = applyOverride(plant, scenario.id, zone.id, rated);
      if (judged.override !== null) used.add(judged.override);
      const before = riskPoint(matrix, judged.likelihood, judged.impact);
      // Computed on the 5-step scale the evidence weights are set on (an override's too), then placed on the matrix's.
      const residual = residualLikelihood(
        scenario,
        judged.likelihood !== rated.likelihood ? judged.likelihood : unmitigated.level,
        input.requirements?.(zone.id),
        weaknesses,
      );
      const residualLevel =
        judged.residualLikelihood ?? ratingOnScale(residual.likelihood, matrix.likelihood.length);
      return {
        id,
        scenario: scenario.id,
        title: scenario.title,
        zone: zone.id,
        techniques: [...scenario.techniques],
        likelihood: before.likelihood,
        impact: before.impact,
        unmitigated: before,
        residual: riskPoint(matrix, residualLevel, before.impact),
        reasons: judged.reasons,
        residualReasons:
          judged.residualLikelihood === null
            ? residual.reasons
            : [
                `the assessor's residual likelihood ${judged.residualLikelihood} stands`,
                ...residual.reasons.map((r) => `rated before the override: ${r}`),
              ],
        countermeasures: residual.countermeasures,
        evidence: [...judged.evidence, ...unmitigated.evidence, ...weaknesses.evidence],
        overridden: judged.override !== null,
      };
    });
  });
  risks.sort(
    (a, b) =>
      b.residual.score - a.residual.score ||
      b.unmitigated.score - a.unmitigated.score ||
      (points.get(b.id) ?? 0) - (points.get(a.id) ?? 0) ||
      a.id.localeCompare(b.id),
  );
  const recommendations = new Map(
    zones.map((z) => [
      z.id,
      recommendedLevels(
        matrix,
        risks.filter((r) => r.zone === z.id),
        expandSl(z.slTarget),
      ),
    ]),
  );
  return {
    risks,
    initialRisk: initialRisk(matrix, risks),
    slRecommended: new Map([...recommendations].map(([z, r]) => [z, r.levels])),
    slRationale: new Map([...recommendations].map(([z, r]) => [z, r.rationale])),
    problems: unusedOverrideProblems(plant, used),
  };
}
