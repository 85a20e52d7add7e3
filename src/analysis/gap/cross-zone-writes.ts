/**
 * ICS writes, control commands and program changes in cleartext protocols that cross a zone boundary. Outside
 * every declared conduit flow they show the boundary let through what the design forbids (SR 5.2; SR 5.1 when no
 * conduit joins the zones at all) and that the commands' integrity rests on nothing (SR 3.1). Along a declared
 * flow they are expected, but carry no cryptographic integrity protection (SR 3.1 RE 1).
 * What is changed is the side that accepted the connection: in an S7 download the controller sends the "download
 * block" requests, yet the program flows into it. Operations are therefore oriented by their connection.
 */

import type { z } from "zod";
import type { CaptureReport, ObservedOperation, OperationCategory } from "../../model/capture.js";
import type { FrameEvidence } from "../../model/evidence.js";
import type { Plant } from "../../model/plant.js";
import type { Bearing } from "./bearing.js";
import { hostLookup, type LocatedHost } from "./capture-hosts.js";

/** ICS protocols whose PDUs carry no integrity protection of their own (as the dissectors name them). */
const CLEARTEXT_ICS_PROTOCOLS: ReadonlySet<string> = new Set([
  "modbus",
  "s7comm",
  "dnp3",
  "enip",
  "enip-io",
  "iec104",
  "bacnet",
  "profinet",
]);

const CHANGING: readonly OperationCategory[] = ["write", "control", "program"];
/** Frames cited per client-server pair: enough to open in Wireshark, few enough to read. */
const FRAMES_CITED = 3;

interface Crossing {
  client: LocatedHost;
  server: LocatedHost;
  protocol: string;
  requests: number;
  kinds: Set<string>;
  evidence: z.infer<typeof FrameEvidence>[];
}

export function crossZoneWriteBearings(plant: Plant, capture: CaptureReport): Bearing[] {
  const hosts = hostLookup(plant, capture);
  const connections = new Set(capture.flows.map((f) => `${f.protocol}\u0000${f.client}\u0000${f.server}`));
  const crossings = new Map<string, Crossing>();
  for (const op of capture.operations) {
    if (!CLEARTEXT_ICS_PROTOCOLS.has(op.protocol) || !CHANGING.includes(op.category)) continue;
    const reversed =
      !connections.has(`${op.protocol}\u0000${op.client}\u0000${op.server}`) &&
      connections.has(`${op.protocol}\u0000${op.server}\u0000${op.client}`);
    const server = hosts.host(reversed ? op.client : op.server);
    const client = hosts.host(reversed ? op.server : op.client);
    if (!server.zone || client.zone?.id === server.zone.id) continue;
    const key = `${op.protocol}\u0000${client.ip}\u0000${server.ip}`;
    let c = crossings.get(key);
    if (!c) {
      c = { client, server, protocol: op.protocol, requests: 0, kinds: new Set(), evidence: [] };
      crossings.set(key, c);
    }
    c.requests += op.count;
    c.kinds.add(op.category);
    if (c.evidence.length < FRAMES_CITED) c.evidence.push(frameOf(op));
  }
  return [...crossings.values()].flatMap((c) => bearingsOf(plant, c, hosts.label));
}

function frameOf(op: ObservedOperation): z.infer<typeof FrameEvidence> {
  return { kind: "frame", file: op.file, frame: op.firstFrame, note: `${op.protocol} ${op.name}` };
}

function bearingsOf(plant: Plant, c: Crossing, label: (h: LocatedHost) => string): Bearing[] {
  const from = c.client.zone?.id;
  const to = c.server.zone!.id;
  const conduit = plant.spec.conduits.find(
    (k) => from !== undefined && k.zones.includes(from) && k.zones.includes(to),
  );
  const declared = conduit?.flows.some(
    (f) => f.from === from && f.to === to && f.protocol.toLowerCase() === c.protocol,
  );
  const what = `${c.requests} cleartext ${c.protocol} ${[...c.kinds].sort().join("/")} request${c.requests === 1 ? "" : "s"} from ${label(c.client)}${from ? ` in ${from}` : " outside every zone"} to ${label(c.server)}`;
  const [requirements, summary] = declared
    ? [["SR 3.1 RE 1"], `${what} cross conduit ${conduit!.id} with no cryptographic integrity protection.`]
    : conduit
      ? [
          ["SR 3.1", "SR 5.2"],
          `${what} cross conduit ${conduit.id}, which declares no such ${c.protocol} flow.`,
        ]
      : [["SR 3.1", "SR 5.1", "SR 5.2"], `${what} reach ${to} where no conduit joins the zones.`];
  return requirements.map((requirement) => ({
    zone: to,
    requirement,
    stance: "contradicts",
    summary,
    evidence: c.evidence,
  }));
}
