/**
 * The threat agents a site's risk is rated against when plant.yaml states none: the agents any connected plant
 * faces. A nation-state agent (capability 4) is never assumed; a site that faces one says so.
 */
import type { ThreatAgent } from "../model/system-design.js";

export const DEFAULT_THREAT_AGENTS: readonly ThreatAgent[] = [
  {
    id: "insider-error",
    name: "Staff and contractors making mistakes",
    capability: 1,
    motivation: "none: an accident, a misconfiguration, an infected laptop plugged in",
  },
  {
    id: "opportunist",
    name: "Opportunistic attackers",
    capability: 2,
    motivation: "curiosity, notoriety: exposed services found by internet-wide scans",
  },
  {
    id: "criminal",
    name: "Ransomware and extortion groups",
    capability: 3,
    motivation: "money: encrypting or stopping operations to extort the operator",
  },
];
