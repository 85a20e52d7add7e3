/** The workbench's JSON API over the application layer. Every write goes through an atomic file replace. */
import { existsSync, readFileSync, statSync } from "node:fs";
import type { IncomingMessage, ServerResponse } from "node:http";
import { join } from "node:path";
import { parse } from "yaml";
import { z } from "zod";
import { loadPlant } from "../app/assess.js";
import { AnswerStatus } from "../model/answers.js";
import { SYSTEM_REQUIREMENTS, systemRequirement } from "../standard/requirements.js";
import { Workspace, workspacePath } from "../store/workspace.js";
import { setAnswer } from "./answers-edit.js";
import type { AssessmentRunner } from "./assessment-runner.js";
import { writeFileAtomic } from "./atomic-write.js";
import { HttpError, readJson, sendJson, sendText } from "./http-io.js";
import { moveAsset, setZoneTarget } from "./plant-edit.js";
import { insidePlant, OutsidePlantError } from "./plant-paths.js";

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
});
const TargetBody = z.strictObject({ target: z.union([Level, z.array(Level).length(7)]) });
const MoveBody = z.strictObject({ zone: z.string() });

export interface ApiContext {
  plantDir: string;
  runner: AssessmentRunner;
}

function parsed<T>(schema: z.ZodType<T>, value: unknown): T {
  const result = schema.safeParse(value);
  if (!result.success) throw new HttpError(400, z.prettifyError(result.error));
  return result.data;
}

function withWorkspace<T>(plantDir: string, read: (w: Workspace) => T): T {
  const workspace = Workspace.open(workspacePath(plantDir));
  try {
    return read(workspace);
  } finally {
    workspace.close();
  }
}

/** Replaces a plant file with `edit` applied to its text, atomically. */
function editFile(plantDir: string, name: string, edit: (text: string) => string): void {
  const path = insidePlant(plantDir, name);
  const text = existsSync(path) ? readFileSync(path, "utf8") : "";
  let next: string;
  try {
    next = edit(text);
  } catch (err) {
    throw new HttpError(400, (err as Error).message);
  }
  writeFileAtomic(path, next);
}

export async function handleApi(ctx: ApiContext, req: IncomingMessage, res: ServerResponse, url: URL) {
  const { plantDir, runner } = ctx;
  const route = `${req.method} ${url.pathname}`;
  const target = route.match(/^PUT \/api\/zones\/([\w.-]+)\/target$/);
  const move = route.match(/^PUT \/api\/assets\/([\w.-]+)\/zone$/);
  try {
    if (route === "GET /api/assessment") {
      const latest = withWorkspace(plantDir, (w) => w.latest());
      // null before the first run: the UI then offers to run one.
      return sendJson(res, 200, latest ?? null);
    }
    if (route === "GET /api/history")
      return sendJson(
        res,
        200,
        withWorkspace(plantDir, (w) => w.list()),
      );
    if (route === "GET /api/catalogue") return sendJson(res, 200, SYSTEM_REQUIREMENTS);
    if (route === "GET /api/answers") {
      const path = join(plantDir, "answers.yaml");
      return sendJson(res, 200, existsSync(path) ? (parse(readFileSync(path, "utf8")) ?? {}) : {});
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
      const date = new Date().toISOString().slice(0, 10);
      editFile(plantDir, "answers.yaml", (text) => setAnswer(text, { ...body, date }));
      return sendJson(res, 200, { saved: "answers.yaml" });
    }
    if (target) {
      const levels = parsed(TargetBody, await readJson(req)).target;
      editFile(plantDir, "plant.yaml", (text) => setZoneTarget(text, target[1]!, levels));
      return sendJson(res, 200, { saved: "plant.yaml" });
    }
    if (move) {
      const { zone } = parsed(MoveBody, await readJson(req));
      editFile(plantDir, "plant.yaml", (text) => moveAsset(text, move[1]!, zone));
      return sendJson(res, 200, { saved: "plant.yaml" });
    }
    if (route === "GET /api/file") {
      const path = insidePlant(plantDir, url.searchParams.get("path") ?? "");
      if (!existsSync(path) || !statSync(path).isFile()) return sendText(res, 404, "not found");
      if (statSync(path).size > MAX_FILE_BYTES) return sendText(res, 413, "file too large to show");
      return sendText(res, 200, readFileSync(path, "utf8"));
    }
    return sendText(res, 404, "no such API");
  } catch (err) {
    if (err instanceof OutsidePlantError) return sendText(res, 403, err.message);
    if (err instanceof HttpError) return sendText(res, err.status, err.message);
    throw err;
  }
}
