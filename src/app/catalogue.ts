/**
 * The IEC 62443-3-3 requirement catalogue with otaudit's guidance, as the CLI (`otaudit requirements`) and the
 * workbench's questionnaire show it, with the normative texts a licence holder supplies beside it.
 */
import type { InputProblem } from "../model/problem.js";
import { loadNormativeTexts } from "../sources/normative-texts.js";
import { SYSTEM_REQUIREMENTS, type SystemRequirement } from "../standard/requirements.js";

export { FOUNDATIONAL, systemRequirement } from "../standard/requirements.js";

export const REQUIREMENT_CATALOGUE = SYSTEM_REQUIREMENTS;

export interface CatalogueSelection {
  /** Only this foundational requirement (`FR 3`). */
  fr?: string;
  /** Only what a zone needs for this security level; all four levels without it. */
  level?: number;
  /** A file of the standard's own texts (id: text), from the user's licensed copy. */
  normativeTexts?: string;
}

export type CatalogueEntry = SystemRequirement & { normativeText?: string };

export function selectRequirements(s: CatalogueSelection): {
  requirements: CatalogueEntry[];
  problems: InputProblem[];
} {
  const loaded = s.normativeTexts
    ? loadNormativeTexts(s.normativeTexts)
    : { texts: new Map<string, string>(), problems: [] };
  const level = s.level ?? 4;
  const requirements = SYSTEM_REQUIREMENTS.filter((r) => (!s.fr || r.fr === s.fr) && r.minSL <= level).map(
    (r) => {
      const text = loaded.texts.get(r.id);
      return text === undefined ? r : { ...r, normativeText: text };
    },
  );
  return { requirements, problems: loaded.problems };
}
