/**
 * The benchmark capture: generated once per seed, size and generator version, and cached under the OS temp
 * folder so repeated bench runs measure rather than regenerate.
 */
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { generateCapture } from "../src/synth/generate.js";

export interface BenchFile {
  path: string;
  bytes: number;
  packets: number;
  /** Seconds it took to generate, or null when the cached file was reused. */
  generatedIn: number | null;
}

interface Meta {
  seed: number;
  size: number;
  generator: string;
  bytes: number;
  packets: number;
}

const SYNTH_DIR = join(dirname(fileURLToPath(import.meta.url)), "../src/synth");

/** A digest of the generator's code: a changed generator must not reuse an old file. */
function generatorDigest(): string {
  const hash = createHash("sha256");
  const walk = (dir: string): void => {
    for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) =>
      a.name < b.name ? -1 : 1,
    )) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (/\.(js|ts)$/.test(entry.name) && !/\.test\.(js|ts)$/.test(entry.name))
        hash.update(entry.name).update(readFileSync(path));
    }
  };
  walk(SYNTH_DIR);
  return hash.digest("hex").slice(0, 16);
}

export function benchFile(seed: number, size: number, log: (line: string) => void): BenchFile {
  const dir = join(tmpdir(), "otaudit-bench");
  mkdirSync(dir, { recursive: true });
  const generator = generatorDigest();
  const path = join(dir, `bench-seed${seed}-${size}.pcap`);
  const metaPath = `${path}.json`;
  if (existsSync(path) && existsSync(metaPath)) {
    const meta = JSON.parse(readFileSync(metaPath, "utf8")) as Meta;
    if (
      meta.seed === seed &&
      meta.size === size &&
      meta.generator === generator &&
      statSync(path).size === meta.bytes
    ) {
      return { path, bytes: meta.bytes, packets: meta.packets, generatedIn: null };
    }
  }
  log(`generating ${(size / 1e6).toFixed(0)} MB bench capture (seed ${seed}) at ${path} ...`);
  const started = process.hrtime.bigint();
  const result = generateCapture({ scenario: "bench", seed, size, out: path });
  const generatedIn = Number(process.hrtime.bigint() - started) / 1e9;
  const meta: Meta = { seed, size, generator, bytes: result.bytes, packets: result.packets };
  writeFileSync(metaPath, `${JSON.stringify(meta)}\n`);
  return { path, bytes: result.bytes, packets: result.packets, generatedIn };
}
