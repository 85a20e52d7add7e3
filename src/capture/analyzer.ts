/**
 * The packet driver: decodes each packet once into the one reusable {@link Packet}, frees idle flows, and hands
 * the packet to the step for its kind (IP flows, ARP, other frames). It owns the steps and wires them once;
 * each packet then passes through them without building strings or objects (see docs/architecture.md):
 *
 * - `ip-flows.ts`: the flow of an IP packet, its client and server, TCP segments to reassembly;
 * - `link-layer.ts`: MAC/IP pairings, ARP, non-IP frames and their link dissectors;
 * - `probe.ts`: which dissector a flow gets; `delivery.ts`: bytes to that dissector;
 * - `live-flows.ts`: the flows holding state, and freeing it;
 * - `event-sink.ts`: the dissectors' events into counters, inventory facts, observations and anomalies.
 */
import { Decoder } from "./decode/decoder.js";
import { KIND_ARP, KIND_ETHER, KIND_ICMP, KIND_TCP, KIND_UDP, Packet } from "./decode/packet.js";
import { Delivery } from "./delivery.js";
import type { Dissector, LinkDissector } from "./dissector.js";
import { EventSink } from "./event-sink.js";
import { type Flow, T_ICMP, T_ICMPV6, T_TCP, T_UDP } from "./flows/flow.js";
import { FlowTable } from "./flows/flow-table.js";
import { DissectorRegistry } from "./flows/registry.js";
import { HostTable } from "./inventory/hosts.js";
import { IpFlows } from "./ip-flows.js";
import { LinkLayer } from "./link-layer.js";
import { LiveFlows } from "./live-flows.js";
import { ProbeStep } from "./probe.js";
import type { RawPacket } from "./readers/raw-packet.js";

/** Capture time between sweeps for idle flows. */
const SWEEP_EVERY_MS = 60_000;

export class Analyzer {
  packets = 0;
  bytes = 0;
  /** Every flow, in creation order (its id). */
  readonly flows: Flow[] = [];
  readonly hosts = new HostTable();
  /** The events and where they came from: observations, anomalies, file names. */
  readonly events: EventSink;

  private readonly pkt = new Packet();
  private readonly decoder: Decoder;
  private readonly live = new LiveFlows();
  private readonly ip: IpFlows;
  private readonly link: LinkLayer;
  private lastSweepMs = Number.NEGATIVE_INFINITY;
  private lastSweepPacket = 0;

  /** The dissector index, which the inventory also reads: what a host answering on a registered port serves. */
  readonly registry: DissectorRegistry;

  constructor(dissectors: readonly Dissector<unknown>[], linkDissectors: readonly LinkDissector[]) {
    const registry = new DissectorRegistry(dissectors, linkDissectors);
    this.registry = registry;
    const table = new FlowTable();
    const sink = new EventSink(this.hosts, this.pkt);
    const probes = new ProbeStep(registry, this.live, sink);
    const delivery = new Delivery(probes, this.live, sink);
    this.events = sink;
    this.decoder = new Decoder(sink);
    this.link = new LinkLayer(this.flows, table, registry, this.hosts, sink);
    this.ip = new IpFlows(
      this.flows,
      table,
      registry,
      this.hosts,
      this.link,
      probes,
      delivery,
      this.live,
      sink,
    );
  }

  startFile(name: string): void {
    this.events.startFile(name);
  }

  packet(raw: RawPacket): void {
    this.packets++;
    this.bytes += raw.wirelen;
    const sink = this.events;
    sink.frame = raw.frame;
    sink.clearContext();
    const p = this.pkt;
    const kind = this.decoder.decode(raw, p);
    // Before this packet: a flow silent for long is idle even if this packet belongs to it. A clock that
    // jumped back (a bogus future timestamp, concatenated captures) resets the sweep, at most every 1024 packets.
    const t = p.tsMs;
    if (
      t - this.lastSweepMs >= SWEEP_EVERY_MS ||
      (t < this.lastSweepMs - SWEEP_EVERY_MS && this.packets - this.lastSweepPacket >= 1024)
    ) {
      this.lastSweepMs = t;
      this.lastSweepPacket = this.packets;
      this.live.sweep(t);
    }
    const file = sink.file;
    if (kind === KIND_TCP) this.ip.packet(p, T_TCP, file);
    else if (kind === KIND_UDP) this.ip.packet(p, T_UDP, file);
    else if (kind === KIND_ICMP) this.ip.packet(p, p.ipProto === 58 ? T_ICMPV6 : T_ICMP, file);
    else if (kind === KIND_ARP) this.link.arp(p, file);
    else if (kind === KIND_ETHER) this.link.ether(p, file);
  }

  /** End of the last file: deliver what reassembly still holds and free all state. */
  finish(): void {
    const sink = this.events;
    for (const f of this.live.list()) {
      // The events a flushed flow still gives are placed at its last packet.
      sink.file = f.lastFile;
      sink.frame = f.lastFrame;
      this.live.release(f, true);
    }
  }
}
