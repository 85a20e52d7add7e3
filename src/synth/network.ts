/**
 * Hosts and where their frames are seen. The capture point is a SPAN of every access port's ingress: a
 * frame appears once, on the sender's VLAN, addressed to the peer's MAC when both share a subnet and to
 * the router's MAC otherwise; a frame from beyond the firewall appears on the receiver's VLAN, sent by
 * the router. This is how a mirror port on a plant's core switch sees routed traffic.
 */

export interface SynthHost {
  readonly name: string;
  readonly mac: Uint8Array;
  readonly ip: number;
  /** VLAN of the host's segment; frames carry it as an 802.1Q tag when the network is tagged. */
  readonly vlan: number;
  readonly prefix: number;
  /** MAC address of the router (firewall interface) serving the segment. */
  readonly gateway: Uint8Array;
  /** Initial IPv4 TTL of the host's stack (128 Windows, 64 Linux and most embedded, 255 network gear). */
  readonly ttl: number;
  /** Beyond the firewall: its frames are seen as sent by the router on the receiver's VLAN. */
  readonly remote: boolean;
  /** Next IPv4 identification value. */
  ipId: number;
  /** Next ephemeral (client) port. */
  nextPort: number;
}

export interface L2 {
  src: Uint8Array;
  dst: Uint8Array;
  vlan: number | null;
}

export const BROADCAST_MAC = parseMac("ff:ff:ff:ff:ff:ff");

export function parseMac(text: string): Uint8Array {
  const parts = text.split(":");
  if (parts.length !== 6) throw new Error(`bad MAC ${text}`);
  return Uint8Array.from(parts.map((p) => Number.parseInt(p, 16)));
}

export function parseIp(text: string): number {
  const parts = text.split(".").map(Number);
  if (parts.length !== 4 || parts.some((p) => !(p >= 0 && p <= 255))) throw new Error(`bad IPv4 ${text}`);
  return ((parts[0] << 24) | (parts[1] << 16) | (parts[2] << 8) | parts[3]) >>> 0;
}

export interface HostSpec {
  name: string;
  mac: string;
  ip: string;
  vlan: number;
  prefix?: number;
  gateway: string;
  ttl?: number;
  remote?: boolean;
}

/** Windows hosts (TTL 128) use ephemeral ports from 49152, Linux and embedded stacks from 32768. */
export function makeHost(spec: HostSpec, firstIpId = 0x1000): SynthHost {
  const ip = parseIp(spec.ip);
  const ttl = spec.ttl ?? 64;
  const portBase = ttl === 128 ? 49152 : 32768;
  return {
    name: spec.name,
    mac: parseMac(spec.mac),
    ip,
    vlan: spec.vlan,
    prefix: spec.prefix ?? 24,
    gateway: parseMac(spec.gateway),
    ttl,
    remote: spec.remote ?? false,
    ipId: firstIpId & 0xffff,
    nextPort: portBase + ((Math.imul(ip, 0x9e3779b1) >>> 0) % 8000),
  };
}

function sameSubnet(a: SynthHost, b: SynthHost): boolean {
  if (a.remote || b.remote) return false;
  const mask = a.prefix === 0 ? 0 : (0xffffffff << (32 - a.prefix)) >>> 0;
  return (a.ip & mask) === (b.ip & mask) && a.vlan === b.vlan;
}

export class Network {
  /** `tagged`: frames carry 802.1Q tags with the segment's VLAN (a trunk mirror). */
  constructor(readonly tagged: boolean) {}

  /** Link-layer addressing of a unicast IP packet from `src` to `dst` as the capture point sees it. */
  link(src: SynthHost, dst: SynthHost): L2 {
    if (src.remote) return { src: dst.gateway, dst: dst.mac, vlan: this.vlanOf(dst) };
    if (sameSubnet(src, dst)) return { src: src.mac, dst: dst.mac, vlan: this.vlanOf(src) };
    return { src: src.mac, dst: src.gateway, vlan: this.vlanOf(src) };
  }

  /** A frame from `src` to a broadcast or multicast MAC on its own segment. */
  local(src: SynthHost, dst: Uint8Array): L2 {
    return { src: src.mac, dst, vlan: this.vlanOf(src) };
  }

  /** IPv4 TTL as seen at the capture point: remote senders arrive after a number of router hops. */
  ttlOf(src: SynthHost): number {
    return src.remote ? src.ttl - 11 : src.ttl;
  }

  private vlanOf(h: SynthHost): number | null {
    return this.tagged ? h.vlan : null;
  }
}
