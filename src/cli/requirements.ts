import { type Command, Option } from "commander";
import { FOUNDATIONAL, selectRequirements } from "../app/catalogue.js";
import { formatProblem } from "../model/problem.js";
import { FOUNDATIONAL_REQUIREMENTS } from "../model/security-level.js";
import { bold, dim, yellow } from "./terminal.js";

interface RequirementsFlags {
  fr?: string;
  level?: string;
  normativeTexts?: string;
  json?: boolean;
}

export function registerRequirements(program: Command): void {
  program
    .command("requirements")
    .description(
      "the IEC 62443-3-3 requirements with otaudit's guidance: what to check, what counts, the question",
    )
    .addOption(
      new Option("--fr <fr>", "only this foundational requirement").choices(FOUNDATIONAL_REQUIREMENTS),
    )
    .addOption(
      new Option("--level <n>", "only what a zone needs for this security level").choices([
        "1",
        "2",
        "3",
        "4",
      ]),
    )
    .option(
      "--normative-texts <file>",
      "your own file of the standard's texts (id: text), shown beside the guidance",
    )
    .option("--json", "print the list as JSON")
    .action((flags: RequirementsFlags) => {
      const { requirements: selected, problems } = selectRequirements({
        ...(flags.fr ? { fr: flags.fr } : {}),
        ...(flags.level ? { level: Number(flags.level) } : {}),
        ...(flags.normativeTexts ? { normativeTexts: flags.normativeTexts } : {}),
      });
      for (const p of problems)
        process.stderr.write(`${yellow("warning", process.stderr)} ${formatProblem(p)}\n`);
      if (flags.json) {
        process.stdout.write(`${JSON.stringify(selected, null, 2)}\n`);
        return;
      }
      const out: string[] = [];
      for (const fr of FOUNDATIONAL.filter((f) => selected.some((r) => r.fr === f.id))) {
        out.push(bold(`${fr.id} ${fr.name} (${fr.abbrev})`));
        for (const r of selected.filter((x) => x.fr === fr.id)) {
          const confidence =
            r.confidence === "high" ? "" : dim(` (level mapping confidence: ${r.confidence})`);
          out.push(`  ${bold(r.id)}  SL ${r.minSL}+  ${r.title}${confidence}`);
          out.push(`      Question: ${r.guidance.question}`);
          out.push(`      Check:    ${r.guidance.check}`);
          out.push(`      Evidence: ${r.guidance.evidence}`);
          if (r.normativeText) out.push(`      Normative text: ${r.normativeText}`);
        }
        out.push("");
      }
      out.push(
        dim(
          "Guidance written for otaudit, not the standard's text; check the level mapping against your licensed copy.",
        ),
      );
      process.stdout.write(`${out.join("\n")}\n`);
    });
}
