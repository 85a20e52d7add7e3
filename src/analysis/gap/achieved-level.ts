/**
 * SL-A per FR (IEC 62443-3-3 as the catalogue maps it): the highest level n such that every SR and RE of the FR
 * required at n (minSL <= n) is met, a justified not-applicable counting as met; 0 when an SL 1 item is not.
 */
import type { SlVector } from "../../model/security-level.js";
import { FOUNDATIONAL_REQUIREMENTS } from "../../model/security-level.js";
import type { Result } from "../../model/verdicts.js";
import { requiredAt } from "../../standard/requirements.js";
import type { FrId } from "../../standard/types.js";

const counts = (r: Result | undefined) => r === "met" || r === "not-applicable";

export function achievedLevel(fr: FrId, resultOf: (requirement: string) => Result | undefined): number {
  let level = 0;
  for (const n of [1, 2, 3, 4]) {
    if (!requiredAt(fr, n).every((r) => counts(resultOf(r.id)))) break;
    level = n;
  }
  return level;
}

export function achievedVector(resultOf: (requirement: string) => Result | undefined): SlVector {
  return FOUNDATIONAL_REQUIREMENTS.map((fr) => achievedLevel(fr, resultOf)) as SlVector;
}
