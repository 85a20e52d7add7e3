/** Automated evidence bearing on one requirement, in a zone, a conduit or both: the analyses' side of a result. */
import type { Evidence } from "../../model/evidence.js";

export interface Bearing {
  /** The zone it counts in; absent for evidence about a conduit alone (what its firewalls let through). */
  zone?: string;
  /**
   * The conduit it counts in as well: set when the evidence concerns traffic, or firewall rules, crossing the
   * boundary between the conduit's two zones.
   */
  conduit?: string;
  /** An IEC 62443-3-3 SR or RE id. */
  requirement: string;
  /**
   * Contradicting evidence makes the requirement not met; supporting evidence is shown beside the answer only;
   * a compensation (a finding's countermeasure recorded in dispositions.yaml) stands as a "met" answer where nobody
   * answered, and beside the answer otherwise.
   */
  stance: "contradicts" | "supports" | "compensates";
  /** What the evidence shows, in one sentence. */
  summary: string;
  /** The finding it comes from, when it comes from one. */
  finding?: string;
  evidence: Evidence[];
  /**
   * Set when the evidence rests only on thresholds the site did not state (otaudit's defaults): the point for the
   * assessor to confirm. Such evidence decides a requirement nobody answered, but never overturns an answer.
   */
  unconfirmed?: string;
}
