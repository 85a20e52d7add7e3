/**
 * Findings as evidence against requirements: a finding contradicts the 62443-3-3 requirements its evidence shows
 * unmet (not those it only relates to), in each zone it names. A finding that names no zone could not be placed, so
 * it counts against every zone: a weakness nobody located cannot be assumed to lie elsewhere. A finding about the
 * boundary a conduit crosses (see boundary.ts) counts against that conduit too. A finding that rests only on
 * otaudit's default thresholds carries the point an assessor must confirm before it may overturn an answer.
 * A finding the assessor marked compensated (dispositions.yaml) no longer contradicts the requirements its
 * countermeasure covers: there its bearing becomes the countermeasure (`compensation`), wherever it counted.
 */
import { contradicted, type Finding, restsOnDefaults, type Threshold } from "../../model/finding.js";
import type { Conduit } from "../../model/plant.js";
import { systemRequirement } from "../../standard/requirements.js";
import type { Bearing } from "./bearing.js";

export function findingBearings(
  findings: readonly Finding[],
  zones: readonly string[],
  conduitsOf: (f: Finding) => readonly Conduit[],
): Bearing[] {
  return findings.flatMap((f) => {
    const unconfirmed = restsOnDefaults(f) ? pointToConfirm(f) : undefined;
    const bearing = (requirement: string, where: Pick<Bearing, "zone" | "conduit">): Bearing => ({
      ...where,
      requirement,
      stance: "contradicts",
      summary: `${f.rule} ${f.summary}`,
      finding: f.id,
      evidence: f.evidence,
      ...(unconfirmed ? { unconfirmed } : {}),
    });
    const conduits = conduitsOf(f);
    // Component requirements (CR, EDR, ...) are judged per component, not per zone: they do not enter here.
    return contradicted(f)
      .filter((r) => systemRequirement(r) !== undefined)
      .flatMap((requirement) => [
        ...(f.zones.length > 0 ? f.zones : zones).map((zone) => bearing(requirement, { zone })),
        // Each conduit whose boundary it crosses, on its own: a finding may cross several.
        ...conduits.map((c) => bearing(requirement, { conduit: c.id })),
      ]);
  });
}

/**
 * What an assessor must confirm of a finding that rests on otaudit's defaults: the finding, the defaults it was
 * measured against, and where the site states its own (`BAK-004 The last backup of sis-01 is 203 days old ...
 * This rests on otaudit's default backup interval of 180 days, which baseline.yaml does not set: ...`).
 */
export function pointToConfirm(f: Pick<Finding, "rule" | "summary" | "thresholds">): string {
  return `${f.rule} ${f.summary} This rests on ${defaultsUnstated(f.thresholds)}.`;
}

/** otaudit's default thresholds among these, the file that would state the site's, and what to confirm. */
export function defaultsUnstated(thresholds: readonly Threshold[]): string {
  const ts = [...new Map(thresholds.filter((t) => t.source === "default").map((t) => [t.name, t])).values()];
  const one = ts.length === 1 ? ts[0]! : undefined;
  const what = one
    ? `otaudit's default ${one.name} of ${one.value}`
    : `otaudit's defaults for ${listed(ts.map((t) => `${t.name} (${t.value})`))}`;
  const settings = listed([...new Set(ts.flatMap((t) => (t.setting ? [t.setting] : [])))]);
  const confirm = `confirm the site's ${one ? one.name : "values"}`;
  return settings !== ""
    ? `${what}, which baseline.yaml does not set: ${confirm} and state ${one ? "it" : "them"} in baseline.yaml (${settings})`
    : `${what}, which no file of the plant states: ${confirm}`;
}

/** Thresholds named in a point to confirm; the rest are counted. */
const NAMED = 4;

function listed(items: readonly string[]): string {
  const shown = items.slice(0, NAMED).join(", ");
  return items.length > NAMED ? `${shown} and ${items.length - NAMED} more` : shown;
}

/**
 * Turns a finding's bearing on a requirement its compensated disposition covers into the countermeasure: the
 * assessor's word, with the entry of dispositions.yaml as its evidence. Applied after the bearings are placed (and
 * those resting on wire no capture saw dropped), so the countermeasure counts exactly where the finding did.
 */
export function compensation(findings: readonly Finding[]): (b: Bearing) => Bearing {
  const byId = new Map(findings.map((f) => [f.id, f]));
  return (b) => {
    const f = b.finding === undefined ? undefined : byId.get(b.finding);
    const d = f?.disposition;
    if (!f || d?.status !== "compensated" || !d.requirements.includes(b.requirement)) return b;
    return {
      ...(b.zone !== undefined ? { zone: b.zone } : {}),
      ...(b.conduit !== undefined ? { conduit: b.conduit } : {}),
      requirement: b.requirement,
      stance: "compensates",
      summary: `${d.countermeasure} (compensates ${f.id}; evidence: ${d.evidence}; recorded by ${d.by}, ${d.date})`,
      finding: f.id,
      evidence: [{ kind: "line", file: d.file, line: d.line, note: `compensated ${f.id}` }],
    };
  };
}
