/**
 * Assets from the addresses seen. A device seen at layer 2 is a MAC on its segment (VLAN); its IPs are those it
 * claimed in ARP, or sent from without crossing a router, unless its MAC is a router's: then the addresses it
 * carries for others are devices of their own, keyed by IP, with no MAC and no vendor from its OUI (routers.ts says
 * which MACs are routers' and which addresses are theirs). Hosts seen only at layer 3 (raw IP and loopback links,
 * remote hosts) are assets keyed by IP.
 */
import type { ObservedAsset, OperationCategory } from "../../model/capture.js";
import { formatMac, isGroupMac } from "../decode/address.js";
import { type Flow, T_ETHER, T_TCP, T_UDP } from "../flows/flow.js";
import type { Facts } from "./facts.js";
import type { CaptureHost, HostTable, MacRecord } from "./hosts.js";
import { EMPTY_LAYOUT, indexLayout, type SiteLayout } from "./layout.js";
import { vendorNames } from "./oui.js";
import { emptySignals, inferRoles, isControllerProtocol, type RoleSignals } from "./roles.js";
import { type Router, routersOf } from "./routers.js";

export interface Inventory {
  assets: ObservedAsset[];
  /** Asset id of any address record (also of addresses that are not assets themselves, e.g. broadcasts). */
  idOf(record: CaptureHost | MacRecord): string;
}

interface Draft {
  id: string;
  mac: MacRecord | null;
  hosts: CaptureHost[];
  signals: RoleSignals;
}

export function macAssetId(m: MacRecord): string {
  return m.vlan >= 0 ? `mac:${formatMac(m.mac)}@vlan${m.vlan}` : `mac:${formatMac(m.mac)}`;
}

export interface InventoryOptions {
  /** What the site declares: which addresses its devices hold, which of them route. */
  layout?: SiteLayout;
  /** The dissectors registered on a port (by name): what a host answering there may serve. */
  portNames?: (tcp: boolean, port: number) => readonly string[];
}

export function observedInventory(
  table: HostTable,
  flows: readonly Flow[],
  files: readonly string[],
  options: InventoryOptions = {},
): Inventory {
  const drafts = new Map<string, Draft>();
  const byHost = new Map<CaptureHost, Draft>();
  const byMac = new Map<MacRecord, Draft>();

  const macs = table.macs().filter((m) => m.sent && !isGroupMac(m.mac));
  const routers = routersOf(macs, indexLayout(options.layout ?? EMPTY_LAYOUT));
  for (const m of macs) {
    const d: Draft = { id: macAssetId(m), mac: m, hosts: [], signals: emptySignals() };
    const router = routers.get(m);
    if (router?.reason) {
      d.signals.gateway = {
        reason: router.reason,
        first: { file: files[router.first.file], frame: router.first.frame },
      };
    }
    drafts.set(d.id, d);
    byMac.set(m, d);
  }

  for (const h of table.hosts()) {
    if (!h.active || h.group || h.unspecified) continue;
    const owner = ownerOf(h, routers);
    let d = owner ? byMac.get(owner) : undefined;
    if (d === undefined) {
      d = { id: `ip:${h.text}`, mac: null, hosts: [], signals: emptySignals() };
      drafts.set(d.id, d);
    }
    d.hosts.push(h);
    byHost.set(h, d);
    if (h.internet !== null && d.signals.internet === null) {
      d.signals.internet = { file: files[h.internet.file], frame: h.internet.frame };
    }
  }

  const idOf = (r: CaptureHost | MacRecord): string =>
    ("mac" in r ? byMac.get(r)?.id : byHost.get(r)?.id) ?? ("mac" in r ? macAssetId(r) : `ip:${r.text}`);

  collectSignals(flows, files, byHost, byMac, options.portNames ?? (() => []));

  const vendors = vendorNames(macs.map((m) => m.mac));
  const assets: ObservedAsset[] = [];
  for (const d of drafts.values())
    assets.push(toAsset(d, d.mac !== null ? (vendors.get(d.mac.mac) ?? null) : null));
  assets.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  return { assets, idOf };
}

/**
 * The MAC a host's IP belongs to: the one that claimed it in ARP, else the one MAC it sent from without crossing
 * a router (initial TTL) and that does not carry it for others (a router's). Null when ambiguous (two claimants:
 * failover or spoofing) or routed.
 */
function ownerOf(h: CaptureHost, routers: ReadonlyMap<MacRecord, Router>): MacRecord | null {
  const claimed = [...h.macs.keys()].filter((m) => m.arpIps.has(h));
  if (claimed.length === 1) return claimed[0];
  if (claimed.length > 1) return null;
  const senders = [...h.macs].filter(
    ([m, pairing]) => pairing.local && m.sent && !isGroupMac(m.mac) && !routers.get(m)?.behind.has(h),
  );
  return senders.length === 1 ? senders[0][0] : null;
}

/**
 * Per asset: which requests it answered and sent, the services it offered, and the controller protocols' ports it
 * answered on in words no dissector recognised.
 */
function collectSignals(
  flows: readonly Flow[],
  files: readonly string[],
  byHost: Map<CaptureHost, Draft>,
  byMac: Map<MacRecord, Draft>,
  portNames: (tcp: boolean, port: number) => readonly string[],
): void {
  for (const f of flows) {
    if (f.protocolName === null && f.answerFrame > 0 && (f.transport === T_TCP || f.transport === T_UDP)) {
      const server = draftOfHost(f.server, byHost);
      const tcp = f.transport === T_TCP;
      const protocol = portNames(tcp, f.sPort).find(isControllerProtocol);
      if (server !== undefined && protocol !== undefined && !server.signals.answeredOnPort.has(protocol)) {
        server.signals.answeredOnPort.set(protocol, {
          port: `${tcp ? "tcp" : "udp"}/${f.sPort}`,
          at: { file: files[f.answerFile], frame: f.answerFrame },
        });
      }
    }
    if (f.ops === null || f.protocolName === null) continue;
    const protocol = f.protocolName;
    const clientDraft =
      f.transport === T_ETHER ? draftOfMac(f.clientMac, byMac) : draftOfHost(f.client, byHost);
    const serverDraft =
      f.transport === T_ETHER ? draftOfMac(f.serverMac, byMac) : draftOfHost(f.server, byHost);
    for (const op of f.ops.values()) {
      // On TCP the station that opened the connection drives it, even where the protocol has the server send
      // jobs back (an S7 PLC pulls "download block" from the programming station during a download).
      const clientActs = op.dir === 0 || f.transport === T_TCP;
      const requester = clientActs ? clientDraft : serverDraft;
      const responder = clientActs ? serverDraft : clientDraft;
      const at = { file: files[op.firstFile], frame: op.firstFrame };
      if (responder !== undefined && !responder.signals.answered.has(protocol))
        responder.signals.answered.set(protocol, at);
      if (requester === undefined || responder === undefined || !isControllerProtocol(protocol)) continue;
      let byCategory = requester.signals.sentToControllers.get(responder.id);
      if (byCategory === undefined) {
        byCategory = new Map();
        requester.signals.sentToControllers.set(responder.id, byCategory);
      }
      const category = op.category as OperationCategory;
      if (!byCategory.has(category)) byCategory.set(category, at);
    }
  }
  for (const d of new Set([...byHost.values(), ...byMac.values()])) {
    for (const facts of factsOf(d)) {
      for (const s of facts.services.values()) {
        if (!d.signals.served.has(s.protocol))
          d.signals.served.set(s.protocol, { file: files[s.file], frame: s.frame });
      }
    }
  }
}

function draftOfHost(h: CaptureHost | null, byHost: Map<CaptureHost, Draft>): Draft | undefined {
  return h === null ? undefined : byHost.get(h);
}

function draftOfMac(m: MacRecord | null, byMac: Map<MacRecord, Draft>): Draft | undefined {
  return m === null ? undefined : byMac.get(m);
}

function factsOf(d: Draft): Facts[] {
  const out: Facts[] = [];
  if (d.mac?.facts) out.push(d.mac.facts);
  for (const h of d.hosts) if (h.facts) out.push(h.facts);
  return out;
}

function toAsset(d: Draft, vendor: string | null): ObservedAsset {
  const facts = factsOf(d);
  const identity: ObservedAsset["identity"] = { sources: [] };
  const hostnames = new Set<string>();
  const services = new Map<string, ObservedAsset["services"][number]>();
  for (const f of facts) {
    for (const [key, value] of Object.entries(f.identity) as [keyof typeof f.identity, string][]) {
      if (identity[key] === undefined) identity[key] = value;
    }
    for (const s of f.identitySources)
      identity.sources.push({ kind: "frame", file: s.file, frame: s.frame, protocol: s.protocol });
    for (const n of f.hostnames) hostnames.add(n);
    for (const [key, s] of f.services)
      services.set(key, { protocol: s.protocol, transport: s.transport, port: s.port });
  }
  const hosts = [...d.hosts].sort(
    (a, b) => a.version - b.version || a.w0 - b.w0 || a.w1 - b.w1 || a.w2 - b.w2 || a.w3 - b.w3,
  );
  const vlans = new Set<number>();
  if (d.mac !== null && d.mac.vlan >= 0) vlans.add(d.mac.vlan);
  if (d.mac === null) for (const h of d.hosts) for (const v of h.vlans) vlans.add(v);
  return {
    id: d.id,
    macs: d.mac !== null ? [formatMac(d.mac.mac)] : [],
    ips: hosts.map((h) => h.text),
    vlans: [...vlans].sort((a, b) => a - b),
    vendor,
    hostnames: [...hostnames].sort(),
    identity,
    roles: inferRoles(d.signals),
    services: [...services.values()].sort(
      (a, b) =>
        (a.transport < b.transport ? -1 : a.transport > b.transport ? 1 : 0) ||
        a.port - b.port ||
        (a.protocol < b.protocol ? -1 : 1),
    ),
  };
}
