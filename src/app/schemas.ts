/**
 * JSON Schema for the files people write by hand (read as input: defaults may be left out) and for
 * assessment.json that otaudit writes (as output: every field present), generated from the zod model so they
 * never drift.
 */
import { z } from "zod";
import { AnswersFile } from "../model/answers.js";
import { Assessment } from "../model/assessment.js";
import { DispositionsFile } from "../model/dispositions.js";
import { PlantFile } from "../model/plant.js";

export const SCHEMA_FILES = {
  "plant.schema.json": { schema: PlantFile, title: "otaudit plant.yaml", io: "input" },
  "answers.schema.json": { schema: AnswersFile, title: "otaudit answers.yaml", io: "input" },
  "dispositions.schema.json": { schema: DispositionsFile, title: "otaudit dispositions.yaml", io: "input" },
  "assessment.schema.json": { schema: Assessment, title: "otaudit assessment.json", io: "output" },
} as const;

export function jsonSchemas(): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, { schema, title, io }] of Object.entries(SCHEMA_FILES)) {
    const json = z.toJSONSchema(schema, { io, target: "draft-2020-12" });
    out[name] = `${JSON.stringify({ title, ...json }, null, 2)}\n`;
  }
  return out;
}
