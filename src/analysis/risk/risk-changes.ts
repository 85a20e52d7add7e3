/** Review-to-review changes of the risk register: risks whose residual score moved, appeared or went away. */
import type { RiskChange } from "../../model/risk.js";

type Scored = { id: string; residual: { score: number } };

/** Empty when the earlier run carries no register (stored before the risk analysis existed). */
export function riskChanges(
  before: readonly Scored[] | undefined,
  after: readonly Scored[] | undefined,
): RiskChange[] {
  if (!before || !after) return [];
  const was = new Map(before.map((r) => [r.id, r.residual.score]));
  const now = new Map(after.map((r) => [r.id, r.residual.score]));
  return [...new Set([...now.keys(), ...was.keys()])]
    .map((id) => ({ id, before: was.get(id) ?? null, after: now.get(id) ?? null }))
    .filter((c) => c.before !== c.after)
    .sort((a, b) => a.id.localeCompare(b.id));
}
