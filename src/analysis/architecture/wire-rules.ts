/**
 * Insecure architecture seen on the wire: ARCH-004 unauthenticated protocols crossing zone boundaries (outside the
 * declared flows, or along them where the conduit's SL-T asks for integrity protection), ARCH-005
 * remote sessions into operations zones that no monitored jump host carries, ARCH-007 cleartext credentials.
 */
import type { Observation, ObservationKind, ObservedFlow } from "../../model/capture.js";
import type { Evidence } from "../../model/evidence.js";
import type { Finding } from "../../model/finding.js";
import { EXTERNAL } from "../../model/plant.js";
import { frIndex, systemRequirement } from "../../standard/requirements.js";
import type { AnalysisContext } from "../context.js";
import { REMOTE_ACCESS_SERVICES, serviceAt, UNAUTHENTICATED_PROTOCOLS } from "../firewall/service-catalog.js";
import { findingOf, type Rule } from "../rule.js";
import { declaredId, type HostIndex, hostLabel, observationHosts } from "./capture-view.js";
import { askedFor, conduitTarget, judgeFlow } from "./declared-flows.js";
import { isOperations, isUntrusted, monitoredJumpHosts } from "./plant-zones.js";
import { isNonUnicast } from "./zone-matrix.js";

const MAX_EVIDENCE = 12;

/** Ports of protocols the capture may leave unnamed (a dissector that did not confirm, a flow cut short). */
const PORT_PROTOCOLS: readonly [string, "tcp" | "udp", number][] = [
  ["modbus", "tcp", 502],
  ["s7comm", "tcp", 102],
  ["dnp3", "tcp", 20000],
  ["dnp3", "udp", 20000],
  ["enip", "tcp", 44818],
  ["enip", "udp", 44818],
  ["enip-io", "udp", 2222],
  ["bacnet", "udp", 47808],
  ["iec104", "tcp", 2404],
  ["telnet", "tcp", 23],
  ["ftp", "tcp", 21],
  ["http", "tcp", 80],
  ["snmp", "udp", 161],
  ["tftp", "udp", 69],
  ["opcua", "tcp", 4840],
];

function protocolOf(f: ObservedFlow): string | null {
  if (f.protocol) return f.protocol.toLowerCase();
  return PORT_PROTOCOLS.find(([, t, p]) => t === f.transport && p === f.serverPort)?.[0] ?? null;
}

function unicast(flows: readonly ObservedFlow[]): ObservedFlow[] {
  return flows.filter((f) => f.transport !== "ether" && !isNonUnicast(f.client) && !isNonUnicast(f.server));
}

/** Observations of `kind` about the conversation between `client` and `server`. */
/** Does the observation describe this flow (same hosts, and same server port when it names one)? */
function describes(hosts: HostIndex, o: Observation, f: ObservedFlow): boolean {
  const key = o.ends;
  if (key)
    return (
      key.client === f.client &&
      key.server === f.server &&
      (key.serverPort === null || key.serverPort === f.serverPort)
    );
  return observationHosts(hosts, o).server === f.server;
}

/** Observations of `kind` about this flow. */
function observed(ctx: AnalysisContext, kinds: readonly ObservationKind[], f: ObservedFlow): Observation[] {
  const list = ctx.capture?.observations ?? [];
  return list.filter((o) => kinds.includes(o.kind) && describes(ctx.hosts, o, f));
}

function frameOf(f: ObservedFlow, note: string): Evidence {
  return { kind: "frame", file: f.file, frame: f.firstFrame, note };
}

function grouped<T>(items: T[], key: (t: T) => string | null): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const i of items) {
    const k = key(i);
    if (k === null) continue;
    const list = out.get(k) ?? [];
    list.push(i);
    out.set(k, list);
  }
  return out;
}

export const unauthenticatedAcrossZones: Rule = {
  id: "ARCH-004",
  title: "Unauthenticated protocol crosses a zone boundary",
  severity: "high",
  contradicts: ["SR 3.1 RE 1"],
  related: ["SR 3.1", "SR 1.2", "SR 4.1", "SR 5.2"],
  description:
    "Modbus, S7comm, DNP3 without secure authentication, CIP, BACnet, IEC 104, OPC UA in security mode None, Telnet, FTP, HTTP and SNMP v1/v2c prove neither who sends a command nor that it was not changed. Inside a zone the boundary contains the risk; across zones any host on the path can read or forge the traffic. Outside the conduit's declared flows the crossing is reported as it is (SEG-003 and SEG-004 say it breaks the boundary). Along a declared flow it is the design: it is reported only when the conduit's SL-T asks for the integrity protection the protocol lacks (SR 3.1 RE 1, from SL 3 in FR3, of the conduit or of either zone it joins).",
  remediation:
    "Keep these protocols inside their zone, or protect the crossing: DNP3 SA, OPC UA Sign&Encrypt, Modbus/TCP Security, SNMPv3, SSH/HTTPS/SFTP instead of Telnet/HTTP/FTP, or a VPN between the zone firewalls.",
  check(ctx) {
    const capture = ctx.capture;
    if (!capture) return [];
    const zones = ctx.zones;
    const operations = ctx.operations;
    const assetAt = (ip: string) => ctx.hosts.declaredByIp.get(ip);
    const crossing = unicast(capture.flows).filter((f) => {
      const proto = protocolOf(f);
      if (!proto || !(proto in UNAUTHENTICATED_PROTOCOLS)) return false;
      if (zones.zoneOf(f.client).id === zones.zoneOf(f.server).id) return false;
      // These three can be secured; only the insecure variants seen on the wire count.
      if (proto === "opcua") return observed(ctx, ["insecure-channel"], f).length > 0;
      if (proto === "snmp") return observed(ctx, ["snmp-community", "default-credentials"], f).length > 0;
      if (proto === "dnp3") return observed(ctx, ["secure-authentication"], f).length === 0;
      return true;
    });
    // Declared and undeclared crossings are told apart by the matcher the zone matrix and SEG-004 use.
    const judged = crossing.map((f) => ({ f, j: judgeFlow(ctx.plant, zones, assetAt, operations, f) }));
    const groups = grouped(judged, ({ f, j }) => {
      const path = `${zones.zoneOf(f.client).id}>${zones.zoneOf(f.server).id}`;
      return j.declared ? `${protocolOf(f)}:${j.conduit!.id}:${path}` : `${protocolOf(f)}:${path}`;
    });
    const out: Finding[] = [];
    for (const [key, list] of groups) {
      const flows = list.map((x) => x.f);
      const proto = protocolOf(flows[0]!)!;
      const from = zones.zoneOf(flows[0]!.client).id;
      const to = zones.zoneOf(flows[0]!.server).id;
      const pairs = [
        ...new Set(
          flows.map((f) => `${hostLabel(ctx.hosts, f.client)} -> ${hostLabel(ctx.hosts, f.server)}`),
        ),
      ];
      const shown = `${pairs.slice(0, 6).join("; ")}${pairs.length > 6 ? ` and ${pairs.length - 6} more` : ""}`;
      const conduit = list[0]!.j.declared ? list[0]!.j.conduit! : undefined;
      let contradicts: readonly string[] = this.contradicts;
      let summary: string;
      if (conduit) {
        // A declared flow is the design: it bears only on what the conduit's SL-T asks for and the protocol lacks.
        const target = conduitTarget(ctx.plant, conduit);
        contradicts = askedFor(this.contradicts, target);
        if (contradicts.length === 0) continue;
        const asked = contradicts
          .map((r) => {
            const req = systemRequirement(r)!;
            return `${req.fr} SL-T ${target[frIndex(req.fr)]} asks for ${r} (${req.title.toLowerCase()}, from SL ${req.minSL})`;
          })
          .join("; ");
        summary = `${UNAUTHENTICATED_PROTOCOLS[proto]} crosses conduit ${conduit.id} from ${from} to ${to} along its declared flows (${shown}); the conduit's ${asked}, which the protocol does not give.`;
      } else {
        const reasons = [...new Set(list.map((x) => x.j.reason).filter((r): r is string => r !== null))];
        summary = `${UNAUTHENTICATED_PROTOCOLS[proto]} crosses from ${from} to ${to} outside the declared flows (${reasons.slice(0, 3).join("; ")}): ${shown}.`;
      }
      out.push(
        findingOf(this, {
          subject: key,
          contradicts,
          summary,
          zones: [from, to].filter((z) => z !== EXTERNAL),
          crossings: [{ from, to }],
          assets: [
            ...new Set(
              flows.flatMap((f) => [declaredId(ctx.hosts, f.client), declaredId(ctx.hosts, f.server)]),
            ),
          ].filter((x): x is string => x !== undefined),
          evidence: flows
            .slice(0, MAX_EVIDENCE)
            .map((f) => frameOf(f, `${proto} ${f.client} -> ${f.server}:${f.serverPort ?? ""}`)),
        }),
      );
    }
    return out;
  },
};

/** Tools whose controlled host opens the connection to a relay: the session's target is the client. */
const RELAY_TOOLS = new Set(["teamviewer", "anydesk"]);

function remoteTool(f: ObservedFlow): string | null {
  const p = f.protocol?.toLowerCase() ?? null;
  if (p && REMOTE_ACCESS_SERVICES.some((s) => s.name === p || s.protocols.includes(p))) return p;
  return serviceAt(REMOTE_ACCESS_SERVICES, f.transport, f.serverPort)?.name ?? null;
}

export const unmonitoredRemoteSession: Rule = {
  id: "ARCH-005",
  title: "Remote session into an operations zone without a monitored jump host",
  severity: "high",
  contradicts: [],
  related: ["SR 1.13", "SR 2.6", "SR 6.2", "SR 5.2"],
  description:
    "The captures show interactive remote sessions (RDP, VNC, SSH, Telnet, TeamViewer, AnyDesk) into levels 0-3 that do not come from a declared jump host whose sessions are monitored or recorded. Nobody approves or sees what is done in them.",
  remediation:
    "Route remote sessions through the DMZ jump host with session recording and approval; block remote-access tools and direct sessions at the zone firewall.",
  check(ctx) {
    const capture = ctx.capture;
    if (!capture) return [];
    const plant = ctx.plant;
    const zones = ctx.zones;
    const jumpIds = monitoredJumpHosts(plant);
    const jumpIps = new Set(plant.spec.assets.filter((a) => jumpIds.has(a.id)).flatMap((a) => a.ips));
    const sessions: { target: string; source: string; tool: string; flow: ObservedFlow }[] = [];
    for (const f of unicast(capture.flows)) {
      const tool = remoteTool(f);
      if (!tool) continue;
      const relay = RELAY_TOOLS.has(tool);
      sessions.push({
        target: relay ? f.client : f.server,
        source: relay ? f.server : f.client,
        tool,
        flow: f,
      });
    }
    for (const o of capture.observations.filter((x) => x.kind === "remote-access")) {
      const f = unicast(capture.flows).find((x) => describes(ctx.hosts, o, x));
      if (!f || sessions.some((s) => s.flow === f)) continue;
      const relay = RELAY_TOOLS.has(o.protocol.toLowerCase());
      sessions.push({
        target: relay ? f.client : f.server,
        source: relay ? f.server : f.client,
        tool: o.protocol,
        flow: f,
      });
    }
    const risky = sessions.filter((s) => isOperations(zones.zoneOf(s.target)) && !jumpIps.has(s.source));
    const out: Finding[] = [];
    for (const [key, list] of grouped(
      risky,
      (s) => `${declaredId(ctx.hosts, s.target) ?? s.target}:${s.tool}`,
    )) {
      const s0 = list[0]!;
      const sources = [...new Set(list.map((s) => hostLabel(ctx.hosts, s.source)))];
      // Access from the enterprise network or the outside is what SR 1.13 governs; a session between OT zones is not.
      const untrusted = list.some((s) => isUntrusted(zones.zoneOf(s.source)));
      out.push(
        findingOf(this, {
          subject: key,
          contradicts: untrusted ? ["SR 1.13"] : [],
          summary: `${s0.tool} session${list.length > 1 ? "s" : ""} into ${hostLabel(ctx.hosts, s0.target)} (zone ${zones.zoneOf(s0.target).id}) from ${sources.slice(0, 4).join(", ")}${sources.length > 4 ? ` and ${sources.length - 4} more` : ""}, not through a monitored jump host.`,
          zones: [zones.zoneOf(s0.target).id],
          crossings: list.map((s) => ({ from: zones.zoneOf(s.source).id, to: zones.zoneOf(s.target).id })),
          assets: [declaredId(ctx.hosts, s0.target)].filter((x): x is string => x !== undefined),
          evidence: list
            .slice(0, MAX_EVIDENCE)
            .map((s) =>
              frameOf(s.flow, `${s.tool} ${s.flow.client} -> ${s.flow.server}:${s.flow.serverPort ?? ""}`),
            ),
        }),
      );
    }
    return out;
  },
};

const CREDENTIAL_KINDS: readonly ObservationKind[] = [
  "cleartext-credentials",
  "default-credentials",
  "snmp-community",
];

export const cleartextCredentials: Rule = {
  id: "ARCH-007",
  title: "Credentials seen in clear text on the wire",
  severity: "high",
  contradicts: ["SR 1.5"],
  related: ["SR 4.1"],
  description:
    "Passwords, HTTP Basic credentials and SNMP communities sent in clear text can be read by anyone who can capture the traffic, as this assessment did, and reused to log on to the device.",
  remediation:
    "Replace the protocol with an encrypted one (SSH, HTTPS, SFTP, SNMPv3), change the exposed passwords and communities, and remove default ones.",
  check(ctx) {
    const capture = ctx.capture;
    if (!capture) return [];
    const obs = capture.observations.filter((o) => CREDENTIAL_KINDS.includes(o.kind));
    return [
      ...grouped(obs, (o) => {
        const server = observationHosts(ctx.hosts, o).server ?? o.asset;
        return `${declaredId(ctx.hosts, server) ?? server}:${o.protocol}`;
      }).entries(),
    ].map(([key, list]) => {
      const h = observationHosts(ctx.hosts, list[0]!);
      const server = h.server ?? list[0]!.asset;
      const clients = [
        ...new Set(
          list.map((o) => observationHosts(ctx.hosts, o).client).filter((c): c is string => c !== null),
        ),
      ];
      return findingOf(this, {
        subject: key,
        summary: `${list[0]!.protocol} credentials in clear text to ${hostLabel(ctx.hosts, server)}${clients.length ? ` from ${clients.map((c) => hostLabel(ctx.hosts, c)).join(", ")}` : ""}: ${[...new Set(list.map((o) => o.detail))].slice(0, 4).join("; ")}.`,
        zones: [ctx.zones.zoneOf(server).id].filter((z) => z !== EXTERNAL),
        assets: [declaredId(ctx.hosts, server)].filter((x): x is string => x !== undefined),
        evidence: list.slice(0, MAX_EVIDENCE).map((o) => ({
          kind: "frame" as const,
          file: o.file,
          frame: o.frame,
          note: `${o.kind}: ${o.detail}`,
        })),
      });
    });
  },
};
