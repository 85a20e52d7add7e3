/**
 * Capture analysis benchmark (issue 3): on one deterministic mixed plant capture, the wall time, throughput
 * and peak RSS of `otaudit capture` beside tshark's conversation statistics, tshark with an ICS display
 * filter, and tcpdump; then the ratios and the targets.
 *
 * The capture is 1 GB by default: a week of plant traffic is larger still, and Node's start and the JIT's warm-up
 * (about 0.4 s, printed below) would otherwise weigh as much as the analysis itself.
 *
 * Environment: OTAUDIT_BENCH_MB (capture size, default 1000), OTAUDIT_BENCH_RUNS (runs per tool, default 3),
 * OTAUDIT_BENCH_1G=1 (with a smaller size, also measure otaudit's peak RSS on a 1 GB capture).
 */
import { loadavg } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { envNumber, log, median } from "./bench-env.js";
import { benchFile } from "./bench-file.js";
import { findTool, type Measurement, measure } from "./measure.js";

/** The bundled CLI that ships (`dist/cli/main.js`, the package's bin, when run from `dist/bench/`). */
const CLI = join(dirname(fileURLToPath(import.meta.url)), "../cli/main.js");
const SEED = 1;
const ICS_FILTER = "modbus || s7comm || dnp3 || enip || cip || iec60870_104 || bacnet || opcua";

interface Tool {
  name: string;
  /** The executable that must be installed. */
  binary: string;
  argv: (file: string) => string[];
}

const OURS = "otaudit capture";
/** The same run held to one CPU (`taskset -c 0`), with V8's helper threads: the issue's "on one core". */
const OURS_ONE_CORE = "otaudit capture, 1 core";

const TOOLS: Tool[] = [
  {
    name: OURS,
    binary: process.execPath,
    argv: (f) => [process.execPath, CLI, "capture", f, "--json", "/dev/null"],
  },
  {
    name: OURS_ONE_CORE,
    binary: "taskset",
    argv: (f) => ["taskset", "-c", "0", process.execPath, CLI, "capture", f, "--json", "/dev/null"],
  },
  {
    name: "tshark conv,tcp+udp",
    binary: "tshark",
    argv: (f) => ["tshark", "-r", f, "-q", "-z", "conv,tcp", "-z", "conv,udp"],
  },
  { name: "tshark ICS filter", binary: "tshark", argv: (f) => ["tshark", "-r", f, "-q", "-Y", ICS_FILTER] },
  { name: "tcpdump -nn", binary: "tcpdump", argv: (f) => ["tcpdump", "-nn", "-r", f] },
];

interface Row {
  name: string;
  runs: Measurement[] | null;
}

/** Runs every tool once per round, so that a machine growing busier or quieter weighs on all tools alike. */
async function runTools(file: string, runs: number, tools: readonly Tool[]): Promise<Row[]> {
  const rows: Row[] = tools.map((tool) => ({
    name: tool.name,
    runs: tool.binary === process.execPath || findTool(tool.binary) !== null ? [] : null,
  }));
  for (let i = 0; i < runs; i++) {
    for (const [t, tool] of tools.entries()) {
      const results = rows[t]!.runs;
      if (results === null) continue;
      results.push(await measure(tool.argv(file)));
      process.stdout.write(`  ${tool.name}: run ${i + 1}/${runs} ${results[i]!.seconds.toFixed(2)} s\n`);
    }
  }
  return rows;
}

function table(rows: readonly Row[], bytes: number, packets: number): string {
  const head = ["tool", "median s", "MB/s", "packets/s", "CPU s", "peak RSS MiB"];
  const body = rows.map((r) => {
    if (r.runs === null) return [r.name, "not installed", "", "", "", ""];
    const s = median(r.runs.map((m) => m.seconds));
    const cpu = r.runs.map((m) => m.cpuSeconds).filter((x): x is number => x !== null);
    const rss = r.runs.map((m) => m.peakRss).filter((x): x is number => x !== null);
    return [
      r.name,
      s.toFixed(2),
      (bytes / 1e6 / s).toFixed(1),
      Math.round(packets / s).toLocaleString("en-US"),
      cpu.length > 0 ? median(cpu).toFixed(2) : "n/a",
      rss.length > 0 ? (Math.max(...rss) / 2 ** 20).toFixed(0) : "n/a",
    ];
  });
  const widths = head.map((h, i) => Math.max(h.length, ...body.map((b) => b[i].length)));
  const line = (cells: string[]) =>
    cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join("  ");
  return [line(head), widths.map((w) => "-".repeat(w)).join("  "), ...body.map(line)].join("\n");
}

const medianOf = (
  rows: readonly Row[],
  name: string,
  of: (m: Measurement) => number | null = (m) => m.seconds,
) => {
  const values =
    rows
      .find((x) => x.name === name)
      ?.runs?.map(of)
      .filter((x): x is number => x !== null) ?? [];
  return values.length > 0 ? median(values) : null;
};

const loadAverage = () => loadavg()[0].toFixed(2);

export async function benchCapture(): Promise<void> {
  const size = Math.round(envNumber("OTAUDIT_BENCH_MB", 1000) * 1e6);
  const runs = Math.round(envNumber("OTAUDIT_BENCH_RUNS", 3));
  log(`\n== capture analysis: ${(size / 1e6).toFixed(0)} MB mixed plant capture, ${runs} runs per tool ==`);
  const file = benchFile(SEED, size, log);
  log(
    `${file.path}: ${(file.bytes / 1e6).toFixed(1)} MB, ${file.packets.toLocaleString("en-US")} packets` +
      (file.generatedIn === null ? " (cached)" : ` (generated in ${file.generatedIn.toFixed(1)} s)`),
  );
  log(`load average before: ${loadAverage()} (figures are only comparable on an otherwise idle machine)`);
  const rows = await runTools(file.path, runs, TOOLS);
  log(`\n${table(rows, file.bytes, file.packets)}\nload average after: ${loadAverage()}\n`);

  const ours = medianOf(rows, OURS);
  const oursCpu = medianOf(rows, OURS, (m) => m.cpuSeconds);
  const oneCore = medianOf(rows, OURS_ONE_CORE) ?? ours;
  for (const other of ["tshark ICS filter", "tshark conv,tcp+udp", "tcpdump -nn"]) {
    const theirs = medianOf(rows, other);
    const theirsCpu = medianOf(rows, other, (m) => m.cpuSeconds);
    if (ours === null || theirs === null) continue;
    const cpu =
      oursCpu !== null && theirsCpu !== null ? `, ${(theirsCpu / oursCpu).toFixed(1)}x by CPU time` : "";
    const pinned = oneCore !== null ? `, ${(theirs / oneCore).toFixed(1)}x held to one core` : "";
    log(`otaudit vs ${other}: ${(theirs / ours).toFixed(1)}x by wall time${cpu}${pinned}`);
  }
  // Startup (Node itself, module loading) is paid once per run: measure it on a 1 MB capture and show the rate
  // past it, which is what a week of traffic sees.
  const tiny = benchFile(SEED, 1e6, log);
  const startup = await runTools(tiny.path, runs, TOOLS.slice(0, 1));
  const startupCpu = medianOf(startup, OURS, (m) => m.cpuSeconds);
  const startupWall = medianOf(startup, OURS);
  if (ours !== null && startupWall !== null) {
    const past = (file.bytes - tiny.bytes) / 1e6;
    const cpu =
      oursCpu !== null && startupCpu !== null
        ? `, ${(past / (oursCpu - startupCpu)).toFixed(0)} MB/s by CPU time`
        : "";
    log(
      `otaudit on 1 MB (startup): ${startupWall.toFixed(2)} s wall, ${startupCpu?.toFixed(2) ?? "n/a"} s CPU; ` +
        `rate past startup: ${(past / (ours - startupWall)).toFixed(0)} MB/s by wall time${cpu}`,
    );
  }
  const ics = medianOf(rows, "tshark ICS filter");
  const rate = oneCore === null ? 0 : file.bytes / 1e6 / oneCore;
  const how = oneCore === ours ? "(taskset missing: not held to one core)" : "(taskset -c 0)";
  log(`target >= 150 MB/s on one core ${how}: ${rate.toFixed(1)} MB/s, ${rate >= 150 ? "met" : "missed"}`);
  if (oneCore !== null && ics !== null)
    log(
      `target >= 10x tshark ICS pass, otaudit held to one core: ${(ics / oneCore).toFixed(1)}x, ${ics / oneCore >= 10 ? "met" : "missed"}`,
    );

  let rssRows = rows;
  if (file.bytes < 1e9 && process.env.OTAUDIT_BENCH_1G === "1") {
    const big = benchFile(SEED, 1e9, log);
    log(`\n== peak RSS on a 1 GB capture: ${big.path}, ${big.packets.toLocaleString("en-US")} packets ==`);
    rssRows = await runTools(big.path, 1, TOOLS.slice(0, 1));
    log(`\n${table(rssRows, big.bytes, big.packets)}\n`);
  }
  const peaks = rssRows[0]?.runs?.map((m) => m.peakRss).filter((x): x is number => x !== null) ?? [];
  if (rssRows !== rows || file.bytes >= 1e9) {
    const peak = peaks.length > 0 ? Math.max(...peaks) : null;
    if (peak !== null)
      log(
        `target peak RSS < 300 MiB on 1 GB: ${(peak / 2 ** 20).toFixed(0)} MiB, ${peak < 300 * 2 ** 20 ? "met" : "missed"}`,
      );
  }
}
