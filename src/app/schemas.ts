/** JSON Schema for the files people write by hand, generated from the zod model so they never drift. */
import { z } from "zod";
import { AnswersFile } from "../model/answers.js";
import { PlantFile } from "../model/plant.js";

export const SCHEMA_FILES = {
  "plant.schema.json": { schema: PlantFile, title: "otaudit plant.yaml" },
  "answers.schema.json": { schema: AnswersFile, title: "otaudit answers.yaml" },
} as const;

export function jsonSchemas(): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, { schema, title }] of Object.entries(SCHEMA_FILES)) {
    const json = z.toJSONSchema(schema, { io: "input", target: "draft-2020-12" });
    out[name] = `${JSON.stringify({ title, ...json }, null, 2)}\n`;
  }
  return out;
}
