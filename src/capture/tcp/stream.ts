/**
 * One direction of a TCP connection: turns captured segments (in any order, repeated, overlapping, with holes)
 * into ordered bytes for a consumer. When nothing is buffered the segment's own bytes are handed over (no copy);
 * only what the consumer leaves unconsumed is copied into a buffer bounded by the consumer's limit.
 */
import type { Direction } from "../dissector.js";

export interface StreamConsumer<O> {
  /** Ordered bytes of one direction; returns how many were consumed, or -1 to stop reading this direction. */
  consume(owner: O, dir: Direction, data: Uint8Array): number;
  /** `missing` bytes of this direction were never captured: partial PDUs must be dropped. */
  gap(owner: O, dir: Direction, missing: number): void;
  /** Unconsumed bytes reached the limit (`buffered` bytes): they were dropped, a gap for the consumer. */
  overflow(owner: O, dir: Direction, buffered: number): void;
  /** Most unconsumed bytes kept for this owner (the dissector's maxPdu, or the probing budget). */
  limit(owner: O): number;
}

/** Out-of-order segments held while waiting for a hole to fill; past either cap the hole is declared lost. */
export const MAX_OUT_OF_ORDER_SEGMENTS = 32;
export const MAX_OUT_OF_ORDER_BYTES = 256 * 1024;
/** Acknowledgements further ahead than this are not believed (garbage or a different connection). */
const MAX_ACK_JUMP = 1 << 30;
const EMPTY = new Uint8Array(0);
const INITIAL_BUFFER = 4096;

interface Segment {
  seq: number;
  data: Uint8Array;
  wireLen: number;
  fin: boolean;
}

/** `a - b` in sequence space (wraps at 2^32). */
function seqDiff(a: number, b: number): number {
  return (a - b) | 0;
}

export class TcpStream<O> {
  /** Sequence number of the next byte to deliver. */
  nextSeq = 0;
  started = false;
  /** The consumer stopped reading: later segments are ignored. */
  stopped = false;
  /** A FIN was delivered in order. */
  finished = false;
  private buf: Uint8Array = EMPTY;
  private bufLen = 0;
  private queue: Segment[] = [];
  private queuedBytes = 0;

  constructor(
    readonly owner: O,
    readonly dir: Direction,
    private readonly consumer: StreamConsumer<O>,
  ) {}

  /** A SYN with initial sequence number `seq`: data starts at seq + 1. */
  syn(seq: number): void {
    if (this.started) return;
    this.started = true;
    this.nextSeq = (seq + 1) >>> 0;
  }

  /**
   * A segment carrying `data` (captured bytes) of `wireLen` bytes on the wire at sequence `seq`; `fin` when it
   * also carries FIN (which takes one sequence number after the data).
   */
  segment(seq: number, data: Uint8Array, wireLen: number, fin: boolean): void {
    if (this.stopped || this.finished) return;
    if (!this.started) {
      if (wireLen === 0) return;
      this.started = true;
      this.nextSeq = seq;
    }
    const rel = seqDiff(seq, this.nextSeq);
    if (rel > 0) {
      if (wireLen > 0 || fin) this.hold(seq, data, wireLen, fin);
      return;
    }
    if (rel + wireLen <= 0) {
      if (wireLen === 0 && fin && rel === 0) this.finished = true;
      return;
    }
    this.accept(data, wireLen, -rel);
    if (fin) this.finished = true;
    if (this.queue.length > 0) this.drain();
  }

  /** The other side acknowledged up to `ack`: bytes before it that were never captured are lost. */
  acked(ack: number): void {
    if (!this.started || this.stopped || this.finished) return;
    const rel = seqDiff(ack, this.nextSeq);
    if (rel <= 0 || rel > MAX_ACK_JUMP) return;
    const first = this.queue[0];
    if (first !== undefined && seqDiff(first.seq, this.nextSeq) < rel) {
      this.skipTo(first.seq);
    } else {
      this.lost(rel);
      this.nextSeq = ack >>> 0;
    }
    this.drain();
  }

  /** End of the connection (FIN/RST) or of the capture: deliver what is held, across any holes. */
  end(): void {
    while (this.queue.length > 0 && !this.stopped) {
      this.skipTo(this.queue[0].seq);
      this.drain();
    }
    this.release();
  }

  /** Offers the buffered bytes to the consumer again (its protocol was just decided by the other direction). */
  flush(): void {
    if (this.stopped || this.bufLen === 0) return;
    const total = this.bufLen;
    const used = this.consumer.consume(this.owner, this.dir, this.buf.subarray(0, total));
    if (used < 0) this.release();
    else if (used > 0) {
      this.buf.copyWithin(0, used, total);
      this.bufLen = total - used;
    }
  }

  /** Frees the buffers; the stream accepts no more data. */
  release(): void {
    this.buf = EMPTY;
    this.bufLen = 0;
    this.queue = [];
    this.queuedBytes = 0;
    this.stopped = true;
  }

  /** In-order bytes: `skip` leading bytes were already delivered (an overlapping retransmission). */
  private accept(data: Uint8Array, wireLen: number, skip: number): void {
    this.nextSeq = (this.nextSeq + wireLen - skip) >>> 0;
    if (skip < data.length) this.push(skip === 0 ? data : data.subarray(skip));
    const cut = wireLen - Math.max(data.length, skip);
    if (cut > 0) this.lost(cut);
  }

  private hold(seq: number, data: Uint8Array, wireLen: number, fin: boolean): void {
    if (
      this.queue.length >= MAX_OUT_OF_ORDER_SEGMENTS ||
      this.queuedBytes + data.length > MAX_OUT_OF_ORDER_BYTES
    ) {
      // The hole is not going to be filled: give it up and go on from the earliest held segment.
      this.skipTo(this.queue.length > 0 ? this.queue[0].seq : seq);
      this.drain();
      this.segment(seq, data, wireLen, fin);
      return;
    }
    const seg: Segment = { seq, data: data.slice(), wireLen, fin };
    let i = this.queue.length;
    while (i > 0 && seqDiff(this.queue[i - 1].seq, seq) > 0) i--;
    this.queue.splice(i, 0, seg);
    this.queuedBytes += seg.data.length;
  }

  private drain(): void {
    while (this.queue.length > 0 && !this.stopped) {
      const s = this.queue[0];
      const rel = seqDiff(s.seq, this.nextSeq);
      if (rel > 0) return;
      this.queue.shift();
      this.queuedBytes -= s.data.length;
      if (rel + s.wireLen <= 0) {
        if (s.fin && rel + s.wireLen === 0) this.finished = true;
        continue;
      }
      this.accept(s.data, s.wireLen, -rel);
      if (s.fin) this.finished = true;
    }
  }

  /** Declares the bytes up to `seq` lost. */
  private skipTo(seq: number): void {
    const missing = seqDiff(seq, this.nextSeq);
    if (missing <= 0) return;
    this.lost(missing);
    this.nextSeq = seq >>> 0;
  }

  private lost(missing: number): void {
    this.bufLen = 0;
    this.consumer.gap(this.owner, this.dir, missing);
  }

  private push(data: Uint8Array): void {
    if (this.stopped) return;
    const c = this.consumer;
    if (this.bufLen === 0) {
      const used = c.consume(this.owner, this.dir, data);
      if (used < 0) this.release();
      else if (used < data.length) this.keep(used === 0 ? data : data.subarray(used));
      return;
    }
    const total = this.bufLen + data.length;
    if (total > c.limit(this.owner)) {
      // These bytes continue the PDU that is too large: dropped with it.
      this.bufLen = 0;
      c.overflow(this.owner, this.dir, total);
      return;
    }
    this.reserve(total);
    this.buf.set(data, this.bufLen);
    this.bufLen = total;
    const used = c.consume(this.owner, this.dir, this.buf.subarray(0, total));
    if (used < 0) this.release();
    else if (used > 0) {
      this.buf.copyWithin(0, used, total);
      this.bufLen = total - used;
    }
  }

  private keep(rest: Uint8Array): void {
    if (rest.length > this.consumer.limit(this.owner)) {
      this.consumer.overflow(this.owner, this.dir, rest.length);
      return;
    }
    this.reserve(rest.length);
    this.buf.set(rest, 0);
    this.bufLen = rest.length;
  }

  private reserve(size: number): void {
    if (this.buf.length >= size) return;
    let n = Math.max(INITIAL_BUFFER, this.buf.length * 2);
    while (n < size) n *= 2;
    const grown = new Uint8Array(Math.min(n, Math.max(size, this.consumer.limit(this.owner))));
    grown.set(this.buf.subarray(0, this.bufLen));
    this.buf = grown;
  }
}
