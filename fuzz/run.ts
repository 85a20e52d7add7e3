/**
 * `npm run fuzz`: fuzz every target (or those named) for a while each and print the figures.
 *
 *   node dist/fuzz/run.js [TARGET|GLOB...] [--minutes N | --seconds N] [--jobs N] [--timeout-ms N]
 *                         [--memory-mb N] [--seed N] [--corpus DIR | --no-corpus] [--list] [--replay] [--triage]
 *
 * OTAUDIT_FUZZ_SECONDS sets the time per target when no flag does (default 600). Crashes and hangs go to
 * fuzz/regressions/<target>/; the corpus grows in fuzz/.corpus/<target>/ and the next run resumes from it.
 * --replay runs every kept regression; --triage also moves the failing ones to fuzz/regressions/pending/ and the
 * pending ones that pass back.
 */
import { rmSync } from "node:fs";
import { parseArgs } from "node:util";
import { type FuzzReport, fuzz, line } from "./engine.js";
import { REGRESSIONS } from "./regressions.js";
import { replayAll } from "./replay.js";
import { scratchRoot } from "./targets/common.js";
import { loadTargets } from "./targets/index.js";

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    minutes: { type: "string" },
    seconds: { type: "string" },
    jobs: { type: "string", default: "1" },
    "timeout-ms": { type: "string", default: "5000" },
    "memory-mb": { type: "string", default: "512" },
    seed: { type: "string" },
    corpus: { type: "string", default: "fuzz/.corpus" },
    "no-corpus": { type: "boolean", default: false },
    list: { type: "boolean", default: false },
    replay: { type: "boolean", default: false },
    triage: { type: "boolean", default: false },
    help: { type: "boolean", short: "h", default: false },
  },
});

function number(text: string | undefined, what: string): number | undefined {
  if (text === undefined || text === "") return undefined;
  const n = Number(text);
  if (!Number.isFinite(n) || n <= 0) {
    console.error(`${what}: expected a positive number, got "${text}"`);
    process.exit(2);
  }
  return n;
}

const TARGETS = await loadTargets((module, err) => {
  console.error(`fuzz/targets/${module}: does not load, its targets are left out: ${(err as Error).message}`);
  process.exitCode = 2;
});

/** Names or globs (`dissector-*`) to targets, in table order. */
function selected(patterns: readonly string[]) {
  if (patterns.length === 0) return [...TARGETS];
  const res = patterns.map(
    (p) => new RegExp(`^${p.replace(/[.+?^${}()|[\]\\]/g, "\\$&").replaceAll("*", ".*")}$`),
  );
  const chosen = TARGETS.filter((t) => res.some((re) => re.test(t.name)));
  const unmatched = patterns.filter((_, i) => !TARGETS.some((t) => res[i]!.test(t.name)));
  if (unmatched.length > 0) {
    console.error(`no target matches ${unmatched.join(", ")}; see --list`);
    process.exit(2);
  }
  return chosen;
}

async function main(): Promise<number> {
  if (values.help) {
    console.log((await import("node:fs")).readFileSync(new URL(import.meta.url), "utf8").split("*/")[0]);
    return 0;
  }
  if (values.list) {
    for (const t of TARGETS) console.log(t.name);
    return 0;
  }
  const timeoutMs = number(values["timeout-ms"], "--timeout-ms")!;
  const memoryMb = number(values["memory-mb"], "--memory-mb")!;
  if (values.replay || values.triage) {
    const failing = await replayAll({
      timeoutMs,
      memoryMb,
      triage: values.triage,
      log: (l) => console.log(l),
    });
    return failing > 0 && !values.triage ? 1 : 0;
  }
  const seconds =
    (number(values.minutes, "--minutes") ?? 0) * 60 ||
    number(values.seconds, "--seconds") ||
    number(process.env.OTAUDIT_FUZZ_SECONDS, "OTAUDIT_FUZZ_SECONDS") ||
    600;
  const targets = selected(positionals);
  const jobs = Math.max(1, Math.floor(number(values.jobs, "--jobs") ?? 1));
  const seed = number(values.seed, "--seed") ?? Date.now() % 2 ** 31;
  console.log(`fuzzing ${targets.length} targets, ${seconds} s each, ${jobs} at a time, seed ${seed}`);
  const reports: FuzzReport[] = [];
  let next = 0;
  const worker = async () => {
    while (next < targets.length) {
      const target = targets[next++]!;
      const report = await fuzz(target, {
        seconds,
        seed,
        timeoutMs,
        memoryMb,
        regressionsRoot: REGRESSIONS,
        knownFrom: REGRESSIONS,
        corpusDir: values["no-corpus"] ? null : values.corpus!,
        log: (l) => console.log(l),
      });
      reports.push(report);
      console.log(line(report));
    }
  };
  await Promise.all(Array.from({ length: Math.min(jobs, targets.length) }, worker));
  console.log("\ntarget\texecs\texecs/s\ttarget ms\tcoverage ms\tblocks\tcorpus\tcrashes\thangs");
  const order = (name: string) => TARGETS.findIndex((t) => t.name === name);
  for (const r of reports.sort((a, b) => order(a.target) - order(b.target))) {
    const crashes = r.findings.filter((f) => f.kind !== "hang").length;
    const cells = [
      r.target,
      r.execs,
      r.execsPerSecond.toFixed(0),
      r.targetMs.toFixed(2),
      r.coverageMs.toFixed(2),
    ];
    console.log([...cells, r.coveredBlocks, r.corpus, crashes, r.findings.length - crashes].join("\t"));
  }
  const found = reports.reduce((n, r) => n + r.findings.length, 0);
  if (found > 0) console.log(`\n${found} new findings kept in ${REGRESSIONS}/; npm test replays them`);
  return found > 0 ? 1 : 0;
}

try {
  process.exitCode = (await main()) || process.exitCode;
} finally {
  rmSync(scratchRoot(), { recursive: true, force: true });
}
