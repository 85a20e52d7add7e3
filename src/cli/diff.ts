import type { Command } from "commander";
import { FOUNDATIONAL } from "../app/catalogue.js";
import type { AssessmentSummary } from "../app/stored-runs.js";
import { compareStoredRuns } from "../app/stored-runs.js";
import type { Comparison } from "../model/assessment.js";
import { UsageError } from "./exit-codes.js";
import { bold, dim, green, red } from "./terminal.js";

interface DiffFlags {
  from?: string;
  to?: string;
  json?: boolean;
}

export function registerDiff(program: Command): void {
  program
    .command("diff")
    .description("compare two stored assessments of a plant: SL-A, requirement results, findings, maturity")
    .argument("<dir>", "the plant folder")
    .argument("[from]", "the earlier assessment, as --from")
    .argument("[to]", "the later assessment, as --to")
    .option(
      "--from <run>",
      "the earlier assessment: its label, id or first characters, or `latest` (default: the one before --to)",
    )
    .option(
      "--to <run>",
      "the later assessment: its label, id or first characters, or `latest` (default: the latest)",
    )
    .option("--json", "print the comparison as JSON")
    .action((dir: string, fromArg: string | undefined, toArg: string | undefined, flags: DiffFlags) => {
      if (fromArg !== undefined && flags.from !== undefined)
        throw new UsageError("the earlier assessment is named twice: as an argument and with --from");
      if (toArg !== undefined && flags.to !== undefined)
        throw new UsageError("the later assessment is named twice: as an argument and with --to");
      const from = fromArg ?? flags.from;
      const to = toArg ?? flags.to;
      const refs = { ...(from !== undefined ? { from } : {}), ...(to !== undefined ? { to } : {}) };
      const { site, from: before, to: after, comparison } = compareStoredRuns(dir, refs);
      process.stdout.write(
        flags.json
          ? `${JSON.stringify(comparison, null, 2)}\n`
          : comparisonText(site, before, after, comparison),
      );
    });
}

const when = (r: AssessmentSummary) =>
  `${r.label ? `"${r.label.text}" ` : ""}${r.finishedAt.slice(0, 16).replace("T", " ")} (${r.id.slice(0, 8)})`;
const ABBREV = new Map(FOUNDATIONAL.map((f) => [f.id as string, f.abbrev]));
const shown = (v: number | string | null) => (v === null ? "—" : String(v));

/** Higher levels and results nearer "met" are better; green for better, red for worse. */
const RESULT_RANK: Record<string, number> = {
  unknown: 0,
  "not-met": 1,
  partial: 2,
  met: 3,
  "not-applicable": 3,
};
function arrow(before: number | null, after: number | null, text: string): string {
  if (before === null || after === null || before === after) return text;
  return after > before ? green(text) : red(text);
}

function comparisonText(site: string, from: AssessmentSummary, to: AssessmentSummary, c: Comparison): string {
  const lines = [`${bold(site)}: ${when(from)} -> ${when(to)}`];
  if (c.slAchieved.length > 0) {
    lines.push("", bold("SL-A"));
    for (const l of c.slAchieved)
      lines.push(
        `  ${l.zone.padEnd(14)} ${l.fr} ${(ABBREV.get(l.fr) ?? "").padEnd(4)} ${arrow(l.before, l.after, `${shown(l.before)} -> ${shown(l.after)}`)}`,
      );
  }
  if (c.requirements.length > 0) {
    lines.push("", bold("Requirements"));
    for (const r of c.requirements) {
      const rank = (x: string | null) => (x === null ? null : (RESULT_RANK[x] ?? 0));
      lines.push(
        `  ${r.zone.padEnd(14)} ${r.requirement.padEnd(12)} ${arrow(rank(r.before), rank(r.after), `${shown(r.before)} -> ${shown(r.after)}`)}`,
      );
    }
  }
  const f = c.findings;
  lines.push(
    "",
    `${bold("Findings")}: ${f.new.length} new, ${f.resolved.length} resolved, ${f.persisting.length} persisting`,
  );
  for (const id of f.new) lines.push(`  ${red("+")} ${id}`);
  for (const id of f.resolved) lines.push(`  ${green("-")} ${id}`);
  if (c.maturity.length > 0) {
    lines.push("", bold("Program maturity"));
    for (const m of c.maturity)
      lines.push(
        `  ${m.element.padEnd(8)} ${arrow(m.before, m.after, `${shown(m.before)} -> ${shown(m.after)}`)}`,
      );
  }
  if (
    c.slAchieved.length + c.requirements.length + f.new.length + f.resolved.length + c.maturity.length ===
    0
  )
    lines.push(dim("No change in SL-A, requirement results, findings or program maturity."));
  return `${lines.join("\n")}\n`;
}
