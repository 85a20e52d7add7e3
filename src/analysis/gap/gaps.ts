/**
 * The gap list: for each FR where a zone's SL-A is below its SL-T, every requirement up to the target that is not
 * met, with the findings behind it and what to do. Ordered by zone criticality, then the size of the FR's gap,
 * then how many findings stand behind it, then the level that needs it first.
 */
import type { Finding } from "../../model/finding.js";
import type { Criticality } from "../../model/plant.js";
import { FOUNDATIONAL_REQUIREMENTS, type SlVector } from "../../model/security-level.js";
import type { Gap, RequirementResult } from "../../model/verdicts.js";
import { catalogueOrder, requiredAt } from "../../standard/requirements.js";

export interface GapInput {
  slTarget: SlVector;
  slAchieved: SlVector;
  requirements: readonly RequirementResult[];
  findings: readonly Finding[];
  normativeTexts: ReadonlyMap<string, string>;
}

/** A gap before it is ranked against the other zones' gaps. */
export type ZoneGap = Omit<Gap, "priority">;

export function zoneGaps(z: GapInput): ZoneGap[] {
  const results = new Map(z.requirements.map((r) => [r.id, r]));
  const gaps = FOUNDATIONAL_REQUIREMENTS.flatMap((fr, i) => {
    if (z.slAchieved[i]! >= z.slTarget[i]!) return [];
    return requiredAt(fr, z.slTarget[i]!).flatMap((req): ZoneGap[] => {
      const r = results.get(req.id);
      if (r && (r.result === "met" || r.result === "not-applicable")) return [];
      const findings = r?.findings ?? [];
      const text = z.normativeTexts.get(req.id);
      return [
        {
          requirement: req.id,
          title: req.title,
          fr,
          neededFor: req.minSL,
          result: r?.result ?? "unknown",
          findings,
          remediation: remediation(z.findings, findings, req.guidance.remediation),
          question: req.guidance.question,
          ...(text ? { normativeText: text } : {}),
        },
      ];
    });
  });
  const shortfall = (g: ZoneGap) => z.slTarget[frPosition(g)]! - z.slAchieved[frPosition(g)]!;
  return gaps.sort(
    (a, b) =>
      shortfall(b) - shortfall(a) ||
      b.findings.length - a.findings.length ||
      a.neededFor - b.neededFor ||
      catalogueOrder(a.requirement) - catalogueOrder(b.requirement),
  );
}

/** Remediations of a gap's findings taken over, most severe finding first, before a long list stops being read. */
const REMEDIATIONS_QUOTED = 3;

/** What to do: the findings' own remediations first (they name the systems), then our guidance's. */
function remediation(all: readonly Finding[], ids: readonly string[], guidance: string): string {
  const cited = new Set(ids);
  // Findings come ordered by severity (see runRules), so the most severe finding's advice leads.
  const texts = [...new Set(all.filter((f) => cited.has(f.id)).map((f) => f.remediation))];
  const quoted = texts.slice(0, REMEDIATIONS_QUOTED);
  const more = texts.length - quoted.length;
  return [...quoted, ...(more > 0 ? [`(${more} more in the findings listed.)`] : []), guidance]
    .filter((t, i, list) => list.indexOf(t) === i)
    .join(" ");
}

const frPosition = (g: ZoneGap) => FOUNDATIONAL_REQUIREMENTS.indexOf(g.fr);

const CRITICALITY_RANK: Record<Criticality, number> = { critical: 3, high: 2, medium: 1, low: 0 };

export interface ZoneGaps {
  id: string;
  criticality: Criticality;
  slTarget: SlVector;
  slAchieved: SlVector;
  gaps: readonly ZoneGap[];
}

/** Every zone's gaps in one list, most urgent first: what to do first across the plant. */
export function prioritisedGaps(
  zones: readonly ZoneGaps[],
): { zone: string; shortfall: number; gap: ZoneGap }[] {
  return zones
    .flatMap((z, zoneOrder) =>
      z.gaps.map((gap) => {
        const i = frPosition(gap);
        return {
          zone: z.id,
          zoneOrder,
          rank: CRITICALITY_RANK[z.criticality],
          shortfall: z.slTarget[i]! - z.slAchieved[i]!,
          gap,
        };
      }),
    )
    .sort(
      (a, b) =>
        b.rank - a.rank ||
        b.shortfall - a.shortfall ||
        b.gap.findings.length - a.gap.findings.length ||
        a.gap.neededFor - b.gap.neededFor ||
        a.zoneOrder - b.zoneOrder ||
        catalogueOrder(a.gap.requirement) - catalogueOrder(b.gap.requirement),
    )
    .map(({ zone, shortfall, gap }) => ({ zone, shortfall, gap }));
}
