/**
 * What changed between two reviews: findings new, resolved and persisting; SL-A per zone and FR; each
 * requirement's result per zone; each program element's maturity. A side that was not assessed at all (a run
 * stored before the gap assessment existed) yields no requirement or maturity changes, rather than a change for
 * every item.
 */
import { FOUNDATIONAL_REQUIREMENTS, type SlVector } from "../../model/security-level.js";
import type { LevelChange, MaturityChange, Result, ResultChange } from "../../model/verdicts.js";
import { catalogueOrder } from "../../standard/requirements.js";

export function findingChanges(before: readonly { id: string }[], after: readonly { id: string }[]) {
  const was = new Set(before.map((f) => f.id));
  const now = new Set(after.map((f) => f.id));
  return {
    new: [...now].filter((id) => !was.has(id)).sort(),
    resolved: [...was].filter((id) => !now.has(id)).sort(),
    persisting: [...now].filter((id) => was.has(id)).sort(),
  };
}

export interface ZoneLevels {
  id: string;
  slAchieved: SlVector;
}

/** Zone ids of both runs: the current run's order, then the zones that were removed. */
function zoneIds(before: readonly { id: string }[], after: readonly { id: string }[]): string[] {
  return [...new Set([...after.map((z) => z.id), ...before.map((z) => z.id)])];
}

export function levelChanges(before: readonly ZoneLevels[], after: readonly ZoneLevels[]): LevelChange[] {
  const was = new Map(before.map((z) => [z.id, z.slAchieved]));
  const now = new Map(after.map((z) => [z.id, z.slAchieved]));
  return zoneIds(before, after).flatMap((zone) =>
    FOUNDATIONAL_REQUIREMENTS.flatMap((fr, i): LevelChange[] => {
      const b = was.get(zone)?.[i] ?? null;
      const a = now.get(zone)?.[i] ?? null;
      return a === b ? [] : [{ zone, fr, before: b, after: a }];
    }),
  );
}

export interface ZoneResults {
  id: string;
  requirements: readonly { id: string; result: Result }[];
}

export function resultChanges(before: readonly ZoneResults[], after: readonly ZoneResults[]): ResultChange[] {
  const was = new Map(before.map((z) => [z.id, new Map(z.requirements.map((r) => [r.id, r.result]))]));
  const now = new Map(after.map((z) => [z.id, new Map(z.requirements.map((r) => [r.id, r.result]))]));
  return zoneIds(before, after).flatMap((zone) => {
    const b = was.get(zone);
    const a = now.get(zone);
    if (!b?.size || !a?.size) return [];
    return [...new Set([...a.keys(), ...b.keys()])]
      .sort((x, y) => catalogueOrder(x) - catalogueOrder(y))
      .flatMap((requirement): ResultChange[] => {
        const before = b.get(requirement) ?? null;
        const after = a.get(requirement) ?? null;
        return before === after ? [] : [{ zone, requirement, before, after }];
      });
  });
}

export function maturityChanges(
  before: readonly { element: string; maturity: number | null }[],
  after: readonly { element: string; maturity: number | null }[],
): MaturityChange[] {
  if (before.length === 0 || after.length === 0) return [];
  const was = new Map(before.map((e) => [e.element, e.maturity]));
  const now = new Map(after.map((e) => [e.element, e.maturity]));
  return [...new Set([...now.keys(), ...was.keys()])].flatMap((element): MaturityChange[] => {
    const b = was.get(element) ?? null;
    const a = now.get(element) ?? null;
    return a === b ? [] : [{ element, before: b, after: a }];
  });
}
