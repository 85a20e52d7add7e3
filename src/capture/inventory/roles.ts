/**
 * Role inference from behaviour on the wire, each guess with a confidence and the frames that support it:
 * - answers requests of an ICS protocol (or serves it): a controller (PLC; RTU for telecontrol protocols);
 * - answers on an ICS protocol's port in words no dissector recognised: a controller candidate, whatever vendor its
 *   MAC's OUI names (a honeypot, a gateway, a PLC answering with exceptions);
 * - sends program operations (block download, PLC stop) to controllers: engineering workstation;
 * - sends writes or commands to a controller: engineering workstation, less sure (HMIs write setpoints too);
 * - polls (reads) controllers: HMI for one or two, SCADA server for three or more;
 * - serves OPC UA: OPC server; serves IT protocols: IT server;
 * - talks to public internet addresses as a client: IT workstation;
 * - a MAC carrying addresses that are not its own (routers.ts decides which): a router or layer-3 switch.
 */
import type { OperationCategory, RoleGuess } from "../../model/capture.js";
import type { AssetRole } from "../../model/plant.js";

/** Protocols spoken by controllers (PLC, RTU, IED) to masters. */
const CONTROLLER_PROTOCOLS = new Set([
  "modbus",
  "s7comm",
  "s7comm-plus",
  "dnp3",
  "enip",
  "bacnet",
  "iec104",
  "profinet",
]);
/** Telecontrol protocols: their outstations are RTUs rather than PLCs. */
const RTU_PROTOCOLS = new Set(["dnp3", "iec104"]);
const OPC_PROTOCOLS = new Set(["opcua"]);
const IT_SERVER_PROTOCOLS = new Set([
  "http",
  "tls",
  "ssh",
  "smb",
  "dhcp",
  "dns",
  "ftp",
  "rdp",
  "vnc",
  "telnet",
  "snmp",
  "ntp",
  "mqtt",
]);
/** Distinct IPs sent from one MAC beyond which it is a router, not a host. */
export const GATEWAY_MIN_IPS = 4;
const MAX_EVIDENCE = 5;

export interface FramePointer {
  file: string;
  frame: number;
}

/** What an asset did, gathered over all its flows. */
export interface RoleSignals {
  /** Requests it answered: protocol -> first frame. */
  answered: Map<string, FramePointer>;
  /** Services it offered (confirmed by content): protocol -> first frame. */
  served: Map<string, FramePointer>;
  /**
   * Flows to a port a dissector registers where it sent payload back but no dissector recognised the bytes:
   * protocol of the port -> the port (`tcp/502`) and the first frame it answered in.
   */
  answeredOnPort: Map<string, { port: string; at: FramePointer }>;
  /** Requests it sent to controllers: per controller asset id, per category, the first frame. */
  sentToControllers: Map<string, Map<OperationCategory, FramePointer>>;
  internet: FramePointer | null;
  /** Why its MAC is a router's (it carries addresses that are not its own), with the first frame that shows it. */
  gateway: { reason: string; first: FramePointer } | null;
}

export function emptySignals(): RoleSignals {
  return {
    answered: new Map(),
    served: new Map(),
    answeredOnPort: new Map(),
    sentToControllers: new Map(),
    internet: null,
    gateway: null,
  };
}

export function isControllerProtocol(protocol: string): boolean {
  return CONTROLLER_PROTOCOLS.has(protocol);
}

export function inferRoles(s: RoleSignals): RoleGuess[] {
  // Most addresses (remote peers, quiet devices) did nothing that suggests a role.
  if (
    s.answered.size + s.served.size + s.answeredOnPort.size + s.sentToControllers.size === 0 &&
    s.internet === null &&
    s.gateway === null
  ) {
    return [];
  }
  const guesses: RoleGuess[] = [];
  const add = (role: AssetRole, confidence: number, evidence: [FramePointer, string][]) => {
    guesses.push({
      role,
      confidence: Math.round(Math.min(confidence, 0.95) * 100) / 100,
      evidence: evidence
        .slice(0, MAX_EVIDENCE)
        .map(([at, note]) => ({ kind: "frame", file: at.file, frame: at.frame, note })),
    });
  };

  const controller: [FramePointer, string][] = [];
  let rtu = false;
  let answered = false;
  for (const [protocol, at] of s.answered) {
    if (!CONTROLLER_PROTOCOLS.has(protocol)) continue;
    controller.push([at, `answers ${protocol} requests`]);
    answered = true;
    if (RTU_PROTOCOLS.has(protocol)) rtu = true;
  }
  for (const [protocol, at] of s.served) {
    if (!CONTROLLER_PROTOCOLS.has(protocol) || s.answered.has(protocol)) continue;
    controller.push([at, `serves ${protocol}`]);
    if (RTU_PROTOCOLS.has(protocol)) rtu = true;
  }
  // A server on a controller protocol's port is a controller candidate even when what it said matched no dissector.
  for (const [protocol, { port, at }] of s.answeredOnPort) {
    if (!CONTROLLER_PROTOCOLS.has(protocol) || s.answered.has(protocol) || s.served.has(protocol)) continue;
    controller.push([at, `answers on ${port}, the ${protocol} port (content not recognised)`]);
    if (RTU_PROTOCOLS.has(protocol)) rtu = true;
  }
  if (controller.length > 0) {
    add(rtu ? "rtu" : "plc", (answered ? 0.7 : 0.5) + 0.1 * (controller.length - 1), controller);
  }

  const opc = [...s.served].filter(([p]) => OPC_PROTOCOLS.has(p));
  if (opc.length > 0)
    add(
      "opc-server",
      0.7,
      opc.map(([p, at]) => [at, `serves ${p}`]),
    );

  const program: [FramePointer, string][] = [];
  const writes: [FramePointer, string][] = [];
  const reads: [FramePointer, string][] = [];
  for (const [target, byCategory] of s.sentToControllers) {
    const p = byCategory.get("program");
    if (p) program.push([p, `programs ${target}`]);
    const w = byCategory.get("write") ?? byCategory.get("control");
    if (w) writes.push([w, `writes to or commands ${target}`]);
    const r = byCategory.get("read");
    if (r) reads.push([r, `polls ${target}`]);
  }
  if (program.length > 0) add("ews", 0.8 + 0.05 * (program.length - 1), [...program, ...writes]);
  else if (writes.length > 0 && reads.length < 3) add("ews", 0.4, writes);
  if (reads.length >= 3) add("scada-server", 0.5 + 0.05 * reads.length, reads);
  else if (reads.length > 0)
    add("hmi", 0.4 + 0.1 * reads.length + (writes.length > 0 ? 0.1 : 0), [...reads, ...writes]);

  const it = [...s.served].filter(([p]) => IT_SERVER_PROTOCOLS.has(p));
  if (it.length > 0)
    add(
      "it-server",
      controller.length > 0 ? 0.2 : 0.4,
      it.map(([p, at]) => [at, `serves ${p}`]),
    );
  if (s.internet !== null)
    add("it-workstation", controller.length > 0 ? 0.2 : 0.4, [
      [s.internet, "talks to a public internet address"],
    ]);
  if (s.gateway !== null) add("network-device", 0.6, [[s.gateway.first, s.gateway.reason]]);
  return guesses.sort((a, b) => b.confidence - a.confidence || (a.role < b.role ? -1 : 1));
}
