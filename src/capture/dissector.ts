/**
 * The contract between the capture framework and the protocol dissectors (see docs/architecture.md,
 * "Dissectors"). The framework owns decoding, TCP reassembly, flows and aggregation; a dissector
 * only turns ordered bytes into events through a {@link DissectorSink}.
 *
 * Rules every dissector keeps:
 * - never throw: malformed input is reported with `sink.anomaly(...)`;
 * - check every length before reading; work on the given view, never copy it;
 * - keep bounded state per flow (every collection has a named cap in `limits`).
 */
import type { IdentityFacts, ObservationKind, OperationCategory } from "../model/capture.js";

/** Direction of the bytes handed to a dissector; the side that opened the connection is the client. */
export const TO_SERVER = 0;
export const TO_CLIENT = 1;
export type Direction = typeof TO_SERVER | typeof TO_CLIENT;

/** `match`: this is the protocol; `needMore`: too few bytes to tell; `reject`: not this protocol. */
export type ProbeResult = "match" | "needMore" | "reject";

/** Who a fact is about, relative to the PDU being parsed. */
export type Party = "src" | "dst";

export interface DissectorSink {
  /** Frame number (from 1, per file) of the packet that completed the current PDU. */
  readonly frame: number;
  /** A request PDU: counted once per call, aggregated by protocol, client, server and code. */
  request(code: number, name: string, category: OperationCategory): void;
  /** The response to an earlier request with this code; `failed` adds to that operation's exceptions. */
  response(code: number, failed: boolean): void;
  /** Device identity read from the protocol (vendor, product, firmware, ...). */
  identity(party: Party, facts: IdentityFacts): void;
  /** A name for an address other than the PDU's own (DNS answers, NetBIOS name registrations). */
  hostname(party: Party | { ip: string }, name: string): void;
  /** A security-relevant fact about the party (cleartext credentials, PLC stop, program download, ...). */
  observe(kind: ObservationKind, party: Party, detail: string): void;
  /** Malformed or unexpected input, with a short stable code (`bad-length`, `unknown-function`). */
  anomaly(code: string, message: string): void;
  /**
   * Nothing more of interest will come on this flow (both sides finished a handshake; the rest is encrypted):
   * the framework stops reassembling and delivering its bytes and only counts its packets.
   */
  done(): void;
}

export interface DissectorLimits {
  /** Largest PDU accepted; bytes buffered beyond it make the framework drop the stream and record a gap. */
  maxPdu: number;
  /** Most outstanding requests kept for pairing; past it the oldest are forgotten with an anomaly. */
  maxPending: number;
}

/** A dissector over TCP or UDP payload. */
export interface Dissector<S = unknown> {
  name: string;
  transport: "tcp" | "udp" | "both";
  defaultPorts: readonly number[];
  /** Heuristic dissectors are tried on flows whose ports match no dissector (or whose port dissector rejected). */
  heuristic: boolean;
  limits: DissectorLimits;
  /** Looks at the first bytes of one direction. Must not throw or keep state. */
  probe(data: Uint8Array, dir: Direction): ProbeResult;
  newState(): S;
  /**
   * TCP: `data` is the ordered, not yet consumed bytes of one direction; returns how many bytes were consumed
   * (whole PDUs only), 0 when a PDU is incomplete, or -1 when the stream cannot be resynchronised.
   * UDP: `data` is one datagram; the return value is ignored.
   */
  parse(state: S, dir: Direction, data: Uint8Array, sink: DissectorSink): number;
  /** TCP bytes were lost in this direction: drop partial PDUs and pending pairing that depends on them. */
  gap?(state: S, dir: Direction): void;
}

/** A dissector over an Ethernet payload selected by ethertype (Profinet DCP, LLDP) or LLC SNAP (CDP). */
export interface LinkDissector {
  name: string;
  ethertypes: readonly number[];
  /** LLC/SNAP protocol ids (OUI << 16 | pid), e.g. CDP is 0x00000c2000. */
  snap?: readonly number[];
  parse(data: Uint8Array, sink: DissectorSink): void;
}

/**
 * Wraps the parser of a dissector that reads only each side's opening (banners, hellos, connection requests)
 * and marks a side finished in `state.done`: once both are, the flow is done.
 */
export function doneAfterBothSides<S extends { done: [boolean, boolean] }>(
  parse: Dissector<S>["parse"],
): Dissector<S>["parse"] {
  return (state, dir, data, sink) => {
    const used = parse(state, dir, data, sink);
    if (state.done[TO_SERVER] && state.done[TO_CLIENT]) sink.done();
    return used;
  };
}
