/**
 * A decoded packet: numbers and offsets only, one object reused for every packet (no allocation per packet).
 * Addresses are numbers: a MAC is its 48-bit value, an IPv4 address its 32-bit value in `s0`/`d0`, an IPv6
 * address four 32-bit words `s0..s3`/`d0..d3`.
 */

/** What `decode` found, which tells the engine what to do with the packet. */
export const KIND_NONE = 0;
export const KIND_TCP = 1;
export const KIND_UDP = 2;
export const KIND_ICMP = 3;
/** ARP: the `arp*` fields are set. */
export const KIND_ARP = 4;
/** A non-IP Ethernet payload: `etherType` and `l2Off`/`l2End`; `snap` set for LLC/SNAP frames (else -1). */
export const KIND_ETHER = 5;
/** An IP packet of another protocol (IGMP, GRE, ESP, OSPF, ...). */
export const KIND_IP_OTHER = 6;
/** An IP fragment kept for reassembly: nothing more to do until the datagram is complete. */
export const KIND_FRAGMENT = 7;

export class Packet {
  /** The captured frame's buffer (non-IP payloads are views into it). */
  frameBuf: Uint8Array = new Uint8Array(0);
  frame = 0;
  tsMs = 0;
  wirelen = 0;
  /** Source and destination MAC, or -1 when the link layer has none (raw IP, loopback; SLL has no destination). */
  srcMac = -1;
  dstMac = -1;
  /** Inner-most 802.1Q VLAN id (the customer tag under QinQ), or -1 when untagged (or priority-tagged, VID 0). */
  vlan = -1;
  etherType = 0;
  /** LLC/SNAP protocol id (OUI << 16 | pid) or -1. */
  snap = -1;
  l2Off = 0;
  l2End = 0;
  /** 4 or 6, or 0 without IP. */
  ipVersion = 0;
  ipProto = 0;
  /** IPv4 TTL or IPv6 hop limit. */
  ttl = 0;
  s0 = 0;
  s1 = 0;
  s2 = 0;
  s3 = 0;
  d0 = 0;
  d1 = 0;
  d2 = 0;
  d3 = 0;
  sport = 0;
  dport = 0;
  tcpFlags = 0;
  seq = 0;
  ack = 0;
  icmpType = -1;
  /** The buffer holding the transport payload (the frame, or a reassembled datagram). */
  data: Uint8Array = new Uint8Array(0);
  payOff = 0;
  /** Payload bytes captured. */
  payLen = 0;
  /** Payload bytes the packet had on the wire (more than `payLen` when the capture cut the frame). */
  payWireLen = 0;
  arpSenderMac = 0;
  arpSenderIp = 0;
}

export const TCP_FIN = 0x01;
export const TCP_SYN = 0x02;
export const TCP_RST = 0x04;
export const TCP_ACK = 0x10;
