import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { Command } from "commander";
import { jsonSchemas } from "../app/schemas.js";
import { ANSWERS_SKELETON, PLANT_SKELETON, SCHEMA_FOLDER } from "../app/skeleton.js";
import { UsageError } from "./exit-codes.js";

const FOLDERS = ["captures", "firewalls", "scans", "advisories"];

export function registerInit(program: Command): void {
  program
    .command("init")
    .description(
      "create a plant folder with a commented plant.yaml and answers.yaml, their JSON Schemas and the evidence folders",
    )
    .argument("<dir>", "the plant folder to create")
    .option("--force", "overwrite an existing plant.yaml and answers.yaml")
    .action((dir: string, flags: { force?: boolean }) => {
      const files = { "plant.yaml": PLANT_SKELETON, "answers.yaml": ANSWERS_SKELETON };
      for (const name of Object.keys(files)) {
        const path = join(dir, name);
        if (existsSync(path) && !flags.force)
          throw new UsageError(`${path} exists; use --force to overwrite it`);
      }
      for (const f of [...FOLDERS, SCHEMA_FOLDER]) mkdirSync(join(dir, f), { recursive: true });
      for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
      for (const [name, text] of Object.entries(jsonSchemas()))
        writeFileSync(join(dir, SCHEMA_FOLDER, name), text);
      process.stdout.write(
        `created ${join(dir, "plant.yaml")}, answers.yaml, ${SCHEMA_FOLDER}/ and ${FOLDERS.map((f) => `${f}/`).join(", ")}\n` +
          `next: edit plant.yaml, then run: otaudit validate ${dir}\n`,
      );
    });
}
