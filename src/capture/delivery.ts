/**
 * Hands a flow's bytes to its dissector: reassembled TCP bytes (this is reassembly's {@link StreamConsumer}) and
 * UDP datagrams, probing first while the flow is undecided. It exists apart from the flow table because it is
 * the one place that calls dissector code, so the one place that sets the sink's context for it and contains
 * a dissector that throws.
 */
import type { Packet } from "./decode/packet.js";
import { type Direction, TO_CLIENT, TO_SERVER } from "./dissector.js";
import type { EventSink } from "./event-sink.js";
import { type Flow, T_TCP } from "./flows/flow.js";
import type { LiveFlows } from "./live-flows.js";
import { MAX_UDP_PROBES, PROBE_LIMIT, type ProbeStep } from "./probe.js";
import { type StreamConsumer, TcpStream } from "./tcp/stream.js";

export class Delivery implements StreamConsumer<Flow> {
  constructor(
    private readonly probes: ProbeStep,
    private readonly live: LiveFlows,
    private readonly sink: EventSink,
  ) {}

  /** Starts (or restarts after idleness) a flow's reassembly and dissector state. */
  revive(f: Flow): void {
    if (f.transport === T_TCP) f.tcp = [new TcpStream(f, TO_SERVER, this), new TcpStream(f, TO_CLIENT, this)];
    if (f.dissector !== null && f.state === null) f.state = f.dissector.newState();
    this.live.add(f);
  }

  /** The payload of UDP packet `p`, `dir` in flow `f`. */
  datagram(f: Flow, dir: Direction, p: Packet): void {
    if (!f.dissecting) return;
    const data = p.data.subarray(p.payOff, p.payOff + p.payLen);
    if (!f.decided) {
      const r = this.probes.probe(f, dir, data);
      if (r === 0 && ++f.probes >= MAX_UDP_PROBES) this.probes.decideNone(f);
      if (r <= 0) return;
    }
    if (f.state === null) this.revive(f);
    const d = f.dissector!;
    this.sink.setContext(f, dir, d.name);
    try {
      d.parse(f.state, dir, data, this.sink);
    } catch (err) {
      this.failed(f, err);
      return;
    }
    if (f.done) this.live.release(f, false);
  }

  consume(f: Flow, dir: Direction, data: Uint8Array): number {
    if (!f.dissecting) return -1;
    if (!f.decided) {
      const r = this.probes.probe(f, dir, data);
      if (r <= 0) return r;
      // Decided on this direction's bytes: the other direction may hold bytes it buffered meanwhile.
      f.tcp?.[dir === TO_SERVER ? TO_CLIENT : TO_SERVER].flush();
      if (f.tcp === null) return -1;
    }
    const d = f.dissector!;
    const sink = this.sink;
    sink.setContext(f, dir, d.name);
    let off = 0;
    try {
      while (off < data.length) {
        const n = d.parse(f.state, dir, off === 0 ? data : data.subarray(off), sink);
        if (n === 0) break;
        if (n < 0) {
          sink.anomaly(
            "unsynchronised",
            `${dir === TO_SERVER ? "client" : "server"} stream cannot be resynchronised`,
          );
          return -1;
        }
        off += n;
        if (f.done) break;
      }
    } catch (err) {
      this.failed(f, err);
      return -1;
    }
    if (f.done) {
      this.live.release(f, false);
      return -1;
    }
    return Math.min(off, data.length);
  }

  gap(f: Flow, dir: Direction, missing: number): void {
    this.sink.setContext(f, dir, "tcp");
    this.sink.anomaly(
      "gap",
      `${missing} bytes ${dir === TO_SERVER ? "client to server" : "server to client"} not captured`,
    );
    const d = f.dissector;
    if (f.decided && d !== null && !f.broken && d.gap !== undefined) {
      this.sink.setProtocol(d.name);
      try {
        d.gap(f.state, dir);
      } catch (err) {
        this.failed(f, err);
      }
    }
  }

  overflow(f: Flow, dir: Direction, buffered: number): void {
    const d = f.dissector;
    if (!f.decided || d === null) {
      // No candidate could decide within the probing budget: not one of ours.
      this.probes.decideNone(f);
      return;
    }
    this.sink.setContext(f, dir, d.name);
    this.sink.anomaly(
      "pdu-too-large",
      `${buffered} bytes without a complete PDU (limit ${d.limits.maxPdu}); dropped and resynchronised`,
    );
    if (d.gap !== undefined && !f.broken) {
      try {
        d.gap(f.state, dir);
      } catch (err) {
        this.failed(f, err);
      }
    }
  }

  limit(f: Flow): number {
    return f.decided && f.dissector !== null ? f.dissector.limits.maxPdu : PROBE_LIMIT;
  }

  /** The dissector threw: the flow keeps its protocol and is only counted from now on. */
  private failed(f: Flow, err: unknown): void {
    this.sink.anomaly(
      "dissector-error",
      `parser threw: ${(err as Error)?.message ?? String(err)}; flow no longer dissected`,
    );
    f.broken = true;
    this.live.release(f, false);
  }
}
