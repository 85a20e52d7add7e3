/**
 * Tells a configuration's format from its content, not its name: the formats we read, and the common ones we do
 * not (PAN-OS, Juniper Junos/SRX, Cisco IOS) so that those are reported as such instead of misread.
 */
import type { FirewallFormat } from "../../model/firewall.js";
import type { FirewallFormatReader, FormatSign } from "./format.js";
import { FIREWALL_FORMAT_READERS, SUPPORTED_FORMATS_TEXT } from "./formats.js";

export type Detected =
  | { supported: true; format: FirewallFormat; reader: FirewallFormatReader }
  | { supported: false; format: string; reason: string };

/** Common formats we do not read, recognised so that they are reported as such instead of misread. */
const KNOWN_UNREAD: readonly { name: string; title: string; signs: readonly FormatSign[] }[] = [
  {
    name: "panos",
    title: "Palo Alto PAN-OS",
    signs: [
      { pattern: /<config[\s>][\s\S]*<(devices|vsys|rulebase)>/, weight: 8 },
      { pattern: /^set\s+(rulebase|deviceconfig|zone)\s/m, weight: 6 },
      { pattern: /^set\s+network\s+interface\s+ethernet\s+ethernet\d/m, weight: 6 },
    ],
  },
  {
    name: "junos",
    title: "Juniper Junos / SRX",
    signs: [
      { pattern: /^set\s+(security|system|interfaces|version|firewall|policy-options)\s/m, weight: 5 },
      { pattern: /^\s*(security|system|interfaces)\s*\{\s*$/m, weight: 5 },
    ],
  },
  {
    name: "cisco-ios",
    title: "Cisco IOS",
    signs: [
      { pattern: /^ip\s+access-list\s+(extended|standard)\s/m, weight: 5 },
      { pattern: /^access-list\s+\d+\s+(permit|deny)\s/m, weight: 5 },
      { pattern: /^version\s+1[0-9]\.\d/m, weight: 3 },
    ],
  },
];

export function detectFormat(text: string): Detected {
  // NEL (U+0085) is the one Unicode blank that the patterns' `\s` does not cover.
  const head = text.slice(0, 200_000).replaceAll("\u0085", " ");
  const weigh = (signs: readonly FormatSign[]) =>
    signs.reduce((sum, s) => sum + (s.pattern.test(head) ? s.weight : 0), 0);
  const scored = [...FIREWALL_FORMAT_READERS, ...KNOWN_UNREAD]
    .map((format) => ({ format, score: weigh(format.signs) }))
    .filter((x) => x.score > 0);
  // The first listed wins a tie, as the formats we read come first.
  const best = scored.reduce<(typeof scored)[number] | undefined>(
    (a, b) => (a && a.score >= b.score ? a : b),
    undefined,
  );
  if (!best || best.score < 4) {
    return {
      supported: false,
      format: "unknown",
      reason: `not a firewall configuration this tool reads (supported: ${SUPPORTED_FORMATS_TEXT})`,
    };
  }
  const reader = FIREWALL_FORMAT_READERS.find((r) => r === best.format);
  if (reader) return { supported: true, format: reader.name, reader };
  return {
    supported: false,
    format: best.format.name,
    reason: `${best.format.title} configuration: this format is not supported (supported: ${SUPPORTED_FORMATS_TEXT})`,
  };
}
