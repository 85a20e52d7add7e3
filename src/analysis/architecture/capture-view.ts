/** Look-ups over the capture report that the architecture rules share. */
import type { CaptureReport, Observation, ObservedAsset } from "../../model/capture.js";
import type { AssetRole, Plant } from "../../model/plant.js";
import { assetsByIp } from "./plant-zones.js";

export interface FlowKey {
  client: string;
  clientPort: number | null;
  server: string;
  serverPort: number | null;
  transport: string;
}

/** `10.0.0.1:5123 -> 10.0.0.2:502/tcp`, `[fe80::1]:5123 -> ...`, `10.0.0.1 -> 10.0.0.2/icmp` (see capture/report.ts). */
export function parseFlowKey(text: string | null): FlowKey | null {
  if (!text) return null;
  const m = /^(.+) -> (.+)\/(\w+)$/.exec(text.trim());
  if (!m) return null;
  const split = (s: string): [string, number | null] => {
    const bracket = /^\[(.+)\]:(\d+)$/.exec(s);
    if (bracket) return [bracket[1]!, Number(bracket[2])];
    const i = s.indexOf(":");
    if (i < 0 || s.indexOf(":", i + 1) >= 0 || !/^\d+$/.test(s.slice(i + 1))) return [s, null];
    return [s.slice(0, i), Number(s.slice(i + 1))];
  };
  const [client, clientPort] = split(m[1]!);
  const [server, serverPort] = split(m[2]!);
  return { client, clientPort, server, serverPort, transport: m[3]! };
}

/** `plc-filter (192.168.30.12)` for declared assets, the address otherwise. */
export function hostLabel(plant: Plant, ip: string): string {
  const a = assetsByIp(plant).get(ip);
  return a ? `${a.id} (${ip})` : ip;
}

export function declaredId(plant: Plant, ip: string): string | undefined {
  return assetsByIp(plant).get(ip)?.id;
}

/** The role of the host at `ip`: declared, else the capture's most confident guess (at least 0.5). */
export function roleOf(plant: Plant, capture: CaptureReport | null, ip: string): AssetRole | null {
  const declared = assetsByIp(plant).get(ip);
  if (declared && declared.role !== "unknown") return declared.role;
  const observed = capture?.assets.find((a) => a.ips.includes(ip));
  const best = observed ? [...observed.roles].sort((a, b) => b.confidence - a.confidence)[0] : undefined;
  return best && best.confidence >= 0.5 ? best.role : null;
}

export function observedAssetOf(capture: CaptureReport | null, id: string): ObservedAsset | undefined {
  return capture?.assets.find((a) => a.id === id);
}

/** The IPs an observation is about: from its flow key, else from its asset. */
export function observationHosts(
  capture: CaptureReport | null,
  o: Observation,
): { client: string | null; server: string | null } {
  const key = parseFlowKey(o.flow);
  if (key) return { client: key.client, server: key.server };
  const ip = observedAssetOf(capture, o.asset)?.ips[0] ?? null;
  return { client: null, server: ip };
}
