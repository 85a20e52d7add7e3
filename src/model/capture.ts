import { z } from "zod";
import { FrameEvidence } from "./evidence.js";
import { AssetRole } from "./plant.js";
import { ProblemCode } from "./problem.js";

/** What an ICS operation does, whatever the protocol: the analyses reason over this, not over codes. */
export const OPERATION_CATEGORIES = [
  "read",
  "write",
  "control",
  "program",
  "diagnostic",
  "identify",
  "session",
] as const;
export const OperationCategory = z.enum(OPERATION_CATEGORIES);
export type OperationCategory = z.infer<typeof OperationCategory>;

export const CaptureFormat = z.enum(["pcap", "pcapng"]);

/**
 * A defect of a capture file, typed where the reader meets it: `capture-damaged` for cut or malformed records,
 * `not-modelled` for frames of a link type otaudit does not decode.
 */
export const CaptureWarning = z.strictObject({
  code: ProblemCode,
  message: z.string(),
  /**
   * The frame to look at: the first frame of an undecoded link type; for damaged bytes, the last good frame
   * before them (0 when they come before the first). Null when the warning is about no one place.
   */
  frame: z.number().int().nonnegative().nullable(),
  /** Byte offset in the (decompressed) file where the damaged bytes start; null when not known. */
  offset: z.number().int().nonnegative().nullable(),
});
export type CaptureWarning = z.infer<typeof CaptureWarning>;

export const CaptureFileStats = z.strictObject({
  path: z.string(),
  format: CaptureFormat,
  /** Link-layer type names as libpcap names them: `EN10MB`, `LINUX_SLL`, `NULL`, ... */
  linkTypes: z.array(z.string()),
  packets: z.number().int().nonnegative(),
  warnings: z.array(CaptureWarning),
  /**
   * Capture times (ISO 8601) of the earliest and the latest packet: when the file's traffic was seen. Null for a
   * file without packets, and in reports written before they were recorded.
   */
  firstPacket: z.string().nullable().default(null),
  lastPacket: z.string().nullable().default(null),
});
export type CaptureFileStats = z.infer<typeof CaptureFileStats>;

export const CaptureStats = z.strictObject({
  packets: z.number().int().nonnegative(),
  bytes: z.number().int().nonnegative(),
  files: z.array(CaptureFileStats),
});

/** Device identity read from protocol fields (Modbus 43/14, CIP List Identity, S7 SZL, BACnet I-Am, DCP, LLDP, ...). */
export const IdentityFacts = z.strictObject({
  vendor: z.string().optional(),
  product: z.string().optional(),
  model: z.string().optional(),
  firmware: z.string().optional(),
  serial: z.string().optional(),
  orderNumber: z.string().optional(),
  deviceType: z.string().optional(),
  name: z.string().optional(),
  os: z.string().optional(),
  /** A service's own banner (FTP greeting, SSH software, HTTP Server header): what runs there, not the device. */
  software: z.string().optional(),
});
export type IdentityFacts = z.infer<typeof IdentityFacts>;

export const ObservedIdentity = IdentityFacts.extend({
  /** Which protocol fields and frames said so. */
  sources: z.array(FrameEvidence.extend({ protocol: z.string() })),
});

export const RoleGuess = z.strictObject({
  role: AssetRole,
  confidence: z.number().min(0).max(1),
  evidence: z.array(FrameEvidence),
});
export type RoleGuess = z.infer<typeof RoleGuess>;

export const ObservedService = z.strictObject({
  protocol: z.string(),
  transport: z.enum(["tcp", "udp", "ether"]),
  port: z.number().int().min(0).max(65535),
});

export const ObservedAsset = z.strictObject({
  /**
   * `mac:<mac>@vlan<id>` for hosts seen at layer 2 on a tagged segment, `mac:<mac>` untagged, `ip:<address>` for
   * hosts seen only at layer 3 (raw IP and loopback links, hosts behind a router).
   */
  id: z.string(),
  macs: z.array(z.string()),
  ips: z.array(z.string()),
  vlans: z.array(z.number().int()),
  vendor: z.string().nullable(),
  hostnames: z.array(z.string()),
  identity: ObservedIdentity,
  roles: z.array(RoleGuess),
  services: z.array(ObservedService),
});
export type ObservedAsset = z.infer<typeof ObservedAsset>;

/** The two ends of a flow as data, so no analysis has to read them back out of a label. */
export const FlowEnds = z.strictObject({
  transport: z.enum(["tcp", "udp", "icmp", "icmpv6", "ether"]),
  client: z.string(),
  clientPort: z.number().int().nullable(),
  server: z.string(),
  serverPort: z.number().int().nullable(),
});
export type FlowEnds = z.infer<typeof FlowEnds>;

/** `client:port -> server:port/transport` (IPv6 addresses in brackets), or null for layer-2 flows. */
export function flowText(e: FlowEnds): string | null {
  if (e.transport === "ether") return null;
  const addr = (s: string) => (s.includes(":") ? `[${s}]` : s);
  if (e.clientPort !== null && e.serverPort !== null)
    return `${addr(e.client)}:${e.clientPort} -> ${addr(e.server)}:${e.serverPort}/${e.transport}`;
  return `${e.client} -> ${e.server}/${e.transport}`;
}

export const ObservedFlow = z.strictObject({
  ...FlowEnds.shape,
  vlan: z.number().int().nullable(),
  /** The dissector whose probe matched the content; null when none did (a port alone names no protocol). */
  protocol: z.string().nullable(),
  packets: z.number().int(),
  bytes: z.number().int(),
  firstSeen: z.string(),
  lastSeen: z.string(),
  /** Capture file the flow was first seen in; frames number from 1 per file, as Wireshark does. */
  file: z.string(),
  firstFrame: z.number().int().positive(),
});
export type ObservedFlow = z.infer<typeof ObservedFlow>;

export const ObservedOperation = z.strictObject({
  protocol: z.string(),
  client: z.string(),
  server: z.string(),
  /** The protocol's own number: Modbus function code, DNP3 application function, CIP service, IEC 104 type id, ... */
  code: z.number().int(),
  name: z.string(),
  category: OperationCategory,
  count: z.number().int().positive(),
  exceptions: z.number().int().nonnegative(),
  /** First request: file and frame. Counts merge across files (rotated captures), so the last may be elsewhere. */
  file: z.string(),
  firstFrame: z.number().int().positive(),
  lastFile: z.string(),
  lastFrame: z.number().int().positive(),
});
export type ObservedOperation = z.infer<typeof ObservedOperation>;

export const OBSERVATION_KINDS = [
  "cleartext-credentials",
  "default-credentials",
  "snmp-community",
  "insecure-channel",
  "program-download",
  "program-upload",
  "controller-stop",
  "controller-start",
  "controller-restart",
  "firmware-update",
  "remote-access",
  "internet-access",
  "unauthenticated-control",
  "secure-authentication",
  "other",
] as const;
export const ObservationKind = z.enum(OBSERVATION_KINDS);
export type ObservationKind = z.infer<typeof ObservationKind>;

export const Observation = z.strictObject({
  kind: ObservationKind,
  /** The asset id (see ObservedAsset.id) the observation is about. */
  asset: z.string(),
  /** `client:port -> server:port/transport` for people to read, or null for layer-2 observations. */
  flow: z.string().nullable(),
  /** The same flow's ends; null for layer-2 observations (and in runs stored before it was recorded). */
  ends: FlowEnds.nullable().default(null),
  protocol: z.string(),
  detail: z.string(),
  file: z.string(),
  frame: z.number().int().positive(),
  /** Capture time of the packet that completed the PDU (ISO 8601), for "who did what when". */
  time: z.string().optional(),
});
export type Observation = z.infer<typeof Observation>;

export const Anomaly = z.strictObject({
  file: z.string(),
  frame: z.number().int().nonnegative(),
  protocol: z.string(),
  code: z.string(),
  message: z.string(),
});
export type Anomaly = z.infer<typeof Anomaly>;

/** The contract of `otaudit capture --json`. */
export const CaptureReport = z.strictObject({
  stats: CaptureStats,
  assets: z.array(ObservedAsset),
  flows: z.array(ObservedFlow),
  operations: z.array(ObservedOperation),
  observations: z.array(Observation),
  anomalies: z.array(Anomaly),
});
export type CaptureReport = z.infer<typeof CaptureReport>;
