/**
 * Checks of answers.yaml against the plant and the IEC 62443 catalogue: zones, systems, requirement and program
 * element ids that must exist, answers given twice, and "met" answers that name no evidence. Like the plant's
 * checks they run on the raw value, so one run reports every problem of the file.
 */
import type { PlantFile } from "../model/plant.js";
import { formatPath, type ProblemCode } from "../model/problem.js";
import { PROGRAM_ELEMENTS, programElement } from "../standard/program.js";
import { SYSTEM_REQUIREMENTS, systemRequirement } from "../standard/requirements.js";
import { suggest } from "./plant-references.js";
import type { ReferenceProblem } from "./yaml-file.js";

type Raw = Record<string, unknown>;

const list = (root: Raw, key: string): Raw[] =>
  Array.isArray(root[key])
    ? (root[key] as unknown[]).map((x) => (x && typeof x === "object" ? (x as Raw) : {}))
    : [];

const str = (v: unknown): string | undefined => (typeof v === "string" ? v : undefined);

// Ids that do not even look like one are the schema's to report; these checks only ask whether they exist.
const LOOKS_LIKE_REQUIREMENT = /^SR \d\.\d{1,2}( RE \d{1,2})?$/;
const LOOKS_LIKE_ELEMENT = /^[A-Z]+ \d+$/;

const REQUIREMENT_IDS = SYSTEM_REQUIREMENTS.map((r) => r.id);
const ELEMENT_IDS = PROGRAM_ELEMENTS.map((e) => e.id);

export function checkAnswerReferences(value: unknown, plant: PlantFile): ReferenceProblem[] {
  if (!value || typeof value !== "object") return [];
  const root = value as Raw;
  const problems: ReferenceProblem[] = [];
  const err = (code: ProblemCode, path: PropertyKey[], message: string) =>
    problems.push({ path, code, message, severity: "error" });
  const zoneIds = plant.zones.map((z) => z.id);
  const assets = new Map(plant.assets.map((a) => [a.id, a]));

  const zonesSeen = new Map<string, number>();
  for (const [i, entry] of list(root, "zones").entries()) {
    const zone = str(entry.zone);
    if (zone !== undefined) {
      const first = zonesSeen.get(zone);
      if (!zoneIds.includes(zone))
        err("unknown-reference", ["zones", i, "zone"], `unknown zone "${zone}"${suggest(zone, zoneIds)}`);
      else if (first !== undefined)
        err(
          "duplicate-id",
          ["zones", i, "zone"],
          `zone "${zone}" is answered twice; first at ${formatPath(["zones", first])}`,
        );
      else zonesSeen.set(zone, i);
    }
    const answered = new Map<string, number>();
    for (const [j, a] of list(entry, "answers").entries()) {
      const at = (key: string): PropertyKey[] => ["zones", i, "answers", j, key];
      const requirement = str(a.requirement);
      const system = str(a.system);
      if (requirement && LOOKS_LIKE_REQUIREMENT.test(requirement) && !systemRequirement(requirement)) {
        err(
          "unknown-reference",
          at("requirement"),
          `unknown requirement "${requirement}": not an SR or RE of IEC 62443-3-3${suggest(requirement, REQUIREMENT_IDS)}`,
        );
      }
      if (system !== undefined) {
        const asset = assets.get(system);
        if (!asset)
          err(
            "unknown-reference",
            at("system"),
            `unknown asset "${system}"${suggest(system, assets.keys())}`,
          );
        else if (zone && zoneIds.includes(zone) && asset.zone && asset.zone !== zone)
          err("outside-zone", at("system"), `asset "${system}" is in zone "${asset.zone}", not "${zone}"`);
      }
      if (requirement) {
        const key = `${requirement}\u0000${system ?? ""}`;
        const first = answered.get(key);
        if (first !== undefined) {
          err(
            "duplicate-id",
            at("requirement"),
            `${requirement}${system ? ` for ${system}` : ""} is answered twice in this zone; first at ${formatPath(["zones", i, "answers", first])}`,
          );
        } else answered.set(key, j);
      }
      if (a.status === "met" && !str(a.evidence)?.trim()) {
        problems.push({
          path: at("status"),
          code: "no-evidence",
          severity: "warning",
          message:
            '"met" without evidence counts as unknown: say what shows it is met (a document, an export, a test)',
        });
      }
    }
  }

  const elementsSeen = new Map<string, number>();
  for (const [k, p] of list(root, "program").entries()) {
    const element = str(p.element);
    if (!element) continue;
    if (LOOKS_LIKE_ELEMENT.test(element) && !programElement(element)) {
      err(
        "unknown-reference",
        ["program", k, "element"],
        `unknown program element "${element}": not an element of IEC 62443-2-1${suggest(element, ELEMENT_IDS)}`,
      );
    }
    const first = elementsSeen.get(element);
    if (first !== undefined)
      err(
        "duplicate-id",
        ["program", k, "element"],
        `"${element}" is rated twice; first at ${formatPath(["program", first])}`,
      );
    else elementsSeen.set(element, k);
  }
  return problems;
}
