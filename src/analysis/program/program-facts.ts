/**
 * The elements rated from plant.yaml's program facts: COMP 3 (patch management), EVENT 1 (incident response and
 * event monitoring) and NET 1 (segmentation, with the evidence against SR 5.1 and SR 5.2).
 */
import { daysSince } from "../rule.js";
import { type Aspect, agree, aspect, type ProgramInput, plural, yearlyDefault } from "./aspect.js";

/** An incident response plan exercised within this many days counts as practised. */
export const EXERCISE_MAX_DAYS = 365;

const PATCH_LEVEL = { none: 1, "ad-hoc": 1, documented: 2, managed: 3 } as const;
const MONITORING_LEVEL = { none: 1, "logs-only": 2, ids: 3, soc: 3 } as const;

export function patchAspects(input: ProgramInput): Aspect[] {
  const process = input.plant.spec.program.patchProcess;
  return process
    ? [aspect(PATCH_LEVEL[process], `patch process: ${process} (plant.yaml program.patchProcess)`)]
    : [];
}

export function eventAspects(input: ProgramInput): Aspect[] {
  const {
    incidentResponsePlan: plan,
    lastTabletopExercise: exercise,
    securityMonitoring,
  } = input.plant.spec.program;
  const out: Aspect[] = [];
  if (plan || exercise) {
    if (!plan) out.push(aspect(1, "no incident response plan on record"));
    else if (!exercise) out.push(aspect(2, `incident response plan of ${plan}, never exercised`));
    else {
      const days = daysSince(exercise, input.now);
      out.push(
        days <= EXERCISE_MAX_DAYS
          ? aspect(3, `incident response plan of ${plan}, exercised on ${exercise}`)
          : yearlyDefault(
              aspect(2, `incident response plan of ${plan}, last exercised on ${exercise}, ${days} days ago`),
              "exercise interval",
              EXERCISE_MAX_DAYS,
            ),
      );
    }
  }
  if (securityMonitoring) {
    const said = {
      none: "no security monitoring",
      "logs-only": "logs are kept but nobody watches them for security events",
      ids: "an intrusion detection system watches the network",
      soc: "a security operations centre watches the plant",
    }[securityMonitoring];
    out.push(aspect(MONITORING_LEVEL[securityMonitoring], `${said} (plant.yaml program.securityMonitoring)`));
  }
  return out;
}

export function segmentationAspects(input: ProgramInput): Aspect[] {
  const { zones, conduits } = input.plant.spec;
  if (zones.length < 2) return [aspect(1, "fewer than two zones declared: no segmentation design")];
  const out: Aspect[] = [];
  const against = input.bearings.filter(
    (b) => b.stance === "contradicts" && (b.requirement === "SR 5.1" || b.requirement === "SR 5.2"),
  );
  const distinct = [...new Set(against.map((b) => b.finding ?? b.summary))];
  if (distinct.length > 0)
    out.push(
      aspect(
        2,
        `zones are documented, but ${distinct.length} ${agree(distinct.length, "finding or observation shows", "findings or observations show")} traffic or access crossing boundaries outside the design`,
        against.flatMap((b) => b.evidence).slice(0, 10),
      ),
    );
  const unenforced = conduits.filter(
    (c) => c.enforcedBy.length === 0 && !c.protections.some((p) => p !== "none"),
  );
  if (unenforced.length > 0)
    out.push(
      aspect(
        2,
        `${plural(unenforced.length, "conduit")} with no protecting device: ${unenforced.map((c) => c.id).join(", ")}`,
      ),
    );
  if (out.length === 0)
    out.push(
      input.capture
        ? aspect(
            3,
            `${plural(zones.length, "zone")} and ${plural(conduits.length, "conduit")} declared; no finding or captured traffic contradicts them`,
          )
        : aspect(
            2,
            `${plural(zones.length, "zone")} and ${plural(conduits.length, "conduit")} declared, not checked against captured traffic`,
          ),
    );
  return out;
}
