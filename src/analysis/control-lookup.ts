/** Look-ups the control checks share: the baseline in force, and where a system named by a file sits. */
import { type Baseline, DEFAULT_BASELINE } from "../model/baseline.js";
import type { Plant } from "../model/plant.js";
import type { AnalysisContext } from "./context.js";

export function baselineOf(ctx: AnalysisContext): Baseline {
  return ctx.controls?.baseline ?? DEFAULT_BASELINE;
}

/** The zone of a declared asset, as a list; empty for a system plant.yaml does not declare (a domain, say). */
export function systemZones(plant: Plant, system: string): string[] {
  const zone = plant.spec.assets.find((a) => a.id === system)?.zone;
  return zone ? [zone] : [];
}

/** The system as an asset id, when plant.yaml declares it. */
export function systemAssets(plant: Plant, system: string): string[] {
  return plant.spec.assets.some((a) => a.id === system) ? [system] : [];
}

/** `2026-11-26T08:01:56.000Z` -> `2026-11-26 08:01:56 UTC`. */
export function formatTime(iso: string): string {
  return `${iso.slice(0, 10)} ${iso.slice(11, 19)} UTC`;
}

/** `2026-09-12` -> `2026-09-12`; a date-time keeps its date only. */
export function formatDate(iso: string): string {
  return iso.slice(0, 10);
}
