/**
 * `otaudit watch <plant-dir> [--captures DIR] [--learn 1h | --learn-files N] [--syslog URL] [--once]`: follows
 * a folder of rotated captures, learns a baseline, then alerts on what departs from it.
 */
import { existsSync } from "node:fs";
import { join } from "node:path";
import type { Command } from "commander";
import { PlantInputError } from "../app/errors.js";
import {
  describePlan,
  type LearnPlan,
  parseDuration,
  parseSyslogTarget,
  type WatchEvent,
  watchPlant,
} from "../app/monitoring.js";
import type { Alert } from "../model/alert.js";
import { formatEvidence } from "../model/evidence.js";
import { formatProblem } from "../model/problem.js";
import { EXIT_BAD_INPUT, UsageError } from "./exit-codes.js";
import { bold, dim, red, yellow } from "./terminal.js";

interface WatchFlags {
  captures?: string;
  learn?: string;
  learnFiles?: string;
  settle: string;
  interval: string;
  alertsFile?: string;
  syslog?: string;
  once?: boolean;
}

export function registerWatch(program: Command): void {
  program
    .command("watch")
    .description(
      "follow rotated capture files: learn a baseline, then alert on new assets, flows, writes, sessions",
    )
    .argument("<plant-dir>", "the plant folder (plant.yaml; the workspace keeps the baseline and the alerts)")
    .option(
      "--captures <dir>",
      "the folder tcpdump or dumpcap rotates files into (default: <plant-dir>/captures)",
    )
    .option("--learn <duration>", "learn the baseline over this much capture time: 30m, 1h, 7d (default 1h)")
    .option("--learn-files <n>", "learn the baseline from the first N files instead")
    .option("--settle <duration>", "the newest file is complete once unwritten for this long", "60s")
    .option("--interval <duration>", "pause between two looks at the folder", "5s")
    .option(
      "--alerts-file <file>",
      "JSON-lines file of raised alerts (default: <plant-dir>/out/alerts.jsonl)",
    )
    .option("--syslog <url>", "also send alerts to a syslog collector: udp://host:514 or tcp://host:6514")
    .option("--once", "ingest the complete files there are, then exit")
    .addHelpText(
      "after",
      `
Capture with rotation, for example:
  tcpdump -i eth1 -U -G 300 -w '/data/cap/plant-%Y%m%d%H%M%S.pcap'
  dumpcap -i eth1 -b duration:300 -b files:1000 -w /data/cap/plant.pcapng
Each complete file is ingested once, oldest first; the file being written is left until the writer moves on
(or leaves it alone for --settle). A killed watch resumes where it stopped. List and acknowledge alerts with
otaudit alerts <plant-dir>.`,
    )
    .action(async (dir: string, flags: WatchFlags) => {
      if (!existsSync(join(dir, "plant.yaml"))) {
        throw new UsageError(`${dir}: no plant.yaml here (create one with: otaudit init ${dir})`);
      }
      const controller = new AbortController();
      const stop = () => controller.abort();
      process.once("SIGINT", stop);
      process.once("SIGTERM", stop);
      try {
        const summary = await watchPlant({
          plantDir: dir,
          captures: flags.captures ?? join(dir, "captures"),
          learn: learnPlan(flags),
          settleMs: duration("--settle", flags.settle),
          intervalMs: duration("--interval", flags.interval),
          once: flags.once === true,
          alertsFile: flags.alertsFile ?? join(dir, "out", "alerts.jsonl"),
          syslog: flags.syslog === undefined ? null : syslogTarget(flags.syslog),
          signal: controller.signal,
          onEvent: printer(),
        });
        process.stderr.write(
          `${dim(`ingested ${summary.ingested} file${summary.ingested === 1 ? "" : "s"}, raised ${summary.raised} alert${summary.raised === 1 ? "" : "s"}${summary.unreadable > 0 ? `, ${summary.unreadable} unreadable` : ""}`, process.stderr)}\n`,
        );
      } catch (err) {
        if (!(err instanceof PlantInputError)) throw err;
        for (const p of err.problems.filter((x) => x.severity === "error")) {
          process.stderr.write(`${red("error", process.stderr)} ${formatProblem(p)}\n`);
        }
        process.exitCode = EXIT_BAD_INPUT;
      } finally {
        process.removeListener("SIGINT", stop);
        process.removeListener("SIGTERM", stop);
      }
    });
}

function duration(flag: string, text: string): number {
  try {
    return parseDuration(text);
  } catch (err) {
    throw new UsageError(`${flag}: ${(err as Error).message}`);
  }
}

function learnPlan(flags: WatchFlags): LearnPlan | null {
  if (flags.learn !== undefined && flags.learnFiles !== undefined) {
    throw new UsageError("--learn and --learn-files: give one learning period, by time or by files");
  }
  if (flags.learnFiles !== undefined) {
    if (!/^\d+$/.test(flags.learnFiles) || Number(flags.learnFiles) < 1) {
      throw new UsageError(`--learn-files: expected a number of files, 1 or more, got "${flags.learnFiles}"`);
    }
    return { by: "files", files: Number(flags.learnFiles) };
  }
  if (flags.learn === undefined) return null;
  const ms = duration("--learn", flags.learn);
  if (ms <= 0) throw new UsageError(`--learn: expected a period longer than zero, got "${flags.learn}"`);
  return { by: "time", ms };
}

function syslogTarget(url: string) {
  try {
    return parseSyslogTarget(url);
  } catch (err) {
    throw new UsageError(`--syslog: ${(err as Error).message}`);
  }
}

const err = process.stderr;

/** Progress on stderr; each raised alert as one line on stdout. */
function printer(): (e: WatchEvent) => void {
  let learning = false;
  return (e) => {
    switch (e.kind) {
      case "started": {
        learning = e.learning.phase === "learning";
        if (e.note) err.write(`${yellow("note", err)} ${e.note}\n`);
        const plan = describePlan(e.learning.plan);
        err.write(
          learning
            ? `learning the baseline over ${plan} (${e.learning.learnedFiles} learned so far)\n`
            : `monitoring against the baseline learned over ${plan}\n`,
        );
        return;
      }
      case "reading":
        err.write(`${dim(`reading ${e.display} (${(e.bytes / 1e6).toFixed(1)} MB)`, err)}\n`);
        return;
      case "waiting":
        err.write(`${dim(`waiting for ${e.display} to be complete (still being written)`, err)}\n`);
        return;
      case "warning":
        err.write(`${yellow("warning", err)} ${e.message}\n`);
        return;
      case "file":
        break;
    }
    const o = e.outcome;
    switch (o.kind) {
      case "learned":
        err.write(
          `learned ${o.display}: ${o.packets} packets, ${o.facts} facts (${o.learnedFiles} file${o.learnedFiles === 1 ? "" : "s"} learned)\n`,
        );
        break;
      case "monitored":
        if (learning) {
          learning = false;
          err.write(`${bold("baseline learned", err)}; monitoring from ${o.display} on\n`);
        }
        err.write(
          `checked ${o.display}: ${o.packets} packets, ${o.raised.length} new alert${o.raised.length === 1 ? "" : "s"}, ${o.repeated} repeat${o.repeated === 1 ? "" : "s"}\n`,
        );
        for (const a of o.raised) process.stdout.write(`${alertLine(a)}\n`);
        break;
      case "unreadable":
        err.write(`${yellow("warning", err)} ${o.error}; not a readable capture, skipped\n`);
        break;
      case "duplicate":
        err.write(`${dim(`skipped ${o.display}: same capture as ${o.of}`, err)}\n`);
        break;
      case "taken":
        err.write(`${dim(`skipped ${o.display}: another watcher ingested it`, err)}\n`);
        break;
    }
    if ((o.kind === "learned" || o.kind === "monitored") && o.warnings.length > 0) {
      for (const w of o.warnings) err.write(`${yellow("warning", err)} ${w}\n`);
    }
  };
}

const SEVERITY_COLOUR = { critical: red, high: red, medium: yellow, low: dim, info: dim } as const;

export function alertLine(a: Alert): string {
  const where = a.evidence.map(formatEvidence).join(", ");
  return `${SEVERITY_COLOUR[a.severity](a.severity.padEnd(8))} #${a.number} ${bold(a.type)}: ${a.summary}${where ? ` (${where})` : ""}`;
}
