/**
 * The zone-by-zone reachability matrix: for each ordered pair of zones (and the external networks), the services
 * the firewall rule sets let the first reach in the second, the rules that permit them, the conduit that declares
 * the pair, and the flows the captures saw crossing.
 */
import { z } from "zod";
import { OperationCategory } from "./capture.js";
import { FrameEvidence } from "./evidence.js";

export const RuleRef = z.strictObject({
  file: z.string(),
  line: z.number().int().positive(),
  text: z.string(),
});
export type RuleRef = z.infer<typeof RuleRef>;

export const PermittedService = z.strictObject({
  /** `tcp/502`, `udp/47808`, `tcp/1024-65535`, `icmp`, `any`. */
  service: z.string(),
  /** The well-known protocol on that port, when there is one (`modbus`). */
  name: z.string().nullable(),
  sources: z.array(z.string()),
  destinations: z.array(z.string()),
  /** The rules that let it through, one per stage of the path. */
  rules: z.array(RuleRef),
  /** Services of this entry the pair's conduit does not declare (empty when all are declared). */
  beyondConduit: z.array(z.string()),
});
export type PermittedService = z.infer<typeof PermittedService>;

export const CrossingOperation = z.strictObject({
  protocol: z.string(),
  /** The operation as its protocol names it (`write-single-register`, `request-download`). */
  name: z.string(),
  category: OperationCategory,
  count: z.number().int().positive(),
  client: z.string(),
  server: z.string(),
  example: FrameEvidence,
});
export type CrossingOperation = z.infer<typeof CrossingOperation>;

export const ObservedCrossing = z.strictObject({
  transport: z.string(),
  port: z.number().int().nullable(),
  protocol: z.string().nullable(),
  flows: z.number().int().positive(),
  clients: z.array(z.string()),
  servers: z.array(z.string()),
  /** The first flow's first frame. */
  example: FrameEvidence,
  /**
   * Inside a flow the pair's conduit declares: on its service, between its initiators and responders, and with
   * every operation of a category it permits.
   */
  declared: z.boolean(),
  /**
   * Why flows on a service the conduit declares are still outside its declared flows (a host the flows do not name,
   * an operation they do not permit); null when declared, or when no declared flow is on their service.
   */
  reason: z.string().nullable().default(null),
  /** Operations seen on these flows that no declared flow carrying them permits, each at its first request. */
  operations: z.array(CrossingOperation).default([]),
});
export type ObservedCrossing = z.infer<typeof ObservedCrossing>;

export const ZoneMatrixCell = z.strictObject({
  from: z.string(),
  to: z.string(),
  /**
   * `permitted`: a firewall between the zones lets some traffic through; `blocked`: the firewalls between them let
   * nothing through; `ungoverned`: no firewall configuration connects the two zones, so nothing can be said.
   */
  status: z.enum(["permitted", "blocked", "ungoverned"]),
  conduit: z.string().nullable(),
  /** Flows the conduit declares from `from` to `to`: `tcp/443 (https)`. */
  declared: z.array(z.string()),
  firewalls: z.array(z.string()),
  permitted: z.array(PermittedService),
  /** False when a rule on the path has conditions the model does not represent: `permitted` may then be too wide. */
  exact: z.boolean(),
  observed: z.array(ObservedCrossing),
});
export type ZoneMatrixCell = z.infer<typeof ZoneMatrixCell>;

export const InterfaceMapping = z.strictObject({
  file: z.string(),
  interface: z.string(),
  zones: z.array(z.string()),
  reason: z.string(),
});

export const ZoneMatrix = z.strictObject({
  /** Declared zone ids, then `(external)` for every address in no declared zone. */
  zones: z.array(z.string()),
  interfaces: z.array(InterfaceMapping),
  cells: z.array(ZoneMatrixCell),
});
export type ZoneMatrix = z.infer<typeof ZoneMatrix>;
