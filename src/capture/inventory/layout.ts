/**
 * What the site says about who holds which address, for the inventory to tell a router's MAC from a host's
 * (assets.ts): plant.yaml's assets with their addresses and whether each routes (a firewall or network device), and
 * the firewalls' own interface addresses from their configurations. On the wire a router that keeps the TTL (a NAT
 * or proxying firewall, a honeypot gateway) looks like one host with several addresses; the site knows better.
 */
import type { FirewallConfig } from "../../model/firewall.js";
import type { AssetRole, Plant } from "../../model/plant.js";
import { formatIp, parseIp } from "../decode/address.js";

export interface DeclaredHolder {
  id: string;
  /** A firewall or network device: addresses besides its own may reach the wire from its MAC. */
  router: boolean;
  ips: readonly string[];
  macs: readonly string[];
}

export interface SiteLayout {
  /** plant.yaml's assets. */
  assets: readonly DeclaredHolder[];
  /** The firewalls' own interface addresses (`10.10.10.1`), from their configurations. */
  routerIps: readonly string[];
}

const ROUTING_ROLES: ReadonlySet<AssetRole> = new Set(["firewall", "network-device"]);

export function siteLayout(plant: Plant, firewalls: readonly FirewallConfig[] = []): SiteLayout {
  return {
    assets: plant.spec.assets.map((a) => ({
      id: a.id,
      router: ROUTING_ROLES.has(a.role),
      ips: a.ips,
      macs: a.macs,
    })),
    routerIps: firewalls.flatMap((c) =>
      c.interfaces.flatMap((i) => i.addresses.map((a) => a.split("/")[0]!)),
    ),
  };
}

/** The layout keyed as the host table is: addresses as the capture writes them, MACs as numbers. */
export interface LayoutIndex {
  /** The declared asset at each address (the first that lists it). */
  assetAt: ReadonlyMap<string, DeclaredHolder>;
  /** The declared assets that list each MAC. */
  assetsWith: ReadonlyMap<number, readonly DeclaredHolder[]>;
  /** Addresses of routing devices: declared firewalls' and network devices', and the firewalls' interfaces. */
  routerIps: ReadonlySet<string>;
}

export const EMPTY_LAYOUT: SiteLayout = { assets: [], routerIps: [] };

/** `192.168.0.1`, `fe80::1` as formatIp writes them; null for text that is no address. */
export function canonicalIp(text: string): string | null {
  const ip = parseIp(text.trim());
  return ip === null ? null : formatIp(...ip);
}

/** A MAC's 48 bits as the host table keeps them; null for text that is no MAC. */
export function macValue(text: string): number | null {
  const hex = text.replace(/[:.-]/g, "");
  return /^[0-9a-f]{12}$/i.test(hex) ? Number.parseInt(hex, 16) : null;
}

export function indexLayout(layout: SiteLayout): LayoutIndex {
  const assetAt = new Map<string, DeclaredHolder>();
  const assetsWith = new Map<number, DeclaredHolder[]>();
  const routerIps = new Set<string>();
  for (const ip of layout.routerIps) {
    const text = canonicalIp(ip);
    if (text !== null) routerIps.add(text);
  }
  for (const a of layout.assets) {
    for (const ip of a.ips) {
      const text = canonicalIp(ip);
      if (text === null) continue;
      if (!assetAt.has(text)) assetAt.set(text, a);
      if (a.router) routerIps.add(text);
    }
    for (const mac of a.macs) {
      const value = macValue(mac);
      if (value === null) continue;
      const list = assetsWith.get(value) ?? [];
      if (!list.includes(a)) list.push(a);
      assetsWith.set(value, list);
    }
  }
  return { assetAt, assetsWith, routerIps };
}
