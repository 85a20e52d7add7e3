/**
 * One conversation: an IP 5-tuple plus VLAN or, for non-IP frames, a MAC pair and ethertype plus VLAN. The same
 * tuple on two VLANs is two flows (identical machine cells reuse addresses), except for a reply arriving on
 * another VLAN to a flow that has not yet heard from that side (asymmetric tagging of routed traffic).
 */
import type { Direction, Dissector } from "../dissector.js";
import type { CaptureHost, MacRecord } from "../inventory/hosts.js";
import type { TcpStream } from "../tcp/stream.js";

export const T_ETHER = 0;
export const T_ICMP = 1;
export const T_TCP = 6;
export const T_UDP = 17;
export const T_ICMPV6 = 58;

/** One request code's count on a flow, in one direction (requests sent by the flow's client or server). */
export interface OpCount {
  code: number;
  /** Who sent the requests: 0 the flow's client, 1 its server (UDP peers that both ask). */
  dir: Direction;
  name: string;
  category: string;
  count: number;
  exceptions: number;
  firstFile: number;
  firstFrame: number;
  lastFile: number;
  lastFrame: number;
}

export class Flow {
  /** Next flow in the same hash bucket. */
  next: Flow | null = null;
  hash = 0;
  /** Creation order: flows are reported in this order. */
  readonly id: number;
  readonly transport: number;
  readonly ipVersion: number;
  /** Client and server addresses as in {@link Packet} (MACs for ether flows in c0/s0). */
  c0 = 0;
  c1 = 0;
  c2 = 0;
  c3 = 0;
  cPort = 0;
  s0 = 0;
  s1 = 0;
  s2 = 0;
  s3 = 0;
  sPort = 0;
  /**
   * VLAN of each side's frames (-1 untagged). Usually equal; they differ when a mirror sees routed traffic
   * on the sender's VLAN only (each direction tagged with its own segment).
   */
  cVlan: number;
  sVlan: number;
  /** Ethertype of an ether flow. */
  etherType = 0;
  client: CaptureHost | null = null;
  server: CaptureHost | null = null;
  clientMac: MacRecord | null = null;
  serverMac: MacRecord | null = null;
  /** Each side's first packet was seen (MAC pairing and host activity are recorded once per side). */
  clientSeen = false;
  serverSeen = false;
  /**
   * The first packet in which the server sent payload (file index and frame; frame 0: none yet): it answered on
   * its port whether or not a dissector recognised what it said.
   */
  answerFile = 0;
  answerFrame = 0;

  packets = 0;
  bytes = 0;
  firstMs = 0;
  lastMs = 0;
  readonly file: number;
  readonly firstFrame: number;
  lastFile: number;
  lastFrame: number;

  /** Protocol selection: undecided until a candidate matches or all reject. */
  decided = false;
  dissector: Dissector<unknown> | null = null;
  /** The dissector threw: the flow keeps its protocol but is no longer dissected. */
  broken = false;
  /** The dissector has all it wants (a finished handshake, then encrypted bytes): later packets are only counted. */
  done = false;
  /** Protocol reported for the flow: the dissector's name, or the link dissector's for ether flows. */
  protocolName: string | null = null;
  candidates: Dissector<unknown>[] | null = null;
  probes = 0;
  state: unknown = null;
  tcp: [TcpStream<Flow>, TcpStream<Flow>] | null = null;

  /** Bytes still go to a dissector: protocol undecided, or decided and neither failed nor done. */
  get dissecting(): boolean {
    return !this.decided || (this.dissector !== null && !this.broken && !this.done);
  }
  /** FIN seen per direction (bit 0 to server, bit 1 to client), and closed by FIN both ways or RST. */
  fins = 0;
  closed = false;

  ops: Map<number, OpCount> | null = null;
  /** Observations already recorded on this flow (kind, party, detail), to list each once. */
  observed: Set<string> | null = null;

  constructor(
    id: number,
    transport: number,
    ipVersion: number,
    vlan: number,
    file: number,
    frame: number,
    tsMs: number,
  ) {
    this.id = id;
    this.transport = transport;
    this.ipVersion = ipVersion;
    this.cVlan = vlan;
    this.sVlan = vlan;
    this.file = file;
    this.firstFrame = frame;
    this.lastFile = file;
    this.lastFrame = frame;
    this.firstMs = tsMs;
    this.lastMs = tsMs;
  }
}
