/**
 * ICS writes, control commands and program changes in cleartext protocols that cross a zone boundary. Outside
 * every declared conduit flow they show the boundary let through what the design forbids (SR 5.2; SR 5.1 when no
 * conduit joins the zones at all) and that the commands' integrity rests on nothing (SR 3.1). Along a declared
 * flow they are the design, and bear only on the cryptographic integrity protection they lack (SR 3.1 RE 1) when the
 * conduit's SL-T asks for it (FR3 SL-T 3 or more, of the conduit or either zone). A declared flow covers an
 * operation when it carries the connection (its service, initiators and responders) and permits the operation's
 * category: the matcher of architecture/declared-flows.ts, which the zone matrix and SEG-004 use too.
 * They count in the zone of the side changed and, through a conduit, against the conduit's own verdict.
 * What is changed is the side that accepted the connection: in an S7 download the controller sends the "download
 * block" requests, yet the program flows into it. Operations are therefore oriented by their connection.
 */

import type { z } from "zod";
import type { CaptureReport, ObservedOperation, OperationCategory } from "../../model/capture.js";
import type { FrameEvidence } from "../../model/evidence.js";
import type { Conduit, Plant } from "../../model/plant.js";
import {
  askedFor,
  conduitTarget,
  judgeConnection,
  type OperationIndex,
  registeredService,
} from "../architecture/declared-flows.js";
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
  /** The conduit joining the zones, when one does. */
  conduit: Conduit | undefined;
  /** Whether a declared flow of the conduit covers these operations, and if not, why. */
  declared: boolean;
  reasons: Set<string>;
}

export function crossZoneWriteBearings(
  plant: Plant,
  capture: CaptureReport,
  operations: OperationIndex,
): Bearing[] {
  const hosts = hostLookup(plant, capture);
  const crossings = new Map<string, Crossing>();
  for (const op of capture.operations) {
    if (!CLEARTEXT_ICS_PROTOCOLS.has(op.protocol) || !CHANGING.includes(op.category)) continue;
    const ends = operations.endsOf(op);
    const server = hosts.host(ends.server);
    const client = hosts.host(ends.client);
    if (!server.zone || client.zone?.id === server.zone.id) continue;
    // A report that holds the operation but not its connection: the protocol's registered service stands in.
    const service = registeredService(op.protocol);
    const flow = operations.flowOf(op) ?? {
      transport: service?.transport ?? "tcp",
      client: ends.client,
      clientPort: null,
      server: ends.server,
      serverPort: service?.port ?? null,
    };
    const judged = judgeConnection(
      plant,
      {
        flow,
        from: client.zone?.id ?? "",
        to: server.zone.id,
        clientAsset: client.asset,
        serverAsset: server.asset,
      },
      [op],
    );
    const key = `${op.protocol}\u0000${client.ip}\u0000${server.ip}\u0000${judged.declared}`;
    let c = crossings.get(key);
    if (!c) {
      c = {
        client,
        server,
        protocol: op.protocol,
        requests: 0,
        kinds: new Set(),
        evidence: [],
        conduit: judged.conduit,
        declared: judged.declared,
        reasons: new Set(),
      };
      crossings.set(key, c);
    }
    c.requests += op.count;
    c.kinds.add(op.category);
    if (judged.reason !== null) c.reasons.add(judged.reason);
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
  const what = `${c.requests} cleartext ${c.protocol} ${[...c.kinds].sort().join("/")} request${c.requests === 1 ? "" : "s"} from ${label(c.client)}${from ? ` in ${from}` : " outside every zone"} to ${label(c.server)}`;
  const [requirements, summary] = c.declared
    ? [
        // The design declares them: they bear only on what the conduit's SL-T asks for and they lack.
        askedFor(["SR 3.1 RE 1"], conduitTarget(plant, c.conduit!)),
        `${what} cross conduit ${c.conduit!.id} along its declared flows, with no cryptographic integrity protection.`,
      ]
    : c.conduit
      ? [
          ["SR 3.1", "SR 5.2"],
          `${what} cross conduit ${c.conduit.id} outside its declared flows (${[...c.reasons].sort().join("; ")}).`,
        ]
      : [["SR 3.1", "SR 5.1", "SR 5.2"], `${what} reach ${to} where no conduit joins the zones.`];
  return requirements.map((requirement) => ({
    zone: to,
    // Through a conduit, the same frames show what crossed its boundary.
    ...(c.conduit ? { conduit: c.conduit.id } : {}),
    requirement,
    stance: "contradicts",
    summary,
    evidence: c.evidence,
  }));
}
