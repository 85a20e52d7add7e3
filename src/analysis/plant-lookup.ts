/** Look-ups over the declared plant that several analyses need. */

import type { z } from "zod";
import type { LineEvidence } from "../model/evidence.js";
import { lineOf, type Plant, type PlantSection } from "../model/plant.js";

export function declaredAt(
  plant: Plant,
  section: PlantSection,
  index: number,
  note?: string,
): z.infer<typeof LineEvidence> {
  return { kind: "line", file: plant.file, line: lineOf(plant, section, index), ...(note ? { note } : {}) };
}

export function zoneOfAsset(plant: Plant, assetId: string): string | undefined {
  return plant.spec.assets.find((a) => a.id === assetId)?.zone;
}

/** The line of the system under consideration's access point `index` (the `system` key's when it was not recorded). */
export function accessPointAt(plant: Plant, index: number, note?: string): z.infer<typeof LineEvidence> {
  const line = plant.lines[`system.accessPoints.${index}`] ?? plant.lines.system ?? 1;
  return { kind: "line", file: plant.file, line, ...(note ? { note } : {}) };
}
