/**
 * The overall posture of the plant: one rating by a fixed rule, carried with the rule in words so the report
 * prints what set it.
 */
import type { Assessment } from "../model/assessment.js";
import { standing } from "../model/dispositions.js";
import { countBySeverity } from "../model/finding.js";
import type { Posture, PostureRating } from "../model/posture.js";
import { worstShortfall } from "../model/security-level.js";

export const POSTURE_RULE =
  "Critical: a critical finding, or a vulnerability known to be exploited (CISA KEV) on an asset reachable from the enterprise network or outside. " +
  "Poor: a high finding, or a zone two or more levels below its target security level. " +
  "Fair: medium findings, or a zone below its target. Good: none of these.";

export function postureOf(a: Pick<Assessment, "findings" | "vulnerabilities" | "zones">): Posture {
  // A finding dismissed as a false positive (dispositions.yaml) sets no rating.
  const counts = countBySeverity(standing(a.findings));
  const exposedKev = (a.vulnerabilities?.matches ?? []).filter(
    (m) => m.kev && (m.exposure.level === "enterprise" || m.exposure.level === "external"),
  );
  const worst = Math.max(0, ...a.zones.map(worstShortfall));
  const rating: PostureRating =
    counts.critical > 0 || exposedKev.length > 0
      ? "critical"
      : counts.high > 0 || worst >= 2
        ? "poor"
        : counts.medium > 0 || worst >= 1
          ? "fair"
          : "good";
  return { rating, rule: POSTURE_RULE };
}
