import type { Command } from "commander";
import { RequestError } from "../app/errors.js";
import { storedRuns } from "../app/stored-runs.js";

export function registerHistory(program: Command): void {
  program
    .command("history")
    .description("list the assessments stored in a plant's workspace, oldest first")
    .argument("<dir>", "the plant folder")
    .option("--json", "print the list as JSON")
    .action((dir: string, flags: { json?: boolean }) => {
      const runs = storedRuns(dir);
      if (runs.length === 0)
        throw new RequestError(`${dir}: no assessment stored yet; run otaudit assess ${dir} first`);
      if (flags.json) {
        process.stdout.write(`${JSON.stringify(runs, null, 2)}\n`);
        return;
      }
      for (const r of runs) {
        process.stdout.write(`${r.finishedAt}  ${r.id}  ${r.findings} findings  otaudit ${r.toolVersion}\n`);
      }
    });
}
