/**
 * Evidence from records rather than traffic: known vulnerabilities of the zone's assets (KEV weighs most), default
 * accounts plant.yaml keeps, and remote-access paths nobody monitors (stronger when the captures show them in use).
 */
import type { Observation } from "../../model/capture.js";
import type { Plant, RemoteAccess } from "../../model/plant.js";
import type { VulnerabilityMatch, VulnerabilityReport } from "../../model/vulnerability.js";
import { declaredAt, zoneOfAsset } from "../plant-lookup.js";
import { type AddressBook, flowEnds, type Signal } from "./signal.js";

function vulnerabilityWeight(m: VulnerabilityMatch): number {
  const base = m.kev ? 3 : (m.cvss?.score ?? 0) >= 9 ? 2 : 1;
  return m.confidence === "affected" ? base : Math.max(1, base - 1);
}

export function vulnerabilitySignals(report: VulnerabilityReport | null | undefined): Signal[] {
  return (report?.matches ?? []).flatMap((m): Signal[] => {
    if (!m.zone) return [];
    const cves = m.cves.slice(0, 3).join(", ");
    const facts = [
      m.kev ? "listed in CISA KEV (exploited in the wild)" : null,
      m.cvss ? `CVSS ${m.cvss.score}` : null,
    ]
      .filter(Boolean)
      .join(", ");
    return [
      {
        signal: "vulnerability",
        zone: m.zone,
        asset: m.asset,
        weight: vulnerabilityWeight(m),
        reason: `${m.asset} is ${m.confidence === "affected" ? "affected by" : "possibly affected by"} ${cves ? `${cves} ` : ""}${m.title}${facts ? ` (${facts})` : ""}`,
        evidence: m.evidence.slice(0, 2),
      },
    ];
  });
}

export function defaultAccountSignals(plant: Plant): Signal[] {
  return plant.spec.accounts.flatMap((a, i): Signal[] => {
    const zone = zoneOfAsset(plant, a.system);
    if (a.kind !== "default" || !a.enabled || !zone) return [];
    return [
      {
        signal: "default-account",
        zone,
        asset: a.system,
        weight: 1,
        reason: `${a.system} keeps the default account ${a.user}${a.privileged ? " (privileged)" : ""}`,
        evidence: [declaredAt(plant, "accounts", i)],
      },
    ];
  });
}

/** A session of the path's tool between one of its targets and an address outside every declared zone. */
function sessionSeen(
  path: RemoteAccess,
  target: string,
  plant: Plant,
  observations: readonly Observation[],
  book: AddressBook,
) {
  const ips = new Set(plant.spec.assets.find((a) => a.id === target)?.ips ?? []);
  return observations.find((o) => {
    const ends = flowEnds(o.flow);
    if (o.kind !== "remote-access" || !ends || (path.method !== "other" && o.protocol !== path.method))
      return false;
    const outside = ips.has(ends.client) ? ends.server : ips.has(ends.server) ? ends.client : null;
    return outside !== null && book.zoneOf(outside) === undefined;
  });
}

export function remoteAccessSignals(
  plant: Plant,
  observations: readonly Observation[],
  book: AddressBook,
): Signal[] {
  return plant.spec.remoteAccess.flatMap((path, i) => {
    if (path.monitored) return [];
    const missing = [
      path.mfa ? null : "no MFA",
      path.sessionApproval ? null : "no session approval",
      path.sessionRecording ? null : "no session recording",
      path.via ? null : "no jump host",
    ].filter(Boolean);
    const who = path.vendor
      ? (plant.spec.vendors.find((v) => v.id === path.vendor)?.name ?? path.vendor)
      : "staff";
    return path.targets.flatMap((target): Signal[] => {
      const zone = zoneOfAsset(plant, target);
      if (!zone) return [];
      const seen = sessionSeen(path, target, plant, observations, book);
      const ends = seen && flowEnds(seen.flow);
      return [
        {
          signal: "unmonitored-remote-access",
          zone,
          asset: target,
          weight: seen ? 3 : 2,
          reason: `remote access ${path.id} (${who}, ${path.method}) reaches ${target} unmonitored: ${missing.join(", ")}${ends ? `; the captures show it in use between ${book.label(ends.client)} and ${book.label(ends.server)}` : ""}`,
          evidence: [
            declaredAt(plant, "remoteAccess", i),
            ...(seen ? [{ kind: "frame" as const, file: seen.file, frame: seen.frame }] : []),
          ],
        },
      ];
    });
  });
}
