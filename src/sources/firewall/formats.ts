/** The firewall formats otaudit reads, one line each: adding a format is its module and a line here. */
import { ciscoAsaFormat } from "./cisco-asa.js";
import type { FirewallFormatReader } from "./format.js";
import { fortiosFormat } from "./fortios.js";
import { iptablesFormat } from "./iptables.js";
import { nftablesFormat } from "./nftables.js";

export const FIREWALL_FORMAT_READERS = [
  iptablesFormat,
  nftablesFormat,
  ciscoAsaFormat,
  fortiosFormat,
] as const satisfies readonly FirewallFormatReader[];

export const SUPPORTED_FORMATS_TEXT = FIREWALL_FORMAT_READERS.map((f) => f.title).join(", ");
