/**
 * Matches assets to advisory products: vendor (with aliases), product names, then the version statement and
 * the product status of each CVE. Every verdict carries its reason. An asset whose firmware is not known is
 * "possibly affected", never silently affected or clean. Near misses (a version just outside the range, a
 * fixed version, the same vendor's other product) are kept with their reasons for the assessor.
 */
import type { Evidence } from "../../model/evidence.js";
import type { AdvisoryVulnerability, MatchConfidence, NearMiss } from "../../model/vulnerability.js";
import type { AdvisoryIndex, IndexedProduct } from "./advisory-index.js";
import { type AssetNames, type Identification, identify, nameProfile } from "./product-names.js";
import { vendorIds, vendorIdsFromProduct } from "./vendors.js";
import {
  type Containment,
  compareVersions,
  describeConstraints,
  parseVersion,
  satisfies,
  type Version,
} from "./versions.js";

/** What matching needs to know of an asset, wherever it was declared or observed. */
export interface AssetIdentity {
  id: string;
  name: string;
  vendor: string | null;
  product: string | null;
  model: string | null;
  firmware: string | null;
  /** Where the firmware version comes from ("plant.yaml:131"), for the reason. */
  firmwareSource: string | null;
  evidence: Evidence[];
}

/** One advisory product that matched an asset. */
export interface ProductHit {
  entry: IndexedProduct;
  cves: Map<string, AdvisoryVulnerability>;
  confidence: MatchConfidence;
  reason: string;
}

export interface AdvisoryMatch {
  asset: AssetIdentity;
  advisoryId: string;
  hits: ProductHit[];
}

export interface MatchResult {
  matches: AdvisoryMatch[];
  nearMisses: NearMiss[];
}

/** When an advisory gives several near misses for an asset, the most telling one is reported. */
const NEAR_MISS_ORDER: NearMiss["kind"][] = [
  "fixed",
  "known-not-affected",
  "version-outside-range",
  "out-of-scope",
  "other-product",
];

export function matchAssets(assets: readonly AssetIdentity[], index: AdvisoryIndex): MatchResult {
  const matches: AdvisoryMatch[] = [];
  const nearMisses: NearMiss[] = [];
  for (const asset of assets) {
    const r = matchAsset(asset, index);
    matches.push(...r.matches);
    nearMisses.push(...r.nearMisses);
  }
  return { matches, nearMisses };
}

interface AssetView {
  asset: AssetIdentity;
  vendors: string[];
  names: AssetNames;
  version: Version | null;
  versionText: string;
}

function viewOf(asset: AssetIdentity): AssetView | null {
  const texts = [asset.product, asset.model];
  const words = texts
    .join(" ")
    .toLowerCase()
    .split(/[^a-z0-9-]+/);
  const vendors = [...new Set([...vendorIds(asset.vendor), ...vendorIdsFromProduct(words)])];
  if (vendors.length === 0 || (!asset.product && !asset.model)) return null;
  const names = nameProfile(texts, { vendorIds: vendors, joins: true });
  const fromFirmware = asset.firmware ? parseVersion(asset.firmware) : null;
  const fromName = !asset.firmware ? (names.nameVersion?.version ?? null) : null;
  const versionText = fromFirmware
    ? `firmware ${asset.firmware}${asset.firmwareSource ? ` (${asset.firmwareSource})` : ""}`
    : fromName
      ? `version ${fromName.text} (read from the product name)`
      : asset.firmware
        ? `firmware "${asset.firmware}" (not readable as a version)`
        : "no firmware version recorded";
  return { asset, vendors, names, version: fromFirmware ?? fromName, versionText };
}

function matchAsset(asset: AssetIdentity, index: AdvisoryIndex): MatchResult {
  const view = viewOf(asset);
  if (!view) return { matches: [], nearMisses: [] };
  const vendors = view.vendors;
  // Lettered variants (S7-1500F) are looked up under their stem too.
  const probes = new Set([...view.names.lookup, ...view.names.series, ...view.names.orderNumbers]);
  for (const d of view.names.designators) {
    const stem = /^(.*\d)[a-z]{1,2}$/.exec(d)?.[1];
    if (stem) probes.add(stem);
  }
  const byAdvisory = new Map<
    string,
    { hits: ProductHit[]; misses: { kind: NearMiss["kind"]; product: string; reason: string }[] }
  >();
  const slot = (id: string) => {
    let s = byAdvisory.get(id);
    if (!s) {
      s = { hits: [], misses: [] };
      byAdvisory.set(id, s);
    }
    return s;
  };
  const hasModel = Boolean(asset.model);
  // Advisories share product readings (see AdvisoryIndex): identify the asset once per reading.
  const identified = new Map<IndexedProduct["profile"], Identification>();
  const verdicts: Verdicts = new Map();
  for (const entry of index.candidates(vendors, probes)) {
    if (!entry.vendorIds.some((v) => vendors.includes(v)) && entry.vendorIds.length > 0) continue;
    let id = identified.get(entry.profile);
    if (!id) {
      id = identify(view.names, entry.profile, hasModel);
      identified.set(entry.profile, id);
    }
    const s = slot(entry.advisory.id);
    if (id.level === "none") {
      if (id.shared.length > 0)
        s.misses.push({
          kind: "other-product",
          product: entry.product.fullName,
          reason: `${entry.product.fullName} is another product (shares ${id.shared.join(", ")}; ${id.detail})`,
        });
      continue;
    }
    evaluate(view, entry, id, s, verdicts);
  }
  const matches: AdvisoryMatch[] = [];
  const nearMisses: NearMiss[] = [];
  for (const [advisoryId, s] of byAdvisory) {
    if (s.hits.length > 0) {
      matches.push({ asset, advisoryId, hits: s.hits });
      continue;
    }
    if (s.misses.length === 0) continue;
    const kind = NEAR_MISS_ORDER.find((k) => s.misses.some((m) => m.kind === k))!;
    const chosen = s.misses.filter((m) => m.kind === kind);
    nearMisses.push({
      asset: asset.id,
      advisory: advisoryId,
      products: [...new Set(chosen.map((m) => m.product))],
      kind,
      reason: [...new Set(chosen.map((m) => m.reason))].slice(0, 3).join("; "),
    });
  }
  return { matches, nearMisses };
}

interface Slot {
  hits: ProductHit[];
  misses: { kind: NearMiss["kind"]; product: string; reason: string }[];
}

/** The version verdict for one identified product, with the words that explain it. */
function versionVerdict(
  view: AssetView,
  entry: IndexedProduct,
): { result: Containment | "unknown"; why: string } {
  const spec = entry.spec;
  const nv = entry.profile.nameVersion;
  if (nv) {
    if (!view.version)
      return { result: "unknown", why: `the product is ${nv.token.toUpperCase()}; ${view.versionText}` };
    const prefix = nv.version.release;
    const head = {
      ...view.version,
      release: view.version.release.slice(0, prefix.length),
      letter: 0,
      qualifiers: [0, 0, 0, 0] as Version["qualifiers"],
    };
    const order = compareVersions(
      head,
      { ...nv.version, letter: 0, qualifiers: [0, 0, 0, 0] },
      entry.decimal,
    );
    if (nv.upTo ? order > 0 : order !== 0)
      return {
        result: "out",
        why: `the product is ${nv.token.toUpperCase()}${nv.upTo ? " and earlier" : ""}; ${view.versionText}`,
      };
  }
  switch (spec.kind) {
    case "all":
      return {
        result: "in",
        why:
          spec.text === "no version given"
            ? "the advisory gives no version: all versions"
            : "all versions are affected",
      };
    case "designation":
      return { result: "in", why: `all versions of ${spec.designations.join(", ")}` };
    case "unreadable":
      return { result: "uncertain", why: `the advisory's version statement "${spec.text}" cannot be read` };
    case "constraints": {
      const stated = `${describeConstraints(spec.constraints)}${spec.fromName ? " (read from the product's full name)" : ""}`;
      if (!view.version)
        return { result: "unknown", why: `the advisory names ${stated}; ${view.versionText}` };
      const result = satisfies(view.version, spec.constraints, entry.decimal);
      const decimal =
        entry.decimal && satisfies(view.version, spec.constraints, false) !== result
          ? ` (${entry.vendorIds.join(", ")} minor versions are decimals: V2.9 means V2.90)`
          : "";
      const verb =
        result === "in" ? "is within" : result === "out" ? "is outside" : "may or may not be within";
      return { result, why: `${view.versionText} ${verb} ${stated}${decimal}` };
    }
  }
}

/** The version verdict and the identification in words, per product reading (shared by advisories). */
type Verdicts = Map<
  IndexedProduct["profile"],
  { result: Containment | "unknown"; why: string; identified: string }
>;

function evaluate(
  view: AssetView,
  entry: IndexedProduct,
  id: Identification,
  s: Slot,
  verdicts: Verdicts,
): void {
  const name = entry.product.fullName;
  if (entry.notes.outOfScope) {
    s.misses.push({
      kind: "out-of-scope",
      product: name,
      reason: `${name} was removed from the advisory's scope`,
    });
    return;
  }
  let verdict = verdicts.get(entry.profile);
  if (!verdict) {
    verdict = {
      ...versionVerdict(view, entry),
      identified:
        id.level === "exact"
          ? `${name} identified by ${id.detail}`
          : id.level === "variant"
            ? `${name} identified as a variant (${id.detail})`
            : `${name} matched only in part: the asset ${id.detail}`,
    };
    verdicts.set(entry.profile, verdict);
  }
  const { result, why, identified } = verdict;
  const only = entry.notes.onlyCves;
  const flagged = entry.flagged;

  const cves = new Map<string, AdvisoryVulnerability>();
  let confidence: MatchConfidence = "affected";
  for (const { vulnerability: v, state } of entry.states) {
    const cve = v.cve ?? `${entry.advisory.id}#${entry.advisory.vulnerabilities.indexOf(v) + 1}`;
    if (only.length > 0 && v.cve && !only.includes(v.cve)) continue;
    if (state === "affected" || state === "under-investigation") {
      if (flagged.has(v)) continue;
      if (result === "out") {
        s.misses.push({ kind: "version-outside-range", product: name, reason: `${identified}; ${why}` });
        continue;
      }
      cves.set(cve, v);
      const sure = result === "in" && id.level === "exact" && state === "affected";
      const family = id.level === "variant" && /\b(family|series|all)\b/i.test(name);
      if (!sure && !(family && result === "in" && state === "affected")) confidence = "possibly-affected";
    } else if (result === "in") {
      const kind = state === "known-not-affected" ? "known-not-affected" : "fixed";
      s.misses.push({
        kind,
        product: name,
        reason: `${identified}; ${why}; the advisory lists it as ${state.replace(/-/g, " ")}`,
      });
    }
  }
  if (cves.size === 0) return;
  const caveats = [
    id.level === "partial" ? "the asset is named less precisely than the product" : null,
    id.level === "variant" && confidence !== "affected" ? "a variant of the named product" : null,
    only.length > 0 ? `the advisory limits it to ${only.join(", ")}` : null,
    entry.states.some((x) => x.state === "under-investigation") ? "under investigation by the vendor" : null,
  ].filter(Boolean);
  s.hits.push({
    entry,
    cves,
    confidence,
    reason: `${identified}; ${why}${caveats.length ? ` (${caveats.join("; ")})` : ""}`,
  });
}
