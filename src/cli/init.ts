import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { Command } from "commander";
import { PLANT_SKELETON } from "../app/skeleton.js";
import { UsageError } from "./exit-codes.js";

const FOLDERS = ["captures", "firewalls", "scans", "advisories"];

export function registerInit(program: Command): void {
  program
    .command("init")
    .description("create a plant folder with a commented plant.yaml and the evidence folders")
    .argument("<dir>", "the plant folder to create")
    .option("--force", "overwrite an existing plant.yaml")
    .action((dir: string, flags: { force?: boolean }) => {
      const path = join(dir, "plant.yaml");
      if (existsSync(path) && !flags.force)
        throw new UsageError(`${path} exists; use --force to overwrite it`);
      mkdirSync(dir, { recursive: true });
      for (const f of FOLDERS) mkdirSync(join(dir, f), { recursive: true });
      writeFileSync(path, PLANT_SKELETON);
      process.stdout.write(
        `created ${path} and ${FOLDERS.map((f) => `${f}/`).join(", ")}\nnext: edit plant.yaml, then run: otaudit validate ${dir}\n`,
      );
    });
}
