/**
 * The addresses seen: IP hosts and MACs per L2 segment (VLAN), with the MAC/IP pairings that later decide which
 * IPs belong to which device. Records are created per flow side or per ARP packet, never per packet otherwise.
 */
import { formatIp, formatMac, isGroupIp, isUnspecifiedIp } from "../decode/address.js";
import { Facts } from "./facts.js";

export interface FrameRef {
  file: number;
  frame: number;
}

/** A MAC/IP pairing: first frame, and whether some packet of it crossed no router (see isInitialTtl). */
export interface Pairing extends FrameRef {
  local: boolean;
}

export class MacRecord {
  facts: Facts | null = null;
  /** Seen as a frame's source (a device), not only as a destination. */
  sent = false;
  /** IPs this MAC sent IP packets from, with the first frame of each. */
  readonly ips = new Map<CaptureHost, FrameRef>();
  /** IPs this MAC claimed in ARP (authoritative for the local segment). */
  readonly arpIps = new Map<CaptureHost, FrameRef>();
  constructor(
    readonly mac: number,
    /** VLAN id, or -1 untagged. */
    readonly vlan: number,
    readonly first: FrameRef,
  ) {}

  get text(): string {
    return formatMac(this.mac);
  }

  getFacts(): Facts {
    if (this.facts === null) this.facts = new Facts();
    return this.facts;
  }
}

export class CaptureHost {
  facts: Facts | null = null;
  readonly text: string;
  /** Multicast or broadcast: a destination, never a device. */
  readonly group: boolean;
  readonly unspecified: boolean;
  /** Sent a packet, or received one addressed to it alone: a device exists at this address. */
  active = false;
  /** Destination only of frames sent to a group MAC: a subnet broadcast address. */
  broadcastOnly = true;
  readonly vlans = new Set<number>();
  readonly macs = new Map<MacRecord, Pairing>();
  /** First frame in which this host, as a client, talked to a public internet address. */
  internet: FrameRef | null = null;

  constructor(
    readonly version: number,
    readonly w0: number,
    readonly w1: number,
    readonly w2: number,
    readonly w3: number,
  ) {
    this.text = formatIp(version, w0, w1, w2, w3);
    this.group = isGroupIp(version, w0);
    this.unspecified = isUnspecifiedIp(version, w0, w1, w2, w3);
  }

  getFacts(): Facts {
    if (this.facts === null) this.facts = new Facts();
    return this.facts;
  }
}

export class HostTable {
  private readonly v4 = new Map<number, CaptureHost>();
  private readonly v6 = new Map<string, CaptureHost>();
  private readonly macsByVlan = new Map<number, Map<number, MacRecord>>();

  host(version: number, w0: number, w1: number, w2: number, w3: number): CaptureHost {
    if (version === 4) {
      let h = this.v4.get(w0);
      if (h === undefined) {
        h = new CaptureHost(4, w0, 0, 0, 0);
        this.v4.set(w0, h);
      }
      return h;
    }
    const key = `${w0} ${w1} ${w2} ${w3}`;
    let h = this.v6.get(key);
    if (h === undefined) {
      h = new CaptureHost(6, w0, w1, w2, w3);
      this.v6.set(key, h);
    }
    return h;
  }

  mac(mac: number, vlan: number, first: FrameRef): MacRecord {
    let byMac = this.macsByVlan.get(vlan);
    if (byMac === undefined) {
      byMac = new Map();
      this.macsByVlan.set(vlan, byMac);
    }
    let m = byMac.get(mac);
    if (m === undefined) {
      m = new MacRecord(mac, vlan, first);
      byMac.set(mac, m);
    }
    return m;
  }

  /** `host` sent a packet from `mac` (`local`: with an initial TTL): a candidate pairing. */
  bind(host: CaptureHost, m: MacRecord, at: FrameRef, local: boolean): void {
    if (!m.ips.has(host)) m.ips.set(host, at);
    const pairing = host.macs.get(m);
    if (pairing === undefined) host.macs.set(m, { file: at.file, frame: at.frame, local });
    else if (local) pairing.local = true;
  }

  /** ARP: `mac` claims `host` on its segment. */
  bindArp(host: CaptureHost, m: MacRecord, at: FrameRef): void {
    if (!m.arpIps.has(host)) m.arpIps.set(host, at);
    const pairing = host.macs.get(m);
    if (pairing === undefined) host.macs.set(m, { file: at.file, frame: at.frame, local: true });
    else pairing.local = true;
    host.active = true;
  }

  hosts(): CaptureHost[] {
    return [...this.v4.values(), ...this.v6.values()];
  }

  macs(): MacRecord[] {
    const out: MacRecord[] = [];
    for (const byMac of this.macsByVlan.values()) out.push(...byMac.values());
    return out;
  }
}
