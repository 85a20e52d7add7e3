/**
 * The probe step: which dissector a TCP or UDP flow gets. Ports only choose the candidates and their order; a
 * candidate's `probe` on the first bytes confirms (see docs/architecture.md, "Dissectors"). It is apart from the
 * delivery of bytes because it runs once per flow until decided, and deciding has its own consequences: the
 * server's service in the inventory, or no dissection at all.
 */
import type { Direction, Dissector } from "./dissector.js";
import type { EventSink } from "./event-sink.js";
import { type Flow, T_TCP } from "./flows/flow.js";
import type { DissectorRegistry } from "./flows/registry.js";
import type { LiveFlows } from "./live-flows.js";

/** Bytes of one direction kept while no candidate dissector has decided yet. */
export const PROBE_LIMIT = 16 * 1024;
/** UDP datagrams probed before a flow is declared to be of no known protocol. */
export const MAX_UDP_PROBES = 8;

export class ProbeStep {
  constructor(
    private readonly registry: DissectorRegistry,
    private readonly live: LiveFlows,
    private readonly sink: EventSink,
  ) {}

  /** A new TCP or UDP flow: the candidates to probe, by its ports; none decides it at once. */
  start(f: Flow, tcp: boolean): void {
    const candidates = this.registry.candidates(tcp, f.sPort, f.cPort);
    if (candidates.length > 0) f.candidates = candidates;
    else f.decided = true;
  }

  /** Probes the candidates in order: 1 decided on a dissector, 0 waiting for more bytes, -1 none matches. */
  probe(f: Flow, dir: Direction, data: Uint8Array): number {
    const candidates = f.candidates!;
    while (candidates.length > 0) {
      const d = candidates[0];
      let r: string;
      try {
        r = d.probe(data, dir);
      } catch (err) {
        this.sink.setContext(f, dir, d.name);
        this.sink.anomaly("dissector-error", `probe threw: ${(err as Error)?.message ?? String(err)}`);
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

  /** No candidate is the flow's protocol: it is only counted from now on. */
  decideNone(f: Flow): void {
    f.decided = true;
    f.dissector = null;
    f.candidates = null;
    this.live.release(f, false);
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
        .addService(d.name, f.transport === T_TCP ? "tcp" : "udp", f.sPort, this.sink.file, this.sink.frame);
    }
  }
}
