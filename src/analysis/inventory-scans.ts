/**
 * Merges scanner reports into the inventory built from plant.yaml and the captures: each scanned host joins
 * the asset with its MAC or IP address, or becomes an undeclared asset. Identity read by ICS scripts
 * (s7-info, modbus-discover, enip-info, bacnet-info), the OS match and the open services are added with the
 * report line that says so. As in the base inventory, a declared value wins; a disagreeing scan value is
 * kept as a source of it, with its own value in the note, so the assessor sees the conflict.
 */
import type { InventoryAsset } from "../model/assessment.js";
import type { Evidence } from "../model/evidence.js";
import type { AssetRole, Zone } from "../model/plant.js";
import type { ScanFinding, ScanHost, ScanReport } from "../model/vulnerability.js";
import { zoneLocator } from "./zone-of-address.js";

export interface ScanMerge {
  assets: InventoryAsset[];
  /** Each scanner finding with the inventory asset it belongs to. */
  findings: { asset: string; finding: ScanFinding }[];
}

type Fact = InventoryAsset["vendor"];
export type Key = "vendor" | "product" | "model" | "firmware";

const norm = (mac: string) => mac.toLowerCase();

/** Service states that mean "something answers here". */
const OPEN = new Set(["open", "open|filtered"]);

export function withScanHosts(
  inventory: readonly InventoryAsset[],
  scans: readonly ScanReport[],
  zones: readonly Zone[],
): ScanMerge {
  const assets = inventory.map((a) => ({ ...a, sources: [...a.sources] }));
  const byIp = new Map<string, InventoryAsset>();
  const byMac = new Map<string, InventoryAsset>();
  const index = (a: InventoryAsset) => {
    for (const ip of a.ips) byIp.set(ip, a);
    for (const mac of a.macs) byMac.set(norm(mac), a);
  };
  assets.forEach(index);
  const locate = zoneLocator(zones);
  const findings: ScanMerge["findings"] = [];

  for (const scan of scans) {
    for (const host of scan.hosts) {
      const services = host.services.filter((s) => OPEN.has(s.state));
      if (!host.up && services.length === 0) continue;
      let asset =
        host.macs.map((m) => byMac.get(norm(m))).find(Boolean) ??
        host.ips.map((ip) => byIp.get(ip)).find(Boolean);
      if (!asset) {
        asset = newAsset(host, scan, locate);
        assets.push(asset);
      }
      merge(asset, host, scan);
      // An asset known only by MAC until now is placed by the address the scanner found.
      asset.zone ??= asset.ips.map(locate).find((z) => z !== undefined) ?? null;
      index(asset);
      for (const f of host.findings) findings.push({ asset: asset.id, finding: f });
    }
  }
  return { assets, findings };
}

function newAsset(
  host: ScanHost,
  scan: ScanReport,
  locate: (ip: string) => string | undefined,
): InventoryAsset {
  const ip = host.ips[0];
  const id = ip ? `ip:${ip}` : `mac:${host.macs[0] ?? `${scan.file}:${host.evidence.line}`}`;
  return bareAsset(
    id,
    host.hostnames[0] ?? ip ?? host.macs[0] ?? id,
    roleOf(host),
    host.ips.map(locate).find((z) => z !== undefined) ?? null,
    false,
  );
}

/** An inventory asset known by name only: addresses, identity and sources are merged in afterwards. */
export function bareAsset(
  id: string,
  name: string,
  role: AssetRole,
  zone: string | null,
  declared: boolean,
): InventoryAsset {
  return {
    id,
    name,
    role,
    zone,
    declared,
    ips: [],
    macs: [],
    hostnames: [],
    vendor: null,
    product: null,
    model: null,
    firmware: null,
    protocols: [],
    sources: [],
  };
}

/** A controller script answering says "PLC"; otherwise the scan does not tell the role. */
function roleOf(host: ScanHost): AssetRole {
  if (host.identities.some((i) => i.source === "s7-info" || i.source === "enip-info")) return "plc";
  return "unknown";
}

function merge(asset: InventoryAsset, host: ScanHost, scan: ScanReport): void {
  asset.ips = [...new Set([...asset.ips, ...host.ips])];
  asset.macs = [...new Set([...asset.macs, ...host.macs.map(norm)])];
  asset.hostnames = [...new Set([...asset.hostnames, ...host.hostnames])];
  if (
    !asset.sources.some(
      (s) => s.kind === "line" && s.file === host.evidence.file && s.line === host.evidence.line,
    )
  )
    asset.sources.push({ ...host.evidence, note: `${scan.scanner} host` });
  for (const identity of host.identities) {
    for (const key of ["vendor", "product", "model", "firmware"] as const) {
      asset[key] = mergeFact(
        asset[key],
        identity[key],
        { ...identity.evidence, note: `${identity.source} ${key}` },
        key,
      );
    }
  }
  if (!asset.vendor && host.macVendor)
    asset.vendor = {
      value: host.macVendor,
      sources: [{ ...host.evidence, note: `${scan.scanner} MAC vendor` }],
    };
  if (host.os) {
    const source: Evidence = {
      ...host.evidence,
      note: `${scan.scanner} OS${host.os.accuracy !== null ? ` match ${host.os.accuracy}%` : ""}`,
    };
    asset.os = asset.os
      ? { value: asset.os.value, sources: [...asset.os.sources, source] }
      : { value: host.os.name, sources: [source] };
  }
  const services = asset.services ? [...asset.services] : [];
  for (const s of host.services) {
    if (!OPEN.has(s.state) || services.some((x) => x.port === s.port && x.transport === s.transport))
      continue;
    services.push({
      port: s.port,
      transport: s.transport,
      name: s.name,
      product: s.product,
      version: s.version,
      source: { ...s.evidence, note: `${scan.scanner} ${s.port}/${s.transport}` },
    });
  }
  if (services.length > 0)
    asset.services = services.sort((a, b) => a.port - b.port || a.transport.localeCompare(b.transport));
}

/** "V2.70", "v2.70" and "2.70" are one firmware version; other facts compare without case and spacing. */
function comparable(value: string, key: Key): string {
  const v = value.trim().toLowerCase().replace(/\s+/g, " ");
  return key === "firmware" ? v.replace(/^(?:v|fw|sv|r)\s*(?=\d)/, "") : v;
}

/**
 * Adds a value from a further source: kept when the asset has none; otherwise the first value stays and the
 * source is added, with its own value in the note when it disagrees.
 */
export function mergeFact(current: Fact, value: string | null, source: Evidence, key: Key): Fact {
  if (!value) return current;
  if (!current) return { value, sources: [source] };
  const same = comparable(current.value, key) === comparable(value, key);
  return {
    value: current.value,
    sources: [...current.sources, same ? source : { ...source, note: `${source.note}: ${value}` }],
  };
}
