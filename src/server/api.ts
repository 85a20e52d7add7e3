/**
 * The workbench's JSON API over the application layer. Every write goes through an atomic file replace under the
 * file's lock; failures leave as HttpError for the server to answer.
 */
import { existsSync, readFileSync, statSync } from "node:fs";
import type { IncomingMessage, ServerResponse } from "node:http";
import { parseDocument } from "yaml";
import { z } from "zod";
import { loadPlant } from "../app/assess.js";
import { REQUIREMENT_CATALOGUE, systemRequirement } from "../app/catalogue.js";
import { checkDisposition, DISPOSITIONS_FILE } from "../app/dispositions.js";
import { LabelTakenError, PlantInputError, RequestError } from "../app/errors.js";
import { labelRun, latestRun, storedRuns } from "../app/stored-runs.js";
import { AnswerStatus, AssessorOverride, Compensation } from "../model/answers.js";
import { DispositionStatus, STATUS_FIELDS } from "../model/dispositions.js";
import { setAnswer } from "./answers-edit.js";
import type { AssessmentRunner } from "./assessment-runner.js";
import { moveBreaksAnswers } from "./asset-answers.js";
import { writeFileAtomic } from "./atomic-write.js";
import { clearDisposition, setDisposition } from "./dispositions-edit.js";
import { LockBusyError, withFileLock } from "./file-lock.js";
import { HttpError, readJson, sendJson, sendText } from "./http-io.js";
import { moveAsset, setZoneTarget } from "./plant-edit.js";
import { insidePlant, isFile, OutsidePlantError } from "./plant-paths.js";

const MAX_FILE_BYTES = 2 * 1024 * 1024;
const Text = z.string().max(4000);
const Level = z.number().int().min(0).max(4);

const AnswerBody = z.strictObject({
  zone: z.string(),
  requirement: z.string(),
  status: AnswerStatus,
  evidence: Text.optional(),
  justification: Text.optional(),
  assessor: z.string().max(200).optional(),
  compensation: Compensation.optional(),
  // The date is the day it is saved unless the request gives one.
  override: AssessorOverride.extend({ date: AssessorOverride.shape.date.optional() }).optional(),
});
const TargetBody = z.strictObject({ target: z.union([Level, z.array(Level).length(7)]) });
/** A disposition as the findings page sends it: the fields of its status are kept, the day is the server's. */
const DispositionBody = z.strictObject({
  finding: z.string().max(400),
  status: DispositionStatus,
  justification: Text.optional(),
  owner: z.string().max(200).optional(),
  approver: z.string().max(200).optional(),
  expires: z.string().max(40).optional(),
  rationale: Text.optional(),
  countermeasure: Text.optional(),
  requirements: z.array(z.string().max(40)).max(100).optional(),
  evidence: Text.optional(),
  reference: Text.optional(),
  by: z.string().max(200),
});
const MoveBody = z.strictObject({ zone: z.string() });
const LabelBody = z.strictObject({
  label: z.string().max(200),
  /** The person labelling; the workbench asks for their name. */
  by: z.string().min(1).max(200),
  /** The run to label: the one the page shows; the latest when absent. */
  run: z.string().max(100).optional(),
  move: z.boolean().optional(),
});

export interface ApiContext {
  plantDir: string;
  runner: AssessmentRunner;
}

function parsed<T>(schema: z.ZodType<T>, value: unknown): T {
  const result = schema.safeParse(value);
  if (!result.success) throw new HttpError(400, z.prettifyError(result.error));
  return result.data;
}

/**
 * Replaces a plant file with `edit` applied to its text, atomically, holding the file's lock from the read to the
 * rename so that a save from another workbench cannot slip in between and be lost.
 */
function editFile(plantDir: string, name: string, edit: (text: string) => string): Promise<void> {
  const path = insidePlant(plantDir, name);
  return withFileLock(path, () => {
    const text = existsSync(path) ? readFileSync(path, "utf8") : "";
    let next: string;
    try {
      next = edit(text);
    } catch (err) {
      if (err instanceof HttpError) throw err;
      throw new HttpError(400, (err as Error).message);
    }
    writeFileAtomic(path, next);
  });
}

/** A plant file's text, "" when it does not exist. */
function plantText(plantDir: string, name: string): string {
  const path = insidePlant(plantDir, name);
  return existsSync(path) ? readFileSync(path, "utf8") : "";
}

/**
 * The plant file the request names, to show. Missing and outside the plant get the same 404, naming the path only
 * as the request gave it, so the answer tells nothing of what exists outside.
 */
function fileToShow(plantDir: string, requested: string): string {
  const notFound = new HttpError(404, `not found: ${requested}`);
  let path: string;
  try {
    path = insidePlant(plantDir, requested);
  } catch (err) {
    throw err instanceof OutsidePlantError ? notFound : err;
  }
  if (!isFile(path)) throw notFound;
  if (statSync(path).size > MAX_FILE_BYTES) throw new HttpError(413, "file too large to show");
  return path;
}

export async function handleApi(ctx: ApiContext, req: IncomingMessage, res: ServerResponse, url: URL) {
  const { plantDir, runner } = ctx;
  const route = `${req.method} ${url.pathname}`;
  const target = route.match(/^PUT \/api\/zones\/([\w.-]+)\/target$/);
  const move = route.match(/^PUT \/api\/assets\/([\w.-]+)\/zone$/);
  try {
    if (route === "GET /api/assessment") {
      // null before the first run: the UI then offers to run one.
      return sendJson(res, 200, latestRun(plantDir));
    }
    if (route === "GET /api/history") return sendJson(res, 200, storedRuns(plantDir));
    if (route === "POST /api/history/label") {
      // The one function `otaudit history --label` calls: the same checks, the same record of who and when.
      const body = parsed(LabelBody, await readJson(req));
      return sendJson(res, 200, labelRun(plantDir, body));
    }
    if (route === "GET /api/catalogue") return sendJson(res, 200, REQUIREMENT_CATALOGUE);
    if (route === "GET /api/answers") {
      const text = plantText(plantDir, "answers.yaml");
      const doc = parseDocument(text);
      if (doc.errors.length > 0)
        throw new HttpError(422, `answers.yaml does not parse: ${doc.errors[0]!.message}`);
      return sendJson(res, 200, doc.toJS() ?? {});
    }
    if (route === "GET /api/dispositions") {
      const text = plantText(plantDir, DISPOSITIONS_FILE);
      const doc = parseDocument(text);
      if (doc.errors.length > 0)
        throw new HttpError(422, `dispositions.yaml does not parse: ${doc.errors[0]!.message}`);
      return sendJson(res, 200, doc.toJS() ?? {});
    }
    if (route === "PUT /api/dispositions") {
      const body = parsed(DispositionBody, await readJson(req));
      const today = new Date().toISOString().slice(0, 10);
      const kept = ["finding", "status", ...STATUS_FIELDS[body.status], "by"];
      const fields = Object.entries(body).filter(([k, v]) => kept.includes(k) && v !== "");
      const checked = checkDisposition({ ...Object.fromEntries(fields), date: today }, today);
      if (!checked.entry) throw new HttpError(400, checked.problems.join("\n"));
      const { entry } = checked;
      await editFile(plantDir, DISPOSITIONS_FILE, (text) => setDisposition(text, entry));
      return sendJson(res, 200, { saved: DISPOSITIONS_FILE, entry });
    }
    if (route === "DELETE /api/dispositions") {
      const finding = url.searchParams.get("finding") ?? "";
      await editFile(plantDir, DISPOSITIONS_FILE, (text) => {
        const cleared = clearDisposition(text, finding);
        if (!cleared.removed) throw new HttpError(404, `no disposition of "${finding}" in dispositions.yaml`);
        return cleared.text;
      });
      return sendJson(res, 200, { saved: DISPOSITIONS_FILE, cleared: finding });
    }
    if (route === "GET /api/run") return sendJson(res, 200, runner.state);
    if (route === "POST /api/run") {
      return runner.start() ? sendJson(res, 202, runner.state) : sendJson(res, 409, runner.state);
    }
    if (route === "PUT /api/answers") {
      const body = parsed(AnswerBody, await readJson(req));
      const { plant } = loadPlant(plantDir);
      if (!plant.spec.zones.some((z) => z.id === body.zone))
        throw new HttpError(400, `no zone "${body.zone}"`);
      if (!systemRequirement(body.requirement))
        throw new HttpError(400, `no requirement "${body.requirement}"`);
      if (body.status === "not-applicable" && !body.justification) {
        throw new HttpError(400, "not-applicable needs a justification");
      }
      if ((body.status === "compensated") !== (body.compensation !== undefined))
        throw new HttpError(
          400,
          body.compensation
            ? "a compensation goes with status compensated only"
            : "compensated needs a compensation: countermeasure, standsFor, evidence, approvedBy and date",
        );
      const date = new Date().toISOString().slice(0, 10);
      const { override, ...answer } = body;
      await editFile(plantDir, "answers.yaml", (text) =>
        setAnswer(text, {
          ...answer,
          date,
          ...(override ? { override: { ...override, date: override.date ?? date } } : {}),
        }),
      );
      return sendJson(res, 200, { saved: "answers.yaml" });
    }
    if (target) {
      const levels = parsed(TargetBody, await readJson(req)).target;
      await editFile(plantDir, "plant.yaml", (text) => setZoneTarget(text, target[1]!, levels));
      return sendJson(res, 200, { saved: "plant.yaml" });
    }
    if (move) {
      const asset = move[1]!;
      const { zone } = parsed(MoveBody, await readJson(req));
      // answers.yaml stays locked while plant.yaml changes, so no answer about the asset can be filed meanwhile.
      // Only a move holds two locks, always in this order, so no two requests can wait on each other.
      await withFileLock(insidePlant(plantDir, "answers.yaml"), () =>
        editFile(plantDir, "plant.yaml", (text) => {
          const next = moveAsset(text, asset, zone);
          const broken = moveBreaksAnswers(plantText(plantDir, "answers.yaml"), asset, zone);
          if (broken) throw new HttpError(409, broken);
          return next;
        }),
      );
      return sendJson(res, 200, { saved: "plant.yaml" });
    }
    if (route === "GET /api/file") {
      const path = fileToShow(plantDir, url.searchParams.get("path") ?? "");
      return sendText(res, 200, readFileSync(path, "utf8"));
    }
    return sendText(res, 404, "no such API");
  } catch (err) {
    if (err instanceof OutsidePlantError) throw new HttpError(403, err.message);
    if (err instanceof LockBusyError) throw new HttpError(503, err.message);
    // Both speak to the person in plant-relative words (file:line:column), never absolute paths.
    if (err instanceof PlantInputError) throw new HttpError(422, err.message);
    if (err instanceof LabelTakenError) throw new HttpError(409, err.message);
    if (err instanceof RequestError) throw new HttpError(400, err.message);
    throw err;
  }
}
