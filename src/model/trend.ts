/** What changed since the previous review, each change with the way it went. */
import { z } from "zod";
import { RiskChange } from "./risk.js";
import { SecurityLevel } from "./security-level.js";
import { LevelChange, MaturityChange, Result, ResultChange } from "./verdicts.js";

export const TrendDirection = z.enum(["improved", "regressed"]);
export type TrendDirection = z.infer<typeof TrendDirection>;

const direction = TrendDirection;

export const TrendChange = z.discriminatedUnion("area", [
  /** A finding improves when it is resolved and regresses when it is new. */
  z.strictObject({ area: z.literal("finding"), direction, id: z.string() }),
  // A level or result goes a way only when both reviews assessed it; a risk, only while it is still assessed.
  LevelChange.extend({
    area: z.literal("security-level"),
    direction,
    before: SecurityLevel,
    after: SecurityLevel,
  }),
  ResultChange.extend({ area: z.literal("requirement"), direction, before: Result, after: Result }),
  MaturityChange.extend({ area: z.literal("maturity"), direction }),
  RiskChange.extend({ area: z.literal("risk"), direction, after: z.number().int() }),
]);
export type TrendChange = z.infer<typeof TrendChange>;
export type TrendArea = TrendChange["area"];
