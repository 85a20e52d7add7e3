/**
 * Stored assessments of a plant and the labels naming the official reviews among them: listed (`otaudit history`),
 * labelled (`history --label`, the workbench's history page), chosen to compare with (`assess`) and compared with
 * each other (`otaudit diff`), each named by a label, an id or `latest`.
 */
import { existsSync } from "node:fs";
import { userInfo } from "node:os";
import { compareRuns } from "../analysis/trend/compare-runs.js";
import type { Assessment, Comparison, ComparisonBasis } from "../model/assessment.js";
import {
  type AssessmentSummary,
  type LabelledRun,
  type RunLabel,
  Workspace,
  workspacePath,
} from "../store/workspace.js";
import { LabelTakenError, RequestError } from "./errors.js";

export type { AssessmentSummary, LabelledRun, RunLabel };

export interface StoredComparison {
  site: string;
  from: AssessmentSummary;
  to: AssessmentSummary;
  comparison: Comparison;
}

/** The word that names the latest run wherever a run is named; no label may be it. */
export const LATEST = "latest";
const MAX_LABEL = 200;

const shortId = (id: string) => id.slice(0, 8);
const day = (iso: string) => iso.slice(0, 16).replace("T", " ");

/** The labels of a workspace in words, for an error that names what exists. */
function labelsInWords(ws: Workspace): string {
  const labels = ws.labels();
  return labels.length === 0
    ? "no run is labelled yet (otaudit history <dir> --label TEXT labels the latest)"
    : `the labels are ${labels.map((l) => `"${l.text}" (run ${shortId(l.run)})`).join(", ")}`;
}

/**
 * A run named as people name them: `latest`, a label (whatever its case), or an id or an unambiguous beginning of
 * one as copied from `otaudit history`. A label wins over an id it happens to begin.
 */
function resolveRun(ws: Workspace, runs: AssessmentSummary[], ref: string): AssessmentSummary {
  const wanted = ref.trim();
  if (wanted.toLowerCase() === LATEST) {
    const latest = runs.at(-1);
    if (latest) return latest;
    throw new RequestError("no assessment stored yet, so there is no latest run");
  }
  const labelled = ws.labelled(wanted);
  if (labelled) return runs.find((r) => r.id === labelled.run)!;
  const matches = wanted === "" ? [] : runs.filter((r) => r.id.startsWith(wanted));
  if (matches.length === 1) return matches[0]!;
  throw new RequestError(
    matches.length === 0
      ? `no stored assessment has the label or id "${ref}"; ${labelsInWords(ws)}`
      : `${ref} names ${matches.length} assessments; give more of the id`,
  );
}

/** The plant's workspace, which `assess` makes; a person who has not assessed yet is told to. */
function openWorkspace(dir: string): Workspace {
  const path = workspacePath(dir);
  if (!existsSync(path)) throw new RequestError(`${dir}: no workspace yet; run otaudit assess ${dir} first`);
  return Workspace.open(path);
}

/** Runs `work` on the plant's workspace, which must exist, and closes it. */
function withWorkspace<T>(dir: string, work: (ws: Workspace) => T): T {
  const ws = openWorkspace(dir);
  try {
    return work(ws);
  } finally {
    ws.close();
  }
}

/** Reads the plant's workspace; `none` when there is none yet (no run was stored). */
function readWorkspace<T>(dir: string, read: (ws: Workspace) => T, none: T): T {
  if (!existsSync(workspacePath(dir))) return none;
  return withWorkspace(dir, read);
}

/** The assessments stored for the plant in `dir`, oldest first, with their labels; none before the first run. */
export function storedRuns(dir: string): AssessmentSummary[] {
  return readWorkspace(dir, (ws) => ws.list(), []);
}

/** The latest stored assessment of the plant in `dir`, or null before the first run. */
export function latestRun(dir: string): Assessment | null {
  return readWorkspace(dir, (ws) => ws.latest() ?? null, null);
}

/** A stored run to compare a new assessment with: the run, its label, and how it was chosen. */
export interface ChosenRun {
  run: Assessment;
  label?: string;
  basis: ComparisonBasis;
}

/**
 * The run a new assessment compares with: the one `compareWith` names (a label, an id or `latest`), else the last
 * labelled run, the official review; the latest run while none is labelled; none before the first run.
 */
export function runToCompareWith(ws: Workspace, compareWith?: string): ChosenRun | undefined {
  const labelOf = (id: string) => ws.labels().find((l) => l.run === id)?.text;
  const chosen = (run: Assessment, basis: ComparisonBasis): ChosenRun => {
    const label = labelOf(run.id);
    return { run, basis, ...(label !== undefined ? { label } : {}) };
  };
  if (compareWith !== undefined) {
    const runs = ws.list();
    // Before the first run there is nothing to compare with, whatever is asked: `latest` asks for nothing more.
    if (runs.length === 0 && compareWith.trim().toLowerCase() === LATEST) return undefined;
    return chosen(ws.get(resolveRun(ws, runs, compareWith).id)!, "requested");
  }
  const review = ws.lastLabelled();
  if (review) return chosen(review, "last-review");
  const latest = ws.latest();
  return latest ? chosen(latest, "latest-run") : undefined;
}

/** The person labelling when nobody is named: the OS user, as `--by` defaults to. */
export function currentUser(): string {
  try {
    return userInfo().username;
  } catch {
    // No passwd entry (some containers): the environment may still name them.
    return process.env.USER ?? process.env.USERNAME ?? "unknown";
  }
}

/** A label as stored: trimmed, not empty, one line, not too long, and not the word that names the latest run. */
function labelText(text: string): string {
  const label = text.trim();
  if (label === "") throw new RequestError("a label needs some text");
  if (label.length > MAX_LABEL) throw new RequestError(`a label is at most ${MAX_LABEL} characters`);
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what is refused
  if (/[\u0000-\u001f\u007f]/.test(label)) throw new RequestError("a label is one line of text");
  if (label.toLowerCase() === LATEST)
    throw new RequestError(`"${LATEST}" names the latest run wherever a run is named; choose another label`);
  return label;
}

export interface LabelRequest {
  /** The label, unique in the workspace whatever its case, e.g. "2026 annual review". */
  label: string;
  /** The run to label (a label, an id or its beginning, or `latest`); the latest when absent. */
  run?: string;
  /** Who labels; the OS user when absent. */
  by?: string;
  /** Move the label from the run that carries it; without it, a label on another run is an error. */
  move?: boolean;
  /** When; now when absent. */
  at?: Date;
}

export interface LabelResult {
  run: AssessmentSummary;
  label: RunLabel;
  /** False when the run already carried the label: nothing changed. */
  changed: boolean;
  /** The run the label was moved from, when it was. */
  movedFrom: string | null;
}

/** Labels a stored run of the plant in `dir` an official review: the one function the CLI and the workbench call. */
export function labelRun(dir: string, request: LabelRequest): LabelResult {
  const text = labelText(request.label);
  const by = (request.by ?? currentUser()).trim();
  if (by === "") throw new RequestError("a label needs the name of the person who gives it");
  return withWorkspace(dir, (ws) => {
    const runs = ws.list();
    if (runs.length === 0)
      throw new RequestError(`${dir}: no assessment stored yet; run otaudit assess first`);
    const run = resolveRun(ws, runs, request.run ?? LATEST);
    const label = { text, by, at: (request.at ?? new Date()).toISOString() };
    const done = ws.label(run.id, label, request.move ?? false);
    const named = (id: string) => {
      const r = runs.find((x) => x.id === id)!;
      return `run ${r.id} of ${day(r.finishedAt)}`;
    };
    switch (done.outcome) {
      case "taken":
        throw new LabelTakenError(
          `the label "${text}" is already on ${named(done.run)}; labels are unique in a workspace`,
          done.run,
        );
      case "run-labelled":
        throw new RequestError(
          `${named(run.id)} is already labelled "${done.label.text}", and a run carries one label: remove that label first`,
        );
      case "unchanged":
        return { run: { ...run, label: done.label }, label: done.label, changed: false, movedFrom: null };
      case "labelled":
        return { run: { ...run, label }, label, changed: true, movedFrom: done.movedFrom };
    }
  });
}

/** Removes a label from the run that carries it; that label and run. An unknown label is an error naming those that exist. */
export function unlabelRun(dir: string, label: string): LabelledRun {
  return withWorkspace(dir, (ws) => {
    const removed = ws.unlabel(label.trim());
    if (!removed) throw new RequestError(`no run is labelled "${label}"; ${labelsInWords(ws)}`);
    return removed;
  });
}

/**
 * Compares run `from` (default: the one before `to`) with run `to` (default: the latest) of the plant in `dir`,
 * each named by a label, an id or `latest`.
 */
export function compareStoredRuns(dir: string, refs: { from?: string; to?: string }): StoredComparison {
  return withWorkspace(dir, (ws) => {
    const runs = ws.list();
    if (runs.length === 0)
      throw new RequestError(`${dir}: no assessment stored yet; run otaudit assess ${dir} first`);
    const to = resolveRun(ws, runs, refs.to ?? LATEST);
    const from = refs.from ? resolveRun(ws, runs, refs.from) : runs[runs.indexOf(to) - 1];
    if (!from)
      throw new RequestError(`${dir}: no assessment before ${to.id} to compare with; name one with --from`);
    const after = ws.get(to.id)!;
    const label = from.label?.text;
    const comparison = compareRuns(ws.get(from.id)!, after, label !== undefined ? { label } : {})!;
    return { site: after.site, from, to, comparison };
  });
}
