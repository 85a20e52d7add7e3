/** Reads one firewall configuration of any supported format into the normalized model, never throwing on content. */
import type { FirewallConfig, FirewallFormat } from "../../model/firewall.js";
import type { InputProblem } from "../../model/problem.js";
import { parseCiscoAsa } from "./cisco-asa.js";
import { detectFormat } from "./detect.js";
import { parseFortios } from "./fortios.js";
import { parseIptables } from "./iptables.js";
import { parseNftables } from "./nftables.js";

export interface FirewallParse {
  config: FirewallConfig | null;
  problems: InputProblem[];
}

const PARSERS: Readonly<
  Record<FirewallFormat, (text: string, file: string) => { config: FirewallConfig; problems: InputProblem[] }>
> = {
  iptables: parseIptables,
  nftables: parseNftables,
  "cisco-asa": parseCiscoAsa,
  fortios: parseFortios,
};

/** `file` is the name evidence will carry (e.g. `firewalls/fw-ot.conf`). */
export function parseFirewallConfig(text: string, file: string): FirewallParse {
  const detected = detectFormat(text);
  if (!detected.supported) {
    return {
      config: null,
      problems: [{ severity: "error", file, line: 0, column: 0, path: "", message: detected.reason }],
    };
  }
  const { config, problems } = PARSERS[detected.format](text, file);
  return { config, problems: [...problems].sort((a, b) => a.line - b.line) };
}
