/**
 * Program maturity as the report counts and shows it: an element is rated only when a person rated it in
 * answers.yaml; what the records support for the others is a cap, counted apart and never averaged in.
 */
import { type ProgramRating, programRating } from "../../model/verdicts.js";

export interface ProgramMaturity {
  /** A person's rating (after the records' cap), or null: not rated. */
  maturity: number | null;
  /** What the records support at most; null when none bears on the element. */
  cap: number | null;
}

export function programMaturity(p: ProgramRating): ProgramMaturity {
  const { maturity, cap } = programRating(p);
  return { maturity, cap };
}

export interface ProgramCounts {
  total: number;
  /** Elements a person rated. */
  rated: number;
  /** The average of the people's ratings, or null when nobody rated one. */
  mean: number | null;
  /** Elements nobody rated whose records support at most some level. */
  capped: number;
  /** Elements a person rated at 1. */
  lowest: ProgramRating[];
  /** Elements nobody rated whose records support at most 1. */
  cappedAtLowest: ProgramRating[];
}

export function programCounts(program: readonly ProgramRating[]): ProgramCounts {
  const shown = program.map((p) => ({ p, m: programMaturity(p) }));
  const rated = shown.filter((x) => x.m.maturity !== null);
  const unrated = shown.filter((x) => x.m.maturity === null);
  return {
    total: program.length,
    rated: rated.length,
    mean: rated.length ? rated.reduce((s, x) => s + x.m.maturity!, 0) / rated.length : null,
    capped: unrated.filter((x) => x.m.cap !== null).length,
    lowest: rated.filter((x) => x.m.maturity === 1).map((x) => x.p),
    cappedAtLowest: unrated.filter((x) => x.m.cap === 1).map((x) => x.p),
  };
}
