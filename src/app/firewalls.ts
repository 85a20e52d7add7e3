/**
 * Firewall configurations into the model: read from files (a plant's `firewalls/` folder or the files the
 * `firewall` command names), parsed by format, with every problem located. A file that cannot be read or whose
 * format is not supported is reported and skipped; the others are still used.
 */
import { relative } from "node:path";
import { analysisContext } from "../analysis/context.js";
import { rulesOf, runRules } from "../analysis/registry.js";
import type { Finding } from "../model/finding.js";
import type { FirewallConfig } from "../model/firewall.js";
import { type Plant, PlantFile } from "../model/plant.js";
import type { InputProblem } from "../model/problem.js";
import { readFirewallFile } from "../sources/firewall/load.js";

export interface LoadedFirewalls {
  configs: FirewallConfig[];
  problems: InputProblem[];
}

/** `display` is the name evidence carries: relative to the plant folder, or as the user typed it. */
export function loadFirewallFiles(files: readonly { absolute: string; display: string }[]): LoadedFirewalls {
  const configs: FirewallConfig[] = [];
  const problems: InputProblem[] = [];
  for (const f of files) {
    const parsed = readFirewallFile(f.absolute, f.display);
    for (const p of parsed.problems) problems.push(p);
    if (parsed.config) configs.push(parsed.config);
  }
  return { configs, problems };
}

export interface FirewallReview extends LoadedFirewalls {
  findings: Finding[];
}

/** A plant with no zones, for reviewing configurations on their own: "external" then means public addresses. */
function standalonePlant(): Plant {
  return { file: "(no plant.yaml)", spec: PlantFile.parse({ site: { name: "firewall review" } }), lines: {} };
}

/**
 * The `otaudit firewall` review: the firewall rules (FW-0xx) over the given files, against the zones of a plant
 * when one is given.
 */
export function reviewFirewalls(
  paths: readonly string[],
  options: { plant?: Plant; now?: Date } = {},
): FirewallReview {
  const loaded = loadFirewallFiles(
    paths.map((p) => ({ absolute: p, display: relative(process.cwd(), p) || p })),
  );
  const plant = options.plant ?? standalonePlant();
  const ctx = analysisContext({
    plant,
    capture: null,
    now: options.now ?? new Date(),
    firewalls: loaded.configs,
  });
  return { ...loaded, findings: runRules(ctx, rulesOf("FW")) };
}
