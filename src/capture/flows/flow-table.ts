/**
 * Flow lookup per packet without building strings: a symmetric numeric hash of both endpoints picks a bucket
 * in a Map, and a short chain is compared field by field.
 */
import type { Packet } from "../decode/packet.js";
import type { Flow } from "./flow.js";

function mix(h: number, x: number): number {
  h = Math.imul(h ^ x, 0x9e3779b1);
  return h ^ (h >>> 15);
}

/**
 * The same for both directions (endpoint hashes are combined by addition) and for every VLAN: the VLAN is
 * compared in the chain, so a reply tagged differently can still be found.
 */
export function packetHash(p: Packet, transport: number): number {
  const a = mix(mix(mix(mix(mix(0x2545f491, p.s0), p.s1), p.s2), p.s3), p.sport);
  const b = mix(mix(mix(mix(mix(0x2545f491, p.d0), p.d1), p.d2), p.d3), p.dport);
  return mix((a + b) | 0, transport) & 0x3fffffff;
}

/** Result of {@link FlowTable.find}: the flow and the packet's direction in it. */
export const FORWARD = 0;
export const REVERSE = 1;

export class FlowTable {
  private readonly buckets = new Map<number, Flow>();
  size = 0;
  /** Direction of the packet in the flow last found (0 client to server). */
  dir = FORWARD;

  /**
   * The flow of this packet: same tuple and the VLAN of that side; failing that, a flow with the same tuple that
   * has not yet seen a packet from this side, on another VLAN (asymmetric tagging), whose side VLAN is then set.
   */
  find(p: Packet, transport: number, hash: number): Flow | null {
    let f = this.buckets.get(hash) ?? null;
    let other: Flow | null = null;
    let otherDir = FORWARD;
    while (f !== null) {
      if (f.transport === transport && f.ipVersion === p.ipVersion) {
        if (
          f.c0 === p.s0 &&
          f.s0 === p.d0 &&
          f.cPort === p.sport &&
          f.sPort === p.dport &&
          f.c1 === p.s1 &&
          f.c2 === p.s2 &&
          f.c3 === p.s3 &&
          f.s1 === p.d1 &&
          f.s2 === p.d2 &&
          f.s3 === p.d3
        ) {
          if (f.cVlan === p.vlan) {
            this.dir = FORWARD;
            return f;
          }
          if (!f.clientSeen && other === null) {
            other = f;
            otherDir = FORWARD;
          }
        }
        if (
          f.c0 === p.d0 &&
          f.s0 === p.s0 &&
          f.cPort === p.dport &&
          f.sPort === p.sport &&
          f.c1 === p.d1 &&
          f.c2 === p.d2 &&
          f.c3 === p.d3 &&
          f.s1 === p.s1 &&
          f.s2 === p.s2 &&
          f.s3 === p.s3
        ) {
          if (f.sVlan === p.vlan) {
            this.dir = REVERSE;
            return f;
          }
          if (!f.serverSeen && other === null) {
            other = f;
            otherDir = REVERSE;
          }
        }
      }
      f = f.next;
    }
    if (other !== null) {
      if (otherDir === FORWARD) other.cVlan = p.vlan;
      else other.sVlan = p.vlan;
      this.dir = otherDir;
    }
    return other;
  }

  insert(f: Flow, hash: number): void {
    f.hash = hash;
    f.next = this.buckets.get(hash) ?? null;
    this.buckets.set(hash, f);
    this.size++;
  }

  /** Replaces `old` (a closed connection) by `f` on the same tuple. */
  replace(old: Flow, f: Flow): void {
    this.remove(old);
    this.insert(f, old.hash);
  }

  remove(f: Flow): void {
    let prev: Flow | null = null;
    let cur = this.buckets.get(f.hash) ?? null;
    while (cur !== null && cur !== f) {
      prev = cur;
      cur = cur.next;
    }
    if (cur === null) return;
    if (prev === null) {
      if (f.next === null) this.buckets.delete(f.hash);
      else this.buckets.set(f.hash, f.next);
    } else {
      prev.next = f.next;
    }
    f.next = null;
    this.size--;
  }
}
