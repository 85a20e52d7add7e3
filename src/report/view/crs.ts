/**
 * The cybersecurity requirements specification (IEC 62443-3-2 ZCR 6.1) as the Assessment gives it: per zone of
 * the system under consideration and per conduit, what it is (plant.yaml's facts and its ZCR 6 characteristics),
 * its SL-T and why, the threats it faces, and the IEC 62443-3-3 requirements its SL-T asks for. The CRS section of
 * report.html, its Word rendering and crs.docx all render this.
 */
import type { Assessment, ConduitResult, ZoneResult } from "../../model/assessment.js";
import { EXTERNAL } from "../../model/plant.js";
import { CONDUIT_FRS, FOUNDATIONAL_REQUIREMENTS, type SlVector } from "../../model/security-level.js";
import type { ExternalZone } from "../../model/system-design.js";
import {
  FOUNDATIONAL,
  type FoundationalRequirement,
  frIndex,
  requiredAt,
  type SystemRequirement,
} from "../../standard/requirements.js";
import type { FrId } from "../../standard/types.js";
import { PSEUDO_ZONE_NAMES } from "../figures/zone-diagram.js";
import { characteristicFacts, type Fact, outsideOf } from "./design.js";

/** The requirements of one FR that a level asks for; none at level 0. */
export interface FrRequirements {
  fr: FoundationalRequirement;
  level: number;
  requirements: readonly SystemRequirement[];
}

/**
 * The IEC 62443-3-3 SRs and REs an SL-T asks for, per FR in `frs` (FR1-FR7 by default): each whose level is
 * within the target in its FR. The one derivation of "applicable at SL-T" the report and the CRS show.
 */
export function requirementsAtTarget(
  slTarget: SlVector,
  frs: readonly FrId[] = FOUNDATIONAL_REQUIREMENTS,
): FrRequirements[] {
  return FOUNDATIONAL.filter((fr) => frs.includes(fr.id)).map((fr) => {
    const level = slTarget[frIndex(fr.id)]!;
    return { fr, level, requirements: level > 0 ? requiredAt(fr.id, level) : [] };
  });
}

/** How many requirements a list of FRs holds. */
export const requirementCount = (frs: readonly FrRequirements[]): number =>
  frs.reduce((n, f) => n + f.requirements.length, 0);

/** One FR of a zone's SL-T with the risk analysis's word on it, when the run carries one. */
export interface LevelRow {
  fr: FoundationalRequirement;
  target: number;
  recommended: number | null;
  reason: string | null;
  disagreement: string | null;
}

export const NO_RATIONALE = "no risk rationale in this run";

/** Where a zone's SL-T table comes from, and a word when the run carries no risk rationale. */
export function levelsSource(z: CrsZone): string {
  if (z.rationale)
    return "plant.yaml (the declared SL-T); the risk analysis (the level the zone's unmitigated risk calls for, and why).";
  const byRisk = z.levels.some((l) => l.recommended !== null);
  return `plant.yaml (the declared SL-T)${byRisk ? "; the risk analysis (SL-T by risk)" : ""}. ${NO_RATIONALE[0]!.toUpperCase()}${NO_RATIONALE.slice(1)}: the SL-T stands as plant.yaml declares it.`;
}

/** A declared flow of a conduit, in words. */
export interface FlowLine {
  conduit: string;
  text: string;
  description: string | null;
}

export interface CrsZone {
  zone: ZoneResult;
  facts: Fact[];
  characteristics: Fact[];
  /** The conduits it joins, with their flows. */
  flows: FlowLine[];
  conduits: ConduitResult[];
  levels: LevelRow[];
  /** Whether the levels carry the risk analysis's per-FR rationale. */
  rationale: boolean;
  /** Where the zone is entered from outside the SuC: conduits to untrusted or external zones. */
  exposure: string[];
  requirements: FrRequirements[];
}

export interface CrsConduit {
  conduit: ConduitResult;
  facts: Fact[];
  characteristics: Fact[];
  flows: FlowLine[];
  /** `FR3 2, FR4 2, FR5 2`, or null without an SL-T. */
  target: string | null;
  requirements: FrRequirements[];
}

export interface CrsView {
  zones: CrsZone[];
  conduits: CrsConduit[];
  /** The zones of plant.yaml outside the SuC: sources of threat, not specified here. */
  outside: { zone: ZoneResult; trust: ExternalZone }[];
}

export function crsZoneName(a: Assessment, id: string): string {
  return PSEUDO_ZONE_NAMES[id] ?? a.zones.find((z) => z.id === id)?.name ?? id;
}

export function flowText(f: NonNullable<ConduitResult["flows"]>[number]): string {
  const ports = f.ports.length ? `/${f.ports.join(",")}` : "";
  const who =
    f.initiators || f.responders
      ? ` (${f.initiators?.join(", ") ?? "any"} → ${f.responders?.join(", ") ?? "any"})`
      : "";
  const ops = f.operations ? `; ${f.operations.join(", ")}` : "";
  const end = (zone: string) => (zone === EXTERNAL ? "external" : zone);
  return `${f.protocol} ${f.transport}${ports}, ${end(f.from)} → ${end(f.to)}${who}${ops}`;
}

function flowLines(c: ConduitResult): FlowLine[] {
  return (c.flows ?? []).map((f) => ({
    conduit: c.id,
    text: flowText(f),
    description: f.description ?? null,
  }));
}

const fact = (label: string, lines: readonly (string | undefined | null)[]): Fact[] => {
  const kept = lines.filter((l): l is string => typeof l === "string" && l.length > 0);
  return kept.length ? [{ label, lines: kept }] : [];
};

function zoneFacts(a: Assessment, z: ZoneResult, conduits: readonly ConduitResult[]): Fact[] {
  const assets = new Map(a.assets.map((x) => [x.id, x]));
  return [
    ...fact("Description", [z.description ?? "not described in plant.yaml"]),
    ...fact("Purdue level", [String(z.purdueLevel)]),
    ...fact("Criticality", [z.criticality]),
    ...fact("Owner", [z.owner ?? "not stated in plant.yaml"]),
    ...fact("Subnets", [z.subnets?.join(", ") || "none declared"]),
    ...fact("VLANs", [z.vlans?.join(", ") || "none declared"]),
    ...fact(
      "Assets",
      z.assets.length
        ? z.assets.map((id) => {
            const x = assets.get(id);
            if (!x) return id;
            return `${id}: ${x.name} (${x.role}${x.declared ? "" : ", found in the evidence, not declared in plant.yaml"})`;
          })
        : ["none"],
    ),
    ...fact(
      "Conduits",
      conduits.length
        ? conduits.map((c) => {
            const other = c.zones[0] === z.id ? c.zones[1] : c.zones[0];
            return `${c.id}${c.name ? ` (${c.name})` : ""}, to ${crsZoneName(a, other)}`;
          })
        : ["none declared"],
    ),
  ];
}

function levelRows(z: ZoneResult): LevelRow[] {
  return FOUNDATIONAL.map((fr, i) => {
    const r = z.slRationale?.find((x) => x.fr === i + 1);
    return {
      fr,
      target: z.slTarget[i]!,
      recommended: r?.recommended ?? z.slRecommended?.[i] ?? null,
      reason: r?.reason ?? null,
      disagreement: r?.disagreement ?? null,
    };
  });
}

/** The conduits from a zone to zones outside the SuC or to the networks outside every zone. */
function exposure(a: Assessment, z: ZoneResult, conduits: readonly ConduitResult[]): string[] {
  return conduits.flatMap((c) => {
    const other = c.zones[0] === z.id ? c.zones[1] : c.zones[0];
    if (other === EXTERNAL) return [`${c.id}: from the networks outside every declared zone (untrusted)`];
    const zone = a.zones.find((x) => x.id === other);
    const out = zone ? outsideOf(a, zone) : null;
    return out ? [`${c.id}: from ${crsZoneName(a, other)}, outside the SuC (trust: ${out.trust})`] : [];
  });
}

function conduitTarget(c: ConduitResult): string | null {
  if (c.slTarget === null) return null;
  const target = c.slTarget;
  return CONDUIT_FRS.map((fr) => `${fr} ${target[frIndex(fr)]}`).join(", ");
}

export function crsView(a: Assessment): CrsView {
  const system = a.design?.system ?? null;
  const zones = a.zones.filter((z) => z.inScope);
  return {
    zones: zones.map((z) => {
      const conduits = a.conduits.filter((c) => c.zones.includes(z.id));
      return {
        zone: z,
        facts: zoneFacts(a, z, conduits),
        characteristics: characteristicFacts(z.characteristics, system),
        flows: conduits.flatMap(flowLines),
        conduits,
        levels: levelRows(z),
        rationale: (z.slRationale?.length ?? 0) > 0,
        exposure: exposure(a, z, conduits),
        requirements: requirementsAtTarget(z.slTarget),
      };
    }),
    conduits: a.conduits.map((c) => ({
      conduit: c,
      facts: [
        ...fact("Description", [c.description ?? c.name ?? "not described in plant.yaml"]),
        ...fact("Zones", [`${crsZoneName(a, c.zones[0])} ↔ ${crsZoneName(a, c.zones[1])}`]),
        ...fact("Protections", [c.protections.join(", ") || "none declared"]),
        ...fact("Enforced by", [c.enforcedBy.join(", ") || "no asset declared"]),
      ],
      characteristics: characteristicFacts(c.characteristics, system),
      flows: flowLines(c),
      target: conduitTarget(c),
      requirements: c.slTarget ? requirementsAtTarget(c.slTarget, CONDUIT_FRS) : [],
    })),
    outside: a.zones.flatMap((z) => {
      const trust = outsideOf(a, z);
      return trust ? [{ zone: z, trust }] : [];
    }),
  };
}

/** What the CRS says of a conduit without an SL-T. */
export const CONDUIT_WITHOUT_TARGET =
  "plant.yaml gives this conduit no SL-T: the specification sets no requirement of its own on it. The requirements of the zones it joins apply at its ends.";
