/** The overall posture of a plant: one rating, and the rule that set it, for a plant manager. */
import { z } from "zod";

export const PostureRating = z.enum(["critical", "poor", "fair", "good"]);
export type PostureRating = z.infer<typeof PostureRating>;

export const Posture = z.strictObject({
  rating: PostureRating,
  /** How the rating is set, in words: the report prints it beside the rating. */
  rule: z.string(),
});
export type Posture = z.infer<typeof Posture>;
