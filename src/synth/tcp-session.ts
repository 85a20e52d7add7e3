/**
 * One TCP connection as a packet source: a three-way handshake with realistic options, data cut into
 * MSS-sized segments with correct sequence and acknowledgement numbers, delayed ACKs on bulk transfers,
 * occasional retransmissions and out-of-order segments, and a FIN teardown. Methods are generators so a
 * session script reads in protocol order while the timeline interleaves it with everything else.
 */
import { TCP_ACK, TCP_FIN, TCP_PSH, TCP_SYN, tcpFrame } from "./frames.js";
import type { Network, SynthHost } from "./network.js";
import type { Prng } from "./prng.js";
import type { Emitted } from "./timeline.js";

export const CLIENT = 0;
export const SERVER = 1;
export type Side = typeof CLIENT | typeof SERVER;

/** MSS 1460, NOP, window scale 8, NOP, NOP, SACK permitted: what Windows and Linux stacks send. */
const SYN_OPTIONS = Uint8Array.from([0x02, 0x04, 0x05, 0xb4, 0x01, 0x03, 0x03, 0x08, 0x01, 0x01, 0x04, 0x02]);

export interface TcpTuning {
  /** Round-trip time between the capture point and the server, microseconds. */
  rtt: number;
  mss: number;
  /** Probability that a data segment is seen again as a retransmission. */
  retransmitRate: number;
  /** Probability that two adjacent segments of a bulk send are seen swapped. */
  reorderRate: number;
  /** Microseconds between back-to-back segments of a bulk send (sets the line rate). */
  segmentGap: number;
}

const DEFAULT_TUNING: TcpTuning = { rtt: 400, mss: 1460, retransmitRate: 0, reorderRate: 0, segmentGap: 40 };

export class TcpSession {
  /** Time of the last frame, microseconds since the epoch. */
  t: number;
  private readonly seq: [number, number];
  private readonly hosts: [SynthHost, SynthHost];
  private readonly ports: [number, number];
  private readonly window: [number, number] = [1026, 502];
  private readonly tuning: TcpTuning;

  constructor(
    private readonly net: Network,
    private readonly rng: Prng,
    client: SynthHost,
    clientPort: number,
    server: SynthHost,
    serverPort: number,
    start: number,
    tuning: Partial<TcpTuning> = {},
  ) {
    this.t = Math.round(start);
    this.hosts = [client, server];
    this.ports = [clientPort, serverPort];
    this.seq = [rng.next(), rng.next()];
    this.tuning = { ...DEFAULT_TUNING, ...tuning };
  }

  get client(): SynthHost {
    return this.hosts[CLIENT];
  }

  get server(): SynthHost {
    return this.hosts[SERVER];
  }

  private emit(
    side: Side,
    flags: number,
    payload: Uint8Array,
    seq = this.seq[side],
    options?: Uint8Array,
  ): Emitted {
    const src = this.hosts[side];
    const dst = this.hosts[1 - side];
    const frame = tcpFrame(
      this.net.link(src, dst),
      { src: src.ip, dst: dst.ip, ttl: this.net.ttlOf(src), id: src.ipId, df: true },
      {
        sport: this.ports[side],
        dport: this.ports[1 - side],
        seq,
        ack: flags & TCP_ACK ? this.seq[1 - side] : 0,
        flags,
        window: flags & TCP_SYN ? (side === CLIENT ? 64240 : 65535) : this.window[side],
        options,
      },
      payload,
    );
    src.ipId = (src.ipId + 1) & 0xffff;
    return { at: this.t, frame };
  }

  private advance(us: number): void {
    this.t += Math.max(0, Math.round(us));
  }

  /** SYN, SYN-ACK, ACK. */
  *open(): Generator<Emitted> {
    yield this.emit(CLIENT, TCP_SYN, EMPTY, this.seq[CLIENT], SYN_OPTIONS);
    this.seq[CLIENT] = (this.seq[CLIENT] + 1) >>> 0;
    this.advance(this.rng.jitter(this.tuning.rtt, 0.2));
    yield this.emit(SERVER, TCP_SYN | TCP_ACK, EMPTY, this.seq[SERVER], SYN_OPTIONS);
    this.seq[SERVER] = (this.seq[SERVER] + 1) >>> 0;
    this.advance(this.rng.between(20, 120));
    yield this.emit(CLIENT, TCP_ACK, EMPTY);
  }

  /**
   * `payload` from `side` after `delay` microseconds, cut into MSS-sized segments. Multi-segment sends are
   * acknowledged by the peer every second segment and at the end.
   */
  *send(side: Side, payload: Uint8Array, delay = 0): Generator<Emitted> {
    this.advance(delay);
    const { mss } = this.tuning;
    const count = Math.max(1, Math.ceil(payload.length / mss));
    const bulk = count > 1;
    const order: number[] = [];
    for (let i = 0; i < count; i++) order.push(i);
    if (bulk && this.tuning.reorderRate > 0) {
      for (let i = 0; i + 1 < count; i++) {
        if (this.rng.chance(this.tuning.reorderRate)) {
          [order[i], order[i + 1]] = [order[i + 1], order[i]];
          i++;
        }
      }
    }
    const base = this.seq[side];
    let sent = 0;
    for (const i of order) {
      const start = i * mss;
      const chunk = payload.subarray(start, Math.min(payload.length, start + mss));
      const last = i === count - 1;
      const seq = (base + start) >>> 0;
      if (sent > 0) this.advance(this.rng.jitter(this.tuning.segmentGap, 0.3));
      yield this.emit(side, last ? TCP_PSH | TCP_ACK : TCP_ACK, chunk, seq);
      // A retransmitted one-byte segment is indistinguishable from a keep-alive probe; analysers take it for one.
      if (chunk.length > 1 && this.rng.chance(this.tuning.retransmitRate)) {
        this.advance(bulk ? this.rng.between(2000, 6000) : this.rng.between(200000, 260000));
        yield this.emit(side, last ? TCP_PSH | TCP_ACK : TCP_ACK, chunk, seq);
      }
      sent++;
      if (bulk && (sent % 2 === 0 || sent === count)) {
        // The peer acknowledges what it has in order; after a swap that is the data up to the gap.
        const acked = this.contiguous(order, sent, mss, payload.length);
        this.advance(this.rng.between(15, 60));
        this.seq[side] = (base + acked) >>> 0;
        yield this.emit((1 - side) as Side, TCP_ACK, EMPTY);
      }
    }
    this.seq[side] = (base + payload.length) >>> 0;
  }

  /**
   * Bytes received in order once the first `sent` segments of `order` have arrived. Swaps are of disjoint
   * adjacent pairs, so only a pair straddling the boundary leaves a hole (its earlier segment still missing).
   */
  private contiguous(order: readonly number[], sent: number, mss: number, total: number): number {
    const segments = order[sent - 1] === sent ? sent - 1 : sent;
    return Math.min(total, segments * mss);
  }

  /** A pure ACK from `side` after `delay` microseconds. */
  *ack(side: Side, delay = 0): Generator<Emitted> {
    this.advance(delay);
    yield this.emit(side, TCP_ACK, EMPTY);
  }

  /**
   * Request and response: the server answers after `serviceTime`, and the client acknowledges a single-segment
   * response on its own (a bulk response was acknowledged as it arrived).
   */
  *exchange(request: Uint8Array, response: Uint8Array, serviceTime: number, delay = 0): Generator<Emitted> {
    yield* this.send(CLIENT, request, delay);
    yield* this.send(SERVER, response, this.tuning.rtt / 2 + serviceTime);
    if (response.length <= this.tuning.mss) yield* this.ack(CLIENT, this.rng.between(200, 40000));
  }

  /** FIN from `side`, FIN from the peer, final ACK. */
  *close(side: Side = CLIENT, delay = 0): Generator<Emitted> {
    this.advance(delay);
    const other = (1 - side) as Side;
    yield this.emit(side, TCP_FIN | TCP_ACK, EMPTY);
    this.seq[side] = (this.seq[side] + 1) >>> 0;
    this.advance(this.rng.jitter(this.tuning.rtt, 0.3));
    yield this.emit(other, TCP_FIN | TCP_ACK, EMPTY);
    this.seq[other] = (this.seq[other] + 1) >>> 0;
    this.advance(this.rng.between(20, 200));
    yield this.emit(side, TCP_ACK, EMPTY);
  }
}

const EMPTY = new Uint8Array(0);
