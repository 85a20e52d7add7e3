/** Stored assessments of a plant compared with each other (`otaudit diff`), chosen by id or by their order. */
import { existsSync } from "node:fs";
import { compareRuns } from "../analysis/trend/compare-runs.js";
import type { Assessment, Comparison } from "../model/assessment.js";
import { type AssessmentSummary, Workspace, workspacePath } from "../store/workspace.js";
import { RequestError } from "./errors.js";

export type { AssessmentSummary };

export interface StoredComparison {
  site: string;
  from: AssessmentSummary;
  to: AssessmentSummary;
  comparison: Comparison;
}

/** A run named by its id or an unambiguous beginning of it, as people copy them from `otaudit history`. */
function pick(runs: AssessmentSummary[], ref: string): AssessmentSummary {
  const matches = runs.filter((r) => r.id === ref || r.id.startsWith(ref));
  if (matches.length === 1) return matches[0]!;
  throw new RequestError(
    matches.length === 0
      ? `no stored assessment has the id ${ref} (otaudit history lists them)`
      : `${ref} names ${matches.length} assessments; give more of the id`,
  );
}

/** The plant's workspace, which `assess` makes; a person who has not assessed yet is told to. */
function openWorkspace(dir: string): Workspace {
  const path = workspacePath(dir);
  if (!existsSync(path)) throw new RequestError(`${dir}: no workspace yet; run otaudit assess ${dir} first`);
  return Workspace.open(path);
}

/** Reads the plant's workspace; `none` when there is none yet (no run was stored). */
function readWorkspace<T>(dir: string, read: (ws: Workspace) => T, none: T): T {
  if (!existsSync(workspacePath(dir))) return none;
  const ws = Workspace.open(workspacePath(dir));
  try {
    return read(ws);
  } finally {
    ws.close();
  }
}

/** The assessments stored for the plant in `dir`, oldest first; none before the first run. */
export function storedRuns(dir: string): AssessmentSummary[] {
  return readWorkspace(dir, (ws) => ws.list(), []);
}

/** The latest stored assessment of the plant in `dir`, or null before the first run. */
export function latestRun(dir: string): Assessment | null {
  return readWorkspace(dir, (ws) => ws.latest() ?? null, null);
}

/** Compares run `from` (default: the one before `to`) with run `to` (default: the latest) of the plant in `dir`. */
export function compareStoredRuns(dir: string, refs: { from?: string; to?: string }): StoredComparison {
  const ws = openWorkspace(dir);
  try {
    const runs = ws.list();
    const to = refs.to ? pick(runs, refs.to) : runs.at(-1);
    if (!to) throw new RequestError(`${dir}: no assessment stored yet; run otaudit assess ${dir} first`);
    const from = refs.from ? pick(runs, refs.from) : runs[runs.indexOf(to) - 1];
    if (!from)
      throw new RequestError(`${dir}: no assessment before ${to.id} to compare with; name one with --from`);
    const after = ws.get(to.id)!;
    return { site: after.site, from, to, comparison: compareRuns(ws.get(from.id)!, after)! };
  } finally {
    ws.close();
  }
}
