/**
 * The plant's view of a capture's hosts for the control checks: which declared asset an address is, its role
 * (declared, or the capture's confident guess for undeclared hosts), and when an observation happened.
 */
import { type CaptureReport, flowText, type Observation, type ObservedFlow } from "../model/capture.js";
import type { AssetRole, Plant } from "../model/plant.js";
import { type HostLookup, hostLookup } from "./gap/capture-hosts.js";

export const CONTROLLER_ROLES: readonly AssetRole[] = ["plc", "rtu", "ied", "safety-controller"];

/** A capture role guess this sure stands in for a declaration. */
const CONFIDENT = 0.7;

export interface Party {
  ip: string;
  /** The declared asset id, or the address of an undeclared host. */
  id: string;
  /** `plc-intake (192.168.30.11)`, or the bare address. */
  label: string;
  zone: string | null;
  role: AssetRole | null;
  declared: boolean;
}

export interface When {
  iso: string;
  /** false when only a lower bound is known: the start of the flow the event was seen on. */
  exact: boolean;
}

export class CaptureParties {
  private readonly hosts: HostLookup;
  private readonly guessed = new Map<string, AssetRole>();
  private readonly flowsByLabel = new Map<string, ObservedFlow[]>();

  constructor(
    plant: Plant,
    readonly capture: CaptureReport,
  ) {
    this.hosts = hostLookup(plant, capture);
    for (const a of capture.assets) {
      const best = [...a.roles].sort((x, y) => y.confidence - x.confidence)[0];
      if (best && best.confidence >= CONFIDENT) for (const ip of a.ips) this.guessed.set(ip, best.role);
    }
    for (const f of capture.flows) {
      const label = flowText(f);
      if (!label) continue;
      const list = this.flowsByLabel.get(label) ?? [];
      list.push(f);
      this.flowsByLabel.set(label, list);
    }
  }

  party(ip: string): Party {
    const h = this.hosts.host(ip);
    return {
      ip,
      id: h.asset?.id ?? ip,
      label: this.hosts.label(h),
      zone: h.zone?.id ?? null,
      role: h.asset ? h.asset.role : (this.guessed.get(ip) ?? null),
      declared: h.asset !== undefined,
    };
  }

  /** The party a capture inventory id (`mac:...@vlan30`, `ip:...`) stands for. */
  ofObserved(observedId: string): Party | undefined {
    const ip = this.hosts.ipsOf(observedId)[0];
    return ip === undefined ? undefined : this.party(ip);
  }

  /** Both ends of an observation's flow. */
  ends(o: Observation): { client: Party; server: Party } | undefined {
    const e = o.ends;
    return e ? { client: this.party(e.client), server: this.party(e.server) } : undefined;
  }

  /** When an observation happened: its own time, or else no earlier than the start of its flow. */
  when(o: Observation & { time?: string }): When | null {
    if (o.time) return { iso: o.time, exact: true };
    const flows = o.flow ? this.flowsByLabel.get(o.flow) : undefined;
    const f = flows?.find((x) => x.file === o.file && x.firstFrame <= o.frame) ?? flows?.[0];
    return f ? { iso: f.firstSeen, exact: false } : null;
  }

  /** The earliest start of the flows between two hosts on a protocol: no operation between them is earlier. */
  earliestBetween(client: string, server: string, protocol: string): When | null {
    let first: string | null = null;
    for (const f of this.capture.flows) {
      if (f.client !== client || f.server !== server || f.protocol !== protocol) continue;
      if (first === null || Date.parse(f.firstSeen) < Date.parse(first)) first = f.firstSeen;
    }
    return first === null ? null : { iso: first, exact: false };
  }
}

export function isController(p: Party | undefined): boolean {
  return p?.role !== null && p?.role !== undefined && CONTROLLER_ROLES.includes(p.role);
}
