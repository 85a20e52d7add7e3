/**
 * `otaudit generate-capture --scenario plant|bench [--size 200MB] [--seed N] --out FILE`: writes a
 * deterministic synthetic plant capture (classic pcap). Used for the example plant and the benchmark;
 * hidden from the main help because assessors never need it.
 */
import { type Command, Option } from "commander";
import { generateCapture, SCENARIOS, type ScenarioName } from "../app/captures.js";
import { UsageError } from "./exit-codes.js";
import { writingUserPath } from "./user-files.js";

const UNITS: Record<string, number> = {
  "": 1,
  B: 1,
  KB: 1e3,
  MB: 1e6,
  GB: 1e9,
  KIB: 1024,
  MIB: 1024 ** 2,
  GIB: 1024 ** 3,
};

/** `200MB`, `1GB`, `512MiB` or a plain byte count. */
export function parseSize(text: string): number {
  const m = /^(\d+(?:\.\d+)?)\s*([a-z]*)$/i.exec(text.trim());
  const unit = m ? UNITS[m[2].toUpperCase()] : undefined;
  if (!m || unit === undefined)
    throw new UsageError(`--size: expected a size such as 200MB or 1GB, got "${text}"`);
  const bytes = Math.round(Number(m[1]) * unit);
  if (bytes < 1e6) throw new UsageError(`--size: at least 1MB, got "${text}"`);
  return bytes;
}

function parseSeed(text: string): number {
  if (!/^\d+$/.test(text) || Number(text) > 0xffffffff)
    throw new UsageError(`--seed: expected an integer from 0 to 4294967295, got "${text}"`);
  return Number(text);
}

export function registerGenerate(program: Command): void {
  program
    .command("generate-capture", { hidden: true })
    .description("write a deterministic synthetic plant capture (classic pcap, 802.1Q-tagged Ethernet)")
    .addOption(
      new Option("--scenario <name>", "plant: the example water-treatment plant; bench: a large mixed plant")
        .choices(Object.keys(SCENARIOS))
        .makeOptionMandatory(),
    )
    .option("--size <size>", "bench only: stop once the file reaches this size (e.g. 200MB, 1GB)", "256MB")
    .option("--seed <n>", "seed of the generator: the same seed and size give the same bytes", "1")
    .option("--no-vlan-tags", "plain Ethernet frames instead of 802.1Q-tagged ones (an access-port mirror)")
    .requiredOption("--out <file>", "the pcap file to write")
    .addHelpText(
      "after",
      "\nThe plant scenario is fixed (about four minutes of traffic, a few MB); --size applies to bench.\nOutput is byte-identical for the same scenario, seed and size.",
    )
    .action(
      (options: { scenario: ScenarioName; size: string; seed: string; vlanTags: boolean; out: string }) => {
        const result = writingUserPath(`--out ${options.out}`, options.out, () =>
          generateCapture({
            scenario: options.scenario,
            seed: parseSeed(options.seed),
            size: parseSize(options.size),
            tagged: options.vlanTags,
            out: options.out,
          }),
        );
        const seconds = (result.last - result.first) / 1e6;
        process.stderr.write(
          `${options.out}: ${result.packets} packets, ${(result.bytes / 1e6).toFixed(1)} MB, ${seconds.toFixed(0)} s of traffic\n`,
        );
      },
    );
}
