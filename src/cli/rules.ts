import type { Command } from "commander";
import { ruleCatalogue } from "../app/rules.js";
import { bold } from "./terminal.js";

export function registerRules(program: Command): void {
  program
    .command("rules")
    .description("list every finding rule: id, title, severity and the IEC 62443 requirements it bears on")
    .option("--json", "print the rules as JSON")
    .action((flags: { json?: boolean }) => {
      const rules = ruleCatalogue();
      if (flags.json) {
        process.stdout.write(`${JSON.stringify(rules, null, 2)}\n`);
        return;
      }
      const width = Math.max(...rules.map((r) => r.title.length));
      for (const r of rules) {
        process.stdout.write(
          `${bold(r.id)}  ${r.title.padEnd(width)}  ${r.severity.padEnd(8)}  ${r.requirements.join(", ")}\n`,
        );
      }
    });
}
