/**
 * The IEC 62443-3-2 framing of the plant (plant.yaml): the system under consideration (ZCR 1), the threat
 * environment its risk is rated against (ZCR 5), the documented characteristics of each zone and conduit (ZCR 6),
 * and who approved the design (ZCR 7). Every part is optional; the report says what is missing.
 */
import { z } from "zod";
import { Id, IsoDate } from "./ids.js";

/** How far a zone outside the system under consideration is trusted: `untrusted` unless plant.yaml says more. */
export const ExternalTrust = z.enum(["untrusted", "partially-trusted", "trusted"]);
export type ExternalTrust = z.infer<typeof ExternalTrust>;

export const ACCESS_POINT_KINDS = [
  "network",
  "remote-access",
  "cellular",
  "wireless",
  "removable-media",
  "physical",
  "other",
] as const;

/** A way into the system under consideration: a conduit's firewall, a VPN, a cellular router, a USB station. */
export const AccessPoint = z.strictObject({
  id: Id,
  kind: z.enum(ACCESS_POINT_KINDS),
  /** The conduit it belongs to, when it is a network entry. */
  conduit: Id.optional(),
  /** The asset that is the entry: a firewall, a jump host, a router. */
  asset: Id.optional(),
  description: z.string().optional(),
});
export type AccessPoint = z.infer<typeof AccessPoint>;

/** A zone of plant.yaml outside the system under consideration, with how far it is trusted and why. */
export const ExternalZone = z.strictObject({
  zone: Id,
  trust: ExternalTrust,
  reason: z.string().optional(),
});
export type ExternalZone = z.infer<typeof ExternalZone>;

/**
 * The system under consideration (ZCR 1): the zones assessed against IEC 62443-3-3, its boundary and its access
 * points. A zone of plant.yaml it does not list is outside: a source of threat, never assessed itself. Absent:
 * every zone is in scope, and the report says the SuC was not stated.
 */
export const SystemUnderConsideration = z.strictObject({
  name: z.string().min(1),
  description: z.string().optional(),
  zones: z.array(Id).min(1),
  /** The boundary in words: the cabinets, rooms and network edges where the SuC ends. */
  boundary: z.string().optional(),
  accessPoints: z.array(AccessPoint).default([]),
  /** Trust in the zones outside it; a zone not listed is untrusted. */
  external: z.array(ExternalZone).default([]),
});
export type SystemUnderConsideration = z.infer<typeof SystemUnderConsideration>;

/**
 * A threat agent the site's risk is rated against, with its capability on the scale of the security levels: 1 a
 * casual or accidental violation, 2 simple means with few resources, 3 sophisticated means with moderate resources
 * and OT skills, 4 sophisticated means with extended resources.
 */
export const ThreatAgent = z.strictObject({
  id: Id,
  name: z.string().min(1),
  capability: z.number().int().min(1).max(4),
  motivation: z.string().optional(),
  description: z.string().optional(),
});
export type ThreatAgent = z.infer<typeof ThreatAgent>;

/** The threat environment (ZCR 5.1): the agents the site faces. Absent agents: the defaults of the risk library. */
export const ThreatEnvironment = z.strictObject({
  agents: z.array(ThreatAgent).min(1).optional(),
  description: z.string().optional(),
});
export type ThreatEnvironment = z.infer<typeof ThreatEnvironment>;

/** Kinds of connection other than a permanent wired one (ZCR 3.4-3.6 want them in zones of their own). */
export const ConnectionKind = z.enum(["temporary", "wireless", "external-network"]);
export type ConnectionKind = z.infer<typeof ConnectionKind>;

/**
 * What ZCR 6 asks to document of a zone or conduit beyond what plant.yaml already holds (its assets, conduits,
 * flows, SL-T): boundaries, access points, safety designation, policies, assumptions, dependencies, threats and
 * regulation. Each shows in the report and the cybersecurity requirements specification.
 */
export const Characteristics = z.strictObject({
  /** The accountable organisation, when it is not the zone's owner. */
  accountable: z.string().optional(),
  logicalBoundary: z.string().optional(),
  physicalBoundary: z.string().optional(),
  /** Access points (ids of the SuC's, or a description) through which it is entered. */
  accessPoints: z.array(z.string().min(1)).default([]),
  /** Whether it holds safety functions (a safety instrumented system) or supports them. */
  safetyDesignation: z.enum(["none", "safety-related", "safety-instrumented"]).optional(),
  /** A zone made for temporarily connected, wireless or externally connected devices (ZCR 3.4-3.6). */
  dedicatedTo: z.array(ConnectionKind).default([]),
  policies: z.array(z.string().min(1)).default([]),
  assumptions: z.array(z.string().min(1)).default([]),
  externalDependencies: z.array(z.string().min(1)).default([]),
  /** What is particular about its threats, beyond the site's threat environment. */
  threats: z.string().optional(),
  regulatory: z.array(z.string().min(1)).default([]),
});
export type Characteristics = z.infer<typeof Characteristics>;

export const APPROVAL_SUBJECTS = [
  "system-under-consideration",
  "partitioning",
  "risk-criteria",
  "security-level-targets",
] as const;
export type ApprovalSubject = (typeof APPROVAL_SUBJECTS)[number];

/** Who approved a part of the design, and when (ZCR 7): the asset owner signs off what the assessment rests on. */
export const Approval = z.strictObject({
  subject: z.enum(APPROVAL_SUBJECTS),
  by: z.string().min(1),
  role: z.string().optional(),
  date: IsoDate,
  /** A document or minute that records it. */
  reference: z.string().optional(),
});
export type Approval = z.infer<typeof Approval>;
