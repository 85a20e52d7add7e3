/** Reading configurations for the analysis tests: the corpus and the example plant, through the real parsers. */
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import type { FirewallConfig } from "../src/model/firewall.js";
import { parseFirewallConfig } from "../src/sources/firewall/load.js";

export const CORPUS = "test/corpus/firewalls";

export function configFrom(path: string, display = path.split("/").pop()!): FirewallConfig {
  return configText(readFileSync(path, "utf8"), display);
}

export function configText(text: string, file: string): FirewallConfig {
  const { config, problems } = parseFirewallConfig(text, file);
  assert.ok(config, `${file}: ${problems.map((p) => p.message).join("; ")}`);
  return config;
}

/** The 1-based line of the first line of `path` that contains `text`. */
export function lineWith(path: string, text: string): number {
  const i = readFileSync(path, "utf8")
    .split("\n")
    .findIndex((l) => l.includes(text));
  assert.ok(i >= 0, `${path} has no line with ${text}`);
  return i + 1;
}
