/**
 * The vulnerability report: advisory matches and scanner findings per asset, with KEV flags, CVSS, exposure
 * and remediations, in the order to deal with them: exploited (KEV) first, then by exposure (reachable from
 * outside, from the enterprise, indirectly, not at all), then by CVSS, then confirmed before possible.
 */
import type { Evidence } from "../../model/evidence.js";
import type {
  Advisory,
  Cvss,
  Exposure,
  KevCatalog,
  KevEntry,
  MatchedCve,
  MatchRemediation,
  RemediationCategory,
  ScanFinding,
  ScanReport,
  VulnerabilityMatch,
  VulnerabilityReport,
} from "../../model/vulnerability.js";
import { AdvisoryIndex } from "./advisory-index.js";
import { exposureRank } from "./exposure.js";
import { type AdvisoryMatch, type AssetIdentity, matchAssets } from "./match.js";

export interface ReportAsset extends AssetIdentity {
  zone: string | null;
  ips: readonly string[];
}

export interface ReportInput {
  assets: readonly ReportAsset[];
  advisories: readonly Advisory[];
  kev: KevCatalog | null;
  scans: readonly ScanReport[];
  /** Scanner findings with the asset each belongs to. */
  scanFindings: readonly { asset: string; finding: ScanFinding }[];
  exposure: (asset: ReportAsset) => Exposure;
}

const CATEGORY_ORDER: RemediationCategory[] = [
  "vendor_fix",
  "optional_patch",
  "fix_planned",
  "workaround",
  "mitigation",
  "no_fix_planned",
  "none_available",
];

export function vulnerabilityReport(input: ReportInput): VulnerabilityReport {
  const kev = new Map((input.kev?.entries ?? []).map((e) => [e.cve, e]));
  const index = new AdvisoryIndex(input.advisories);
  const { matches, nearMisses } = matchAssets(input.assets, index);
  const byId = new Map(input.assets.map((a) => [a.id, a]));
  const exposures = new Map<string, Exposure>();
  const exposureOf = (a: ReportAsset) => {
    let e = exposures.get(a.id);
    if (!e) {
      e = input.exposure(a);
      exposures.set(a.id, e);
    }
    return e;
  };

  const unranked: Omit<VulnerabilityMatch, "priority">[] = [
    ...matches.map((m) => fromAdvisory(m, byId.get(m.asset.id)!, kev, exposureOf)),
    ...input.scanFindings.flatMap(({ asset, finding }) => {
      const a = byId.get(asset);
      return a && finding.cves.length > 0 ? [fromScanner(finding, a, kev, exposureOf)] : [];
    }),
  ];
  unranked.sort(
    (x, y) =>
      Number(y.kev) - Number(x.kev) ||
      exposureRank(y.exposure.level) - exposureRank(x.exposure.level) ||
      (y.cvss?.score ?? -1) - (x.cvss?.score ?? -1) ||
      Number(y.confidence === "affected") - Number(x.confidence === "affected") ||
      x.asset.localeCompare(y.asset) ||
      x.advisory.localeCompare(y.advisory),
  );
  const ranked = unranked.map((m, i) => ({ ...m, priority: i + 1 }));
  return {
    sources: {
      advisories: input.advisories.length,
      kev: input.kev ? { version: input.kev.version, entries: input.kev.entries.length } : null,
      scans: input.scans.map((s) => ({ file: s.file, scanner: s.scanner, hosts: s.hosts.length })),
    },
    assetsChecked: input.assets.length,
    vulnerableAssets: new Set(ranked.map((m) => m.asset)).size,
    matches: ranked,
    notAffected: nearMisses.sort(
      (a, b) => a.asset.localeCompare(b.asset) || a.advisory.localeCompare(b.advisory),
    ),
  };
}

function kevFlag(cve: string, kev: Map<string, KevEntry>): MatchedCve["kev"] {
  const e = kev.get(cve);
  return e ? { cve, dateAdded: e.dateAdded, dueDate: e.dueDate, ransomware: e.ransomware } : null;
}

const highest = (scores: (Cvss | null)[]): Cvss | null =>
  scores.reduce<Cvss | null>((best, s) => (s && (!best || s.score > best.score) ? s : best), null);

function fromAdvisory(
  m: AdvisoryMatch,
  asset: ReportAsset,
  kev: Map<string, KevEntry>,
  exposureOf: (a: ReportAsset) => Exposure,
): Omit<VulnerabilityMatch, "priority"> {
  const affected = m.hits.some((h) => h.confidence === "affected");
  const hits = affected ? m.hits.filter((h) => h.confidence === "affected") : m.hits;
  const advisory = hits[0]!.entry.advisory;
  const productIds = new Set(hits.map((h) => h.entry.product.id));
  const details = new Map<string, MatchedCve>();
  const remediations: MatchRemediation[] = [];
  const seen = new Set<string>();
  for (const h of hits) {
    for (const [cve, v] of h.cves) {
      const score =
        v.scores.find((s) => s.productIds.includes(h.entry.product.id))?.cvss ?? v.scores[0]?.cvss ?? null;
      const known = details.get(cve);
      if (!known || (score && (!known.cvss || score.score > known.cvss.score)))
        details.set(cve, { cve, cvss: score, kev: kevFlag(cve, kev) });
      for (const r of v.remediations) {
        const key = `${r.category}\u0000${r.details}`;
        if (seen.has(key) || !r.productIds.some((id) => productIds.has(id))) continue;
        seen.add(key);
        remediations.push({
          category: r.category,
          details: r.details,
          url: r.url,
          fixedVersion: fixedVersionIn(r),
        });
      }
    }
  }
  const cves = [...details.keys()].sort();
  const others = affected ? m.hits.filter((h) => h.confidence !== "affected") : [];
  const reason = [
    ...hits.map((h) => h.reason),
    ...others.map((h) => `also possibly: ${[...h.cves.keys()].join(", ")}: ${h.reason}`),
  ].join(" | ");
  return {
    asset: asset.id,
    assetName: asset.name,
    zone: asset.zone,
    advisory: advisory.id,
    title: advisory.title,
    source: "advisory",
    products: [...new Set(hits.map((h) => h.entry.product.fullName))],
    cves,
    confidence: affected ? "affected" : "possibly-affected",
    reason,
    kev: cves.some((c) => details.get(c)!.kev),
    cvss: highest([...details.values()].map((d) => d.cvss)),
    details: cves.map((c) => details.get(c)!),
    exposure: exposureOf(asset),
    remediations: remediations.sort(
      (a, b) =>
        CATEGORY_ORDER.indexOf(a.category) - CATEGORY_ORDER.indexOf(b.category) ||
        Number(mentions(b.details, asset.model)) - Number(mentions(a.details, asset.model)),
    ),
    evidence: [
      { kind: "line", file: advisory.file, line: 1, note: advisory.id } satisfies Evidence,
      ...asset.evidence,
    ],
  };
}

/** A remediation written for the asset's own part number ("BMXP342020 and H: ...") comes first. */
function mentions(details: string, model: string | null): boolean {
  const key = model?.toLowerCase().replace(/[^a-z0-9]/g, "");
  return Boolean(
    key &&
      key.length >= 5 &&
      details
        .toLowerCase()
        .replace(/[^a-z0-9]/g, "")
        .includes(key),
  );
}

/**
 * Nessus gives no remediation category: a solution that tells to update, upgrade, patch or install is a
 * vendor fix, anything else (disable a service, restrict access) a mitigation.
 */
function scannerCategory(f: ScanFinding): RemediationCategory {
  if (f.solutionCategory) return f.solutionCategory;
  return /\b(update|upgrade|patch|install|apply)\b/i.test(f.solution ?? "") ? "vendor_fix" : "mitigation";
}

function fromScanner(
  f: ScanFinding,
  asset: ReportAsset,
  kev: Map<string, KevEntry>,
  exposureOf: (a: ReportAsset) => Exposure,
): Omit<VulnerabilityMatch, "priority"> {
  const cves = [...new Set(f.cves)].sort();
  const where = f.port ? ` on ${f.port}/${f.transport}` : "";
  return {
    asset: asset.id,
    assetName: asset.name,
    zone: asset.zone,
    advisory: `${f.scanner}:${f.id}`,
    title: f.name,
    source: "scanner",
    products: [],
    cves,
    confidence: "affected",
    reason: `${f.scanner === "nessus" ? "Nessus plugin" : "OpenVAS NVT"} ${f.id} reported it${where} (${f.evidence.file}:${f.evidence.line})`,
    kev: cves.some((c) => kev.has(c)),
    cvss: f.cvss,
    details: cves.map((cve) => ({ cve, cvss: f.cvss, kev: kevFlag(cve, kev) })),
    exposure: exposureOf(asset),
    remediations: f.solution
      ? [{ category: scannerCategory(f), details: f.solution, url: null, fixedVersion: null }]
      : [],
    evidence: [f.evidence, ...asset.evidence],
  };
}

const VERSION_TOKEN = "((?:sv|v|r)?\\d[\\w.-]*(?:\\s+(?:SP|Update|Upd|HF)\\s*\\d+)*)";
/** How vendors name the fixed version, most explicit first. */
const FIX_PHRASES = [
  new RegExp(
    `\\b(?:update|upgrade)\\b[^.;:]*?\\bto\\s+(?:the\\s+)?(?:(?:firmware\\s+)?version\\s+|firmware\\s+)?${VERSION_TOKEN}`,
    "i",
  ),
  new RegExp(`\\bfixed in\\s+(?:version\\s+)?${VERSION_TOKEN}`, "i"),
  new RegExp(`^${VERSION_TOKEN}\\s+(?:of\\b[^.]*?\\s+)?includes a fix`, "i"),
  new RegExp(`\\b(?:version|release)\\s+${VERSION_TOKEN}\\s+(?:or|and)\\s+(?:later|newer|higher)`, "i"),
  new RegExp(`\\bfirmware\\s+(?:version\\s+)?${VERSION_TOKEN}`, "i"),
];

/** "Update to V4.4.0", "SV3.60 ... includes a fix", "Modicon M340 firmware v3.20": the version a fix names. */
export function fixedVersionIn(r: { category: RemediationCategory; details: string }): string | null {
  if (r.category !== "vendor_fix" && r.category !== "optional_patch") return null;
  for (const re of FIX_PHRASES) {
    const m = re.exec(r.details.trim());
    if (m) return m[1]!.replace(/[.,]$/, "");
  }
  return null;
}
