/**
 * A DissectorSink that records every call, for dissector unit tests. Set `frame` before each parse call
 * to the frame the bytes came from.
 */
import type { IdentityFacts, ObservationKind, OperationCategory } from "../../model/capture.js";
import type { Direction, Dissector, DissectorSink, Party } from "../dissector.js";

export interface RecordedRequest {
  frame: number;
  code: number;
  name: string;
  category: OperationCategory;
}
export interface RecordedResponse {
  frame: number;
  code: number;
  failed: boolean;
}
export interface RecordedIdentity {
  frame: number;
  party: Party;
  facts: IdentityFacts;
}
export interface RecordedHostname {
  frame: number;
  party: Party | { ip: string };
  name: string;
}
export interface RecordedObservation {
  frame: number;
  kind: ObservationKind;
  party: Party;
  detail: string;
}
export interface RecordedAnomaly {
  frame: number;
  code: string;
  message: string;
}

export class RecordingSink implements DissectorSink {
  frame = 1;
  readonly requests: RecordedRequest[] = [];
  readonly responses: RecordedResponse[] = [];
  readonly identities: RecordedIdentity[] = [];
  readonly hostnames: RecordedHostname[] = [];
  readonly observations: RecordedObservation[] = [];
  readonly anomalies: RecordedAnomaly[] = [];
  /** Frame at which the dissector said the flow holds nothing more of interest. */
  doneAt: number | null = null;

  request(code: number, name: string, category: OperationCategory): void {
    this.requests.push({ frame: this.frame, code, name, category });
  }
  response(code: number, failed: boolean): void {
    this.responses.push({ frame: this.frame, code, failed });
  }
  identity(party: Party, facts: IdentityFacts): void {
    this.identities.push({ frame: this.frame, party, facts });
  }
  hostname(party: Party | { ip: string }, name: string): void {
    this.hostnames.push({ frame: this.frame, party, name });
  }
  observe(kind: ObservationKind, party: Party, detail: string): void {
    this.observations.push({ frame: this.frame, kind, party, detail });
  }
  anomaly(code: string, message: string): void {
    this.anomalies.push({ frame: this.frame, code, message });
  }
  done(): void {
    this.doneAt ??= this.frame;
  }

  /** Requests counted per code, e.g. `{ 1: 4, 5: 2 }`: the shape the corpus expectations use. */
  requestCounts(): Record<number, number> {
    const counts: Record<number, number> = {};
    for (const r of this.requests) counts[r.code] = (counts[r.code] ?? 0) + 1;
    return counts;
  }
}

/** Bytes from a hex string with optional whitespace (fixtures cut from captures with tshark). */
export function fromHex(hex: string): Uint8Array {
  const clean = hex.replace(/\s+/g, "");
  if (clean.length % 2 !== 0) throw new Error(`odd number of hex digits: ${hex}`);
  const out = new Uint8Array(clean.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = Number.parseInt(clean.slice(2 * i, 2 * i + 2), 16);
  return out;
}

/**
 * Hands TCP payload chunks of one direction to a dissector as the framework's contract promises: the
 * not-yet-consumed bytes followed by the new chunk. Returns the last parse result (-1 stops the stream).
 */
export class StreamFeeder<S> {
  private readonly pending: [Uint8Array, Uint8Array] = [new Uint8Array(0), new Uint8Array(0)];

  constructor(
    private readonly dissector: Dissector<S>,
    readonly state: S,
    readonly sink: RecordingSink,
  ) {}

  feed(dir: Direction, chunk: Uint8Array, frame = this.sink.frame): number {
    this.sink.frame = frame;
    const before = this.pending[dir];
    const data = new Uint8Array(before.length + chunk.length);
    data.set(before);
    data.set(chunk, before.length);
    const consumed = this.dissector.parse(this.state, dir, data, this.sink);
    this.pending[dir] = consumed < 0 ? new Uint8Array(0) : data.slice(consumed);
    return consumed;
  }

  /** Bytes held back waiting for the rest of a PDU. */
  buffered(dir: Direction): number {
    return this.pending[dir].length;
  }
}
