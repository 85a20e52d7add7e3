/**
 * Remote sessions a capture shows (RDP, VNC, SSH, Telnet, TeamViewer, AnyDesk, VPN tunnels) and whether the
 * plant's declarations explain them: a remote-access path (its method into its targets, or any session from its
 * jump host to its targets), a session into a jump host, or a conduit that declares the protocol between the two
 * zones. Sessions inside one zone, or between hosts outside every zone, are not remote access into the plant.
 */
import { flowText, type ObservedFlow } from "../model/capture.js";
import type { Plant } from "../model/plant.js";
import type { CaptureParties, Party } from "./capture-parties.js";

export type SessionMethod = "rdp" | "vnc" | "ssh" | "telnet" | "teamviewer" | "anydesk" | "vpn";

/** Dissector names of remote-session protocols. */
const BY_PROTOCOL: Record<string, SessionMethod> = {
  rdp: "rdp",
  vnc: "vnc",
  ssh: "ssh",
  telnet: "telnet",
  teamviewer: "teamviewer",
  anydesk: "anydesk",
};

/** VPN tunnels have no dissector: IKE/IPsec NAT-T, OpenVPN, WireGuard, PPTP and L2TP by their server port. */
const VPN_PORTS: Record<string, number[]> = { udp: [500, 4500, 1194, 51820, 1701], tcp: [1194, 1723] };

export interface RemoteSession {
  method: SessionMethod;
  client: Party;
  server: Party;
  flows: ObservedFlow[];
}

export interface Explanation {
  explained: boolean;
  /** What explains it, or why nothing does. */
  reason: string;
}

export function remoteSessions(parties: CaptureParties): RemoteSession[] {
  const anydeskRelayFlows = new Set(
    parties.capture.observations
      .filter((o) => o.kind === "remote-access" && /AnyDesk/.test(o.detail))
      .map((o) => o.flow),
  );
  const groups = new Map<string, RemoteSession>();
  for (const f of parties.capture.flows) {
    const method = methodOf(f, anydeskRelayFlows);
    if (!method) continue;
    const key = `${method}\u0000${f.client}\u0000${f.server}`;
    const known = groups.get(key);
    if (known) known.flows.push(f);
    else
      groups.set(key, {
        method,
        client: parties.party(f.client),
        server: parties.party(f.server),
        flows: [f],
      });
  }
  return [...groups.values()];
}

function methodOf(f: ObservedFlow, anydeskRelayFlows: ReadonlySet<string | null>): SessionMethod | null {
  const byProtocol = f.protocol ? BY_PROTOCOL[f.protocol] : undefined;
  if (byProtocol) return byProtocol;
  if (f.protocol === "tls" && anydeskRelayFlows.has(flowText(f))) return "anydesk";
  if (f.serverPort !== null && (VPN_PORTS[f.transport] ?? []).includes(f.serverPort)) return "vpn";
  return null;
}

export function explain(plant: Plant, s: RemoteSession): Explanation {
  if (s.client.zone && s.client.zone === s.server.zone) return { explained: true, reason: "inside one zone" };
  if (!s.client.zone && !s.server.zone) return { explained: true, reason: "outside the plant's zones" };
  const assets = new Map(plant.spec.assets.map((a) => [a.id, a]));
  const matches = (p: Party, targets: readonly string[]) =>
    (p.declared && targets.includes(p.id)) || (p.zone !== null && targets.includes(p.zone));
  for (const r of plant.spec.remoteAccess) {
    const sameMethod = r.method === s.method || r.method === "other";
    if (r.via) {
      if (s.client.id === r.via && matches(s.server, r.targets))
        return { explained: true, reason: `onward session of path ${r.id} from its jump host` };
      if (s.server.id === r.via) return { explained: true, reason: `into the jump host of path ${r.id}` };
    } else if (sameMethod && (matches(s.client, r.targets) || matches(s.server, r.targets))) {
      return { explained: true, reason: `declared path ${r.id}` };
    }
  }
  if (s.server.declared && assets.get(s.server.id)?.role === "jump-host")
    return { explained: true, reason: "into a jump host" };
  const port = s.flows[0]?.serverPort ?? null;
  for (const c of plant.spec.conduits) {
    const declared = c.flows.some(
      (f) =>
        f.from === s.client.zone &&
        f.to === s.server.zone &&
        (f.protocol.toLowerCase() === s.method ||
          (port !== null && f.ports.some((p) => portMatches(p, port)))),
    );
    if (declared) return { explained: true, reason: `declared in conduit ${c.id}` };
  }
  const paths = plant.spec.remoteAccess.filter(
    (r) => matches(s.server, r.targets) || matches(s.client, r.targets),
  );
  const zone = (p: Party) => (p.zone ? `zone ${p.zone}` : "outside the plant's zones");
  return {
    explained: false,
    reason:
      `no remote-access path or conduit declares ${s.method} from ${zone(s.client)} to ${zone(s.server)}` +
      (paths.length
        ? `; ${paths.length === 1 ? "path" : "paths"} ${paths.map((r) => r.id).join(", ")} ${paths.length === 1 ? "covers" : "cover"} these hosts, but not this session`
        : ""),
  };
}

function portMatches(spec: number | string, port: number): boolean {
  if (typeof spec === "number") return spec === port;
  const [lo, hi] = spec.split("-").map(Number);
  return lo !== undefined && hi !== undefined && port >= lo && port <= hi;
}
