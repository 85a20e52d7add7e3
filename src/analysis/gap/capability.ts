/**
 * The components' capability security level (SL-C, IEC 62443-4-2) against a zone's achieved level (SL-A,
 * IEC 62443-3-3): in an FR, a zone achieves no more than the weakest of its components that must provide the FR's
 * capability can, as a certificate or the supplier's declaration states it (plant.yaml `assets[].capability`).
 * - A component whose SL-C nobody states caps nothing: its SL-C is unknown, and the report counts it.
 * - A compensating countermeasure that stands (a requirement of the FR in the zone met by compensating
 *   countermeasure) lifts the cap in that FR: the zone meets the FR by other means than the component's own
 *   capability, which is what IEC 62443-3-3 allows them for. The cap note says which requirements lifted it.
 * Which FRs a component must provide follows from its role (`capabilityFrs`).
 */
import type { Plant } from "../../model/plant.js";
import { type AssetRole, lineOf } from "../../model/plant.js";
import {
  FOUNDATIONAL_REQUIREMENTS,
  type SlCapabilityVector,
  type SlVector,
} from "../../model/security-level.js";
import {
  type CapNote,
  metByCompensation,
  type RequirementResult,
  type StatedCapability,
} from "../../model/verdicts.js";
import { COMPONENT_REQUIREMENT_FACTS } from "../../standard/iec62443-4-2.js";
import { systemRequirement } from "../../standard/requirements.js";
import type { ComponentType, FrId } from "../../standard/types.js";

/**
 * The IEC 62443-4-2 component types of each role: controllers and other embedded devices are EDR; HMIs, engineering
 * workstations, SCADA, historian, OPC and jump hosts and IT hosts run software applications on a host (HDR and
 * SAR); switches, routers and firewalls are NDR. A component of unknown role has no type: nobody can say which
 * capabilities it must provide, so its stated SL-C caps nothing (plant.yaml's check warns of it).
 */
const ROLE_COMPONENT_TYPES = {
  plc: ["EDR"],
  rtu: ["EDR"],
  ied: ["EDR"],
  "safety-controller": ["EDR"],
  iot: ["EDR"],
  hmi: ["HDR", "SAR"],
  ews: ["HDR", "SAR"],
  "scada-server": ["HDR", "SAR"],
  historian: ["HDR", "SAR"],
  "opc-server": ["HDR", "SAR"],
  "jump-host": ["HDR", "SAR"],
  "it-workstation": ["HDR", "SAR"],
  "it-server": ["HDR", "SAR"],
  "network-device": ["NDR"],
  firewall: ["NDR"],
  unknown: [],
} as const satisfies Record<AssetRole, readonly ComponentType[]>;

/**
 * The FRs whose capability a component of each role must provide: those in which IEC 62443-4-2 sets a component
 * requirement for one of its component types. With the catalogue as it stands every type has requirements in all
 * seven FRs, so controllers, HMIs, engineering workstations, SCADA servers, network devices and firewalls (and
 * every other known role) provide all seven; a component of unknown role provides none we can name.
 */
export function capabilityFrs(role: AssetRole): readonly FrId[] {
  const types: readonly ComponentType[] = ROLE_COMPONENT_TYPES[role];
  return FOUNDATIONAL_REQUIREMENTS.filter((fr) =>
    COMPONENT_REQUIREMENT_FACTS.some((cr) => cr.fr === fr && cr.appliesTo.some((t) => types.includes(t))),
  );
}

/** What the zone's components say of their capability: the lowest stated SL-C per FR, who states it, who does not. */
export interface ZoneCapability {
  slCapability: SlCapabilityVector;
  capabilities: StatedCapability[];
  /** Declared components of the zone, of a role that must provide capabilities, with no SL-C stated. */
  capabilityUnknown: string[];
}

export function zoneCapability(plant: Plant, zone: string): ZoneCapability {
  const capabilities: StatedCapability[] = [];
  const capabilityUnknown: string[] = [];
  const lowest: (number | null)[] = FOUNDATIONAL_REQUIREMENTS.map(() => null);
  plant.spec.assets.forEach((a, i) => {
    if (a.zone !== zone) return;
    const frs = capabilityFrs(a.role);
    if (!a.capability) {
      if (frs.length > 0) capabilityUnknown.push(a.id);
      return;
    }
    const { scheme, number, issued, slC } = a.capability;
    capabilities.push({
      asset: a.id,
      role: a.role,
      scheme,
      number,
      issued,
      slC,
      source: { kind: "line", file: plant.file, line: lineOf(plant, "assets", i) },
    });
    FOUNDATIONAL_REQUIREMENTS.forEach((fr, k) => {
      if (!frs.includes(fr)) return;
      const level = slC[k]!;
      lowest[k] = lowest[k] === null ? level : Math.min(lowest[k]!, level);
    });
  });
  return { slCapability: lowest as SlCapabilityVector, capabilities, capabilityUnknown };
}

const SCHEME_WORDS: Record<StatedCapability["scheme"], string> = {
  "isasecure-csa": "ISASecure CSA certificate",
  "isasecure-edsa": "ISASecure EDSA certificate",
  iecee: "IECEE certificate",
  "supplier-declaration": "supplier declaration",
  other: "certificate",
};

/** `sis-01 (supplier declaration EXAMPLE-DECL-0002)`. */
export function capabilitySource(c: StatedCapability): string {
  return `${c.asset} (${SCHEME_WORDS[c.scheme]} ${c.number})`;
}

/**
 * SL-A capped by the stated SL-C, FR by FR, with a note wherever the SL-C is below what the requirements reach:
 * applied, or lifted by a compensating countermeasure in the FR.
 */
export function capAchieved(
  fromRequirements: SlVector,
  capability: ZoneCapability,
  requirements: readonly RequirementResult[],
): { slAchieved: SlVector; capped: CapNote[] } {
  const capped: CapNote[] = [];
  const slAchieved = fromRequirements.map((reached, k) => {
    const cap = capability.slCapability[k];
    if (cap === null || cap === undefined || cap >= reached) return reached;
    const fr = FOUNDATIONAL_REQUIREMENTS[k]!;
    const at = capability.capabilities.filter((c) => c.slC[k] === cap && capabilityFrs(c.role).includes(fr));
    const by = at.map(capabilitySource).join(", ");
    const compensatedBy = requirements
      .filter((r) => systemRequirement(r.id)?.fr === fr && metByCompensation(r))
      .map((r) => r.id);
    const note = {
      fr,
      slCapability: cap,
      components: at.map((c) => c.asset),
      fromRequirements: reached,
    };
    if (compensatedBy.length > 0) {
      capped.push({
        ...note,
        applied: false,
        compensatedBy,
        reason: `not capped at the SL-C ${cap} of ${by}: ${compensatedBy.join(", ")} ${compensatedBy.length === 1 ? "is" : "are"} met by compensating countermeasure in the zone, so ${fr} is met by other means than the components' own capability`,
      });
      return reached;
    }
    capped.push({
      ...note,
      applied: true,
      compensatedBy: [],
      reason: `capped at ${cap} by the SL-C of ${by}; the requirements alone reach ${reached}`,
    });
    return cap;
  }) as SlVector;
  return { slAchieved, capped };
}
