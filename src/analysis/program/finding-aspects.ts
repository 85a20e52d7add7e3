/**
 * Findings that contradict a 62443-2-1 program requirement (`EVENT 1.8`, `USER 1.2`) count against its element: a
 * documented shortfall means the element is not practised as defined, so its maturity is at most 2.
 */
import { contradicted, type Finding } from "../../model/finding.js";
import { elementOfRequirement } from "../../standard/program.js";
import { type Aspect, agree, aspect, plural } from "./aspect.js";

/** Findings named in the reason; the rest are counted. */
const IDS_NAMED = 6;
/** Evidence cited per element: the first pointer of each finding, up to this many. */
const EVIDENCE_CITED = 10;

export function findingAspects(findings: readonly Finding[]): Map<string, Aspect> {
  const byElement = new Map<string, Finding[]>();
  for (const f of findings) {
    const elements = new Set(contradicted(f).flatMap((r) => elementOfRequirement(r)?.id ?? []));
    for (const e of elements) byElement.set(e, [...(byElement.get(e) ?? []), f]);
  }
  return new Map(
    [...byElement].map(([element, fs]) => [
      element,
      aspect(
        2,
        `${plural(fs.length, "finding")} ${agree(fs.length, "shows", "show")} shortfalls in its requirements: ${fs
          .slice(0, IDS_NAMED)
          .map((f) => f.id)
          .join(", ")}${fs.length > IDS_NAMED ? ` and ${fs.length - IDS_NAMED} more` : ""}`,
        fs.flatMap((f) => f.evidence.slice(0, 1)).slice(0, EVIDENCE_CITED),
      ),
    ]),
  );
}
