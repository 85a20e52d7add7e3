/**
 * Which MACs are routers', and which of the addresses a router's MAC sends for are behind it rather than its own.
 * A MAC is a router's when:
 * - it sends for many addresses (GATEWAY_MIN_IPS): every one it did not claim in ARP is behind it;
 * - it forwards packets that crossed a router (TTL decremented) for two or more addresses it never claimed;
 * - the site declares it: plant.yaml gives it to a firewall or network device, or it holds (claims in ARP, or sends
 *   from without crossing a router) an address plant.yaml or a firewall configuration gives one, the gateway of
 *   its subnet. The addresses it sends for besides the routing devices' own are behind it;
 * - it sends for the addresses of two assets plant.yaml declares apart, none of which gives it this MAC: those
 *   addresses are behind it;
 * - it sends for public IPv4 addresses beside a private one it holds: the public ones are behind it (no device
 *   sits on a private and the public internet with one interface; a proxying firewall keeps the TTL).
 * Addresses whose packets crossed a router are never a MAC's own (assets.ts), whoever's MAC it is; a host with
 * several addresses on one interface in its own subnet stays one host.
 */
import { isPublicIp } from "../decode/address.js";
import type { CaptureHost, FrameRef, MacRecord } from "./hosts.js";
import { type DeclaredHolder, type LayoutIndex, macValue } from "./layout.js";
import { GATEWAY_MIN_IPS } from "./roles.js";

/** Addresses one MAC forwards routed packets for, from which on it is a router. */
export const ROUTED_MIN_IPS = 2;

export interface Router {
  /** The addresses it sends for that are not its own. */
  behind: Set<CaptureHost>;
  /** Why it is a router, for its role's evidence; null when nothing it carries shows it (a declared switch). */
  reason: string | null;
  /** The first frame that shows it. */
  first: FrameRef;
}

function byFrame(a: FrameRef, b: FrameRef): number {
  return a.file - b.file || a.frame - b.frame;
}

/** RFC 1918 space: 10/8, 172.16/12, 192.168/16. */
function isPrivateV4(h: CaptureHost): boolean {
  if (h.version !== 4) return false;
  const a = h.w0 >>> 24;
  const b = (h.w0 >>> 16) & 255;
  return a === 10 || (a === 172 && b >= 16 && b <= 31) || (a === 192 && b === 168);
}

/** The routers among `macs`, with the addresses behind each. */
export function routersOf(macs: readonly MacRecord[], layout: LayoutIndex): Map<MacRecord, Router> {
  const out = new Map<MacRecord, Router>();
  for (const m of macs) {
    const r = routerOf(m, layout);
    if (r !== null) out.set(m, r);
  }
  return out;
}

function routerOf(m: MacRecord, layout: LayoutIndex): Router | null {
  // What it sent without crossing a router, and claimed in ARP: the addresses it holds.
  const sent = [...m.ips.keys()];
  const holds = (h: CaptureHost) => m.arpIps.has(h) || h.macs.get(m)?.local === true;
  const held = [...new Set([...sent, ...m.arpIps.keys()])].filter(holds);
  const unclaimed = sent.filter((h) => !m.arpIps.has(h));

  if (m.ips.size >= GATEWAY_MIN_IPS) {
    return {
      behind: new Set(unclaimed),
      reason: `sends for ${m.ips.size} IP addresses (a router)`,
      first: firstOf(m, sent),
    };
  }

  const declared = declaredRouter(m, sent, held, layout);
  if (declared !== null) return declared;

  const apart = declaredApart(m, sent, holds, layout);
  if (apart !== null) return apart;

  const privates = held.filter(isPrivateV4);
  const publics = unclaimed.filter((h) => holds(h) && h.version === 4 && isPublicIp(4, h.w0));
  if (privates.length > 0 && publics.length > 0) {
    return {
      behind: new Set(publics),
      reason: `sends for public ${list(publics)} beside private ${privates[0]!.text} (a router)`,
      first: firstOf(m, publics),
    };
  }

  const routed = unclaimed.filter((h) => h.macs.get(m)?.local === false);
  if (routed.length >= ROUTED_MIN_IPS) {
    return {
      behind: new Set(routed),
      reason: `forwards packets that crossed a router from ${list(routed)} (a router)`,
      first: firstOf(m, routed),
    };
  }
  return null;
}

/** A firewall's or network device's MAC, by plant.yaml's word or by the address it holds. */
function declaredRouter(
  m: MacRecord,
  sent: readonly CaptureHost[],
  held: readonly CaptureHost[],
  layout: LayoutIndex,
): Router | null {
  const byMac = (layout.assetsWith.get(m.mac) ?? []).find((a) => a.router);
  const own = held.filter((h) => layout.routerIps.has(h.text));
  if (byMac === undefined && own.length === 0) return null;
  const behind = sent.filter((h) => !m.arpIps.has(h) && !layout.routerIps.has(h.text));
  const whose = byMac
    ? `on the MAC plant.yaml gives ${byMac.id}`
    : `besides ${own[0]!.text}, a firewall's or network device's address`;
  return {
    behind: new Set(behind),
    reason: behind.length > 0 ? `carries ${list(behind)} ${whose} (a router)` : null,
    first: behind.length > 0 ? firstOf(m, behind) : m.first,
  };
}

/** A MAC sending for the addresses of two assets plant.yaml declares apart: something between them and the wire. */
function declaredApart(
  m: MacRecord,
  sent: readonly CaptureHost[],
  holds: (h: CaptureHost) => boolean,
  layout: LayoutIndex,
): Router | null {
  const owners = new Map<CaptureHost, DeclaredHolder>();
  for (const h of sent) {
    const a = layout.assetAt.get(h.text);
    if (a !== undefined && holds(h)) owners.set(h, a);
  }
  const assets = new Set(owners.values());
  if (assets.size < 2) return null;
  const listsThisMac = (a: DeclaredHolder) => a.macs.some((text) => macValue(text) === m.mac);
  const behind = [...owners].filter(([h, a]) => !m.arpIps.has(h) && !listsThisMac(a)).map(([h]) => h);
  if (behind.length === 0) return null;
  return {
    behind: new Set(behind),
    reason: `sends for ${list(behind)}, addresses plant.yaml gives ${[...assets]
      .map((a) => a.id)
      .join(" and ")} (a router)`,
    first: firstOf(m, behind),
  };
}

/** The first frame in which `m` sent for one of `hosts`. */
function firstOf(m: MacRecord, hosts: readonly CaptureHost[]): FrameRef {
  return hosts.map((h) => m.ips.get(h)!).sort(byFrame)[0]!;
}

function list(hosts: readonly CaptureHost[]): string {
  const texts = hosts.map((h) => h.text);
  return texts.length > 3 ? `${texts.slice(0, 3).join(", ")} and ${texts.length - 3} more` : texts.join(", ");
}
