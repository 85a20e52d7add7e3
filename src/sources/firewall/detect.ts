/**
 * Tells a configuration's format from its content, not its name: the formats we read, and the common ones we do
 * not (PAN-OS, Juniper Junos/SRX, Cisco IOS) so that those are reported as such instead of misread.
 */
import type { FirewallFormat } from "../../model/firewall.js";

export type Detected =
  | { supported: true; format: FirewallFormat }
  | { supported: false; format: string; reason: string };

/** Lines that only one format writes, with a weight; the best score wins. */
const SIGNS: { format: string; pattern: RegExp; weight: number }[] = [
  { format: "iptables", pattern: /^\*\s?(filter|nat|mangle|raw|security)\s*$/m, weight: 5 },
  { format: "iptables", pattern: /^:[A-Z][\w-]*\s+(ACCEPT|DROP|-)\s+\[\d+:\d+\]/m, weight: 5 },
  { format: "iptables", pattern: /^(-A|-I|-N)\s+\S+/m, weight: 2 },
  { format: "iptables", pattern: /^COMMIT\s*$/m, weight: 2 },
  { format: "nftables", pattern: /^\s*table\s+(ip|ip6|inet|arp|bridge|netdev)\s+\S+\s*\{/m, weight: 6 },
  { format: "nftables", pattern: /^\s*type\s+(filter|nat|route)\s+hook\s+\w+/m, weight: 4 },
  { format: "cisco-asa", pattern: /^ASA Version /m, weight: 8 },
  {
    format: "cisco-asa",
    pattern: /^access-list\s+\S+\s+(line\s+\d+\s+)?(extended|standard|remark)\s/m,
    weight: 4,
  },
  { format: "cisco-asa", pattern: /^\s+nameif\s+\S+/m, weight: 4 },
  { format: "cisco-asa", pattern: /^access-group\s+\S+\s+(in|out|global)/m, weight: 3 },
  { format: "cisco-asa", pattern: /^object-group\s+(network|service|protocol|icmp-type)\s/m, weight: 3 },
  { format: "cisco-asa", pattern: /^object\s+(network|service)\s/m, weight: 2 },
  { format: "fortios", pattern: /^#config-version=FG/m, weight: 8 },
  { format: "fortios", pattern: /^config\s+(firewall|system|router)\s/m, weight: 6 },
  { format: "fortios", pattern: /^\s+edit\s+\S+/m, weight: 2 },
  { format: "panos", pattern: /<config[\s>][\s\S]*<(devices|vsys|rulebase)>/, weight: 8 },
  { format: "panos", pattern: /^set\s+(rulebase|deviceconfig|zone)\s/m, weight: 6 },
  { format: "panos", pattern: /^set\s+network\s+interface\s+ethernet\s+ethernet\d/m, weight: 6 },
  {
    format: "junos",
    pattern: /^set\s+(security|system|interfaces|version|firewall|policy-options)\s/m,
    weight: 5,
  },
  { format: "junos", pattern: /^\s*(security|system|interfaces)\s*\{\s*$/m, weight: 5 },
  { format: "cisco-ios", pattern: /^ip\s+access-list\s+(extended|standard)\s/m, weight: 5 },
  { format: "cisco-ios", pattern: /^access-list\s+\d+\s+(permit|deny)\s/m, weight: 5 },
  { format: "cisco-ios", pattern: /^version\s+1[0-9]\.\d/m, weight: 3 },
];

const UNSUPPORTED: Readonly<Record<string, string>> = {
  panos: "Palo Alto PAN-OS",
  junos: "Juniper Junos / SRX",
  "cisco-ios": "Cisco IOS",
};

const SUPPORTED = new Set<string>(["iptables", "nftables", "cisco-asa", "fortios"]);

export const SUPPORTED_FORMATS_TEXT = "iptables-save, nftables (nft list ruleset), Cisco ASA, FortiOS";

export function detectFormat(text: string): Detected {
  // NEL (U+0085) is the one Unicode blank that the patterns' `\s` does not cover.
  const head = text.slice(0, 200_000).replaceAll("\u0085", " ");
  const scores = new Map<string, number>();
  for (const s of SIGNS)
    if (s.pattern.test(head)) scores.set(s.format, (scores.get(s.format) ?? 0) + s.weight);
  const best = [...scores.entries()].sort((a, b) => b[1] - a[1])[0];
  if (!best || best[1] < 4) {
    return {
      supported: false,
      format: "unknown",
      reason: `not a firewall configuration this tool reads (supported: ${SUPPORTED_FORMATS_TEXT})`,
    };
  }
  if (SUPPORTED.has(best[0])) return { supported: true, format: best[0] as FirewallFormat };
  const name = UNSUPPORTED[best[0]] ?? best[0];
  return {
    supported: false,
    format: best[0],
    reason: `${name} configuration: this format is not supported (supported: ${SUPPORTED_FORMATS_TEXT})`,
  };
}
