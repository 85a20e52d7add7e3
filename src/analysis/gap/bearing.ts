/** Automated evidence bearing on one requirement in one zone: the analyses' side of a requirement's result. */
import type { Evidence } from "../../model/evidence.js";

export interface Bearing {
  zone: string;
  /** An IEC 62443-3-3 SR or RE id. */
  requirement: string;
  /** Contradicting evidence makes the requirement not met; supporting evidence is shown beside the answer only. */
  stance: "contradicts" | "supports";
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
