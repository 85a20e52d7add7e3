/**
 * The overall posture in words for a plant manager: the rating the posture analysis set (Assessment.posture),
 * its headline, and a few plain sentences, each a count of what the assessment found.
 */
import type { Assessment } from "../../model/assessment.js";
import { standing } from "../../model/dispositions.js";
import { countBySeverity, SEVERITIES } from "../../model/finding.js";
import { EXTERNAL } from "../../model/plant.js";
import type { Posture, PostureRating } from "../../model/posture.js";
import { shortfalls, worstShortfall } from "../../model/security-level.js";
import { FOUNDATIONAL } from "../../standard/requirements.js";
import { zonesInScope } from "./design.js";
import { programCounts } from "./program.js";
import { UNZONED, type ZoneTraffic } from "./zone-traffic.js";

export interface PostureView extends Posture {
  headline: string;
  points: string[];
}

const HEADLINES: Record<PostureRating, string> = {
  critical: "Critical: weaknesses that an attacker with little skill could use today need action now.",
  poor: "Poor: serious weaknesses leave the control system open; a remediation plan is needed this quarter.",
  fair: "Fair: the main defences are in place, with gaps to close in the normal course of work.",
  good: "Good: the zones reach their target security levels and no serious weakness was found.",
};

const plural = (n: number, word: string, many = `${word}s`): string => `${n} ${n === 1 ? word : many}`;
const zoneLabel = (id: string): string =>
  id === EXTERNAL ? "outside the plant" : id === UNZONED ? "addresses in no zone" : id;

export function postureView(a: Assessment, posture: Posture, traffic: ZoneTraffic): PostureView {
  const points = [
    zonePoint(a),
    findingPoint(a),
    vulnerabilityPoint(a),
    trafficPoint(traffic),
    programPoint(a),
    inventoryPoint(a),
  ].filter((p): p is string => p !== null);
  return { ...posture, headline: HEADLINES[posture.rating], points };
}

function zonePoint(a: Assessment): string | null {
  if (a.zones.length === 0)
    return "The plant model declares no zones, so no security level could be assessed.";
  // Zones outside the system under consideration are not assessed: they count for nothing here.
  const zones = zonesInScope(a);
  if (zones.length === 0)
    return "No zone is in the system under consideration, so no security level was assessed.";
  const of = zones.length < a.zones.length ? " of the system under consideration" : "";
  const reached = zones.filter((z) => worstShortfall(z) === 0).length;
  let deepest = zones[0]!;
  for (const z of zones) if (worstShortfall(z) > worstShortfall(deepest)) deepest = z;
  const gap = shortfalls(deepest);
  const fr = FOUNDATIONAL[gap.indexOf(Math.max(...gap))]!;
  const head =
    reached === zones.length
      ? `All ${zones.length} zones${of} reach their target security level.`
      : `${reached === 0 ? "None" : reached} of the ${zones.length} zones${of} reach${reached === 1 ? "es" : ""} ${reached === 1 ? "its" : "their"} target security level; ${deepest.name} falls ${plural(worstShortfall(deepest), "level")} short in ${fr.id} (${fr.name.toLowerCase()}).`;
  const requirements = zones.flatMap((z) => z.requirements);
  const unknown = requirements.filter((r) => r.result === "unknown").length;
  const tail =
    unknown > 0
      ? ` An achieved level counts only what is shown met: ${unknown} of ${requirements.length} requirement checks are still open (no answer and no deciding evidence), and the levels rise as they are closed.`
      : "";
  return head + tail;
}

function findingPoint(a: Assessment): string {
  // Findings dismissed as false positives (dispositions.yaml) are counted apart, and nowhere else.
  const findings = standing(a.findings);
  const dismissed = a.findings.length - findings.length;
  const apart =
    dismissed > 0 ? ` ${plural(dismissed, "more was", "more were")} dismissed as false positives.` : "";
  if (findings.length === 0) return `The automated checks raised no findings.${apart}`;
  const counts = countBySeverity(findings);
  const parts = [...SEVERITIES]
    .reverse()
    .filter((s) => counts[s] > 0)
    .map((s) => `${counts[s]} ${s}`);
  const critical = [...new Set(findings.filter((f) => f.severity === "critical").map((f) => f.title))];
  const most = critical.length
    ? ` The critical ones: ${critical.map((t) => t.charAt(0).toLowerCase() + t.slice(1)).join("; ")}.`
    : "";
  return `${plural(findings.length, "finding")} (${parts.join(", ")}).${most}${apart}`;
}

function vulnerabilityPoint(a: Assessment): string | null {
  const v = a.vulnerabilities;
  if (!v) return null;
  if (v.matches.length === 0)
    return `No known vulnerability matched the ${v.assetsChecked} assets checked against ${plural(v.sources.advisories, "advisory", "advisories")}.`;
  const kevAssets = new Set(v.matches.filter((m) => m.kev).map((m) => m.asset));
  const exposed = new Set(
    v.matches
      .filter((m) => m.exposure.level === "enterprise" || m.exposure.level === "external")
      .map((m) => m.asset),
  );
  return `${plural(v.vulnerableAssets, "asset")} carr${v.vulnerableAssets === 1 ? "ies" : "y"} known vulnerabilities${kevAssets.size ? `; ${kevAssets.size} of them ${kevAssets.size === 1 ? "is" : "are"} on CISA's list of vulnerabilities exploited in the wild` : ""}${exposed.size ? `; ${exposed.size} ${exposed.size === 1 ? "is" : "are"} reachable from the enterprise network or outside` : ""}.`;
}

function trafficPoint(traffic: ZoneTraffic): string | null {
  const unplanned = traffic.links.filter((l) => l.conduit === null && l.flows > 0);
  if (traffic.counted === 0) return null;
  if (unplanned.length === 0) return "All traffic seen between zones runs over declared conduits.";
  const pairs = unplanned.map((l) => `${zoneLabel(l.zones[0])} ↔ ${zoneLabel(l.zones[1])}`);
  return `Traffic crosses between zones with no declared conduit in ${plural(unplanned.length, "place")}: ${pairs.join(", ")}.`;
}

function programPoint(a: Assessment): string | null {
  if (a.program.length === 0) return null;
  const c = programCounts(a.program);
  const unrated = c.total - c.rated;
  const named = (ps: readonly { element: string; title: string }[]) =>
    ps.map((p) => `${p.element} ${p.title.toLowerCase()}`).join("; ");
  const low = c.lowest.length ? ` Rated at the lowest level (1, initial): ${named(c.lowest)}.` : "";
  const capped = c.cappedAtLowest.length
    ? ` Not rated, with records that support at most 1: ${named(c.cappedAtLowest)}.`
    : "";
  const rest = unrated
    ? `; ${unrated} not rated${c.capped ? ` (for ${c.capped} of them the records support at most a level, a cap rather than a rating)` : ""}`
    : "";
  return `Security program: ${c.rated} of ${c.total} elements rated by the assessors${rest}.${low}${capped}`;
}

function inventoryPoint(a: Assessment): string {
  const undeclared = a.assets.filter((x) => !x.declared).length;
  return `${plural(a.assets.length, "asset")} in the inventory${undeclared ? `, ${undeclared} of them seen on the network but missing from the plant model` : ""}.`;
}
