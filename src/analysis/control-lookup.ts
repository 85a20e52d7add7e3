/**
 * Look-ups the control checks share: the baseline in force and whose each threshold is (the site's or otaudit's
 * default), and where a system named by a file sits.
 */
import { type Baseline, DEFAULT_BASELINE, settingSource } from "../model/baseline.js";
import type { Threshold } from "../model/finding.js";
import type { Plant } from "../model/plant.js";
import type { AnalysisContext } from "./context.js";

export function baselineOf(ctx: Pick<AnalysisContext, "controls">): Baseline {
  return ctx.controls?.baseline ?? DEFAULT_BASELINE;
}

/** A baseline setting a finding was measured against (`backups.maxAgeDays`), and whether the site stated it. */
export function baselineThreshold(
  ctx: AnalysisContext,
  setting: string,
  name: string,
  value: string,
): Threshold {
  return { name, value, setting, source: settingSource(baselineOf(ctx), setting) };
}

/** How a finding's summary names the limit it applied: the site's, or otaudit's default. */
export function limitWords(t: Threshold): string {
  return t.source === "site" ? `baseline.yaml allows ${t.value}` : `otaudit's default allows ${t.value}`;
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
