/**
 * Link, network and transport decoding into the reused {@link Packet}: Ethernet (with 802.1Q/QinQ tags and
 * LLC/SNAP), Linux cooked SLL/SLL2, raw IPv4/IPv6, BSD loopback; ARP; IPv4 and IPv6 (extension headers,
 * fragment reassembly); TCP, UDP, ICMP and ICMPv6.
 */
import {
  LINKTYPE_ETHERNET,
  LINKTYPE_IPV4,
  LINKTYPE_IPV6,
  LINKTYPE_LINUX_SLL,
  LINKTYPE_LINUX_SLL2,
  LINKTYPE_LOOP,
  LINKTYPE_NULL,
  LINKTYPE_RAW,
  LINKTYPE_RAW_12,
  LINKTYPE_RAW_14,
} from "../readers/link-types.js";
import type { RawPacket } from "../readers/raw-packet.js";
import { macFromBytes } from "./address.js";
import { FragmentReassembler } from "./fragments.js";
import {
  KIND_ARP,
  KIND_ETHER,
  KIND_FRAGMENT,
  KIND_ICMP,
  KIND_IP_OTHER,
  KIND_NONE,
  KIND_TCP,
  KIND_UDP,
  type Packet,
} from "./packet.js";

export interface DecodeProblems {
  /** A malformed header in the current frame. */
  decodeProblem(protocol: string, code: string, message: string): void;
}

const ETHERTYPE_IPV4 = 0x0800;
const ETHERTYPE_IPV6 = 0x86dd;
const ETHERTYPE_ARP = 0x0806;
/** 802.1Q, 802.1ad (QinQ service tag) and the pre-standard QinQ tag. */
const VLAN_TAGS = new Set([0x8100, 0x88a8, 0x9100]);
const MAX_VLAN_TAGS = 4;
const MAX_IPV6_EXTENSIONS = 8;

export class Decoder {
  private readonly fragments: FragmentReassembler;
  /** Whether the current frame was cut by the snaplen: missing bytes then are not anomalies. */
  private cut = false;

  constructor(private readonly problems: DecodeProblems) {
    this.fragments = new FragmentReassembler({
      fragmentProblem: (code, message) => problems.decodeProblem("ip", code, message),
    });
  }

  /** Decodes `raw` into `p` and returns what was found (a KIND_ constant). */
  decode(raw: RawPacket, p: Packet): number {
    p.frameBuf = raw.buf;
    p.frame = raw.frame;
    p.tsMs = raw.tsMs;
    p.wirelen = raw.wirelen;
    p.srcMac = -1;
    p.dstMac = -1;
    p.vlan = -1;
    p.snap = -1;
    p.ipVersion = 0;
    p.icmpType = -1;
    this.cut = raw.caplen < raw.wirelen;
    const b = raw.buf;
    const o = raw.off;
    const end = o + raw.caplen;
    switch (raw.linkType) {
      case LINKTYPE_ETHERNET:
        if (end - o < 14) return this.short("eth", "Ethernet header");
        p.dstMac = macFromBytes(b, o);
        p.srcMac = macFromBytes(b, o + 6);
        return this.ether(p, b, o + 14, end, (b[o + 12] << 8) | b[o + 13]);
      case LINKTYPE_LINUX_SLL: {
        if (end - o < 16) return this.short("sll", "Linux cooked header");
        if (((b[o + 2] << 8) | b[o + 3]) === 1 && ((b[o + 4] << 8) | b[o + 5]) === 6)
          p.srcMac = macFromBytes(b, o + 6);
        return this.ether(p, b, o + 16, end, (b[o + 14] << 8) | b[o + 15]);
      }
      case LINKTYPE_LINUX_SLL2: {
        if (end - o < 20) return this.short("sll2", "Linux cooked v2 header");
        if (((b[o + 8] << 8) | b[o + 9]) === 1 && b[o + 11] === 6) p.srcMac = macFromBytes(b, o + 12);
        return this.ether(p, b, o + 20, end, (b[o] << 8) | b[o + 1]);
      }
      case LINKTYPE_NULL:
      case LINKTYPE_LOOP: {
        if (end - o < 4) return this.short("null", "loopback header");
        // The family is in the writer's byte order (NULL) or network order (LOOP): accept both.
        let family = (b[o] | (b[o + 1] << 8) | (b[o + 2] << 16) | (b[o + 3] << 24)) >>> 0;
        if (family > 0xffff) family = ((b[o] << 24) | (b[o + 1] << 16) | (b[o + 2] << 8) | b[o + 3]) >>> 0;
        if (family === 2) return this.ipv4(p, b, o + 4, end);
        if (family === 10 || family === 24 || family === 28 || family === 30)
          return this.ipv6(p, b, o + 4, end);
        return KIND_NONE;
      }
      case LINKTYPE_RAW_12:
      case LINKTYPE_RAW_14:
      case LINKTYPE_RAW:
        if (end - o < 1) return KIND_NONE;
        return b[o] >> 4 === 6 ? this.ipv6(p, b, o, end) : this.ipv4(p, b, o, end);
      case LINKTYPE_IPV4:
        return this.ipv4(p, b, o, end);
      case LINKTYPE_IPV6:
        return this.ipv6(p, b, o, end);
      default:
        return KIND_NONE;
    }
  }

  private short(protocol: string, what: string): number {
    if (!this.cut) this.problems.decodeProblem(protocol, "truncated", `${what} cut short`);
    return KIND_NONE;
  }

  private ether(p: Packet, b: Uint8Array, o: number, end: number, type: number): number {
    for (let tags = 0; VLAN_TAGS.has(type) && tags < MAX_VLAN_TAGS; tags++) {
      if (end - o < 4) return this.short("vlan", "802.1Q tag");
      const vid = ((b[o] << 8) | b[o + 1]) & 0xfff;
      if (vid !== 0) p.vlan = vid;
      type = (b[o + 2] << 8) | b[o + 3];
      o += 4;
    }
    if (type === ETHERTYPE_IPV4) return this.ipv4(p, b, o, end);
    if (type === ETHERTYPE_IPV6) return this.ipv6(p, b, o, end);
    p.etherType = type;
    if (type === ETHERTYPE_ARP) return this.arp(p, b, o, end);
    if (type <= 1500) {
      // 802.3 length field: an LLC header follows; SNAP (AA AA 03) carries an OUI and protocol id.
      if (end - o < 8 || b[o] !== 0xaa || b[o + 1] !== 0xaa || b[o + 2] !== 3) return KIND_NONE;
      p.snap = ((b[o + 3] << 16) | (b[o + 4] << 8) | b[o + 5]) * 65536 + ((b[o + 6] << 8) | b[o + 7]);
      p.l2Off = o + 8;
    } else {
      p.l2Off = o;
    }
    p.l2End = end;
    return KIND_ETHER;
  }

  private arp(p: Packet, b: Uint8Array, o: number, end: number): number {
    if (end - o < 28) return this.short("arp", "ARP message");
    // Ethernet hardware and IPv4 protocol addresses only (the only pairing the inventory uses).
    if (((b[o] << 8) | b[o + 1]) !== 1 || ((b[o + 2] << 8) | b[o + 3]) !== ETHERTYPE_IPV4) return KIND_NONE;
    if (b[o + 4] !== 6 || b[o + 5] !== 4) return KIND_NONE;
    p.arpSenderMac = macFromBytes(b, o + 8);
    p.arpSenderIp = ((b[o + 14] << 24) | (b[o + 15] << 16) | (b[o + 16] << 8) | b[o + 17]) >>> 0;
    return KIND_ARP;
  }

  private ipv4(p: Packet, b: Uint8Array, o: number, end: number): number {
    if (end - o < 20) return this.short("ipv4", "IPv4 header");
    const vihl = b[o];
    const ihl = (vihl & 15) * 4;
    if (vihl >> 4 !== 4 || ihl < 20) {
      this.problems.decodeProblem("ipv4", "bad-header", `IPv4 version ${vihl >> 4}, header length ${ihl}`);
      return KIND_NONE;
    }
    if (end - o < ihl) return this.short("ipv4", "IPv4 options");
    const total = (b[o + 2] << 8) | b[o + 3];
    if (total < ihl) {
      this.problems.decodeProblem(
        "ipv4",
        "bad-length",
        `IPv4 total length ${total} below header length ${ihl}`,
      );
      return KIND_NONE;
    }
    let wireEnd = o + total;
    if (wireEnd > end && !this.cut) {
      // The frame is whole yet shorter than the IP length says: decode what is there.
      this.problems.decodeProblem("ipv4", "bad-length", `IPv4 total length ${total} exceeds the frame`);
      wireEnd = end;
    }
    p.ipVersion = 4;
    p.ttl = b[o + 8];
    p.s0 = ((b[o + 12] << 24) | (b[o + 13] << 16) | (b[o + 14] << 8) | b[o + 15]) >>> 0;
    p.d0 = ((b[o + 16] << 24) | (b[o + 17] << 16) | (b[o + 18] << 8) | b[o + 19]) >>> 0;
    p.s1 = p.s2 = p.s3 = p.d1 = p.d2 = p.d3 = 0;
    const proto = b[o + 9];
    const frag = (b[o + 6] << 8) | b[o + 7];
    const capEnd = Math.min(wireEnd, end);
    if ((frag & 0x3fff) !== 0) {
      const id = (b[o + 4] << 8) | b[o + 5];
      const key = `4 ${p.s0} ${p.d0} ${proto} ${id}`;
      const whole = this.fragments.add(
        key,
        (frag & 0x1fff) * 8,
        (frag & 0x2000) !== 0,
        b.subarray(o + ihl, Math.max(o + ihl, capEnd)),
        total - ihl,
        p.tsMs,
      );
      if (whole === null) return KIND_FRAGMENT;
      return this.transport(p, proto, whole, 0, whole.length, whole.length);
    }
    return this.transport(p, proto, b, o + ihl, capEnd, wireEnd);
  }

  private ipv6(p: Packet, b: Uint8Array, o: number, end: number): number {
    if (end - o < 40) return this.short("ipv6", "IPv6 header");
    if (b[o] >> 4 !== 6) {
      this.problems.decodeProblem("ipv6", "bad-header", `IPv6 version ${b[o] >> 4}`);
      return KIND_NONE;
    }
    const plen = (b[o + 4] << 8) | b[o + 5];
    let nh = b[o + 6];
    p.ipVersion = 6;
    p.ttl = b[o + 7];
    p.s0 = u32(b, o + 8);
    p.s1 = u32(b, o + 12);
    p.s2 = u32(b, o + 16);
    p.s3 = u32(b, o + 20);
    p.d0 = u32(b, o + 24);
    p.d1 = u32(b, o + 28);
    p.d2 = u32(b, o + 32);
    p.d3 = u32(b, o + 36);
    // Payload length 0 is a jumbogram (its length is in a hop-by-hop option): use the frame.
    let wireEnd = plen === 0 ? end : o + 40 + plen;
    if (wireEnd > end && !this.cut) {
      this.problems.decodeProblem("ipv6", "bad-length", `IPv6 payload length ${plen} exceeds the frame`);
      wireEnd = end;
    }
    const capEnd = Math.min(wireEnd, end);
    o += 40;
    for (let i = 0; i < MAX_IPV6_EXTENSIONS; i++) {
      if (nh === 0 || nh === 43 || nh === 60 || nh === 135 || nh === 139 || nh === 140) {
        if (capEnd - o < 8) return this.short("ipv6", "IPv6 extension header");
        nh = b[o];
        o += (b[o + 1] + 1) * 8;
      } else if (nh === 51) {
        if (capEnd - o < 8) return this.short("ipv6", "IPv6 authentication header");
        nh = b[o];
        o += (b[o + 1] + 2) * 4;
      } else if (nh === 44) {
        if (capEnd - o < 8) return this.short("ipv6", "IPv6 fragment header");
        const next = b[o];
        const offFlags = (b[o + 2] << 8) | b[o + 3];
        const id = u32(b, o + 4);
        o += 8;
        if ((offFlags & 0xfff9) === 0) {
          nh = next; // an atomic fragment (offset 0, no more fragments): the whole datagram
          continue;
        }
        const key = `6 ${p.s0} ${p.s1} ${p.s2} ${p.s3} ${p.d0} ${p.d1} ${p.d2} ${p.d3} ${id}`;
        const whole = this.fragments.add(
          key,
          offFlags & 0xfff8,
          (offFlags & 1) === 1,
          b.subarray(o, Math.max(o, capEnd)),
          wireEnd - o,
          p.tsMs,
        );
        if (whole === null) return KIND_FRAGMENT;
        return this.transport(p, next, whole, 0, whole.length, whole.length);
      } else {
        break;
      }
      if (o > capEnd) return this.short("ipv6", "IPv6 extension header");
    }
    return this.transport(p, nh, b, o, capEnd, wireEnd);
  }

  private transport(
    p: Packet,
    proto: number,
    b: Uint8Array,
    o: number,
    end: number,
    wireEnd: number,
  ): number {
    p.ipProto = proto;
    p.data = b;
    if (proto === 6) {
      if (end - o < 20) return this.short("tcp", "TCP header");
      const doff = (b[o + 12] >> 4) * 4;
      if (doff < 20) {
        this.problems.decodeProblem("tcp", "bad-header", `TCP data offset ${doff}`);
        return KIND_NONE;
      }
      p.sport = (b[o] << 8) | b[o + 1];
      p.dport = (b[o + 2] << 8) | b[o + 3];
      p.seq = u32(b, o + 4);
      p.ack = u32(b, o + 8);
      p.tcpFlags = b[o + 13];
      p.payOff = o + doff;
      p.payLen = end > o + doff ? end - o - doff : 0;
      p.payWireLen = wireEnd > o + doff ? wireEnd - o - doff : 0;
      return KIND_TCP;
    }
    if (proto === 17) {
      if (end - o < 8) return this.short("udp", "UDP header");
      p.sport = (b[o] << 8) | b[o + 1];
      p.dport = (b[o + 2] << 8) | b[o + 3];
      const ulen = (b[o + 4] << 8) | b[o + 5];
      let wire = wireEnd - o - 8;
      if (ulen >= 8 && ulen - 8 <= wire) wire = ulen - 8;
      else if (ulen !== 0 && !this.cut) {
        this.problems.decodeProblem("udp", "bad-length", `UDP length ${ulen} disagrees with the IP length`);
      }
      p.payOff = o + 8;
      p.payWireLen = wire;
      p.payLen = Math.min(wire, end - o - 8);
      return KIND_UDP;
    }
    if (proto === 1 || proto === 58) {
      p.sport = 0;
      p.dport = 0;
      p.icmpType = end - o >= 1 ? b[o] : -1;
      p.payOff = o;
      p.payLen = end - o;
      p.payWireLen = wireEnd - o;
      return KIND_ICMP;
    }
    return KIND_IP_OTHER;
  }
}

function u32(b: Uint8Array, o: number): number {
  return ((b[o] << 24) | (b[o + 1] << 16) | (b[o + 2] << 8) | b[o + 3]) >>> 0;
}
