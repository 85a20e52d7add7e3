/**
 * Fields that analyses in progress are adding to the Assessment (the risk register of IEC 62443-3-2 with each
 * zone's recommended SL-T, and continuous monitoring). Until src/model/assessment.ts declares them, the report
 * reads them here, checked against their published contract, so it renders them as soon as a run carries them
 * and says plainly that they are absent otherwise.
 */
import { z } from "zod";
import { MonitoringStatus } from "../../model/alert.js";
import type { Assessment } from "../../model/assessment.js";
import { SlVector } from "../../model/security-level.js";

const Level = z.number().int().min(1).max(5);
/** A position on the risk matrix, or a score (likelihood x impact) when the register gives only that. */
const RiskLevel = z.union([
  z.looseObject({ likelihood: Level, impact: Level }),
  z.number().min(0).max(25),
]);

/** The register entry as issue 7 publishes it. */
const RiskEntry = z.looseObject({
  id: z.string(),
  scenario: z.string(),
  zone: z.string(),
  techniques: z.array(z.string()).default([]),
  likelihood: Level,
  impact: Level,
  unmitigated: RiskLevel,
  residual: RiskLevel,
  reasons: z.array(z.string()).default([]),
});

export interface RiskPoint {
  likelihood: number;
  impact: number;
  score: number;
}

export interface RiskRow {
  id: string;
  scenario: string;
  zone: string;
  techniques: string[];
  unmitigated: RiskPoint;
  residual: RiskPoint;
  reasons: string[];
}

/**
 * A score alone is placed at the entry's impact: countermeasures lower the likelihood of a scenario, not what
 * it would cost (the IEC 62443-3-2 reading of residual risk).
 */
function point(level: z.infer<typeof RiskLevel>, impact: number): RiskPoint {
  if (typeof level !== "number") return { ...level, score: level.likelihood * level.impact };
  const likelihood = Math.min(Math.max(Math.round(level / impact), 1), 5);
  return { likelihood, impact, score: level };
}

const field = (a: Assessment, name: string): unknown => (a as unknown as Record<string, unknown>)[name];

/** The risk register, or null when the assessment carries none. */
export function risksOf(a: Assessment): RiskRow[] | null {
  const parsed = z.array(RiskEntry).safeParse(field(a, "risks"));
  if (!parsed.success) return null;
  return parsed.data.map((r) => ({
    id: r.id,
    scenario: r.scenario,
    zone: r.zone,
    techniques: r.techniques,
    unmitigated: point(r.unmitigated, r.impact),
    residual: point(r.residual, r.impact),
    reasons: r.reasons,
  }));
}

/** The SL-T a zone's risk calls for, when the risk analysis gave one. */
export function slRecommendedOf(zone: Assessment["zones"][number]): z.infer<typeof SlVector> | null {
  const parsed = SlVector.safeParse((zone as unknown as Record<string, unknown>).slRecommended);
  return parsed.success ? parsed.data : null;
}

/** Continuous monitoring's state and open alerts, or null when the plant is not monitored. */
export function monitoringOf(a: Assessment): MonitoringStatus | null {
  const parsed = MonitoringStatus.safeParse(field(a, "monitoring"));
  return parsed.success ? parsed.data : null;
}
