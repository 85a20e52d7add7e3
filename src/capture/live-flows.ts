/**
 * The flows holding reassembly or dissector state, and the one way that state is freed. It exists on its own
 * because every step can end a flow's dissection (the probe finds nothing, a dissector finishes or fails, the
 * connection closes, the flow falls idle) and all must free the same things in the same order.
 */
import { type Flow, T_TCP } from "./flows/flow.js";

/** A TCP or UDP flow silent this long (capture time) has its reassembly and dissector state freed. */
export const TCP_IDLE_MS = 15 * 60_000;
export const UDP_IDLE_MS = 2 * 60_000;

export class LiveFlows {
  private readonly live = new Set<Flow>();

  add(f: Flow): void {
    this.live.add(f);
  }

  /** FIN both ways or RST: the connection is over. */
  close(f: Flow): void {
    if (f.closed) return;
    f.closed = true;
    this.release(f, true);
  }

  /**
   * Frees a flow's reassembly and dissector state; `flush` delivers what reassembly holds first. A closed,
   * failed or done flow stays freed; an idle one starts again on its next packet.
   */
  release(f: Flow, flush: boolean): void {
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

  /** Frees the state of flows silent since before `now` less their idle time. */
  sweep(now: number): void {
    for (const f of this.live) {
      if (now - f.lastMs > (f.transport === T_TCP ? TCP_IDLE_MS : UDP_IDLE_MS)) {
        // Bytes still held belong to PDUs that will not complete: dropped, not flushed.
        this.release(f, false);
      }
    }
  }

  /** A snapshot of the live flows, for ending them all (releasing removes from the set). */
  list(): Flow[] {
    return [...this.live];
  }
}
