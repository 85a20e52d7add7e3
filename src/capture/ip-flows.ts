/**
 * IP packets to flows: finds or creates the packet's flow, decides which end is the client, counts the packet,
 * and passes TCP segments to reassembly (closing the connection on FIN both ways or RST) and UDP datagrams to
 * delivery. It exists as the one owner of the flow table's IP side; what a flow's bytes mean is decided
 * further on (probe, delivery, sink), what its frames say at layer 2 in the link layer.
 */
import { isGroupIp, isPublicIp } from "./decode/address.js";
import { type Packet, TCP_ACK, TCP_FIN, TCP_RST, TCP_SYN } from "./decode/packet.js";
import type { Delivery } from "./delivery.js";
import { type Direction, TO_CLIENT, TO_SERVER } from "./dissector.js";
import type { EventSink } from "./event-sink.js";
import { Flow, T_ICMP, T_TCP, T_UDP } from "./flows/flow.js";
import { type FlowTable, packetHash } from "./flows/flow-table.js";
import type { DissectorRegistry } from "./flows/registry.js";
import type { HostTable } from "./inventory/hosts.js";
import type { LinkLayer } from "./link-layer.js";
import type { LiveFlows } from "./live-flows.js";
import type { ProbeStep } from "./probe.js";

const EMPTY = new Uint8Array(0);

export class IpFlows {
  constructor(
    private readonly flows: Flow[],
    private readonly table: FlowTable,
    private readonly registry: DissectorRegistry,
    private readonly hosts: HostTable,
    private readonly link: LinkLayer,
    private readonly probes: ProbeStep,
    private readonly delivery: Delivery,
    private readonly live: LiveFlows,
    private readonly sink: EventSink,
  ) {}

  /** A decoded TCP, UDP or ICMP packet (`transport` a T_ constant) of file `file`. */
  packet(p: Packet, transport: number, file: number): void {
    const hash = packetHash(p, transport);
    let f = this.table.find(p, transport, hash);
    let dir: Direction;
    if (f === null) {
      const srcIsClient = this.sourceIsClient(p, transport);
      f = this.newFlow(p, transport, hash, srcIsClient, file);
      dir = srcIsClient ? TO_SERVER : TO_CLIENT;
    } else {
      dir = this.table.dir as Direction;
      if (f.closed && transport === T_TCP && (p.tcpFlags & (TCP_SYN | TCP_ACK)) === TCP_SYN) {
        // A new connection on the tuple of a closed one.
        const old = f;
        f = this.newFlow(p, transport, -1, this.sourceIsClient(p, transport), file);
        this.table.replace(old, f);
        dir = TO_SERVER;
      }
    }
    f.packets++;
    f.bytes += p.wirelen;
    if (p.tsMs > f.lastMs) f.lastMs = p.tsMs;
    f.lastFile = file;
    f.lastFrame = p.frame;
    this.sink.packetDir = dir;
    if (dir === TO_SERVER ? !f.clientSeen : !f.serverSeen) this.link.firstFromSide(f, dir, p, file);
    if (dir === TO_CLIENT && f.answerFrame === 0 && p.payWireLen > 0) {
      f.answerFile = file;
      f.answerFrame = p.frame;
    }
    if (transport === T_TCP) this.tcp(f, dir, p);
    else if (transport === T_UDP && p.payLen > 0) this.delivery.datagram(f, dir, p);
  }

  /** Whether the packet that opens a flow comes from its client. */
  private sourceIsClient(p: Packet, transport: number): boolean {
    // Multicast and broadcast addresses never send: their peer is the client (Who-Is, DHCP offers).
    if (isGroupIp(p.ipVersion, p.d0)) return true;
    if (transport === T_TCP) {
      // A SYN that also carries FIN or RST opens nothing (scans, fuzzing): ports decide then.
      const syn = p.tcpFlags & (TCP_SYN | TCP_ACK | TCP_FIN | TCP_RST);
      if (syn === TCP_SYN) return true;
      if (syn === (TCP_SYN | TCP_ACK)) return false;
      return this.srcLooksClient(true, p);
    }
    if (transport === T_UDP) return this.srcLooksClient(false, p);
    // ICMP: the echo (or other) request's sender is the client; an echo reply's sender the server.
    return !(p.icmpType === (transport === T_ICMP ? 0 : 129));
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

  /** Which side serves: a registered dissector port, then a well-known port, then a non-ephemeral one. */
  private serverness(tcp: boolean, port: number): number {
    if (this.registry.isRegisteredPort(tcp, port)) return 3;
    if (port < 1024) return 2;
    return port < 49152 ? 1 : 0;
  }

  /** The flow `p` opens; `hash` -1 leaves it out of the table (the caller replaces a closed flow with it). */
  private newFlow(p: Packet, transport: number, hash: number, srcIsClient: boolean, file: number): Flow {
    const f = new Flow(this.flows.length, transport, p.ipVersion, p.vlan, file, p.frame, p.tsMs);
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
      client.internet = { file, frame: p.frame };
    }
    if (transport === T_TCP || transport === T_UDP) this.probes.start(f, transport === T_TCP);
    else f.decided = true;
    this.flows.push(f);
    if (hash >= 0) this.table.insert(f, hash);
    return f;
  }

  private tcp(f: Flow, dir: Direction, p: Packet): void {
    const flags = p.tcpFlags;
    if (!f.closed && f.dissecting) {
      if (f.tcp === null) this.delivery.revive(f);
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
    if (flags & TCP_RST) this.live.close(f);
    else if (flags & TCP_FIN) {
      f.fins |= dir === TO_SERVER ? 1 : 2;
      if (f.fins === 3) this.live.close(f);
    }
  }
}
