/**
 * Vulnerability findings, one per asset and rule. IEC 62443-3-3 has no requirement to apply patches: that is
 * the asset owner's patch management in 62443-2-1 (COMP 3: patch validation, installation, status and
 * mitigation), which the requirement references of findings cannot name. Each rule therefore cites the 3-3
 * or 4-2 requirements an assessor holds the system to while the weakness remains, and its description says
 * which 2-1 element the fix belongs to.
 */
import type { VulnerabilityMatch } from "../../model/vulnerability.js";
import { findingOf, type Rule } from "../rule.js";

function byAsset(matches: readonly VulnerabilityMatch[]): Map<string, VulnerabilityMatch[]> {
  const out = new Map<string, VulnerabilityMatch[]>();
  for (const m of matches) out.set(m.asset, [...(out.get(m.asset) ?? []), m]);
  return out;
}

const list = (ms: readonly VulnerabilityMatch[], each: (m: VulnerabilityMatch) => string, max = 3) =>
  `${ms.slice(0, max).map(each).join("; ")}${ms.length > max ? `; and ${ms.length - max} more` : ""}`;

const cvssText = (m: VulnerabilityMatch) => (m.cvss ? `CVSS ${m.cvss.score}` : "no CVSS score");

function findings(
  rule: Rule,
  ctx: Parameters<Rule["check"]>[0],
  keep: (m: VulnerabilityMatch) => boolean,
  summary: (asset: string, ms: VulnerabilityMatch[]) => string,
  extraEvidence: (m: VulnerabilityMatch) => VulnerabilityMatch["evidence"] = () => [],
) {
  const report = ctx.vulnerabilities;
  if (!report) return [];
  return [...byAsset(report.matches.filter(keep))].map(([asset, ms]) =>
    findingOf(rule, {
      subject: asset,
      summary: summary(`${ms[0]!.assetName} (${asset})`, ms),
      zones: ms[0]!.zone ? [ms[0]!.zone] : [],
      assets: [asset],
      evidence: dedupe(ms.flatMap((m) => [...m.evidence.slice(0, 1), ...extraEvidence(m)])).slice(0, 8),
    }),
  );
}

function dedupe<T>(items: T[]): T[] {
  const seen = new Set<string>();
  return items.filter((i) => {
    const k = JSON.stringify(i);
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

/** Why a match is only possible, in the words of its reason (see match.ts). */
function uncertainty(m: VulnerabilityMatch): string {
  if (m.reason.includes("no firmware version recorded")) return "its firmware version is not recorded";
  if (m.reason.includes("may or may not be within"))
    return "its recorded version is too imprecise to compare";
  if (m.reason.includes("cannot be read")) return "the advisory's version statement cannot be read";
  if (m.reason.includes("matched only in part"))
    return "the asset is named less precisely than the advisory's product";
  if (m.reason.includes("under investigation")) return "the vendor is still investigating";
  return "it is a variant of the product the advisory names";
}

export const knownExploitedVulnerability: Rule = {
  id: "VULN-001",
  title: "Asset affected by a known-exploited vulnerability (CISA KEV)",
  severity: "critical",
  contradicts: [],
  related: ["SR 3.2", "SR 5.1", "SR 5.2"],
  description:
    "A vulnerability attackers are using now, on an asset of the plant. Until the fix is installed (62443-2-1 COMP 3.2, patch installation; COMP 3.5 where it cannot be), only the zone boundary (SR 5.1, SR 5.2) and malicious code protection (SR 3.2) stand between the exploit and the asset.",
  remediation:
    "Apply the vendor fix first, ahead of every other vulnerability; until then restrict every path to the asset to the flows the process needs and watch it for signs of compromise.",
  check(ctx) {
    return findings(
      this,
      ctx,
      (m) => m.kev && m.confidence === "affected",
      (asset, ms) =>
        `${asset} carries known-exploited ${list(
          ms,
          (m) =>
            `${m.details
              .filter((d) => d.kev)
              .map((d) => d.cve)
              .join(", ")} (${m.advisory})`,
        )}.`,
    );
  },
};

export const exposedSevereVulnerability: Rule = {
  id: "VULN-002",
  title: "Critical or high vulnerability reachable from the enterprise or outside",
  severity: "high",
  contradicts: [],
  related: ["SR 1.13", "SR 5.1", "SR 5.2"],
  description:
    "A vulnerability scored 7.0 or more on an asset that enterprise hosts or the outside can reach: through a conduit that admits them, a flow seen in the captures, or remote access that bypasses the jump host. Access from untrusted networks (SR 1.13) and the zone boundary (SR 5.1, SR 5.2) decide whether it can be exploited; the fix itself is patch management (62443-2-1 COMP 3.2), and the path segmentation from non-IACS zones (NET 1.1).",
  remediation:
    "Close the path (restrict the conduit to the declared flows, route remote access through the jump host) and install the vendor fix; patch exposed assets before unexposed ones.",
  check(ctx) {
    return findings(
      this,
      ctx,
      (m) =>
        m.confidence === "affected" &&
        (m.cvss?.score ?? 0) >= 7 &&
        (m.exposure.level === "external" || m.exposure.level === "enterprise"),
      (asset, ms) =>
        `${asset} is reachable from ${ms[0]!.exposure.level === "external" ? "outside the plant" : "the enterprise network"} (${ms[0]!.exposure.reasons[0]}) and affected by ${list(ms, (m) => `${m.advisory} (${cvssText(m)})`)}.`,
      (m) => m.exposure.evidence.slice(0, 2),
    );
  },
};

/**
 * An advisory's remediation text as one clause of a summary: its first paragraph without the closing punctuation,
 * so a text that introduces a list ("...to reduce the risk:" and bullets) does not end the sentence on a colon.
 */
export function advice(details: string): string {
  const first = details.split(/\r?\n/)[0]!.replace(/[.:;,\s]+$/, "");
  const rest = details.slice(details.indexOf(first) + first.length).replace(/^[.:;,\s]+/, "");
  return rest.length > 0 ? `${first} (more in the advisory)` : first;
}

export const patchAvailable: Rule = {
  id: "VULN-003",
  title: "Vulnerable firmware or software with a vendor fix available",
  severity: "medium",
  contradicts: [],
  related: ["CR 3.10"],
  description:
    "The vendor has published a fixed version and the asset does not run it. Installing it is patch management (62443-2-1 COMP 3.2 and 3.3); the component's support for updates (CR 3.10) is what makes it possible without replacing the device.",
  remediation:
    "Plan the update in the next maintenance window: test it on a spare or simulator, take a backup, install, and record the new version in the inventory.",
  check(ctx) {
    return findings(
      this,
      ctx,
      (m) => m.confidence === "affected" && m.remediations.some((r) => r.category === "vendor_fix"),
      (asset, ms) =>
        `${asset}: ${list(ms, (m) => {
          const fix = m.remediations.find((r) => r.category === "vendor_fix")!;
          return `${m.advisory} (${m.cves.join(", ")}): ${fix.fixedVersion ? `update to ${fix.fixedVersion}` : advice(fix.details)}`;
        })}.`,
    );
  },
};

export const possiblyAffected: Rule = {
  id: "VULN-004",
  title: "Asset possibly affected: firmware version unknown or uncertain",
  severity: "medium",
  contradicts: ["SR 7.8"],
  related: [],
  description:
    "An advisory names the asset's product, but the inventory does not record the firmware version (or records it too loosely to compare), so nobody can tell whether the asset is affected. The component inventory (SR 7.8; 62443-2-1 CM 1.1) must hold versions precise enough to answer advisories.",
  remediation:
    "Read the firmware version from the device (engineering tool, web page, or a scanner's ICS scripts), record it in plant.yaml, and re-assess.",
  check(ctx) {
    return findings(
      this,
      ctx,
      (m) => m.confidence === "possibly-affected",
      (asset, ms) =>
        `${asset} may be affected by ${list(ms, (m) => `${m.advisory}${m.kev ? " (KEV)" : ""}`)}: ${uncertainty(ms[0]!)}.`,
    );
  },
};

export const noFixAvailable: Rule = {
  id: "VULN-005",
  title: "Vulnerable asset without a vendor fix: compensating countermeasures needed",
  severity: "medium",
  contradicts: [],
  related: ["SR 5.2", "SR 7.7"],
  description:
    "The asset is affected and the vendor offers no fix (only mitigations, or no fix planned). The risk stays as long as the asset does, so it has to be carried by countermeasures around it (62443-2-1 COMP 3.5): a tight zone boundary (SR 5.2) and only the functions the process needs (SR 7.7).",
  remediation:
    "Apply the advisory's mitigations, restrict the asset's conduit to the flows it needs, disable unused services, and plan its replacement.",
  check(ctx) {
    return findings(
      this,
      ctx,
      (m) =>
        m.confidence === "affected" &&
        m.source === "advisory" &&
        !m.remediations.some((r) => r.category === "vendor_fix" || r.category === "optional_patch"),
      (asset, ms) =>
        `${asset}: no vendor fix for ${list(ms, (m) => `${m.advisory} (${m.cves.join(", ")})`)}; ${ms[0]!.remediations.length ? `the advisory offers ${[...new Set(ms[0]!.remediations.map((r) => r.category.replace(/_/g, " ")))].join(", ")}` : "the advisory offers no remediation"}.`,
    );
  },
};
