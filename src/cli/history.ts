import type { Command } from "commander";
import { LabelTakenError, RequestError } from "../app/errors.js";
import { type AssessmentSummary, labelRun, storedRuns, unlabelRun } from "../app/stored-runs.js";
import { UsageError } from "./exit-codes.js";
import { bold, dim } from "./terminal.js";

interface HistoryFlags {
  json?: boolean;
  label?: string;
  run?: string;
  by?: string;
  move?: boolean;
  unlabel?: string;
}

export function registerHistory(program: Command): void {
  program
    .command("history")
    .description(
      "list the assessments stored in a plant's workspace, oldest first, with their labels; label the official reviews",
    )
    .argument("<dir>", "the plant folder")
    .option("--json", "print the list as JSON")
    .option(
      "--label <text>",
      'label a run an official review, e.g. "2026 annual review": the latest, or the one --run names; later assessments compare with the last labelled run',
    )
    .option(
      "--run <run>",
      "with --label: the run to label, by its id or first characters (default: the latest)",
    )
    .option("--by <name>", "with --label: who labels (default: the OS user)")
    .option("--move", "with --label: move the label from the run that carries it (labels are unique)")
    .option("--unlabel <label>", "remove a label")
    .action((dir: string, flags: HistoryFlags) => {
      if (flags.label === undefined) {
        const stray = (["run", "by", "move"] as const).filter((f) => flags[f] !== undefined);
        if (stray.length > 0)
          throw new UsageError(`${stray.map((f) => `--${f}`).join(", ")}: only with --label`);
      } else if (flags.unlabel !== undefined) throw new UsageError("--label and --unlabel: one at a time");
      if (flags.label !== undefined) label(dir, flags.label, flags);
      if (flags.unlabel !== undefined) {
        const removed = unlabelRun(dir, flags.unlabel);
        process.stderr.write(`removed the label "${removed.text}" from run ${removed.run}\n`);
      }
      const runs = storedRuns(dir);
      if (runs.length === 0)
        throw new RequestError(`${dir}: no assessment stored yet; run otaudit assess ${dir} first`);
      if (flags.json) {
        process.stdout.write(`${JSON.stringify(runs, null, 2)}\n`);
        return;
      }
      for (const r of runs) process.stdout.write(`${runLine(r)}\n`);
    });
}

function label(dir: string, text: string, flags: HistoryFlags): void {
  try {
    const done = labelRun(dir, {
      label: text,
      ...(flags.run !== undefined ? { run: flags.run } : {}),
      ...(flags.by !== undefined ? { by: flags.by } : {}),
      move: flags.move === true,
    });
    const what = done.changed
      ? `labelled run ${done.run.id} "${done.label.text}" (by ${done.label.by})${done.movedFrom ? `, moved from run ${done.movedFrom}` : ""}`
      : `run ${done.run.id} already carries the label "${done.label.text}" (given by ${done.label.by}, ${done.label.at.slice(0, 10)})`;
    process.stderr.write(`${what}\n`);
  } catch (err) {
    if (err instanceof LabelTakenError) throw new UsageError(`${err.message} (--move moves it)`);
    throw err;
  }
}

function runLine(r: AssessmentSummary): string {
  const line = `${r.finishedAt}  ${r.id}  ${r.findings} findings  otaudit ${r.toolVersion}`;
  if (!r.label) return line;
  return `${line}  ${bold(`"${r.label.text}"`)} ${dim(`labelled by ${r.label.by}, ${r.label.at.slice(0, 10)}`)}`;
}
