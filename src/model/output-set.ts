import { z } from "zod";

/**
 * `.otaudit-outputs.json`, the last file of an output set: which run the set is and which files it holds. It
 * marks the folder as otaudit's (anything else in it is someone else's and is kept), and a set without it is
 * incomplete.
 */
export const OutputMarker = z.strictObject({
  tool: z.string(),
  /** The assessment's id: `otaudit history` lists it, and report.html and assessment.json carry it. */
  runId: z.string(),
  site: z.string(),
  finishedAt: z.string(),
  files: z.array(
    z.strictObject({
      name: z.string(),
      bytes: z.number().int().nonnegative(),
      sha256: z.string().regex(/^[0-9a-f]{64}$/),
    }),
  ),
});
export type OutputMarker = z.infer<typeof OutputMarker>;
