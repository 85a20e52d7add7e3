import { join } from "node:path";
import type { Command } from "commander";
import { jsonSchemas } from "../app/schemas.js";
import { makeUserFolder, writeUserFile } from "./user-files.js";

export function registerSchema(program: Command): void {
  program
    .command("schema")
    .description("write JSON Schema for plant.yaml and answers.yaml, for editors to complete and check them")
    .option("--out <dir>", "folder to write plant.schema.json and answers.schema.json into", "schemas")
    .action((flags: { out: string }) => {
      makeUserFolder("--out", flags.out);
      for (const [name, text] of Object.entries(jsonSchemas())) {
        const path = join(flags.out, name);
        writeUserFile("--out", path, text);
        process.stdout.write(`${path}\n`);
      }
      process.stdout.write(
        `Reference one from the first line of your YAML file:\n  # yaml-language-server: $schema=${join(flags.out, "plant.schema.json")}\n`,
      );
    });
}
