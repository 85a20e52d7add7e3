import { existsSync } from "node:fs";
import type { Command } from "commander";
import { Workspace, workspacePath } from "../store/workspace.js";
import { UsageError } from "./exit-codes.js";

export function registerHistory(program: Command): void {
  program
    .command("history")
    .description("list the assessments stored in a plant's workspace, oldest first")
    .argument("<dir>", "the plant folder")
    .option("--json", "print the list as JSON")
    .action((dir: string, flags: { json?: boolean }) => {
      const path = workspacePath(dir);
      if (!existsSync(path))
        throw new UsageError(`${dir}: no workspace yet; run otaudit assess ${dir} first`);
      const ws = Workspace.open(path);
      try {
        const runs = ws.list();
        if (flags.json) {
          process.stdout.write(`${JSON.stringify(runs, null, 2)}\n`);
          return;
        }
        for (const r of runs) {
          process.stdout.write(
            `${r.finishedAt}  ${r.id}  ${r.findings} findings  otaudit ${r.toolVersion}\n`,
          );
        }
      } finally {
        ws.close();
      }
    });
}
