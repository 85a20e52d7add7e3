/**
 * A firewall's own interfaces seen in the captures belong to the firewall: the gateway address of each subnet
 * answers ARP and serves DNS or NTP, and without this step it shows up as an undeclared host in every zone the
 * firewall attaches to (and caps the inventory element, CM 1). When plant.yaml declares the firewall and its
 * configuration is read, the captured hosts at its interface addresses are folded into the declared asset.
 */
import type { InventoryAsset } from "../model/assessment.js";
import type { FirewallConfig } from "../model/firewall.js";
import type { Plant } from "../model/plant.js";
import { deviceAsset } from "./firewall/audit.js";

export function withFirewallInterfaces(
  assets: readonly InventoryAsset[],
  plant: Plant,
  firewalls: readonly FirewallConfig[],
): { assets: InventoryAsset[]; foldedInto: Map<string, string> } {
  let out = [...assets];
  const foldedInto = new Map<string, string>();
  for (const config of firewalls) {
    const owner = deviceAsset(plant, config);
    const target = owner && out.find((a) => a.id === owner.id);
    if (!target) continue;
    const own = new Set(config.interfaces.flatMap((i) => i.addresses.map((a) => a.split("/")[0]!)));
    const isOwn = (a: InventoryAsset) =>
      a !== target && !a.declared && a.ips.length > 0 && a.ips.every((ip) => own.has(ip));
    const folded = out.filter(isOwn);
    // The same interface MAC seen on a VLAN where it spoke no IP belongs to the firewall too.
    const macs = new Set(folded.flatMap((a) => a.macs));
    const alsoByMac = out.filter(
      (a) => a !== target && !a.declared && a.ips.length === 0 && a.macs.some((m) => macs.has(m)),
    );
    const gone = new Set([...folded, ...alsoByMac]);
    if (gone.size === 0) continue;
    const merged: InventoryAsset = {
      ...target,
      ips: [...new Set([...target.ips, ...[...gone].flatMap((a) => a.ips)])],
      macs: [...new Set([...target.macs, ...[...gone].flatMap((a) => a.macs)])],
      protocols: [...new Set([...target.protocols, ...[...gone].flatMap((a) => a.protocols)])].sort(),
      sources: [...target.sources, ...[...gone].flatMap((a) => a.sources)],
    };
    for (const a of gone) foldedInto.set(a.id, target.id);
    out = out.filter((a) => !gone.has(a)).map((a) => (a === target ? merged : a));
  }
  return { assets: out, foldedInto };
}
