/**
 * Continuous monitoring benchmark (issue 11): the benchmark capture cut into rotated files as `tcpdump -C`
 * cuts them, then `watch` over the folder in this process: ingest throughput (hash, analysis, workspace
 * transaction per file), its ratio to real time on a saturated 100 Mbit/s plant link, and memory after each
 * file, which must not grow with the number of files.
 *
 * Environment: OTAUDIT_BENCH_MB (capture size, default 256, the capture benchmark's file),
 * OTAUDIT_BENCH_WATCH_FILE_MB (size of each rotated file, default 2).
 */
import {
  closeSync,
  copyFileSync,
  mkdirSync,
  mkdtempSync,
  openSync,
  readSync,
  rmSync,
  writeSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";
import { watchPlant } from "../src/app/monitoring.js";
import { envNumber, log } from "./bench-env.js";
import { benchFile } from "./bench-file.js";

const SEED = 1;
/** 100 Mbit/s in bytes per second. */
const LINK_100M = 100e6 / 8;
interface Split {
  files: number;
  /** Capture time covered, seconds. */
  span: number;
}

/**
 * Cuts a classic pcap (as the generator writes it: little-endian, microseconds) into files of about `size`
 * bytes named `bench.pcap`, `bench.pcap1`, ... as `tcpdump -C` names them.
 */
function splitPcap(source: string, folder: string, size: number): Split {
  const input = openSync(source, "r");
  const header = Buffer.alloc(24);
  readSync(input, header, 0, 24, 0);
  let position = 24;
  const chunk = Buffer.alloc(8 << 20);
  let have = 0;
  let out = -1;
  let written = 0;
  let files = 0;
  let first = -1;
  let last = 0;
  const next = () => {
    if (out >= 0) closeSync(out);
    out = openSync(join(folder, files === 0 ? "bench.pcap" : `bench.pcap${files}`), "w");
    writeSync(out, header);
    written = 24;
    files++;
  };
  try {
    next();
    for (;;) {
      const n = readSync(input, chunk, have, chunk.length - have, position);
      position += n;
      have += n;
      let off = 0;
      while (have - off >= 16) {
        const length = 16 + chunk.readUInt32LE(off + 8);
        if (have - off < length) break;
        const at = chunk.readUInt32LE(off) + chunk.readUInt32LE(off + 4) / 1e6;
        if (first < 0) first = at;
        last = at;
        if (written + length > size && written > 24) next();
        writeSync(out, chunk, off, length);
        written += length;
        off += length;
      }
      chunk.copy(chunk, 0, off, have);
      have -= off;
      if (n === 0) break;
    }
  } finally {
    closeSync(input);
    if (out >= 0) closeSync(out);
  }
  return { files, span: last - first };
}

/** `gc()` for memory samples that measure what is kept, not what is waiting to be collected. */
function collector(): () => void {
  setFlagsFromString("--expose-gc");
  return runInNewContext("gc") as () => void;
}

const mib = (bytes: number) => (bytes / 2 ** 20).toFixed(1);

export async function benchWatch(): Promise<void> {
  const size = Math.round(envNumber("OTAUDIT_BENCH_MB", 256) * 1e6);
  const fileSize = Math.round(envNumber("OTAUDIT_BENCH_WATCH_FILE_MB", 2) * 1e6);
  log(
    `\n== continuous monitoring: ${(size / 1e6).toFixed(0)} MB capture in ${fileSize / 1e6} MB rotated files ==`,
  );
  const source = benchFile(SEED, size, log);
  const tmp = mkdtempSync(join(tmpdir(), "otaudit-bench-watch-"));
  try {
    const captures = join(tmp, "captures");
    const plantDir = join(tmp, "plant");
    mkdirSync(captures);
    mkdirSync(plantDir);
    copyFileSync("examples/water-treatment/plant.yaml", join(plantDir, "plant.yaml"));
    const split = splitPcap(source.path, captures, fileSize);
    log(`${split.files} files, ${split.span.toFixed(1)} s of capture time`);

    const gc = collector();
    gc();
    // Memory is sampled after a forced collection on every 20th of the files only: collecting after each file
    // would also throw away compiled code and feedback, and the throughput would measure recompiling.
    const sampleEvery = Math.max(1, Math.round(split.files / 20));
    const samples: { file: number; heap: number; rss: number }[] = [];
    let files = 0;
    // Each file's ingest, from "reading" to "file": the memory samples' collections fall outside.
    let seconds = 0;
    let cpu = 0;
    let wallAt = 0n;
    let cpuAt = process.cpuUsage();
    let raised = 0;
    await watchPlant({
      plantDir,
      captures,
      learn: { by: "files", files: Math.max(1, Math.floor(split.files / 10)) },
      settleMs: 0,
      intervalMs: 0,
      once: true,
      alertsFile: join(tmp, "alerts.jsonl"),
      syslog: null,
      onEvent: (e) => {
        if (e.kind === "reading") {
          wallAt = process.hrtime.bigint();
          cpuAt = process.cpuUsage();
        }
        if (e.kind !== "file") return;
        seconds += Number(process.hrtime.bigint() - wallAt) / 1e9;
        const used = process.cpuUsage(cpuAt);
        cpu += (used.user + used.system) / 1e6;
        if (e.outcome.kind === "monitored") raised += e.outcome.raised.length;
        files++;
        if (files % sampleEvery !== 0 && files !== split.files) return;
        gc();
        const m = process.memoryUsage();
        samples.push({ file: files, heap: m.heapUsed, rss: m.rss });
      },
    });
    // On a shared machine wall time also counts other processes' turns; CPU time is this process's own work.
    for (const [what, s] of [
      ["wall", seconds],
      ["CPU", cpu],
    ] as const) {
      const rate = source.bytes / s;
      log(
        `${what}: ${s.toFixed(2)} s for ${files} files, ${(source.bytes / 1e6).toFixed(1)} MB: ${(rate / 1e6).toFixed(1)} MB/s, ${Math.round(source.packets / s).toLocaleString("en-US")} packets/s; ` +
          `${(split.span / s).toFixed(1)}x real time at the capture's own ${((source.bytes * 8) / split.span / 1e6).toFixed(0)} Mbit/s, ` +
          `${(rate / LINK_100M).toFixed(1)}x real time on a saturated 100 Mbit/s link`,
      );
    }
    log(`alerts raised after learning on ${Math.max(1, Math.floor(split.files / 10))} files: ${raised}`);

    // Memory once warmed up: the first tenth of the files is start-up (JIT, the OUI table, SQLite caches).
    const warm = samples.filter((x) => x.file > files / 10);
    const at = (i: number) => warm[Math.min(warm.length - 1, Math.floor(i * (warm.length - 1)))]!;
    log(
      `heap after GC at 10% / 50% / 100% of the files: ${mib(at(0).heap)} / ${mib(at(0.5).heap)} / ${mib(at(1).heap)} MiB`,
    );
    log(
      `peak RSS: ${mib(Math.max(...samples.map((x) => x.rss)))} MiB (sampled after ${samples.length} of the files)`,
    );
    const growth = (at(1).heap - at(0).heap) / Math.max(1, at(1).file - at(0).file);
    log(
      `heap growth per file after warm-up: ${(growth / 1024).toFixed(1)} KiB (${Math.abs(growth) < 64 * 1024 ? "flat: memory does not grow with the number of files" : "GROWING"})`,
    );
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}
