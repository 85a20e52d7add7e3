/**
 * Evidence from records rather than traffic: known vulnerabilities of the zone's assets (KEV weighs most) and
 * default accounts plant.yaml keeps.
 */
import type { Plant } from "../../model/plant.js";
import type { VulnerabilityMatch, VulnerabilityReport } from "../../model/vulnerability.js";
import { declaredAt, zoneOfAsset } from "../plant-lookup.js";
import type { Signal } from "./signal.js";

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
