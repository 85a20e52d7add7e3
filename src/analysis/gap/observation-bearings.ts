/**
 * A capture's security observations as evidence for or against requirements, one bearing per kind and host, in the
 * zone of the host and, when seen on a flow across a conduit, in the conduit too.
 */
import type { CaptureReport, Observation } from "../../model/capture.js";
import type { Plant } from "../../model/plant.js";
import type { Bearing } from "./bearing.js";
import { flowConduit } from "./boundary.js";
import { hostLookup, type LocatedHost } from "./capture-hosts.js";
import { OBSERVATION_RULES, type ObservationRule } from "./observation-requirements.js";

/** Frames cited per kind and host. */
const FRAMES_CITED = 3;

interface Group {
  rule: ObservationRule;
  about: LocatedHost;
  client: LocatedHost | undefined;
  server: LocatedHost | undefined;
  zone: string;
  seen: Observation[];
}

export function observationBearings(plant: Plant, capture: CaptureReport): Bearing[] {
  const hosts = hostLookup(plant, capture);
  const groups = new Map<string, Group>();
  for (const o of capture.observations) {
    const rule = OBSERVATION_RULES[o.kind];
    if (!rule) continue;
    const client = o.ends ? hosts.host(o.ends.client) : undefined;
    const server = o.ends ? hosts.host(o.ends.server) : undefined;
    // The end of the flow the observation is about (a layer-2 host, such as a router's MAC, may own addresses in
    // several zones); when it lies outside every zone (an internet peer), the plant-side end.
    const ips = hosts.ipsOf(o.asset);
    const party = [server, client].find((h) => h && ips.includes(h.ip));
    const about = [party, ...ips.map((ip) => hosts.host(ip)), server, client].find((h) => h?.zone);
    if (!about?.zone || (rule.applies && !rule.applies({ about, client, server }))) continue;
    // Both ends of a flow may report the same fact (a TeamViewer client and its router): one bearing per host
    // the fact is about and per peer.
    const key = `${o.kind}\u0000${about.ip}\u0000${client?.ip ?? ""}`;
    const g = groups.get(key) ?? { rule, about, client, server, zone: about.zone.id, seen: [] };
    g.seen.push(o);
    groups.set(key, g);
  }
  return [...groups.values()].flatMap((g) => {
    const first = g.seen[0]!;
    const times = g.seen.length === 1 ? "" : ` (${g.seen.length} times)`;
    const where =
      g.client && g.server
        ? `${hosts.label(g.client)} -> ${hosts.label(g.server)}`
        : `on ${hosts.label(g.about)}`;
    const summary = `${first.protocol} ${where}: ${first.detail}${times}; ${g.rule.why}.`;
    const evidence = g.seen
      .slice(0, FRAMES_CITED)
      .map((o) => ({ kind: "frame" as const, file: o.file, frame: o.frame, note: `${o.kind}: ${o.detail}` }));
    // Seen on a flow across a conduit, the fact is about what the conduit carries as well.
    const conduit = flowConduit(plant, g.client, g.server)?.id;
    return g.rule.requirements.map((requirement) => ({
      zone: g.zone,
      ...(conduit ? { conduit } : {}),
      requirement,
      stance: g.rule.stance,
      summary,
      evidence,
    }));
  });
}
