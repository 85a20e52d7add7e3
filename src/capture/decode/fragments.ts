/**
 * Bounded IP fragment reassembly (IPv4 and IPv6). Fragments are rare, so this path may allocate; what it keeps
 * is capped in datagrams, bytes and capture time.
 */

/** Datagrams being reassembled at once; past it the oldest is dropped. */
export const MAX_DATAGRAMS = 256;
/** An IP datagram is at most 64 KiB (IPv6 jumbograms are not fragmented). */
const MAX_DATAGRAM_BYTES = 65535;
/** Fragments of one datagram arriving further apart than this (capture time) are dropped, as hosts do. */
const FRAGMENT_TIMEOUT_MS = 30_000;

export interface FragmentProblems {
  fragmentProblem(code: string, message: string): void;
}

interface Part {
  off: number;
  data: Uint8Array;
}

interface Datagram {
  parts: Part[];
  /** Payload length, known once the last fragment (no more-fragments flag) arrived; -1 before. */
  total: number;
  firstMs: number;
  broken: boolean;
}

export class FragmentReassembler {
  private readonly pending = new Map<string, Datagram>();

  constructor(private readonly problems: FragmentProblems) {}

  /**
   * Adds one fragment: `data` is its captured payload, `wireLen` its payload length on the wire, `off` its byte
   * offset in the datagram. Returns the reassembled payload once complete, else null.
   */
  add(
    key: string,
    off: number,
    more: boolean,
    data: Uint8Array,
    wireLen: number,
    tsMs: number,
  ): Uint8Array | null {
    let d = this.pending.get(key);
    if (d !== undefined && tsMs - d.firstMs > FRAGMENT_TIMEOUT_MS) {
      this.pending.delete(key);
      this.problems.fragmentProblem(
        "fragment-timeout",
        "fragments of a datagram spread over more than 30 s; dropped",
      );
      d = undefined;
    }
    if (d === undefined) {
      if (this.pending.size >= MAX_DATAGRAMS) this.evictOldest();
      d = { parts: [], total: -1, firstMs: tsMs, broken: false };
      this.pending.set(key, d);
    }
    if (d.broken) return null;
    if (data.length < wireLen || off + wireLen > MAX_DATAGRAM_BYTES) {
      d.broken = true;
      this.problems.fragmentProblem(
        data.length < wireLen ? "fragment-truncated" : "fragment-too-large",
        data.length < wireLen
          ? "a fragment was cut by the capture's snaplen; datagram not reassembled"
          : `fragment reaches past ${MAX_DATAGRAM_BYTES} bytes; datagram dropped`,
      );
      return null;
    }
    if (!more) {
      if (d.total >= 0 && d.total !== off + wireLen) {
        this.problems.fragmentProblem(
          "fragment-inconsistent",
          "two last fragments disagree on the datagram length",
        );
      }
      d.total = off + wireLen;
    }
    for (const p of d.parts) {
      if (off < p.off + p.data.length && p.off < off + wireLen) {
        this.problems.fragmentProblem(
          "fragment-overlap",
          `overlapping fragments at offset ${off}; first data kept`,
        );
        break;
      }
    }
    d.parts.push({ off, data: data.slice(0, wireLen) });
    return d.total >= 0 ? this.complete(key, d) : null;
  }

  private complete(key: string, d: Datagram): Uint8Array | null {
    const sorted = [...d.parts].sort((a, b) => a.off - b.off);
    let covered = 0;
    for (const p of sorted) {
      if (p.off > covered) return null;
      covered = Math.max(covered, p.off + p.data.length);
    }
    if (covered < d.total) return null;
    const out = new Uint8Array(d.total);
    // Later arrivals first, so the first copy of overlapping bytes wins (as most stacks keep it).
    for (let i = d.parts.length - 1; i >= 0; i--) {
      const p = d.parts[i];
      if (p.off >= d.total) continue;
      out.set(p.data.subarray(0, Math.max(0, Math.min(p.data.length, d.total - p.off))), p.off);
    }
    this.pending.delete(key);
    return out;
  }

  private evictOldest(): void {
    const oldest = this.pending.keys().next().value as string;
    this.pending.delete(oldest);
    this.problems.fragmentProblem(
      "fragments-dropped",
      `more than ${MAX_DATAGRAMS} datagrams in reassembly; the oldest was dropped`,
    );
  }
}
