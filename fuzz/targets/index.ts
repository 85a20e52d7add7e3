/**
 * The table of fuzz targets: every importer, every dissector and the workbench server, by module. A worker loads
 * only its target's module, so that V8 has less code to report coverage of after each input.
 */
import type { FuzzTarget } from "../target.js";

const MODULES = {
  firewall: () => import("./firewall.js"),
  yaml: () => import("./yaml.js"),
  scans: () => import("./scans.js"),
  advisories: () => import("./advisories.js"),
  controls: () => import("./controls.js"),
  dissectors: () => import("./dissectors.js"),
  server: () => import("./server.js"),
  // The fuzzer's own tests; left out of the list.
  selftest: () => import("./selftest.js"),
} satisfies Record<string, () => Promise<{ targets: FuzzTarget[] }>>;

export type TargetModule = keyof typeof MODULES;
export type Listed = FuzzTarget & { module: TargetModule };

/**
 * Every target, in table order. A module that does not load (code under test half-way through a change) costs
 * its own targets only: `failed` names it with the error.
 */
export async function loadTargets(
  failed: (module: string, err: unknown) => void = rethrow,
): Promise<Listed[]> {
  const all: Listed[] = [];
  for (const [module, load] of Object.entries(MODULES) as [TargetModule, (typeof MODULES)[TargetModule]][]) {
    if (module === "selftest") continue;
    try {
      for (const t of (await load()).targets) all.push({ ...t, module });
    } catch (err) {
      failed(module, err);
    }
  }
  return all;
}

function rethrow(_: string, err: unknown): never {
  throw err;
}

/** One target, loading its module only. */
export async function loadTarget(module: TargetModule, name: string): Promise<FuzzTarget> {
  const target = (await MODULES[module]()).targets.find((t) => t.name === name);
  if (!target) throw new Error(`no fuzz target "${name}" in ${module}`);
  return target;
}
