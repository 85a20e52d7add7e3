/** The remediation plan: what to do first, each action with the findings or answers it settles. */
import { z } from "zod";
import { Severity } from "./finding.js";

export const Action = z.strictObject({
  /** `A1`, `A2`, ... in ranked order. */
  id: z.string().regex(/^A\d+$/),
  title: z.string(),
  /** What to do. */
  action: z.string(),
  findings: z.array(z.string()),
  severity: Severity,
  zones: z.array(z.string()),
  assets: z.array(z.string()),
  requirements: z.array(z.string()),
  /** Why it ranks where it does, in a few words. */
  basis: z.string(),
  /** Severity-weighted breadth: what ranks actions of one severity. */
  weight: z.number(),
  /** The residual risk score the action bears on; null when the assessment has no risk register. */
  riskReduction: z.number().nullable(),
});
export type Action = z.infer<typeof Action>;
