import type { Command } from "commander";
import { engagementOf, loadPlant } from "../app/assess.js";
import { loadDispositions } from "../app/dispositions.js";
import { PlantInputError } from "../app/errors.js";
import { loadAnswers } from "../app/verdicts.js";
import { EXIT_BAD_INPUT } from "./exit-codes.js";
import { writeProblemsByCode } from "./problem-lines.js";
import { green, red, yellow } from "./terminal.js";

export function registerValidate(program: Command): void {
  program
    .command("validate")
    .description(
      "check a plant folder's plant.yaml (schema, references, subnets), answers.yaml and dispositions.yaml; every problem with file:line",
    )
    .argument("<dir>", "the plant folder")
    .action((dir: string) => {
      try {
        const { plant, problems } = loadPlant(dir);
        // The engagement's logo must be a file in the plant folder, as assess checks.
        engagementOf(dir, plant, problems);
        writeProblemsByCode(problems, process.stdout, () => yellow("warning"));
        process.stdout.write(
          `${green("ok")} ${plant.file}: ${plant.spec.zones.length} zones, ${plant.spec.conduits.length} conduits, ${plant.spec.assets.length} assets\n`,
        );
        const { answers, problems: answerProblems } = loadAnswers(dir, plant);
        writeProblemsByCode(answerProblems, process.stdout, () => yellow("warning"));
        if (answers) {
          const count = answers.spec.zones.reduce((n, z) => n + z.answers.length, 0);
          const conduits = answers.spec.conduits;
          const onConduits = conduits.reduce((n, c) => n + c.answers.length, 0);
          process.stdout.write(
            `${green("ok")} ${answers.file}: ${count} answers for ${answers.spec.zones.length} zones, ${conduits.length ? `${onConduits} for ${conduits.length} conduits, ` : ""}${answers.spec.program.length} program ratings\n`,
          );
        }
        // Whether each entry's finding is raised (or stale) is known only when the plant is assessed.
        const { dispositions, problems: dispositionProblems } = loadDispositions(dir);
        writeProblemsByCode(dispositionProblems, process.stdout, () => yellow("warning"));
        if (dispositions)
          process.stdout.write(
            `${green("ok")} ${dispositions.file}: ${dispositions.spec.dispositions.length} dispositions\n`,
          );
      } catch (err) {
        if (!(err instanceof PlantInputError)) throw err;
        writeProblemsByCode(err.problems, process.stdout, (p) =>
          p.severity === "error" ? red("error") : yellow("warning"),
        );
        const errors = err.problems.filter((p) => p.severity === "error").length;
        process.stdout.write(`${errors} error${errors === 1 ? "" : "s"}\n`);
        process.exitCode = EXIT_BAD_INPUT;
      }
    });
}
