/**
 * The inputs that reached new coverage, and the coverage reached so far: features by script, offset and count
 * bucket, blocks by script and offset. Optionally kept in a folder, one file per input, to resume from.
 */
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { Prng } from "../src/synth/prng.js";
import type { Feature } from "./coverage.js";

interface Entry {
  data: Uint8Array;
  /** Features it reached first. */
  gain: number;
}

export class Corpus {
  readonly entries: Entry[] = [];
  private readonly urls = new Map<string, number>();
  private readonly features = new Set<number>();
  private readonly blocks = new Set<number>();

  /** `dir`: where inputs are kept and read back from, or null. */
  constructor(private readonly dir: string | null) {}

  get size(): number {
    return this.entries.length;
  }
  get coveredBlocks(): number {
    return this.blocks.size;
  }
  get featureCount(): number {
    return this.features.size;
  }

  /** Adds features (new to the worker that reported them); returns how many are new to the run. */
  merge(list: readonly Feature[]): number {
    let gained = 0;
    for (const [url, offset, bucket] of list) {
      let u = this.urls.get(url);
      if (u === undefined) {
        u = this.urls.size;
        this.urls.set(url, u);
      }
      const block = u * 2 ** 24 + offset;
      const key = block * 8 + bucket;
      if (this.features.has(key)) continue;
      this.features.add(key);
      this.blocks.add(block);
      gained++;
    }
    return gained;
  }

  keep(data: Uint8Array, gain: number): void {
    this.entries.push({ data, gain });
    if (!this.dir) return;
    mkdirSync(this.dir, { recursive: true });
    const path = join(this.dir, createHash("sha256").update(data).digest("hex").slice(0, 16));
    if (!existsSync(path)) writeFileSync(path, data);
  }

  /** The inputs kept in the folder by earlier runs. */
  saved(): Uint8Array[] {
    if (!this.dir || !existsSync(this.dir)) return [];
    return readdirSync(this.dir)
      .sort()
      .map((f) => new Uint8Array(readFileSync(join(this.dir!, f))));
  }

  /** An input to mutate: recent finds and small inputs more often. */
  pick(rng: Prng): Uint8Array {
    const { entries } = this;
    if (entries.length > 8 && rng.chance(0.3)) return entries[entries.length - 1 - rng.int(8)]!.data;
    const a = rng.pick(entries);
    const b = rng.pick(entries);
    return (a.data.length <= b.data.length ? a : b).data;
  }
}
