/**
 * Whether what the captures saw is what a conduit declares: the one place that holds an observed connection, and the
 * operations it carried, against the conduit's declared flows. A declared flow carries a connection when it runs
 * between the same zones in the same direction, on its service (transport and ports, or the protocol's well-known
 * ports), opened by one of its initiators and accepted by one of its responders (when it names them); the
 * connection stays inside the design when every operation seen on it is of a category a carrying flow permits (when
 * it names them). The zone matrix (and so SEG-004 and the risk register), ARCH-004 and the cross-zone write bearings
 * of the gap assessment all ask here.
 */
import type {
  CaptureReport,
  ObservedFlow,
  ObservedOperation,
  OperationCategory,
} from "../../model/capture.js";
import type { AssetDeclaration, Conduit, DeclaredFlow, Plant } from "../../model/plant.js";
import { expandSl, FOUNDATIONAL_REQUIREMENTS, type SlVector } from "../../model/security-level.js";
import { frIndex, systemRequirement } from "../../standard/requirements.js";
import { type SvcBox, svcSubtract } from "../firewall/cubes.js";
import { flowCube } from "../firewall/flow-cube.js";
import {
  CLEARTEXT_ADMIN_SERVICES,
  ICS_SERVICES,
  type KnownService,
  REMOTE_ACCESS_SERVICES,
  transportNumber,
} from "../firewall/service-catalog.js";
import type { PlantZones } from "./plant-zones.js";

/** The services a declared flow without ports stands for, and the names the matrix gives to observed ports. */
export const SERVICE_CATALOGUE: readonly KnownService[] = [
  ...ICS_SERVICES,
  ...REMOTE_ACCESS_SERVICES,
  ...CLEARTEXT_ADMIN_SERVICES,
  { name: "https", protocols: ["https", "tls"], transport: "tcp", ports: [443, 443] },
  { name: "dns", protocols: ["dns"], transport: "udp", ports: [53, 53] },
  { name: "dns", protocols: ["dns"], transport: "tcp", ports: [53, 53] },
  { name: "ntp", protocols: ["ntp"], transport: "udp", ports: [123, 123] },
  { name: "syslog", protocols: ["syslog"], transport: "udp", ports: [514, 514] },
  { name: "smb", protocols: ["smb", "smb2"], transport: "tcp", ports: [445, 445] },
  { name: "wsus", protocols: ["wsus"], transport: "tcp", ports: [8530, 8531] },
];

export function conduitBetween(plant: Plant, a: string, b: string): Conduit | undefined {
  return plant.spec.conduits.find(
    (c) => (c.zones[0] === a && c.zones[1] === b) || (c.zones[0] === b && c.zones[1] === a),
  );
}

/**
 * The SL-T a conduit is held to, per FR: its own when plant.yaml gives one, and never below either zone it joins
 * (the traffic it carries enters both).
 */
export function conduitTarget(plant: Plant, conduit: Conduit): SlVector {
  const vectors = [
    ...(conduit.slTarget === undefined ? [] : [expandSl(conduit.slTarget)]),
    ...plant.spec.zones.filter((z) => conduit.zones.includes(z.id)).map((z) => expandSl(z.slTarget)),
  ];
  return FOUNDATIONAL_REQUIREMENTS.map((_, i) => Math.max(0, ...vectors.map((v) => v[i]!))) as SlVector;
}

/**
 * Of `requirements`, those an SL-T asks for: required at or below its level in their FR, as 3-3 maps them. A
 * declared flow is the design; it bears only on the enhancements its conduit's SL-T asks for.
 */
export function askedFor(requirements: readonly string[], target: SlVector): string[] {
  return requirements.filter((id) => {
    const r = systemRequirement(id);
    return r !== undefined && r.minSL <= target[frIndex(r.fr)]!;
  });
}

/**
 * What a path from enterprise or external networks that a conduit declares (a deliberate exposure) still shows
 * unmet: access from untrusted networks that no declared protection controls (SR 1.13), and independence from
 * non-control networks where the conduit's SL-T asks for it (SR 5.1 RE 2, from SL 3). Whether the design is
 * adequate otherwise is the conduit's verdict, not the finding's.
 */
export function designedExposure(plant: Plant, conduit: Conduit): string[] {
  const uncontrolled = conduit.protections.every((p) => p === "none");
  return [...(uncontrolled ? ["SR 1.13"] : []), ...askedFor(["SR 5.1 RE 2"], conduitTarget(plant, conduit))];
}

/** The service boxes (protocol, source ports, destination ports) one declared flow stands for. */
export function flowBoxes(f: DeclaredFlow): SvcBox[] {
  const protos: [number, number] =
    f.transport === "any"
      ? [0, 255]
      : f.transport === "icmp"
        ? [1, 1]
        : [transportNumber(f.transport), transportNumber(f.transport)];
  let ports: [number, number][] = f.ports.map((p) => {
    if (typeof p === "number") return [p, p];
    const [a, b] = p.split("-").map(Number);
    return [a!, b!];
  });
  if (ports.length === 0) {
    const known = SERVICE_CATALOGUE.filter((s) => s.protocols.includes(f.protocol) || s.name === f.protocol);
    ports = known.length ? known.map((s) => s.ports) : [[0, 65535]];
  }
  return ports.map(([lo, hi]) => [
    protos[0],
    protos[1],
    0,
    65535,
    f.transport === "icmp" ? 0 : lo,
    f.transport === "icmp" ? 65535 : hi,
  ]);
}

/** `tcp/502 (modbus)`: a declared flow's service as the matrix and the findings show it. */
export function flowLabel(f: DeclaredFlow): string {
  return `${f.transport}/${f.ports.length ? f.ports.join(",") : "any"} (${f.protocol})`;
}

/** The flows a conduit declares from zone `from` to zone `to`. */
export function flowsFromTo(conduit: Conduit | undefined, from: string, to: string): DeclaredFlow[] {
  return (conduit?.flows ?? []).filter((f) => f.from === from && f.to === to);
}

/** Does a list of initiators or responders name this declared asset, by id or by role? No list names anyone. */
export function names(parties: readonly string[] | undefined, asset: AssetDeclaration | undefined): boolean {
  if (parties === undefined) return true;
  return asset !== undefined && (parties.includes(asset.id) || parties.includes(asset.role));
}

/** An observed connection as the matcher sees it: its service, the zones of its ends and who is at them. */
export interface Connection {
  flow: Pick<ObservedFlow, "transport" | "client" | "clientPort" | "server" | "serverPort">;
  from: string;
  to: string;
  /** The assets plant.yaml declares at the two ends; undefined for an undeclared host. */
  clientAsset: AssetDeclaration | undefined;
  serverAsset: AssetDeclaration | undefined;
}

export interface Judgement {
  /** The conduit joining the two zones, if any. */
  conduit: Conduit | undefined;
  /** The declared flows whose direction and service the connection matches, whoever opened it. */
  onService: DeclaredFlow[];
  /** Of those, the ones whose initiators and responders name its ends: the flows that carry it. */
  carriedBy: DeclaredFlow[];
  /** The operations seen on it that no carrying flow permits (all of them when none carries it). */
  outside: ObservedOperation[];
  /** Carried by a declared flow, with every operation permitted: the design. */
  declared: boolean;
  /**
   * What puts it outside the design: no conduit joins the zones, the conduit declares no flow on its service, the
   * flows on its service do not name its ends, or it carries operations they do not permit. Null when declared.
   */
  outsideBy: "conduit" | "service" | "parties" | "operations" | null;
  /** The same in words, naming the host or the operations, for the assessor; null when declared. */
  reason: string | null;
}

/** Is `c` one of the flows the design declares, and do its operations stay within what those flows permit? */
export function judgeConnection(
  plant: Plant,
  c: Connection,
  operations: readonly ObservedOperation[],
): Judgement {
  const conduit = conduitBetween(plant, c.from, c.to);
  // flowCube reads only the ends and the service of the flow.
  const cube = c.flow.transport === "ether" ? null : flowCube(c.flow as ObservedFlow);
  const onService = flowsFromTo(conduit, c.from, c.to).filter(
    (f) => cube !== null && svcSubtract(cube.svc, flowBoxes(f)).length === 0,
  );
  const carriedBy = onService.filter(
    (f) => names(f.initiators, c.clientAsset) && names(f.responders, c.serverAsset),
  );
  const outside = operations.filter((op) => !permits(carriedBy, op.category));
  const declared = carriedBy.length > 0 && outside.length === 0;
  const outsideBy = declared
    ? null
    : !conduit
      ? "conduit"
      : onService.length === 0
        ? "service"
        : carriedBy.length === 0
          ? "parties"
          : "operations";
  return {
    conduit,
    onService,
    carriedBy,
    outside,
    declared,
    outsideBy,
    reason: declared ? null : reasonOf(c, conduit, onService, carriedBy, outside),
  };
}

/** The judgement of an observed flow, its ends placed in zones and matched to declared assets by address. */
export function judgeFlow(
  plant: Plant,
  zones: PlantZones,
  assetAt: (ip: string) => AssetDeclaration | undefined,
  operations: OperationIndex,
  f: ObservedFlow,
): Judgement {
  return judgeConnection(
    plant,
    {
      flow: f,
      from: zones.zoneOf(f.client).id,
      to: zones.zoneOf(f.server).id,
      clientAsset: assetAt(f.client),
      serverAsset: assetAt(f.server),
    },
    operations.on(f.protocol, f.client, f.server),
  );
}

/** Does one of these flows permit operations of this category? */
export function permits(flows: readonly DeclaredFlow[], category: OperationCategory): boolean {
  return flows.some((f) => f.operations === undefined || f.operations.includes(category));
}

function reasonOf(
  c: Connection,
  conduit: Conduit | undefined,
  onService: readonly DeclaredFlow[],
  carriedBy: readonly DeclaredFlow[],
  outside: readonly ObservedOperation[],
): string {
  if (!conduit) return `no conduit joins ${c.from} and ${c.to}`;
  if (onService.length === 0)
    return `conduit ${conduit.id} declares no flow on this service from ${c.from} to ${c.to}`;
  const who = (asset: AssetDeclaration | undefined, ip: string) => (asset ? asset.id : ip);
  if (carriedBy.length === 0) {
    const byClient = onService.filter((f) => names(f.initiators, c.clientAsset));
    if (byClient.length === 0)
      return `${who(c.clientAsset, c.flow.client)} is not a declared initiator (${partiesOf(onService, "initiators")})`;
    return `${who(c.serverAsset, c.flow.server)} is not a declared responder (${partiesOf(byClient, "responders")})`;
  }
  const categories = [...new Set(outside.map((o) => o.category))];
  const allowed = [...new Set(carriedBy.flatMap((f) => f.operations ?? []))];
  return `${categories.join(", ")} ${categories.length === 1 ? "is" : "are"} not among the declared operations (${allowed.join(", ")})`;
}

function partiesOf(flows: readonly DeclaredFlow[], key: "initiators" | "responders"): string {
  return [...new Set(flows.flatMap((f) => f[key] ?? []))].join(", ");
}

/** The registered transport and port of a protocol as the dissectors name it (`modbus`: tcp/502), if it has one. */
export function registeredService(protocol: string): { transport: "tcp" | "udp"; port: number } | undefined {
  const s = SERVICE_CATALOGUE.find((k) => k.protocols.includes(protocol) || k.name === protocol);
  return s && { transport: s.transport, port: s.ports[0] };
}

/**
 * A capture's operations by the connection that carried them. Operations are oriented by who sent the request; in
 * an S7 download the controller sends the "download block" requests, so an operation whose ends match no connection
 * as written belongs to the connection opened the other way.
 */
export interface OperationIndex {
  /** The operations on connections of this protocol from `client` to `server`. */
  on(protocol: string | null, client: string, server: string): ObservedOperation[];
  /** The ends of the connection that carried `op`, client first. */
  endsOf(op: ObservedOperation): { client: string; server: string };
  /** The connection that carried `op`, when the capture holds it. */
  flowOf(op: ObservedOperation): ObservedFlow | undefined;
}

const key = (protocol: string, client: string, server: string) => `${protocol}\u0000${client}\u0000${server}`;

export function operationIndex(capture: Pick<CaptureReport, "flows" | "operations"> | null): OperationIndex {
  const flows = new Map<string, ObservedFlow>();
  for (const f of capture?.flows ?? [])
    if (f.protocol !== null && !flows.has(key(f.protocol, f.client, f.server)))
      flows.set(key(f.protocol, f.client, f.server), f);
  const ends = (op: ObservedOperation) =>
    !flows.has(key(op.protocol, op.client, op.server)) && flows.has(key(op.protocol, op.server, op.client))
      ? { client: op.server, server: op.client }
      : { client: op.client, server: op.server };
  const byConnection = new Map<string, ObservedOperation[]>();
  for (const op of capture?.operations ?? []) {
    const e = ends(op);
    const k = key(op.protocol, e.client, e.server);
    const list = byConnection.get(k);
    if (list) list.push(op);
    else byConnection.set(k, [op]);
  }
  return {
    on: (protocol, client, server) =>
      protocol === null ? [] : (byConnection.get(key(protocol, client, server)) ?? []),
    endsOf: ends,
    flowOf: (op) => {
      const e = ends(op);
      return flows.get(key(op.protocol, e.client, e.server));
    },
  };
}
