/** What the captures saw, arranged for the zones, traffic and summary sections: each zone's and conduit's state. */
import type { Assessment } from "../../model/assessment.js";

export type SeenState = "observed" | "boundary" | "not-observed";

export interface Seen {
  state: SeenState;
  /** The captures that saw it. */
  captures: string[];
}

export interface CoverageView {
  /** Whether plant.yaml declares the coverage; when not, every capture is taken to see every zone. */
  declared: boolean;
  zone(id: string): Seen;
  conduit(id: string): Seen;
  /** Zones and conduits no capture saw, in plant.yaml's order. */
  unseenZones: string[];
  unseenConduits: string[];
}

export const SEEN_WORDS: Record<SeenState, string> = {
  observed: "observed",
  boundary: "at its conduits only",
  "not-observed": "not observed",
};

/** Null when the assessment carries no coverage (no captures, or a run stored before coverage). */
export function coverageView(a: Assessment): CoverageView | null {
  const c = a.coverage;
  if (!c) return null;
  const zones = new Map(c.zones.map((z) => [z.id, z.captures]));
  const conduits = new Map(c.conduits.map((k) => [k.id, k.captures]));
  const direct = (zone: string) => c.captures.some((x) => x.zones.includes(zone));
  const zone = (id: string): Seen => {
    const captures = zones.get(id) ?? [];
    return {
      state: captures.length === 0 ? "not-observed" : direct(id) ? "observed" : "boundary",
      captures,
    };
  };
  const conduit = (id: string): Seen => {
    const captures = conduits.get(id) ?? [];
    return { state: captures.length === 0 ? "not-observed" : "observed", captures };
  };
  return {
    declared: c.declared,
    zone,
    conduit,
    unseenZones: c.zones.filter((z) => z.captures.length === 0).map((z) => z.id),
    unseenConduits: c.conduits.filter((k) => k.captures.length === 0).map((k) => k.id),
  };
}
