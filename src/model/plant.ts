import ipaddr from "ipaddr.js";
import { z } from "zod";
import type { OperationCategory } from "./capture.js";
import { Engagement } from "./engagement.js";
import { Id, IsoDate } from "./ids.js";
import { Consequences, RiskMatrix, RiskOverride } from "./risk.js";
import { SlCapability, SlTargetInput } from "./security-level.js";
import {
  Approval,
  Characteristics,
  ConnectionKind,
  SystemUnderConsideration,
  ThreatEnvironment,
} from "./system-design.js";

export { Id, IsoDate };

/**
 * The pseudo-zone of every address in no declared zone: the internet, partners, networks nobody declared. Not a
 * valid zone id, so it never clashes with one. A conduit may join a zone to it (plant.yaml writes `external`): that
 * declares deliberate external exposure, such as a vendor's port forward or the remote-access VPN.
 */
export const EXTERNAL = "(external)";
/** How plant.yaml names EXTERNAL at a conduit's end. */
export const EXTERNAL_IN_PLANT = "external";

/** A conduit's end as plant.yaml writes it, read: `external` is EXTERNAL, a zone id is itself. */
export function conduitEndOf(written: string): string {
  return written === EXTERNAL_IN_PLANT ? EXTERNAL : written;
}

/** A conduit's end: a zone id, or `external` (read as EXTERNAL) for the networks outside the declared zones. */
export const ConduitEnd = z.union([z.literal(EXTERNAL), Id.overwrite(conduitEndOf)]);

export const Cidr = z
  .string()
  .refine((s) => ipaddr.isValidCIDR(s), { error: "expected a subnet in CIDR notation" });
export const IpAddress = z.union([z.ipv4(), z.ipv6()]);
export const MacAddress = z.mac();

export const Criticality = z.enum(["low", "medium", "high", "critical"]);
export type Criticality = z.infer<typeof Criticality>;

/** Purdue level 0-5, with 3.5 for the industrial DMZ. */
export const PurdueLevel = z.literal([0, 1, 2, 3, 3.5, 4, 5], {
  error: "expected a Purdue level 0-5, or 3.5 for a DMZ",
});
export type PurdueLevel = z.infer<typeof PurdueLevel>;

export const Site = z.strictObject({
  name: z.string().min(1),
  operator: z.string().optional(),
  location: z.string().optional(),
  sector: z
    .enum(["water", "energy", "manufacturing", "oil-and-gas", "chemical", "building", "transport", "other"])
    .optional(),
  description: z.string().optional(),
});

export const Zone = z.strictObject({
  id: Id,
  name: z.string().min(1),
  purdueLevel: PurdueLevel,
  subnets: z.array(Cidr).default([]),
  vlans: z.array(z.number().int().min(1).max(4094)).default([]),
  criticality: Criticality,
  slTarget: SlTargetInput,
  owner: z.string().optional(),
  description: z.string().optional(),
  /** Consequence ratings 1-5 for the risk assessment; without them the zone's criticality stands in. */
  consequences: Consequences.optional(),
  /** What IEC 62443-3-2 ZCR 6 asks to document of it. */
  characteristics: Characteristics.optional(),
});
export type Zone = z.infer<typeof Zone>;

export const Transport = z.enum(["tcp", "udp", "icmp", "any"]);

export const PortSpec = z.union([
  z.number().int().min(0).max(65535),
  z.string().regex(/^\d{1,5}-\d{1,5}$/, "expected a port or a range like 1024-2048"),
]);

/**
 * What an ICS operation does, as the capture model names it (`OperationCategory` in capture.ts, which imports this
 * file, so the list is restated here): the record type makes the compiler check that both say the same.
 */
const FLOW_OPERATIONS = {
  read: true,
  write: true,
  control: true,
  program: true,
  diagnostic: true,
  identify: true,
  session: true,
} satisfies Record<OperationCategory, true>;
export const FlowOperation = z.enum(
  Object.keys(FLOW_OPERATIONS) as [OperationCategory, ...OperationCategory[]],
);

export const DeclaredFlow = z.strictObject({
  protocol: z.string().min(1),
  transport: Transport.default("tcp"),
  ports: z.array(PortSpec).default([]),
  /** Which zone of the conduit starts the connection. */
  from: ConduitEnd,
  to: ConduitEnd,
  /**
   * Who may open the connection: asset ids, or asset roles (`scada-server`, `ews`) standing for every declared
   * asset of that role. Absent: any host of the `from` zone.
   */
  initiators: z.array(Id).min(1).optional(),
  /** Who may accept it: asset ids or roles of the `to` zone. Absent: any host of the `to` zone. */
  responders: z.array(Id).min(1).optional(),
  /**
   * The operation categories the flow may carry (read, write, control, program, diagnostic, identify, session, as
   * the capture names them). Every operation seen on the flow must be of a listed category, the protocol's own
   * session set-up and identification included. Absent: any operation the protocol has.
   */
  operations: z.array(FlowOperation).min(1).optional(),
  description: z.string().optional(),
});
export type DeclaredFlow = z.infer<typeof DeclaredFlow>;

export const ProtectionMechanism = z.enum([
  "firewall",
  "data-diode",
  "vpn",
  "jump-host",
  "unidirectional-gateway",
  "application-proxy",
  "ids",
  "none",
]);

export const Conduit = z.strictObject({
  id: Id,
  name: z.string().optional(),
  /** The two zones it joins; `external` for deliberate exposure to the networks outside every declared zone. */
  zones: z.tuple([ConduitEnd, ConduitEnd]),
  flows: z.array(DeclaredFlow).default([]),
  protections: z.array(ProtectionMechanism).default([]),
  /** Firewall asset ids that enforce this conduit. */
  enforcedBy: z.array(Id).default([]),
  slTarget: SlTargetInput.optional(),
  description: z.string().optional(),
  /** What IEC 62443-3-2 ZCR 6 asks to document of it. */
  characteristics: Characteristics.optional(),
});
export type Conduit = z.infer<typeof Conduit>;

export const ASSET_ROLES = [
  "plc",
  "rtu",
  "ied",
  "safety-controller",
  "hmi",
  "ews",
  "scada-server",
  "historian",
  "opc-server",
  "network-device",
  "firewall",
  "jump-host",
  "it-workstation",
  "it-server",
  "iot",
  "unknown",
] as const;
export const AssetRole = z.enum(ASSET_ROLES);
export type AssetRole = z.infer<typeof AssetRole>;

/** One network interface of a firewall, router or other multi-homed asset. */
export const AssetInterface = z.strictObject({
  /** As the device names it: `port3`, `GigabitEthernet0/1`, `CTL-V30`. */
  name: z.string().min(1).optional(),
  ip: IpAddress,
  mac: MacAddress.optional(),
  /** The zone it faces; checked against the zone's subnets. */
  zone: Id.optional(),
  description: z.string().optional(),
});
export type AssetInterface = z.infer<typeof AssetInterface>;

/** Who stands behind a component's SL-C: a certification scheme, or the supplier's own declaration. */
export const CAPABILITY_SCHEMES = [
  "isasecure-csa",
  "isasecure-edsa",
  "iecee",
  "supplier-declaration",
  "other",
] as const;
export const CapabilityScheme = z.enum(CAPABILITY_SCHEMES);
export type CapabilityScheme = z.infer<typeof CapabilityScheme>;

/**
 * A component's capability security level (SL-C, IEC 62443-4-2) and the certificate or declaration that states it.
 * Without one the component's SL-C is unknown, and it caps nothing.
 */
export const ComponentCapability = z.strictObject({
  scheme: CapabilityScheme,
  /** The certificate's or declaration's number, as issued. */
  number: z.string().trim().min(1, { error: "name the certificate's or declaration's number" }),
  issued: IsoDate,
  /** FR1..FR7, 0-4 each. */
  slC: SlCapability,
  /** What it covers: the product version or firmware, the scope of the certificate. */
  description: z.string().optional(),
});
export type ComponentCapability = z.infer<typeof ComponentCapability>;

/** An asset as the plant declares it (plant.yaml, an asset register). */
export const AssetDeclaration = z
  .strictObject({
    id: Id,
    name: z.string().min(1),
    ips: z.array(IpAddress).default([]),
    macs: z.array(MacAddress).default([]),
    hostnames: z.array(z.string()).default([]),
    vendor: z.string().optional(),
    product: z.string().optional(),
    model: z.string().optional(),
    firmware: z.string().optional(),
    serial: z.string().optional(),
    role: AssetRole.default("unknown"),
    zone: Id.optional(),
    criticality: Criticality.optional(),
    description: z.string().optional(),
    /**
     * A firewall's or router's interfaces, one per network it attaches to: their addresses are the asset's own (never
     * undeclared hosts), whichever zone they sit in. `zone` stays the asset's home zone.
     */
    interfaces: z.array(AssetInterface).default([]),
    /** How it attaches when not permanently by wire: a service laptop, a wireless tablet, a cellular router. */
    connection: z.array(ConnectionKind).default([]),
    /** Its SL-C and who states it; absent: unknown, and then it caps no level of its zone. */
    capability: ComponentCapability.optional(),
  })
  // Every address of the asset, its interfaces' included, is where analyses look it up.
  .overwrite((a) => ({
    ...a,
    ips: [...new Set([...a.ips, ...a.interfaces.map((i) => i.ip)])],
    macs: [...new Set([...a.macs, ...a.interfaces.flatMap((i) => (i.mac ? [i.mac] : []))])],
  }));
export type AssetDeclaration = z.infer<typeof AssetDeclaration>;

export const Account = z.strictObject({
  system: Id,
  user: z.string().min(1),
  kind: z.enum(["human", "service", "shared", "default"]),
  privileged: z.boolean().default(false),
  mfa: z.boolean().default(false),
  enabled: z.boolean().default(true),
  lastLogon: IsoDate.optional(),
  owner: z.string().optional(),
  remoteUse: z.boolean().default(false),
});
export type Account = z.infer<typeof Account>;

export const Backup = z.strictObject({
  system: Id,
  lastBackup: IsoDate.optional(),
  lastRestoreTest: IsoDate.optional(),
  offlineCopy: z.boolean().default(false),
  location: z.string().optional(),
  sha256: z
    .string()
    .regex(/^[0-9a-f]{64}$/)
    .optional(),
});
export type Backup = z.infer<typeof Backup>;

export const Vendor = z.strictObject({
  id: Id,
  name: z.string().min(1),
  contact: z.string().optional(),
  supports: z.array(Id).default([]),
});
export type Vendor = z.infer<typeof Vendor>;

export const RemoteAccessMethod = z.enum([
  "vpn",
  "teamviewer",
  "anydesk",
  "rdp",
  "vnc",
  "ssh",
  "modem",
  "cloud-portal",
  "other",
]);

export const RemoteAccess = z.strictObject({
  id: Id,
  vendor: Id.optional(),
  method: RemoteAccessMethod,
  /** The jump host asset id the sessions go through, if any. */
  via: Id.optional(),
  targets: z.array(Id).default([]),
  mfa: z.boolean().default(false),
  sessionApproval: z.boolean().default(false),
  sessionRecording: z.boolean().default(false),
  monitored: z.boolean().default(false),
  description: z.string().optional(),
});
export type RemoteAccess = z.infer<typeof RemoteAccess>;

export const ProgramFacts = z.strictObject({
  incidentResponsePlan: IsoDate.optional(),
  lastTabletopExercise: IsoDate.optional(),
  patchProcess: z.enum(["none", "ad-hoc", "documented", "managed"]).optional(),
  changeRecords: z.boolean().optional(),
  documentationReview: IsoDate.optional(),
  securityMonitoring: z.enum(["none", "logs-only", "ids", "soc"]).optional(),
  /** OT incident playbooks by name: ransomware on an HMI, loss of view, unauthorised controller change, ... */
  playbooks: z.array(z.string().min(1)).optional(),
  /** Whom to call in an incident: the site's incident lead, OT engineering, vendors, the national CERT. */
  incidentContacts: z
    .array(
      z.strictObject({
        role: z.string().min(1),
        name: z.string().min(1),
        phone: z.string().optional(),
        email: z.string().optional(),
      }),
    )
    .optional(),
});
export type ProgramFacts = z.infer<typeof ProgramFacts>;

/** Where a capture was taken: a switch's mirror port, a network tap, or on a host itself (its own traffic only). */
export const CaptureMethod = z.enum(["span", "tap", "host"]);
export type CaptureMethod = z.infer<typeof CaptureMethod>;

/**
 * What one capture (or a set of rotated ones) saw: the zones whose traffic its capture point carries, inside them
 * and across their boundaries, or only the conduits it was taken on (a tap on a firewall link sees what crosses
 * the conduit, not what stays inside either zone).
 */
export const CaptureCoverage = z
  .strictObject({
    /**
     * The capture's name or a glob (`*` within a name, `**` across folders, `?`), relative to the plant folder
     * (`captures/control-*.pcap`) or to its captures/ folder (`control-*.pcap`).
     */
    file: z.string().min(1),
    method: CaptureMethod,
    zones: z.array(Id).default([]),
    conduits: z.array(Id).default([]),
    /** The capture window as planned, for the record; the packets' own times are what ages are measured on. */
    from: IsoDate.optional(),
    to: IsoDate.optional(),
    /** Where the capture point was: `SPAN of the core switch's VLANs 20 and 30`. */
    description: z.string().optional(),
  })
  .refine((c) => c.zones.length + c.conduits.length > 0, {
    error: "name the zones or conduits the capture saw",
    path: ["zones"],
  })
  .refine((c) => !c.from || !c.to || Date.parse(c.from) <= Date.parse(c.to), {
    error: "the capture window ends before it starts",
    path: ["to"],
  });
export type CaptureCoverage = z.infer<typeof CaptureCoverage>;

/** Evidence older than this many days at the assessment date is old, when plant.yaml sets no `evidence.maxAgeDays`. */
export const DEFAULT_EVIDENCE_MAX_AGE_DAYS = 180;

/** How the plant folder's evidence was gathered, and how old it may be. */
export const EvidenceSettings = z.strictObject({
  /**
   * Evidence taken longer than this before the assessment date (`assess --as-of`, else the day of the run) is
   * old: each such input is warned of, and the verdicts resting only on old inputs say so. 180 when absent.
   */
  maxAgeDays: z.number().int().positive().optional(),
  /**
   * Which zones and conduits each capture saw. A zone or conduit no capture saw is not observed: the wire bears on
   * its requirements neither way. Absent: every capture is taken to see every zone, and the report says so.
   */
  captures: z.array(CaptureCoverage).optional(),
});
export type EvidenceSettings = z.infer<typeof EvidenceSettings>;

/** plant.yaml: what the plant is meant to be. */
export const PlantFile = z.strictObject({
  $schema: z.string().optional(),
  site: Site,
  /** The system under consideration; absent, every zone is assessed. */
  system: SystemUnderConsideration.optional(),
  /** The threat agents the risk is rated against; the risk library's defaults when absent. */
  threats: ThreatEnvironment.default({}),
  /** Who approved the SuC, the partitioning, the risk criteria and the SL-T, and when. */
  approvals: z.array(Approval).default([]),
  zones: z.array(Zone).default([]),
  conduits: z.array(Conduit).default([]),
  assets: z.array(AssetDeclaration).default([]),
  accounts: z.array(Account).default([]),
  backups: z.array(Backup).default([]),
  vendors: z.array(Vendor).default([]),
  remoteAccess: z.array(RemoteAccess).default([]),
  program: ProgramFacts.default({}),
  /** The risk matrix of the risk assessment; the 5x5 default when absent. */
  riskMatrix: RiskMatrix.optional(),
  riskOverrides: z.array(RiskOverride).default([]),
  evidence: EvidenceSettings.default({}),
  /** Who assessed the plant for whom, when and how: the report's cover and front matter. */
  engagement: Engagement.optional(),
});
export type PlantFile = z.infer<typeof PlantFile>;

/** The sections of plant.yaml whose records analyses point back to. */
export type PlantSection =
  | "zones"
  | "conduits"
  | "assets"
  | "accounts"
  | "backups"
  | "vendors"
  | "remoteAccess"
  | "riskOverrides"
  | "approvals";

/** A validated plant.yaml with the line each record starts on, for evidence pointers. */
export const Plant = z.strictObject({
  /** The file as the user named it, e.g. `examples/water-treatment/plant.yaml`. */
  file: z.string(),
  spec: PlantFile,
  /** `zones.2` -> 31: the line where that record starts. */
  lines: z.record(z.string(), z.number().int()),
});
export type Plant = z.infer<typeof Plant>;

export function lineOf(plant: Plant, section: PlantSection, index: number): number {
  return plant.lines[`${section}.${index}`] ?? 1;
}
