/** Helpers the firewall importers' tests share: parse a corpus configuration, pick a rule set. */
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import type { FirewallConfig, Ruleset } from "../../model/firewall.js";
import { parseFirewallConfig } from "./load.js";

export const CORPUS = "test/corpus/firewalls";

/** A configuration that must parse, with the problems its parse reported. */
export function parseConfigFile(path: string): {
  config: FirewallConfig;
  problems: ReturnType<typeof parseFirewallConfig>["problems"];
} {
  const { config, problems } = parseFirewallConfig(readFileSync(path, "utf8"), path.split("/").pop()!);
  assert.ok(config, `${path} did not parse`);
  return { config, problems };
}

export function rulesetOf(c: FirewallConfig, id: string): Ruleset {
  const rs = c.rulesets.find((r) => r.id === id);
  assert.ok(rs, `no rule set ${id} in ${c.rulesets.map((r) => r.id).join(", ")}`);
  return rs;
}
