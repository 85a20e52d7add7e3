/**
 * Checks of answers.yaml against the plant and the IEC 62443 catalogue: zones, conduits, systems, requirement and
 * program element ids that must exist, answers given twice, "met" answers that name no evidence, conduit answers
 * outside the FRs a conduit is judged on, and overrides on answers no evidence can overturn. Like the plant's
 * checks they run on the raw value, so one run reports every problem of the file.
 */

import { suggest } from "../model/ids.js";
import type { PlantFile } from "../model/plant.js";
import { formatPath, type ProblemCode } from "../model/problem.js";
import { CONDUIT_FRS } from "../model/security-level.js";
import { PROGRAM_ELEMENTS, programElement } from "../standard/program.js";
import { SYSTEM_REQUIREMENTS, systemRequirement } from "../standard/requirements.js";
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
  const err = errorsInto(problems);
  const assets = new Map(plant.assets.map((a) => [a.id, a]));
  const zones = new Map(plant.zones.map((z): [string, Scope] => [z.id, (a) => a === z.id]));
  // A conduit's devices: those that enforce it, and the systems of the two zones it joins.
  const conduits = new Map(
    plant.conduits.map((c): [string, Scope] => [
      c.id,
      (a) => c.zones.includes(a) || c.enforcedBy.includes(a),
    ]),
  );
  checkScopes(root, "zones", "zone", zones, assets, problems);
  checkScopes(root, "conduits", "conduit", conduits, assets, problems);
  // A zone outside the system under consideration is not judged: its answers would be lost without a word.
  const inside = plant.system ? new Set(plant.system.zones) : null;
  for (const [i, entry] of list(root, "zones").entries()) {
    const id = str(entry.zone);
    if (inside && id !== undefined && zones.has(id) && !inside.has(id))
      problems.push({
        path: ["zones", i, "zone"],
        code: "no-effect",
        severity: "warning",
        message: `zone "${id}" is outside the system under consideration (plant.yaml system.zones), so it is not assessed and these answers are not used`,
      });
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

const errorsInto =
  (problems: ReferenceProblem[]) =>
  (code: ProblemCode, path: PropertyKey[], message: string): void => {
    problems.push({ path, code, message, severity: "error" });
  };

/** Whether an asset with this id, or placed in this zone, belongs to a zone or conduit. */
type Scope = (assetOrZone: string) => boolean;

/** The zones' (or the conduits') answers: the scope and systems they name, requirements, answers given twice. */
function checkScopes(
  root: Raw,
  section: "zones" | "conduits",
  key: "zone" | "conduit",
  scopes: ReadonlyMap<string, Scope>,
  assets: ReadonlyMap<string, { zone?: string | undefined }>,
  problems: ReferenceProblem[],
): void {
  const err = errorsInto(problems);
  const ids = [...scopes.keys()];
  const seen = new Map<string, number>();
  for (const [i, entry] of list(root, section).entries()) {
    const id = str(entry[key]);
    const scope = id === undefined ? undefined : scopes.get(id);
    if (id !== undefined) {
      const first = seen.get(id);
      if (!scope) err("unknown-reference", [section, i, key], `unknown ${key} "${id}"${suggest(id, ids)}`);
      else if (first !== undefined)
        err(
          "duplicate-id",
          [section, i, key],
          `${key} "${id}" is answered twice; first at ${formatPath([section, first])}`,
        );
      else seen.set(id, i);
    }
    const answered = new Map<string, number>();
    for (const [j, a] of list(entry, "answers").entries()) {
      const at = (field: string): PropertyKey[] => [section, i, "answers", j, field];
      const requirement = str(a.requirement);
      const system = str(a.system);
      if (requirement && LOOKS_LIKE_REQUIREMENT.test(requirement)) {
        const r = systemRequirement(requirement);
        if (!r)
          err(
            "unknown-reference",
            at("requirement"),
            `unknown requirement "${requirement}": not an SR or RE of IEC 62443-3-3${suggest(requirement, REQUIREMENT_IDS)}`,
          );
        else if (section === "conduits" && !(CONDUIT_FRS as readonly string[]).includes(r.fr))
          problems.push({
            path: at("requirement"),
            code: "no-effect",
            severity: "warning",
            message: `${requirement} is of ${r.fr}: a conduit is judged on ${CONDUIT_FRS.join(", ")} only, so this answer is not used; answer it for the zones`,
          });
      }
      if (system !== undefined) {
        const asset = assets.get(system);
        if (!asset)
          err(
            "unknown-reference",
            at("system"),
            `unknown asset "${system}"${suggest(system, assets.keys())}`,
          );
        else if (scope && !scope(system) && asset.zone && !scope(asset.zone))
          err(
            "outside-zone",
            at("system"),
            section === "zones"
              ? `asset "${system}" is in zone "${asset.zone}", not "${id}"`
              : `asset "${system}" is in zone "${asset.zone}", which conduit "${id}" does not join, and does not enforce it`,
          );
      }
      if (requirement) {
        const k = `${requirement}\u0000${system ?? ""}`;
        const first = answered.get(k);
        if (first !== undefined) {
          err(
            "duplicate-id",
            at("requirement"),
            `${requirement}${system ? ` for ${system}` : ""} is answered twice in this ${key}; first at ${formatPath([section, i, "answers", first])}`,
          );
        } else answered.set(k, j);
      }
      if ((a.status === "partial" || a.status === "not-met") && a.override !== undefined)
        problems.push({
          path: at("override"),
          code: "no-effect",
          severity: "warning",
          message: `evidence against a requirement never overturns a "${a.status}" answer, so this override has nothing to overrule; it is for a "met", "compensated" or "not-applicable" answer the evidence contradicts`,
        });
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
}
