/**
 * Well-formed link, IPv4, TCP and UDP frames with correct lengths and checksums. Frames shorter than the
 * Ethernet minimum are padded as a NIC pads them (60 bytes before the 802.1Q tag and the FCS).
 */
import { finish, sumWords } from "./checksum.js";
import type { L2 } from "./network.js";

export const ETHERTYPE_IPV4 = 0x0800;
export const ETHERTYPE_ARP = 0x0806;
export const ETHERTYPE_VLAN = 0x8100;
export const ETHERTYPE_PROFINET = 0x8892;
export const ETHERTYPE_LLDP = 0x88cc;

export const IP_TCP = 6;
export const IP_UDP = 17;

export const TCP_FIN = 0x01;
export const TCP_SYN = 0x02;
export const TCP_PSH = 0x08;
export const TCP_ACK = 0x10;

const ETH_MIN = 60;

export interface IpHeader {
  src: number;
  dst: number;
  ttl: number;
  id: number;
  /** Don't-fragment flag (set by TCP stacks doing path MTU discovery). */
  df: boolean;
  /** Type of service / DSCP byte (0 unless given). */
  tos?: number;
}

export interface TcpHeader {
  sport: number;
  dport: number;
  seq: number;
  ack: number;
  flags: number;
  window: number;
  options?: Uint8Array;
}

function linkHeaderLength(l2: L2): number {
  return l2.vlan === null ? 14 : 18;
}

/** Writes the Ethernet (and 802.1Q) header; returns the offset of the payload. */
function writeLink(frame: Uint8Array, l2: L2, ethertype: number): number {
  frame.set(l2.dst, 0);
  frame.set(l2.src, 6);
  let o = 12;
  if (l2.vlan !== null) {
    frame[o++] = ETHERTYPE_VLAN >>> 8;
    frame[o++] = ETHERTYPE_VLAN & 0xff;
    frame[o++] = (l2.vlan >>> 8) & 0x0f;
    frame[o++] = l2.vlan & 0xff;
  }
  frame[o++] = ethertype >>> 8;
  frame[o++] = ethertype & 0xff;
  return o;
}

function allocFrame(l2: L2, payloadLength: number): Uint8Array {
  const tag = l2.vlan === null ? 0 : 4;
  return new Uint8Array(Math.max(ETH_MIN + tag, linkHeaderLength(l2) + payloadLength));
}

/** An Ethernet II frame carrying `payload` under `ethertype`. */
export function etherFrame(l2: L2, ethertype: number, payload: Uint8Array): Uint8Array {
  const frame = allocFrame(l2, payload.length);
  frame.set(payload, writeLink(frame, l2, ethertype));
  return frame;
}

/** An IEEE 802.3 frame with an LLC/SNAP header (CDP): the type field holds the length. */
export function snapFrame(l2: L2, oui: number, pid: number, payload: Uint8Array): Uint8Array {
  const llcLength = 8 + payload.length;
  const frame = allocFrame(l2, 8 + payload.length);
  let o = writeLink(frame, l2, llcLength);
  frame[o++] = 0xaa;
  frame[o++] = 0xaa;
  frame[o++] = 0x03;
  frame[o++] = oui >>> 16;
  frame[o++] = (oui >>> 8) & 0xff;
  frame[o++] = oui & 0xff;
  frame[o++] = pid >>> 8;
  frame[o++] = pid & 0xff;
  frame.set(payload, o);
  return frame;
}

function writeIpv4(frame: Uint8Array, o: number, ip: IpHeader, protocol: number, l4Length: number): void {
  const total = 20 + l4Length;
  frame[o] = 0x45;
  frame[o + 1] = ip.tos ?? 0;
  frame[o + 2] = total >>> 8;
  frame[o + 3] = total & 0xff;
  frame[o + 4] = (ip.id >>> 8) & 0xff;
  frame[o + 5] = ip.id & 0xff;
  frame[o + 6] = ip.df ? 0x40 : 0;
  frame[o + 7] = 0;
  frame[o + 8] = ip.ttl;
  frame[o + 9] = protocol;
  writeU32(frame, o + 12, ip.src);
  writeU32(frame, o + 16, ip.dst);
  const sum = finish(sumWords(frame, o, o + 20));
  frame[o + 10] = sum >>> 8;
  frame[o + 11] = sum & 0xff;
}

function writeU32(b: Uint8Array, o: number, v: number): void {
  b[o] = v >>> 24;
  b[o + 1] = (v >>> 16) & 0xff;
  b[o + 2] = (v >>> 8) & 0xff;
  b[o + 3] = v & 0xff;
}

function pseudoHeaderSum(ip: IpHeader, protocol: number, length: number): number {
  return (ip.src >>> 16) + (ip.src & 0xffff) + (ip.dst >>> 16) + (ip.dst & 0xffff) + protocol + length;
}

export function tcpFrame(l2: L2, ip: IpHeader, tcp: TcpHeader, payload: Uint8Array): Uint8Array {
  const optLength = tcp.options ? tcp.options.length : 0;
  const headerLength = 20 + optLength;
  const l4Length = headerLength + payload.length;
  const frame = allocFrame(l2, 20 + l4Length);
  const ipAt = writeLink(frame, l2, ETHERTYPE_IPV4);
  writeIpv4(frame, ipAt, ip, IP_TCP, l4Length);
  const o = ipAt + 20;
  frame[o] = tcp.sport >>> 8;
  frame[o + 1] = tcp.sport & 0xff;
  frame[o + 2] = tcp.dport >>> 8;
  frame[o + 3] = tcp.dport & 0xff;
  writeU32(frame, o + 4, tcp.seq >>> 0);
  writeU32(frame, o + 8, tcp.ack >>> 0);
  frame[o + 12] = (headerLength / 4) << 4;
  frame[o + 13] = tcp.flags;
  frame[o + 14] = tcp.window >>> 8;
  frame[o + 15] = tcp.window & 0xff;
  if (tcp.options) frame.set(tcp.options, o + 20);
  frame.set(payload, o + headerLength);
  const sum = finish(sumWords(frame, o, o + l4Length, pseudoHeaderSum(ip, IP_TCP, l4Length)));
  frame[o + 16] = sum >>> 8;
  frame[o + 17] = sum & 0xff;
  return frame;
}

export function udpFrame(
  l2: L2,
  ip: IpHeader,
  sport: number,
  dport: number,
  payload: Uint8Array,
): Uint8Array {
  const l4Length = 8 + payload.length;
  const frame = allocFrame(l2, 20 + l4Length);
  const ipAt = writeLink(frame, l2, ETHERTYPE_IPV4);
  writeIpv4(frame, ipAt, ip, IP_UDP, l4Length);
  const o = ipAt + 20;
  frame[o] = sport >>> 8;
  frame[o + 1] = sport & 0xff;
  frame[o + 2] = dport >>> 8;
  frame[o + 3] = dport & 0xff;
  frame[o + 4] = l4Length >>> 8;
  frame[o + 5] = l4Length & 0xff;
  frame.set(payload, o + 8);
  let sum = finish(sumWords(frame, o, o + l4Length, pseudoHeaderSum(ip, IP_UDP, l4Length)));
  // A computed zero is sent as all ones: zero means "no checksum" in UDP.
  if (sum === 0) sum = 0xffff;
  frame[o + 6] = sum >>> 8;
  frame[o + 7] = sum & 0xff;
  return frame;
}
