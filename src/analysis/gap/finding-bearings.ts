/**
 * Findings as evidence against requirements: a finding contradicts the 62443-3-3 requirements its evidence shows
 * unmet (not those it only relates to), in each zone it names. A finding that names no zone could not be placed, so it counts against every zone: a
 * weakness nobody located cannot be assumed to lie elsewhere.
 */
import { contradicted, type Finding } from "../../model/finding.js";
import { systemRequirement } from "../../standard/requirements.js";
import type { Bearing } from "./bearing.js";

export function findingBearings(findings: readonly Finding[], zones: readonly string[]): Bearing[] {
  return findings.flatMap((f) =>
    // Component requirements (CR, EDR, ...) are judged per component, not per zone: they do not enter here.
    contradicted(f)
      .filter((r) => systemRequirement(r) !== undefined)
      .flatMap((requirement) =>
        (f.zones.length > 0 ? f.zones : zones).map(
          (zone): Bearing => ({
            zone,
            requirement,
            stance: "contradicts",
            summary: `${f.rule} ${f.summary}`,
            finding: f.id,
            evidence: f.evidence,
          }),
        ),
      ),
  );
}
