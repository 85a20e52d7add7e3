/**
 * What frames say at layer 2: the MAC each side of an IP flow sends from (and so which IPs a device holds),
 * ARP claims, and non-IP frames as ether flows handed to the link dissectors (LLDP, Profinet DCP, CDP). It
 * exists apart from the IP flow path because these are the inventory's MAC/IP pairings, recorded once per flow
 * side or per ARP packet, never per packet otherwise.
 */
import { isGroupMac, isInitialTtl } from "./decode/address.js";
import type { Packet } from "./decode/packet.js";
import { type Direction, TO_CLIENT, TO_SERVER } from "./dissector.js";
import type { EventSink } from "./event-sink.js";
import { Flow, T_ETHER } from "./flows/flow.js";
import { type FlowTable, packetHash } from "./flows/flow-table.js";
import type { DissectorRegistry } from "./flows/registry.js";
import type { HostTable } from "./inventory/hosts.js";

const EMPTY = new Uint8Array(0);

export class LinkLayer {
  constructor(
    private readonly flows: Flow[],
    private readonly table: FlowTable,
    private readonly registry: DissectorRegistry,
    private readonly hosts: HostTable,
    private readonly sink: EventSink,
  ) {}

  /**
   * The first packet from one side of IP flow `f` (in `file`): who sent it from which MAC, and whether the
   * other side is a real device.
   */
  firstFromSide(f: Flow, dir: Direction, p: Packet, file: number): void {
    const at = { file, frame: p.frame };
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

  /** An ARP packet (in `file`): the sender claims its IP for its MAC. */
  arp(p: Packet, file: number): void {
    const ip = p.arpSenderIp;
    if (ip === 0 || p.arpSenderMac === 0 || isGroupMac(p.arpSenderMac)) return;
    const host = this.hosts.host(4, ip, 0, 0, 0);
    if (host.group) return;
    const at = { file, frame: p.frame };
    const m = this.hosts.mac(p.arpSenderMac, p.vlan, at);
    m.sent = true;
    if (!m.arpIps.has(host)) this.hosts.bindArp(host, m, at);
  }

  /** A non-IP frame (in `file`): counted on its ether flow and given to the link dissectors of its type. */
  ether(p: Packet, file: number): void {
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
      f = new Flow(this.flows.length, T_ETHER, 0, p.vlan, file, p.frame, p.tsMs);
      f.c0 = p.srcMac;
      f.s0 = p.dstMac;
      f.cPort = f.sPort = key;
      f.etherType = p.etherType;
      f.decided = true;
      const at = { file, frame: p.frame };
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
    f.lastFile = file;
    f.lastFrame = p.frame;
    const link = this.registry.link(p.etherType, p.snap);
    if (link === undefined) return;
    const data = p.l2Off < p.l2End ? p.frameBuf.subarray(p.l2Off, p.l2End) : EMPTY;
    const sink = this.sink;
    for (const d of link) {
      sink.setContext(f, dir, d.name);
      try {
        d.parse(data, sink);
      } catch (err) {
        sink.anomaly("dissector-error", `parser threw: ${(err as Error)?.message ?? String(err)}`);
      }
    }
  }
}
