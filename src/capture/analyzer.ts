/**
 * The per-packet engine: decoded packets go to flows, TCP bytes through reassembly to the flow's dissector, and
 * the dissector's events (this class is their {@link DissectorSink}) into per-flow counters and the inventory.
 * Nothing here builds strings or objects per packet; that happens per flow, per host or per event.
 */
import type { IdentityFacts, ObservationKind, OperationCategory } from "../model/capture.js";
import { AnomalyLog } from "./anomaly-log.js";
import { isGroupIp, isGroupMac, isInitialTtl, isPublicIp, parseIp } from "./decode/address.js";
import { type DecodeProblems, Decoder } from "./decode/decoder.js";
import {
  KIND_ARP,
  KIND_ETHER,
  KIND_ICMP,
  KIND_TCP,
  KIND_UDP,
  Packet,
  TCP_ACK,
  TCP_FIN,
  TCP_RST,
  TCP_SYN,
} from "./decode/packet.js";
import {
  type Direction,
  type Dissector,
  type DissectorSink,
  type LinkDissector,
  type Party,
  TO_CLIENT,
  TO_SERVER,
} from "./dissector.js";
import { Flow, type OpCount, T_ETHER, T_ICMP, T_ICMPV6, T_TCP, T_UDP } from "./flows/flow.js";
import { FlowTable, packetHash } from "./flows/flow-table.js";
import { DissectorRegistry } from "./flows/registry.js";
import type { Facts } from "./inventory/facts.js";
import { type CaptureHost, HostTable, type MacRecord } from "./inventory/hosts.js";
import type { RawPacket } from "./readers/raw-packet.js";
import { type StreamConsumer, TcpStream } from "./tcp/stream.js";

/** Bytes of one direction kept while no candidate dissector has decided yet. */
export const PROBE_LIMIT = 16 * 1024;
/** UDP datagrams probed before a flow is declared to be of no known protocol. */
export const MAX_UDP_PROBES = 8;
/** Distinct request codes counted per flow and direction. */
export const MAX_CODES_PER_FLOW = 512;
/** Distinct observations per flow, and in all. */
export const MAX_OBSERVATIONS_PER_FLOW = 64;
export const MAX_OBSERVATIONS = 20_000;
/** A TCP or UDP flow silent this long (capture time) has its reassembly and dissector state freed. */
export const TCP_IDLE_MS = 15 * 60_000;
export const UDP_IDLE_MS = 2 * 60_000;
const SWEEP_EVERY_MS = 60_000;

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

const EMPTY = new Uint8Array(0);

export class Analyzer implements DissectorSink, StreamConsumer<Flow>, DecodeProblems {
  /** Frame of the packet being processed (the sink's `frame`). */
  frame = 0;
  packets = 0;
  bytes = 0;
  readonly flows: Flow[] = [];
  readonly hosts = new HostTable();
  readonly anomalies = new AnomalyLog();
  readonly observations: StoredObservation[] = [];
  droppedObservations = 0;
  readonly fileNames: string[] = [];

  private readonly pkt = new Packet();
  private readonly decoder = new Decoder(this);
  private readonly table = new FlowTable();
  private readonly registry: DissectorRegistry;
  /** Flows holding reassembly or dissector state, swept for idleness. */
  private readonly live = new Set<Flow>();
  private lastSweepMs = Number.NEGATIVE_INFINITY;
  /** Direction of the packet that created the last new flow. */
  private createdDir: Direction = TO_SERVER;
  private lastSweepPacket = 0;
  /** File of the events being emitted (the current file, or a flow's last file when flushing at the end). */
  private file = -1;

  // The context of the PDU being parsed, read by the sink methods.
  private ctxFlow: Flow | null = null;
  private ctxDir: Direction = TO_SERVER;
  private ctxProtocol = "";
  /** Direction of the current packet in its flow (a PDU may complete in either direction's packet). */
  private pktDir: Direction = TO_SERVER;

  constructor(dissectors: readonly Dissector<unknown>[], linkDissectors: readonly LinkDissector[]) {
    this.registry = new DissectorRegistry(dissectors, linkDissectors);
  }

  startFile(name: string): void {
    this.fileNames.push(name);
    this.file = this.fileNames.length - 1;
  }

  packet(raw: RawPacket): void {
    this.packets++;
    this.bytes += raw.wirelen;
    this.frame = raw.frame;
    this.ctxFlow = null;
    this.ctxProtocol = "";
    const p = this.pkt;
    const kind = this.decoder.decode(raw, p);
    // Before this packet: a flow silent for long is idle even if this packet belongs to it. A clock that
    // jumped back (a bogus future timestamp, concatenated captures) resets the sweep, at most every 1024 packets.
    const t = p.tsMs;
    if (
      t - this.lastSweepMs >= SWEEP_EVERY_MS ||
      (t < this.lastSweepMs - SWEEP_EVERY_MS && this.packets - this.lastSweepPacket >= 1024)
    ) {
      this.sweep(t);
    }
    if (kind === KIND_TCP) this.ipFlow(p, T_TCP);
    else if (kind === KIND_UDP) this.ipFlow(p, T_UDP);
    else if (kind === KIND_ICMP) this.ipFlow(p, p.ipProto === 58 ? T_ICMPV6 : T_ICMP);
    else if (kind === KIND_ARP) this.arp(p);
    else if (kind === KIND_ETHER) this.ether(p);
  }

  /** End of the last file: deliver what reassembly still holds and free all state. */
  finish(): void {
    for (const f of [...this.live]) {
      this.file = f.lastFile;
      this.frame = f.lastFrame;
      this.release(f, true);
    }
  }

  // ---- flows ------------------------------------------------------------------------------------------------

  private ipFlow(p: Packet, transport: number): void {
    const hash = packetHash(p, transport);
    let f = this.table.find(p, transport, hash);
    let dir: Direction;
    if (f === null) {
      f = this.newIpFlow(p, transport, hash);
      dir = this.createdDir;
    } else {
      dir = this.table.dir as Direction;
      if (f.closed && transport === T_TCP && (p.tcpFlags & (TCP_SYN | TCP_ACK)) === TCP_SYN) {
        // A new connection on the tuple of a closed one.
        const old = f;
        f = this.newIpFlow(p, transport, -1);
        this.table.replace(old, f);
        dir = TO_SERVER;
      }
    }
    f.packets++;
    f.bytes += p.wirelen;
    if (p.tsMs > f.lastMs) f.lastMs = p.tsMs;
    f.lastFile = this.file;
    f.lastFrame = p.frame;
    this.pktDir = dir;
    if (dir === TO_SERVER ? !f.clientSeen : !f.serverSeen) this.firstFromSide(f, dir, p);
    if (transport === T_TCP) this.tcp(f, dir, p);
    else if (transport === T_UDP && p.payLen > 0) this.udp(f, dir, p);
  }

  /** Which side serves: a registered dissector port, then a well-known port, then a non-ephemeral one. */
  private serverness(tcp: boolean, port: number): number {
    if (this.registry.isRegisteredPort(tcp, port)) return 3;
    if (port < 1024) return 2;
    return port < 49152 ? 1 : 0;
  }

  private newIpFlow(p: Packet, transport: number, hash: number): Flow {
    let srcIsClient = true;
    if (isGroupIp(p.ipVersion, p.d0)) {
      // Multicast and broadcast addresses never send: their peer is the client (Who-Is, DHCP offers).
      srcIsClient = true;
    } else if (transport === T_TCP) {
      // A SYN that also carries FIN or RST opens nothing (scans, fuzzing): ports decide then.
      const syn = p.tcpFlags & (TCP_SYN | TCP_ACK | TCP_FIN | TCP_RST);
      if (syn === TCP_SYN) srcIsClient = true;
      else if (syn === (TCP_SYN | TCP_ACK)) srcIsClient = false;
      else srcIsClient = this.srcLooksClient(true, p);
    } else if (transport === T_UDP) {
      srcIsClient = this.srcLooksClient(false, p);
    } else {
      // ICMP: the echo (or other) request's sender is the client; an echo reply's sender the server.
      srcIsClient = !(p.icmpType === (transport === T_ICMP ? 0 : 129));
    }
    const f = new Flow(this.flows.length, transport, p.ipVersion, p.vlan, this.file, p.frame, p.tsMs);
    this.createdDir = srcIsClient ? TO_SERVER : TO_CLIENT;
    if (srcIsClient) {
      f.c0 = p.s0;
      f.c1 = p.s1;
      f.c2 = p.s2;
      f.c3 = p.s3;
      f.cPort = p.sport;
      f.s0 = p.d0;
      f.s1 = p.d1;
      f.s2 = p.d2;
      f.s3 = p.d3;
      f.sPort = p.dport;
    } else {
      f.c0 = p.d0;
      f.c1 = p.d1;
      f.c2 = p.d2;
      f.c3 = p.d3;
      f.cPort = p.dport;
      f.s0 = p.s0;
      f.s1 = p.s1;
      f.s2 = p.s2;
      f.s3 = p.s3;
      f.sPort = p.sport;
    }
    const client = this.hosts.host(p.ipVersion, f.c0, f.c1, f.c2, f.c3);
    const server = this.hosts.host(p.ipVersion, f.s0, f.s1, f.s2, f.s3);
    f.client = client;
    f.server = server;
    if (
      client.internet === null &&
      isPublicIp(server.version, server.w0) &&
      !isPublicIp(client.version, client.w0)
    ) {
      client.internet = { file: this.file, frame: p.frame };
    }
    if (transport === T_TCP || transport === T_UDP) {
      const candidates = this.registry.candidates(transport === T_TCP, f.sPort, f.cPort);
      if (candidates.length > 0) f.candidates = candidates;
      else f.decided = true;
    } else {
      f.decided = true;
    }
    this.flows.push(f);
    if (hash >= 0) this.table.insert(f, hash);
    return f;
  }

  /**
   * Client or server, without a SYN: TCP trusts the port classes and then the lower port; UDP lets only a
   * registered or well-known port outweigh the rule that the first sender asked (as Zeek does).
   */
  private srcLooksClient(tcp: boolean, p: Packet): boolean {
    const s = this.serverness(tcp, p.sport);
    const d = this.serverness(tcp, p.dport);
    if (tcp) return s !== d ? s < d : p.sport >= p.dport;
    return s !== d && (s >= 2 || d >= 2) ? s < d : true;
  }

  /** The first packet from one side: who sent it from which MAC, and whether the other side is a real device. */
  private firstFromSide(f: Flow, dir: Direction, p: Packet): void {
    const at = { file: this.file, frame: p.frame };
    if (dir === TO_SERVER) f.clientSeen = true;
    else f.serverSeen = true;
    const sender = dir === TO_SERVER ? f.client : f.server;
    const receiver = dir === TO_SERVER ? f.server : f.client;
    if (sender !== null && !sender.group && !sender.unspecified) {
      sender.active = true;
      if (p.vlan >= 0) sender.vlans.add(p.vlan);
    }
    if (p.srcMac >= 0 && !isGroupMac(p.srcMac)) {
      const m = this.hosts.mac(p.srcMac, p.vlan, at);
      m.sent = true;
      if (dir === TO_SERVER) f.clientMac = m;
      else f.serverMac = m;
      if (sender !== null && !sender.group && !sender.unspecified)
        this.hosts.bind(sender, m, at, isInitialTtl(p.ttl));
    }
    // A unicast frame reached the receiver (a subnet broadcast goes to the group MAC and names no device).
    if (
      receiver !== null &&
      !receiver.group &&
      !receiver.unspecified &&
      (p.dstMac < 0 || !isGroupMac(p.dstMac))
    ) {
      receiver.active = true;
    }
  }

  private tcp(f: Flow, dir: Direction, p: Packet): void {
    const flags = p.tcpFlags;
    if (!f.closed && f.dissecting) {
      if (f.tcp === null) this.revive(f);
      const streams = f.tcp!;
      const s = streams[dir];
      if (flags & TCP_SYN) s.syn(p.seq);
      if (flags & TCP_ACK) streams[dir === TO_SERVER ? TO_CLIENT : TO_SERVER].acked(p.ack);
      const fin = (flags & TCP_FIN) !== 0;
      if (p.payWireLen > 0 || fin) {
        const seq = flags & TCP_SYN ? (p.seq + 1) >>> 0 : p.seq;
        s.segment(
          seq,
          p.payLen > 0 ? p.data.subarray(p.payOff, p.payOff + p.payLen) : EMPTY,
          p.payWireLen,
          fin,
        );
      }
    }
    if (flags & TCP_RST) this.close(f);
    else if (flags & TCP_FIN) {
      f.fins |= dir === TO_SERVER ? 1 : 2;
      if (f.fins === 3) this.close(f);
    }
  }

  private udp(f: Flow, dir: Direction, p: Packet): void {
    if (!f.dissecting) return;
    const data = p.data.subarray(p.payOff, p.payOff + p.payLen);
    if (!f.decided) {
      const r = this.probe(f, dir, data);
      if (r === 0 && ++f.probes >= MAX_UDP_PROBES) this.decideNone(f);
      if (r <= 0) return;
    }
    if (f.state === null) this.revive(f);
    const d = f.dissector!;
    this.setContext(f, dir, d.name);
    try {
      d.parse(f.state, dir, data, this);
    } catch (err) {
      this.dissectorFailed(f, err);
      return;
    }
    if (f.done) this.release(f, false);
  }

  /** Starts (or restarts after idleness) a flow's reassembly and dissector state. */
  private revive(f: Flow): void {
    if (f.transport === T_TCP) f.tcp = [new TcpStream(f, TO_SERVER, this), new TcpStream(f, TO_CLIENT, this)];
    if (f.dissector !== null && f.state === null) f.state = f.dissector.newState();
    this.live.add(f);
  }

  /** FIN both ways or RST: the connection is over. */
  private close(f: Flow): void {
    if (f.closed) return;
    f.closed = true;
    this.release(f, true);
  }

  /**
   * Frees a flow's reassembly and dissector state; `flush` delivers what reassembly holds first. A closed,
   * failed or done flow stays freed; an idle one starts again on its next packet.
   */
  private release(f: Flow, flush: boolean): void {
    const streams = f.tcp;
    if (streams !== null) {
      // Ending delivers bytes: the flow keeps its streams meanwhile (a probe deciding now flushes the other one).
      for (const s of streams) {
        if (flush) s.end();
        else s.release();
      }
    }
    f.tcp = null;
    f.state = null;
    this.live.delete(f);
  }

  private sweep(now: number): void {
    this.lastSweepMs = now;
    this.lastSweepPacket = this.packets;
    for (const f of this.live) {
      if (now - f.lastMs > (f.transport === T_TCP ? TCP_IDLE_MS : UDP_IDLE_MS)) {
        // Bytes still held belong to PDUs that will not complete: dropped, not flushed.
        this.release(f, false);
      }
    }
  }

  // ---- protocol selection -------------------------------------------------------------------------------------

  /** Probes the candidates in order: 1 decided on a dissector, 0 waiting for more bytes, -1 none matches. */
  private probe(f: Flow, dir: Direction, data: Uint8Array): number {
    const candidates = f.candidates!;
    while (candidates.length > 0) {
      const d = candidates[0];
      let r: string;
      try {
        r = d.probe(data, dir);
      } catch (err) {
        this.setContext(f, dir, d.name);
        this.anomaly("dissector-error", `probe threw: ${(err as Error)?.message ?? String(err)}`);
        r = "reject";
      }
      if (r === "match") {
        this.choose(f, d);
        return 1;
      }
      if (r !== "reject") return 0;
      candidates.shift();
    }
    this.decideNone(f);
    return -1;
  }

  private choose(f: Flow, d: Dissector<unknown>): void {
    f.decided = true;
    f.dissector = d;
    f.protocolName = d.name;
    f.candidates = null;
    f.state = d.newState();
    this.live.add(f);
    const server = f.server;
    if (server !== null && !server.group) {
      server
        .getFacts()
        .addService(d.name, f.transport === T_TCP ? "tcp" : "udp", f.sPort, this.file, this.frame);
    }
  }

  private decideNone(f: Flow): void {
    f.decided = true;
    f.dissector = null;
    f.candidates = null;
    this.release(f, false);
  }

  private dissectorFailed(f: Flow, err: unknown): void {
    this.anomaly(
      "dissector-error",
      `parser threw: ${(err as Error)?.message ?? String(err)}; flow no longer dissected`,
    );
    f.broken = true;
    this.release(f, false);
  }

  // ---- TCP stream consumer --------------------------------------------------------------------------------------

  consume(f: Flow, dir: Direction, data: Uint8Array): number {
    if (!f.dissecting) return -1;
    if (!f.decided) {
      const r = this.probe(f, dir, data);
      if (r <= 0) return r;
      // Decided on this direction's bytes: the other direction may hold bytes it buffered meanwhile.
      f.tcp?.[dir === TO_SERVER ? TO_CLIENT : TO_SERVER].flush();
      if (f.tcp === null) return -1;
    }
    const d = f.dissector!;
    this.setContext(f, dir, d.name);
    let off = 0;
    try {
      while (off < data.length) {
        const n = d.parse(f.state, dir, off === 0 ? data : data.subarray(off), this);
        if (n === 0) break;
        if (n < 0) {
          this.anomaly(
            "unsynchronised",
            `${dir === TO_SERVER ? "client" : "server"} stream cannot be resynchronised`,
          );
          return -1;
        }
        off += n;
        if (f.done) break;
      }
    } catch (err) {
      this.dissectorFailed(f, err);
      return -1;
    }
    if (f.done) {
      this.release(f, false);
      return -1;
    }
    return Math.min(off, data.length);
  }

  gap(f: Flow, dir: Direction, missing: number): void {
    this.setContext(f, dir, "tcp");
    this.anomaly(
      "gap",
      `${missing} bytes ${dir === TO_SERVER ? "client to server" : "server to client"} not captured`,
    );
    const d = f.dissector;
    if (f.decided && d !== null && !f.broken && d.gap !== undefined) {
      this.ctxProtocol = d.name;
      try {
        d.gap(f.state, dir);
      } catch (err) {
        this.dissectorFailed(f, err);
      }
    }
  }

  overflow(f: Flow, dir: Direction, buffered: number): void {
    const d = f.dissector;
    if (!f.decided || d === null) {
      // No candidate could decide within the probing budget: not one of ours.
      this.decideNone(f);
      return;
    }
    this.setContext(f, dir, d.name);
    this.anomaly(
      "pdu-too-large",
      `${buffered} bytes without a complete PDU (limit ${d.limits.maxPdu}); dropped and resynchronised`,
    );
    if (d.gap !== undefined && !f.broken) {
      try {
        d.gap(f.state, dir);
      } catch (err) {
        this.dissectorFailed(f, err);
      }
    }
  }

  limit(f: Flow): number {
    return f.decided && f.dissector !== null ? f.dissector.limits.maxPdu : PROBE_LIMIT;
  }

  // ---- ARP and non-IP frames ------------------------------------------------------------------------------------

  private arp(p: Packet): void {
    const ip = p.arpSenderIp;
    if (ip === 0 || p.arpSenderMac === 0 || isGroupMac(p.arpSenderMac)) return;
    const host = this.hosts.host(4, ip, 0, 0, 0);
    if (host.group) return;
    const at = { file: this.file, frame: p.frame };
    const m = this.hosts.mac(p.arpSenderMac, p.vlan, at);
    m.sent = true;
    if (!m.arpIps.has(host)) this.hosts.bindArp(host, m, at);
  }

  private ether(p: Packet): void {
    if (p.srcMac < 0) return;
    // Ether flows are keyed by the MAC pair and the ethertype (or SNAP id), in the address fields.
    const key = p.snap >= 0 ? 0x10000 + (p.snap % 0x10000) : p.etherType;
    p.s0 = p.srcMac;
    p.d0 = p.dstMac;
    p.s1 = p.s2 = p.s3 = p.d1 = p.d2 = p.d3 = 0;
    p.sport = p.dport = key;
    const hash = packetHash(p, T_ETHER);
    let f = this.table.find(p, T_ETHER, hash);
    let dir = this.table.dir as Direction;
    if (f === null) {
      f = new Flow(this.flows.length, T_ETHER, 0, p.vlan, this.file, p.frame, p.tsMs);
      f.c0 = p.srcMac;
      f.s0 = p.dstMac;
      f.cPort = f.sPort = key;
      f.etherType = p.etherType;
      f.decided = true;
      const at = { file: this.file, frame: p.frame };
      f.clientMac = this.hosts.mac(p.srcMac, p.vlan, at);
      f.clientMac.sent = true;
      if (p.dstMac >= 0) f.serverMac = this.hosts.mac(p.dstMac, p.vlan, at);
      f.clientSeen = true;
      const link = this.registry.link(p.etherType, p.snap);
      if (link !== undefined) f.protocolName = link[0].name;
      this.flows.push(f);
      this.table.insert(f, hash);
      dir = TO_SERVER;
    } else if (dir === TO_CLIENT && !f.serverSeen) {
      f.serverSeen = true;
      if (f.serverMac !== null) f.serverMac.sent = true;
    }
    f.packets++;
    f.bytes += p.wirelen;
    if (p.tsMs > f.lastMs) f.lastMs = p.tsMs;
    f.lastFile = this.file;
    f.lastFrame = p.frame;
    const link = this.registry.link(p.etherType, p.snap);
    if (link === undefined) return;
    const data = p.l2Off < p.l2End ? p.frameBuf.subarray(p.l2Off, p.l2End) : EMPTY;
    for (const d of link) {
      this.setContext(f, dir, d.name);
      try {
        d.parse(data, this);
      } catch (err) {
        this.anomaly("dissector-error", `parser threw: ${(err as Error)?.message ?? String(err)}`);
      }
    }
  }

  // ---- the DissectorSink ----------------------------------------------------------------------------------------

  private setContext(f: Flow, dir: Direction, protocol: string): void {
    this.ctxFlow = f;
    this.ctxDir = dir;
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
    const p = this.pkt;
    const frameSender = (party === "src") === (this.ctxDir === this.pktDir);
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
