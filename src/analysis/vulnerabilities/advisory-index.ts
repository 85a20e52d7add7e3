/**
 * The advisories' products, read once and indexed by vendor and by name token, so that an asset is compared
 * only with products of its vendor that share a word with it, never with every product.
 *
 * Complexity: building is O(P·t) for P products with t tokens each. Looking up an asset with q tokens costs
 * O(q) map reads and returns the c products of its vendors that share a token; comparing them is O(c·t).
 * Matching A assets is O(P·t + A·(q + c·t)); c is bounded by the products of one vendor that share a word
 * with the asset (tens), where comparing all pairs would be O(A·P).
 */
import type { Advisory, AdvisoryProduct, AdvisoryVulnerability } from "../../model/vulnerability.js";
import { type NameProfile, nameProfile } from "./product-names.js";
import { isUmbrellaBrand, profileOf, vendorIds, vendorIdsFromProduct } from "./vendors.js";
import { notesOf, parseSpec, type SpecNotes, type VersionSpec } from "./versions.js";

export type ProductState =
  | "affected"
  | "fixed"
  | "known-not-affected"
  | "recommended"
  | "under-investigation";

export interface IndexedProduct {
  advisory: Advisory;
  product: AdvisoryProduct;
  vendorIds: string[];
  profile: NameProfile;
  spec: VersionSpec;
  notes: SpecNotes;
  /** Versions compare as decimal fractions (Schneider). */
  decimal: boolean;
  /** What each vulnerability of the advisory says about this product. */
  states: { vulnerability: AdvisoryVulnerability; state: ProductState }[];
  /** Vulnerabilities whose CSAF flags (vulnerable_code_not_present, ...) clear this product. */
  flagged: Set<AdvisoryVulnerability>;
}

interface VendorBucket {
  byToken: Map<string, IndexedProduct[]>;
  /** Products whose names are patterns (□, *), tried for every asset of the vendor. */
  always: IndexedProduct[];
}

export class AdvisoryIndex {
  private readonly vendors = new Map<string, VendorBucket>();
  /** Every product some vulnerability of an advisory speaks of. */
  readonly entries: IndexedProduct[] = [];

  constructor(readonly advisories: readonly Advisory[]) {
    // Feeds repeat products (the S7-1500 family is in dozens of advisories): equal texts share one reading,
    // which also lets matching remember its verdict per reading instead of per advisory.
    const readings = new Map<string, Reading>();
    for (const advisory of advisories) {
      for (const entry of indexAdvisory(advisory, readings)) {
        this.entries.push(entry);
        const ids = entry.vendorIds.length ? entry.vendorIds : [""];
        for (const id of ids) this.add(id, entry);
      }
    }
  }

  private add(vendorId: string, entry: IndexedProduct): void {
    let bucket = this.vendors.get(vendorId);
    if (!bucket) {
      bucket = { byToken: new Map(), always: [] };
      this.vendors.set(vendorId, bucket);
    }
    const p = entry.profile;
    if (p.patterns.length > 0 || p.partNumbers.length > 0) bucket.always.push(entry);
    // Umbrella brands (SIMATIC) are on nearly every product of their vendor: indexing them would make every
    // product a candidate for every asset of the vendor.
    const brands = p.brands.filter((b) => !isUmbrellaBrand(b));
    const tokens = new Set([...p.designators, ...p.keywords, ...brands, ...p.series, ...p.orderNumbers]);
    for (const t of tokens) {
      const list = bucket.byToken.get(t);
      if (list) list.push(entry);
      else bucket.byToken.set(t, [entry]);
    }
  }

  /** Products of these vendors (and of advisories that name no vendor) sharing one of `tokens`. */
  candidates(vendors: readonly string[], tokens: Iterable<string>): IndexedProduct[] {
    const out = new Set<IndexedProduct>();
    const probe = [...tokens];
    for (const id of [...vendors, ""]) {
      const bucket = this.vendors.get(id);
      if (!bucket) continue;
      for (const e of bucket.always) out.add(e);
      for (const t of probe) for (const e of bucket.byToken.get(t) ?? []) out.add(e);
    }
    return [...out];
  }
}

interface Reading {
  vendorIds: string[];
  profile: NameProfile;
  spec: VersionSpec;
  notes: SpecNotes;
  decimal: boolean;
}

function indexAdvisory(advisory: Advisory, readings: Map<string, Reading>): IndexedProduct[] {
  const byId = new Map(advisory.products.map((p) => [p.id, p]));
  const states = new Map<string, IndexedProduct["states"]>();
  const note = (id: string, vulnerability: AdvisoryVulnerability, state: ProductState) => {
    const list = states.get(id) ?? [];
    list.push({ vulnerability, state });
    states.set(id, list);
  };
  for (const v of advisory.vulnerabilities) {
    for (const id of v.status.affected) note(id, v, "affected");
    for (const id of v.status.fixed) note(id, v, "fixed");
    for (const id of v.status.knownNotAffected) note(id, v, "known-not-affected");
    for (const id of v.status.recommended) note(id, v, "recommended");
    for (const id of v.status.underInvestigation) note(id, v, "under-investigation");
  }
  const out: IndexedProduct[] = [];
  for (const [id, list] of states) {
    const product = byId.get(id);
    if (!product) continue;
    const key = [product.vendor, product.name, product.version, product.fullName].join("\u0000");
    let reading = readings.get(key);
    if (!reading) {
      reading = read(product);
      readings.set(key, reading);
    }
    const flagged = new Set(
      advisory.vulnerabilities.filter((v) => v.flags.some((f) => f.productIds.includes(id))),
    );
    out.push({ advisory, product, ...reading, states: list, flagged });
  }
  return out;
}

function read(product: AdvisoryProduct): Reading {
  const nameWords = `${product.name} ${product.fullName}`.toLowerCase().split(/[^a-z0-9-]+/);
  const ids = [...new Set([...vendorIds(product.vendor), ...vendorIdsFromProduct(nameWords)])];
  const spec = parseSpec(product.version, product.fullName);
  const profile = nameProfile([product.name], { vendorIds: ids });
  if (spec.kind === "designation") {
    // KTP700 or an order number in the version field: the product is that model, in every version.
    // CISA splits lists here ("KTP400F" in the name, "KTP700" as version): the designators are alternatives.
    const extra = nameProfile(spec.designations, { vendorIds: ids });
    profile.orderNumbers.push(...extra.orderNumbers);
    if (extra.designators.length > 0) {
      const named = new Set(profile.designators);
      profile.groups = [
        ...profile.groups.filter((g) => !g.some((t) => named.has(t))),
        [...new Set([...profile.designators, ...extra.designators])],
      ];
      profile.designators.push(...extra.designators);
    }
  }
  demoteNameVersion(profile, spec);
  return {
    vendorIds: ids,
    profile,
    spec,
    notes: notesOf(product.version, product.name, product.fullName),
    decimal: ids.some((i) => profileOf(i)?.decimalVersions),
  };
}

/**
 * "V14" in "SIMATIC NET PC Software V14" is the product's version; "v20" in "SINAMICS V20" is a product.
 * A name version is kept only when the stated versions agree with its major number (or state none);
 * otherwise it is a designator like any other.
 */
function demoteNameVersion(profile: NameProfile, spec: VersionSpec): void {
  const nv = profile.nameVersion;
  if (!nv || spec.kind !== "constraints") return;
  const major = nv.version.release[0];
  if (spec.constraints.some((c) => Number(c.version.release[0]) === Number(major))) return;
  const designator = nv.token.replace(/[^a-z0-9]/g, "");
  profile.designators.push(designator);
  profile.groups.push([designator]);
  profile.nameVersion = null;
}
