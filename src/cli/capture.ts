/** `otaudit capture <file|folder...> [--json <out.json|->]`: passive analysis of packet captures. */
import type { Command } from "commander";
import { analyzeCapturePaths, captureBytes } from "../app/captures.js";
import type { CaptureReport } from "../model/capture.js";
import { UsageError } from "./exit-codes.js";
import { bold, dim, Progress, yellow } from "./terminal.js";
import { writeUserFile } from "./user-files.js";

/** Inputs smaller than this finish too fast for a progress bar to help. */
const PROGRESS_MIN_BYTES = 50e6;

export function registerCapture(program: Command): void {
  program
    .command("capture")
    .description(
      "analyse packet captures passively: assets, flows, ICS operations, observations and anomalies",
    )
    .argument("<paths...>", "pcap or pcapng files (optionally .gz) or folders of rotated captures")
    .option("--json <out>", "write the JSON report to this file, or to stdout with -")
    .action(async (paths: string[], options: { json?: string }) => {
      const report = await runCapture(paths);
      if (options.json === undefined) {
        process.stdout.write(summary(report));
        return;
      }
      const text = `${JSON.stringify(report, null, 2)}\n`;
      if (options.json === "-") process.stdout.write(text);
      else writeUserFile("--json", options.json, text);
    });
}

async function runCapture(paths: string[]): Promise<CaptureReport> {
  const total = captureBytes(paths);
  if (total === 0 && paths.length > 0) throw new UsageError(`no capture files in ${paths.join(", ")}`);
  const progress = new Progress("capture", total);
  const show = progress.enabled && total > PROGRESS_MIN_BYTES;
  const report = await analyzeCapturePaths(paths, show ? (done) => progress.update(done) : undefined);
  if (show) progress.done();
  for (const file of report.stats.files) {
    for (const w of file.warnings) process.stderr.write(`otaudit: warning: ${file.path}: ${w.message}\n`);
  }
  return report;
}

function countBy<T>(
  items: readonly T[],
  key: (t: T) => string,
  weight: (t: T) => number = () => 1,
): [string, number][] {
  const counts = new Map<string, number>();
  for (const item of items) counts.set(key(item), (counts.get(key(item)) ?? 0) + weight(item));
  return [...counts].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
}

function list(pairs: [string, number][]): string {
  return pairs.length === 0 ? dim("none") : pairs.map(([k, n]) => `${k} ${n}`).join(", ");
}

/** A short human summary of the report. */
export function summary(r: CaptureReport): string {
  const lines: string[] = [];
  const files = r.stats.files;
  lines.push(
    `${bold("packets")}    ${r.stats.packets} (${(r.stats.bytes / 1e6).toFixed(1)} MB) in ${files.length} file${files.length === 1 ? "" : "s"}`,
  );
  lines.push(`${bold("hosts")}      ${r.assets.length}`);
  lines.push(`${bold("flows")}      ${r.flows.length}`);
  lines.push(
    `${bold("protocols")}  ${list(
      countBy(
        r.flows.filter((f) => f.protocol !== null),
        (f) => f.protocol!,
      ),
    )}`,
  );
  lines.push(
    `${bold("operations")} ${list(
      countBy(
        r.operations,
        (o) => o.category,
        (o) => o.count,
      ),
    )}`,
  );
  lines.push(`${bold("observed")}   ${list(countBy(r.observations, (o) => o.kind))}`);
  const anomalies = countBy(
    r.anomalies.filter((a) => a.frame > 0),
    (a) => `${a.protocol}/${a.code}`,
  );
  lines.push(
    `${bold("anomalies")}  ${anomalies.length === 0 ? dim("none") : yellow(list(anomalies.slice(0, 8)))}`,
  );
  const warnings = files.reduce((n, f) => n + f.warnings.length, 0);
  if (warnings > 0) lines.push(`${bold("warnings")}   ${yellow(String(warnings))} (see above)`);
  return `${lines.join("\n")}\n`;
}
