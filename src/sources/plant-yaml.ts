/** Loads plant.yaml: schema check, cross-reference check, and the line of every record for evidence. */
import { type Plant, PlantFile, type PlantSection } from "../model/plant.js";
import type { InputProblem } from "../model/problem.js";
import { checkPlantReferences } from "./plant-references.js";
import { loadYamlFile, type YamlFile } from "./yaml-file.js";

export interface PlantLoad {
  plant: Plant | undefined;
  /** Every problem of the file, errors and warnings, in line order. */
  problems: InputProblem[];
}

const SECTIONS: PlantSection[] = [
  "zones",
  "conduits",
  "assets",
  "accounts",
  "backups",
  "vendors",
  "remoteAccess",
  "riskOverrides",
  "approvals",
];

export function loadPlantFile(path: string, displayName = path): PlantLoad {
  const { loaded, problems } = loadYamlFile(path, displayName, PlantFile, checkPlantReferences, recordLines);
  return { plant: loaded, problems };
}

function recordLines(yaml: YamlFile): Record<string, number> {
  const lines: Record<string, number> = {};
  const value = yaml.value as Record<string, unknown>;
  for (const section of SECTIONS) {
    const items = value[section];
    if (!Array.isArray(items)) continue;
    items.forEach((_, i) => {
      lines[`${section}.${i}`] = yaml.locate([section, i]).line;
    });
  }
  // The capture coverage declarations, which the report points back to.
  const evidence = value.evidence as Record<string, unknown> | undefined;
  if (evidence && typeof evidence === "object" && Array.isArray(evidence.captures))
    evidence.captures.forEach((_, i) => {
      lines[`evidence.captures.${i}`] = yaml.locate(["evidence", "captures", i]).line;
    });
  // The system under consideration and the threat environment, each one record the report points back to.
  for (const key of ["system", "threats"])
    if (value[key] && typeof value[key] === "object") lines[key] = yaml.locate([key], "key").line;
  // The SuC's access points, which the partitioning findings point back to.
  const system = value.system as Record<string, unknown> | undefined;
  if (system && typeof system === "object" && Array.isArray(system.accessPoints))
    system.accessPoints.forEach((_, i) => {
      lines[`system.accessPoints.${i}`] = yaml.locate(["system", "accessPoints", i]).line;
    });
  // The engagement's logo, which assess checks exists in the plant folder.
  const engagement = value.engagement as Record<string, unknown> | undefined;
  if (engagement && typeof engagement === "object" && "logo" in engagement)
    lines["engagement.logo"] = yaml.locate(["engagement", "logo"]).line;
  // The program section is one record of named facts: each fact's line, and the section's own.
  const program = value.program;
  if (program && typeof program === "object") {
    lines.program = yaml.locate(["program"], "key").line;
    for (const key of Object.keys(program))
      lines[`program.${key}`] = yaml.locate(["program", key], "key").line;
  }
  return lines;
}
