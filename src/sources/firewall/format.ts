/**
 * What a firewall format brings to the importer: its name in the model, how people call it, the lines that tell
 * it from the others, and its parser. Each format's module exports one of these; formats.ts lists them.
 */
import type { FirewallConfig, FirewallFormat } from "../../model/firewall.js";
import type { InputProblem } from "../../model/problem.js";

/** A line only this format writes, with a weight: the format whose signs weigh most wins. */
export interface FormatSign {
  pattern: RegExp;
  weight: number;
}

export interface FirewallFormatReader {
  name: FirewallFormat;
  /** As people call it: "iptables-save", "Cisco ASA". */
  title: string;
  signs: readonly FormatSign[];
  /** Never throws on content: what it cannot read is a problem with its line. */
  parse(text: string, file: string): { config: FirewallConfig; problems: InputProblem[] };
  /**
   * When the configuration was exported, for formats whose export says so (iptables-save's `# Generated ... on`),
   * as ISO 8601; null when the file does not say.
   */
  writtenAt?(text: string): string | null;
}
