/**
 * Findings that contradict a 62443-2-1 program requirement (`EVENT 1.8`, `USER 1.2`) count against its element: a
 * documented shortfall means the element is not practised as defined, so its maturity is at most 2. Findings that
 * rest only on otaudit's default thresholds make an aspect of their own, which caps no one's rating: to confirm.
 */
import { contradicted, type Finding, restsOnDefaults } from "../../model/finding.js";
import { elementOfRequirement } from "../../standard/program.js";
import { type Aspect, agree, aspect, onDefaults, plural } from "./aspect.js";

/** Findings named in the reason; the rest are counted. */
const IDS_NAMED = 6;
/** Evidence cited per element: the first pointer of each finding, up to this many. */
const EVIDENCE_CITED = 10;

/** Per element, the aspects its findings make: those on the site's thresholds or none, then those on otaudit's defaults. */
export function findingAspects(findings: readonly Finding[]): Map<string, Aspect[]> {
  const byElement = new Map<string, Finding[]>();
  for (const f of findings) {
    const elements = new Set(contradicted(f).flatMap((r) => elementOfRequirement(r)?.id ?? []));
    for (const e of elements) byElement.set(e, [...(byElement.get(e) ?? []), f]);
  }
  return new Map(
    [...byElement].map(([element, fs]) => {
      const assumed = fs.filter(restsOnDefaults);
      const firm = fs.filter((f) => !restsOnDefaults(f));
      const aspects = [firm, assumed]
        .filter((group) => group.length > 0)
        .map((group) => {
          const a = shortfalls(group, group === assumed ? " against otaudit's default thresholds" : "");
          return group === assumed ? { ...a, unconfirmed: onDefaults(a.reason, group) } : a;
        });
      return [element, aspects];
    }),
  );
}

function shortfalls(fs: readonly Finding[], against: string): Aspect {
  return aspect(
    2,
    `${plural(fs.length, "finding")} ${agree(fs.length, "shows", "show")} shortfalls in its requirements${against}: ${fs
      .slice(0, IDS_NAMED)
      .map((f) => f.id)
      .join(", ")}${fs.length > IDS_NAMED ? ` and ${fs.length - IDS_NAMED} more` : ""}`,
    fs.flatMap((f) => f.evidence.slice(0, 1)).slice(0, EVIDENCE_CITED),
  );
}
