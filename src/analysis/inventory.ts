/**
 * The merged inventory: every asset plant.yaml declares, joined with what captures observed of it (by IP or
 * MAC), plus every observed host the plant did not declare. Each fact keeps where it came from.
 */
import type { InventoryAsset } from "../model/assessment.js";
import type { CaptureReport, ObservedAsset } from "../model/capture.js";
import type { Evidence } from "../model/evidence.js";
import type { AssetDeclaration, Plant } from "../model/plant.js";
import { declaredAt } from "./plant-lookup.js";
import { zoneLocator } from "./zone-of-address.js";

type Fact = InventoryAsset["vendor"];

function fact(value: string | undefined | null, sources: Evidence[]): Fact {
  return value ? { value, sources } : null;
}

function observedFact(o: ObservedAsset | undefined, key: "vendor" | "product" | "model" | "firmware"): Fact {
  const v = o?.identity[key];
  if (!o || !v) return null;
  return {
    value: v,
    sources: o.identity.sources.map(({ protocol, ...frame }) => ({ ...frame, note: `${protocol} ${key}` })),
  };
}

/** A declared value wins over an observed one; where they disagree both are kept as sources of the declared one. */
function merge(declared: Fact, observed: Fact): Fact {
  if (!declared) return observed;
  if (!observed) return declared;
  return { value: declared.value, sources: [...declared.sources, ...observed.sources] };
}

const norm = (mac: string) => mac.toLowerCase();

export function mergedInventory(plant: Plant, capture: CaptureReport | null): InventoryAsset[] {
  const observed = capture?.assets ?? [];
  const byIp = new Map<string, ObservedAsset>();
  const byMac = new Map<string, ObservedAsset[]>();
  for (const o of observed) {
    for (const ip of o.ips) byIp.set(ip, o);
    for (const mac of o.macs) byMac.set(norm(mac), [...(byMac.get(norm(mac)) ?? []), o]);
  }
  const matched = new Set<ObservedAsset>();
  const locate = zoneLocator(plant.spec.zones);

  const declared = plant.spec.assets.map((a, i): InventoryAsset => {
    const here = declaredAt(plant, "assets", i);
    // A multi-homed device (a firewall's interfaces) is seen once per network: all of them are the one asset.
    const all = matchObserved(a, byIp, byMac);
    const o = all[0];
    for (const x of all) matched.add(x);
    const protocols = [...new Set(all.flatMap((x) => x.services.map((s) => s.protocol)))].sort();
    return {
      id: a.id,
      name: a.name,
      role: a.role,
      zone: a.zone ?? a.ips.map(locate).find((z) => z !== undefined) ?? null,
      declared: true,
      ips: [...new Set([...a.ips, ...all.flatMap((x) => x.ips)])],
      macs: [...new Set([...a.macs, ...all.flatMap((x) => x.macs)].map(norm))],
      hostnames: [...new Set([...a.hostnames, ...all.flatMap((x) => x.hostnames)])],
      vendor: merge(fact(a.vendor, [here]), fact(o?.identity.vendor ?? o?.vendor, observedSources(o))),
      product: merge(fact(a.product, [here]), observedFact(o, "product")),
      model: merge(fact(a.model, [here]), observedFact(o, "model")),
      firmware: merge(fact(a.firmware, [here]), observedFact(o, "firmware")),
      protocols,
      sources: [here, ...all.flatMap(observedSources)],
    };
  });

  const undeclared = observed
    .filter((o) => !matched.has(o))
    .map((o): InventoryAsset => {
      const best = [...o.roles].sort((x, y) => y.confidence - x.confidence)[0];
      return {
        id: o.id,
        name: o.hostnames[0] ?? o.ips[0] ?? o.macs[0] ?? o.id,
        role: best?.role ?? "unknown",
        zone: o.ips.map(locate).find((z) => z !== undefined) ?? null,
        declared: false,
        ips: o.ips,
        macs: o.macs.map(norm),
        hostnames: o.hostnames,
        vendor: fact(o.identity.vendor ?? o.vendor, observedSources(o)),
        product: observedFact(o, "product"),
        model: observedFact(o, "model"),
        firmware: observedFact(o, "firmware"),
        protocols: [...new Set(o.services.map((s) => s.protocol))].sort(),
        sources: observedSources(o),
      };
    });
  return [...declared, ...undeclared];
}

/** The observed assets that are this declared one: by its MACs, then its addresses; the best match first. */
function matchObserved(
  a: AssetDeclaration,
  byIp: Map<string, ObservedAsset>,
  byMac: Map<string, ObservedAsset[]>,
): ObservedAsset[] {
  const found = new Set<ObservedAsset>();
  for (const mac of a.macs) for (const o of byMac.get(norm(mac)) ?? []) found.add(o);
  for (const ip of a.ips) {
    const o = byIp.get(ip);
    if (o) found.add(o);
  }
  // The same network card seen on a VLAN where it spoke no IP.
  for (const mac of new Set([...found].flatMap((o) => o.macs.map(norm))))
    for (const o of byMac.get(mac) ?? []) if (o.ips.length === 0) found.add(o);
  return [...found];
}

function observedSources(o: ObservedAsset | undefined): Evidence[] {
  if (!o) return [];
  const frames = [...o.identity.sources, ...o.roles.flatMap((r) => r.evidence)];
  const seen = new Set<string>();
  const out: Evidence[] = [];
  for (const f of frames) {
    const key = `${f.file}#${f.frame}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push({ kind: "frame", file: f.file, frame: f.frame, ...(f.note ? { note: f.note } : {}) });
    if (out.length >= 5) break;
  }
  return out;
}
