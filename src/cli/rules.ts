import type { Command } from "commander";
import { ruleCatalogue } from "../app/rules.js";
import type { RuleInfo } from "../model/finding.js";
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
          `${bold(r.id)}  ${r.title.padEnd(width)}  ${r.severity.padEnd(8)}  ${citation(r)}\n`,
        );
      }
    });
}

/** `SR 5.2, SR 5.2 RE 1 (related: SR 5.1)`: what a finding counts against, then what it is only context for. */
function citation(r: RuleInfo): string {
  const related = r.related.length ? `(related: ${r.related.join(", ")})` : "";
  return [r.contradicts.join(", "), related].filter(Boolean).join(" ") || "—";
}
