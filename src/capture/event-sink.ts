/**
 * The one {@link DissectorSink}: records what dissectors (and the decoder) report into per-flow operation
 * counters, the host inventory's facts, the observation list and the anomaly log. It exists apart from the
 * packet path because it is the only place that turns events into records; the packet path only says where
 * the events come from. A dissector cannot pass that context with each call, so the caller sets it
 * ({@link EventSink.setContext}, and the position `file`/`frame`) before handing bytes over.
 */
import type { IdentityFacts, ObservationKind, OperationCategory } from "../model/capture.js";
import { AnomalyLog } from "./anomaly-log.js";
import { isGroupMac, parseIp } from "./decode/address.js";
import type { DecodeProblems } from "./decode/decoder.js";
import type { Packet } from "./decode/packet.js";
import { type Direction, type DissectorSink, type Party, TO_CLIENT, TO_SERVER } from "./dissector.js";
import { type Flow, type OpCount, T_ETHER } from "./flows/flow.js";
import type { Facts } from "./inventory/facts.js";
import type { CaptureHost, HostTable, MacRecord } from "./inventory/hosts.js";

/** Distinct request codes counted per flow and direction. */
export const MAX_CODES_PER_FLOW = 512;
/** Distinct observations per flow, and in all. */
export const MAX_OBSERVATIONS_PER_FLOW = 64;
export const MAX_OBSERVATIONS = 20_000;

export interface StoredObservation {
  kind: ObservationKind;
  about: CaptureHost | MacRecord;
  flow: Flow;
  protocol: string;
  detail: string;
  file: number;
  frame: number;
  /** Capture time (ms) of the flow's latest packet, the one that completed the PDU. */
  timeMs: number;
}

export class EventSink implements DissectorSink, DecodeProblems {
  /** Frame of the packet being processed (or of a flow's last packet when flushing at the end). */
  frame = 0;
  /** File of the events being emitted (the current file, or a flow's last file when flushing at the end). */
  file = -1;
  readonly fileNames: string[] = [];
  readonly anomalies = new AnomalyLog();
  readonly observations: StoredObservation[] = [];
  droppedObservations = 0;
  /**
   * Direction of the current IP packet in its flow (a PDU may complete in either direction's packet): with
   * `packet`, it tells which frame address a party without an address of its own sent from.
   */
  packetDir: Direction = TO_SERVER;

  // The context of the PDU being parsed.
  private ctxFlow: Flow | null = null;
  private ctxDir: Direction = TO_SERVER;
  private ctxProtocol = "";

  constructor(
    private readonly hosts: HostTable,
    /** The packet being processed (the driver's one reusable Packet). */
    private readonly packet: Packet,
  ) {}

  startFile(name: string): void {
    this.fileNames.push(name);
    this.file = this.fileNames.length - 1;
  }

  /** A new packet: no PDU context until a flow hands bytes to a dissector. */
  clearContext(): void {
    this.ctxFlow = null;
    this.ctxProtocol = "";
  }

  setContext(f: Flow, dir: Direction, protocol: string): void {
    this.ctxFlow = f;
    this.ctxDir = dir;
    this.ctxProtocol = protocol;
  }

  /** Same flow and direction, another protocol (a TCP gap is reported as `tcp`, then the dissector's). */
  setProtocol(protocol: string): void {
    this.ctxProtocol = protocol;
  }

  done(): void {
    if (this.ctxFlow !== null) this.ctxFlow.done = true;
  }

  request(code: number, name: string, category: OperationCategory): void {
    const f = this.ctxFlow;
    if (f === null) return;
    let ops = f.ops;
    if (ops === null) {
      ops = new Map();
      f.ops = ops;
    }
    const key = code * 2 + this.ctxDir;
    let op = ops.get(key);
    if (op === undefined) {
      if (ops.size >= MAX_CODES_PER_FLOW) {
        this.anomaly(
          "too-many-codes",
          `more than ${MAX_CODES_PER_FLOW} request codes on one flow; code ${code} not counted`,
        );
        return;
      }
      op = {
        code,
        dir: this.ctxDir,
        name,
        category,
        count: 0,
        exceptions: 0,
        firstFile: this.file,
        firstFrame: this.frame,
        lastFile: this.file,
        lastFrame: this.frame,
      } satisfies OpCount;
      ops.set(key, op);
    }
    op.count++;
    op.lastFile = this.file;
    op.lastFrame = this.frame;
  }

  response(code: number, failed: boolean): void {
    if (!failed) return;
    // The request went the other way.
    const op = this.ctxFlow?.ops?.get(code * 2 + (this.ctxDir === TO_SERVER ? TO_CLIENT : TO_SERVER));
    if (op !== undefined) op.exceptions++;
  }

  identity(party: Party, facts: IdentityFacts): void {
    this.partyFacts(party)?.addIdentity(facts, {
      file: this.fileNames[this.file],
      frame: this.frame,
      protocol: this.ctxProtocol,
    });
  }

  hostname(party: Party | { ip: string }, name: string): void {
    if (typeof party === "string") {
      this.partyFacts(party)?.addHostname(name);
      return;
    }
    const ip = parseIp(party.ip);
    if (ip === null) {
      this.anomaly("bad-address", `hostname ${JSON.stringify(name.slice(0, 64))} for unparsable address`);
      return;
    }
    this.hosts.host(ip[0], ip[1], ip[2], ip[3], ip[4]).getFacts().addHostname(name);
  }

  observe(kind: ObservationKind, party: Party, detail: string): void {
    const f = this.ctxFlow;
    if (f === null) return;
    const about = this.partyRecord(party);
    if (about === null) return;
    let seen = f.observed;
    if (seen === null) {
      seen = new Set();
      f.observed = seen;
    }
    const key = `${kind}\u0000${party}\u0000${detail}`;
    if (seen.has(key) || seen.size > MAX_OBSERVATIONS_PER_FLOW) return;
    seen.add(key);
    if (seen.size > MAX_OBSERVATIONS_PER_FLOW) {
      this.anomaly(
        "too-many-observations",
        `more than ${MAX_OBSERVATIONS_PER_FLOW} distinct observations on one flow; the rest not recorded`,
      );
      return;
    }
    if (this.observations.length >= MAX_OBSERVATIONS) {
      this.droppedObservations++;
      return;
    }
    this.observations.push({
      kind,
      about,
      flow: f,
      protocol: this.ctxProtocol,
      detail,
      file: this.file,
      frame: this.frame,
      timeMs: f.lastMs,
    });
  }

  anomaly(code: string, message: string): void {
    this.anomalies.add(
      this.file,
      this.fileNames[this.file] ?? "",
      this.frame,
      this.ctxProtocol,
      code,
      message,
    );
  }

  decodeProblem(protocol: string, code: string, message: string): void {
    this.anomalies.add(this.file, this.fileNames[this.file] ?? "", this.frame, protocol, code, message);
  }

  /**
   * The host (IP flows) or MAC (ether flows) a party of the current PDU is. A party without an address of its
   * own (0.0.0.0 before DHCP, a broadcast) is the MAC of the current frame's side instead: every DHCP client
   * shares the flow 0.0.0.0:68 -> 255.255.255.255:67, only the frame tells them apart.
   */
  private partyRecord(party: Party): CaptureHost | MacRecord | null {
    const f = this.ctxFlow;
    if (f === null) return null;
    const src = (party === "src") === (this.ctxDir === TO_SERVER);
    if (f.transport === T_ETHER) return src ? f.clientMac : f.serverMac;
    const host = src ? f.client : f.server;
    if (host === null || !(host.unspecified || host.group)) return host;
    const p = this.packet;
    const frameSender = (party === "src") === (this.ctxDir === this.packetDir);
    const mac = frameSender ? p.srcMac : p.dstMac;
    if (mac < 0 || isGroupMac(mac)) return host;
    const m = this.hosts.mac(mac, p.vlan, { file: this.file, frame: p.frame });
    if (frameSender) m.sent = true;
    return m;
  }

  private partyFacts(party: Party): Facts | null {
    return this.partyRecord(party)?.getFacts() ?? null;
  }
}
