import { existsSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { type Command, Option } from "commander";
import { assessAndStore } from "../app/assess.js";
import { PlantInputError } from "../app/errors.js";
import { checkOutputFolder } from "../app/output-set.js";
import { writeOutputs } from "../app/outputs.js";
import {
  type Assessment,
  conduitWithoutVerdict,
  formatConduitLevels,
  sinceWords,
} from "../model/assessment.js";
import { DISPOSITION_STATUSES, dispositionCounts, STATUS_WORDS, standing } from "../model/dispositions.js";
import { SEVERITIES, type Severity, severityRank } from "../model/finding.js";
import { formatSl, formatSlCapability } from "../model/security-level.js";
import { MET_BY_COMPENSATION, metByCompensation } from "../model/verdicts.js";
import { EXIT_BAD_INPUT, EXIT_FINDINGS, UsageError } from "./exit-codes.js";
import { writeProblemsByCode } from "./problem-lines.js";
import { bold, Progress, red, yellow } from "./terminal.js";
import { fsProblem } from "./user-files.js";

interface AssessFlags {
  out?: string;
  json?: boolean;
  failOn?: Severity;
  asOf?: Date;
  compareWith?: string;
}

/** `; FR4 capped at SL-C 2; 1 met by compensating countermeasure; 1 with evidence overruled`, or "". */
function judgementsText(z: Assessment["zones"][number]): string {
  const capped = (z.capped ?? [])
    .filter((c) => c.applied)
    .map((c) => `${c.fr} capped at SL-C ${c.slCapability}`);
  const lifted = (z.capped ?? []).filter((c) => !c.applied).map((c) => `${c.fr} not capped (compensated)`);
  const compensated = z.requirements.filter(metByCompensation).length;
  const overruled = z.requirements.filter((q) => q.overruled).length;
  return [
    ...capped,
    ...lifted,
    ...(compensated ? [`${compensated} ${MET_BY_COMPENSATION}`] : []),
    ...(overruled ? [`${overruled} with evidence overruled`] : []),
  ]
    .map((x) => `; ${x}`)
    .join("");
}

export function registerAssess(program: Command): void {
  program
    .command("assess")
    .description("assess a plant folder: inventory, findings, stored run, report in <dir>/out")
    .argument("<dir>", "the plant folder (plant.yaml, captures/, firewalls/, scans/, advisories/)")
    .option("--out <dir>", "where to write the outputs (default: <dir>/out)")
    .option("--json", "print the assessment as JSON on stdout instead of a summary")
    .option(
      "--as-of <date>",
      "measure ages (backups, logons, updates, evidence) to this date, YYYY-MM-DD, to re-run a review as of its day",
      asOfDate,
    )
    .option(
      "--compare-with <run>",
      "the run to list changes since: a label, a run id or `latest` (default: the last labelled run, the official review)",
    )
    .addOption(
      new Option("--fail-on <severity>", "exit 1 when a finding is at or above this severity").choices(
        SEVERITIES,
      ),
    )
    .action(async (dir: string, flags: AssessFlags) => {
      if (!existsSync(join(dir, "plant.yaml")))
        throw new UsageError(`${dir}: no plant.yaml here (create one with: otaudit init ${dir})`);
      const outDir = flags.out ?? join(dir, "out");
      // Before assessing: a run is stored only when its outputs can be written.
      await onOutputFolder(outDir, () => checkOutputFolder(outDir));
      let progress: Progress | undefined;
      try {
        const assessment = await assessAndStore(dir, {
          ...(flags.asOf ? { now: flags.asOf } : {}),
          ...(flags.compareWith !== undefined ? { compareWith: flags.compareWith } : {}),
          onProgress: (step, done, total) => {
            if (total < 50e6) return;
            progress ??= new Progress(`reading ${step}`, total);
            progress.update(done);
          },
        });
        progress?.done();
        const written = await onOutputFolder(outDir, () =>
          writeOutputs(assessment, outDir, { plantDir: dir }),
        );
        for (const x of written.skipped)
          process.stderr.write(`${yellow("warning", process.stderr)} ${x.file} skipped: ${x.reason}\n`);
        if (flags.json) {
          process.stdout.write(`${JSON.stringify(assessment, null, 2)}\n`);
        } else {
          writeProblemsByCode(assessment.problems, process.stderr, () => yellow("warning", process.stderr));
          // Findings dismissed as false positives (dispositions.yaml) are counted apart.
          const findings = standing(assessment.findings);
          const counts = dispositionCounts(assessment.findings);
          const bySeverity = SEVERITIES.map(
            (s) => [s, findings.filter((f) => f.severity === s).length] as const,
          )
            .filter(([, n]) => n > 0)
            .reverse()
            .map(([s, n]) => `${n} ${s}`)
            .join(", ");
          process.stdout.write(
            `${bold(assessment.site)}: ${assessment.assets.length} assets, ${findings.length} findings${bySeverity ? ` (${bySeverity})` : ""}\n`,
          );
          if (assessment.dispositions?.length) {
            const stale = assessment.dispositions.filter((d) => d.state === "stale").length;
            const expired = assessment.dispositions.filter((d) => d.state === "expired").length;
            const told = [
              ...DISPOSITION_STATUSES.filter((s) => counts[s] > 0).map(
                (s) => `${counts[s]} ${STATUS_WORDS[s]}`,
              ),
              ...(expired ? [`${expired} acceptance${expired === 1 ? "" : "s"} expired`] : []),
              ...(stale ? [`${stale} stale`] : []),
            ];
            process.stdout.write(`dispositions (dispositions.yaml): ${told.join(", ")}\n`);
          }
          const outside = new Map(assessment.design?.outside.map((o) => [o.zone, o.trust]));
          for (const z of assessment.zones)
            process.stdout.write(
              z.inScope
                ? `  ${z.id}: SL-T ${formatSl(z.slTarget)}${z.slCapability ? ` SL-C ${formatSlCapability(z.slCapability)}` : ""} SL-A ${formatSl(z.slAchieved)}, ${z.gaps.length} gaps${judgementsText(z)}\n`
                : `  ${z.id}: outside the system under consideration (${outside.get(z.id) ?? "untrusted"}): not assessed\n`,
            );
          for (const c of assessment.conduits)
            process.stdout.write(
              `  conduit ${c.id}: ${conduitWithoutVerdict(c) ?? `SL-T ${formatConduitLevels(c, "slTarget")} SL-A ${formatConduitLevels(c, "slAchieved")}, ${c.gaps.length} gaps`}\n`,
            );
          const unapproved = assessment.design?.unapproved ?? [];
          if (assessment.design && unapproved.length > 0)
            process.stdout.write(
              `${yellow("not approved", process.stdout)}: ${unapproved.join(", ")} (plant.yaml approvals)\n`,
            );
          const coverage = assessment.coverage;
          if (coverage) {
            const unseen = [
              ...coverage.zones.filter((z) => z.captures.length === 0).map((z) => `zone ${z.id}`),
              ...coverage.conduits.filter((c) => c.captures.length === 0).map((c) => `conduit ${c.id}`),
            ];
            process.stdout.write(
              `capture coverage: ${
                !coverage.declared
                  ? "not declared in plant.yaml (evidence.captures): every capture is taken to see every zone"
                  : unseen.length
                    ? `not observed: ${unseen.join(", ")}`
                    : "every zone and conduit observed"
              }\n`,
            );
          }
          if (assessment.comparison) {
            const { findings: c, previous } = assessment.comparison;
            process.stdout.write(
              `since ${sinceWords(previous)}: ${c.new.length} new, ${c.resolved.length} resolved, ${c.persisting.length} persisting\n`,
            );
            if (previous.basis === "latest-run")
              process.stdout.write(
                `no run is labelled as an official review yet, so this compares with the latest run (label one: otaudit history ${dir} --label TEXT)\n`,
              );
          }
          const names = written.files.map((f) => relative(outDir, f)).join(", ");
          process.stdout.write(`outputs in ${relative(process.cwd(), outDir) || outDir}: ${names}\n`);
          process.stdout.write(`report: ${relative(process.cwd(), written.report) || written.report}\n`);
        }
        if (flags.failOn) {
          const threshold = severityRank(flags.failOn);
          // A finding dismissed as a false positive fails nothing; an accepted risk still does.
          if (standing(assessment.findings).some((f) => severityRank(f.severity) >= threshold))
            process.exitCode = EXIT_FINDINGS;
        }
      } catch (err) {
        if (!(err instanceof PlantInputError)) throw err;
        writeProblemsByCode(
          err.problems.filter((x) => x.severity === "error"),
          process.stderr,
          () => red("error", process.stderr),
        );
        process.exitCode = EXIT_BAD_INPUT;
      }
    });
}

/** Runs `work` on the output folder; the file system refusing it (permissions, space) is for the person to fix. */
async function onOutputFolder<T>(outDir: string, work: () => T | Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (err) {
    const path = (err as NodeJS.ErrnoException).path;
    const problem = fsProblem(err, outDir);
    // Only errors on the output folder and the staging beside it: one anywhere else is otaudit's own.
    if (problem === null || path === undefined || !resolve(path).startsWith(dirname(resolve(outDir))))
      throw err;
    throw new UsageError(`--out ${outDir}: cannot write the outputs there: ${problem}`);
  }
}

/** `2026-11-26` as midnight UTC that day; anything else is a usage error naming what was expected. */
function asOfDate(text: string): Date {
  const date = /^\d{4}-\d{2}-\d{2}$/.test(text) ? new Date(`${text}T00:00:00Z`) : null;
  if (!date || Number.isNaN(date.getTime()) || date.toISOString().slice(0, 10) !== text)
    throw new UsageError(`--as-of ${text}: expected a date as YYYY-MM-DD`);
  return date;
}
