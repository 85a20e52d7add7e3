/**
 * Runs a scenario into a classic pcap file: deterministic for a given scenario, seed and size, written in
 * constant memory whatever the size.
 */
import { Network } from "./network.js";
import { NoisePool } from "./noise.js";
import { PcapWriter } from "./pcap-writer.js";
import { Prng } from "./prng.js";
import { benchScenario } from "./scenarios/bench.js";
import { plantScenario } from "./scenarios/plant.js";
import type { Scenario } from "./scenarios/scenario.js";
import { Timeline } from "./timeline.js";

export const SCENARIOS = { plant: plantScenario, bench: benchScenario } satisfies Record<string, Scenario>;
export type ScenarioName = keyof typeof SCENARIOS;

export interface GenerateOptions {
  scenario: ScenarioName;
  seed: number;
  out: string;
  /** Stop once the file reaches this many bytes (required by `bench`, ignored by `plant`). */
  size?: number;
  /** 802.1Q tags on every frame (a trunk mirror); the scenario's choice unless given. */
  tagged?: boolean;
}

export interface GenerateResult {
  packets: number;
  bytes: number;
  /** Microseconds since the epoch of the first and last frame. */
  first: number;
  last: number;
}

export function generateCapture(o: GenerateOptions): GenerateResult {
  const scenario = SCENARIOS[o.scenario];
  const rng = new Prng(o.seed, o.scenario);
  const timeline = new Timeline();
  const ctx = {
    net: new Network(o.tagged ?? scenario.tagged),
    rng,
    noise: new NoisePool(rng.fork("noise")),
    timeline,
  };
  const limit = o.scenario === "bench" ? (o.size ?? 256e6) : Number.POSITIVE_INFINITY;
  scenario.build(ctx, Number.isFinite(limit) ? limit : null);
  const writer = new PcapWriter(o.out);
  let first = -1;
  let last = 0;
  try {
    timeline.run((at, frame) => {
      if (first < 0) first = at;
      last = at;
      writer.write(at, frame);
      return writer.bytes < limit;
    });
  } finally {
    writer.close();
  }
  return { packets: writer.packets, bytes: writer.bytes, first: Math.max(first, 0), last };
}
