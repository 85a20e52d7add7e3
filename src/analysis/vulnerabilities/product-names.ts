/**
 * Product names as plant engineers and advisories write them, reduced to what identifies a product:
 * designators (tokens with digits: S7-1200, 1214C, M340, 1769-L33ER), key words (CompactLogix, Premium,
 * Software), optional brand words (SIMATIC, Modicon), order numbers (6ES7 214-1AG40-0XB0) and part-number
 * patterns (BMXP34*, Omron's CJ2M-CPU□□). Descriptive words (CPU, family, series, incl. SIPLUS variants)
 * are ignored; "S7 1200", "S7-1200" and "S71200" are the same designator.
 */

import { isBrand, isUmbrellaBrand, profileOf, vendorWords } from "./vendors.js";
import type { Version } from "./versions.js";
import { parseVersion } from "./versions.js";

export interface NameProfile {
  designators: string[];
  /** Designators with wildcards (□ one character, * any run), as anchored patterns. */
  patterns: { text: string; re: RegExp }[];
  keywords: string[];
  /** What a name requires: each group is one designator or key word, or alternatives ("FCN/FCJ"). */
  groups: string[][];
  brands: string[];
  /** Parts of hyphenated designators (S7-1200 -> s7, 1200): a shared series makes a near miss. */
  series: string[];
  /** Order numbers (Siemens MLFB), compacted. */
  orderNumbers: string[];
  /** Part-number patterns from "(part numbers BMXP34*)". */
  partNumbers: { text: string; re: RegExp }[];
  /** Words of an "excluding M580 CPU Safety" note: an asset named with them is not this product. */
  excluded: string[];
  /** A version written in the name: "SIMATIC WinCC V7.4" (prefix), "... V16 and earlier" (upTo). */
  nameVersion: { version: Version; upTo: boolean; token: string } | null;
}

/** Words that describe rather than identify a product. */
const GENERIC = new Set(
  (
    "a an and or the of for with without in on by to from only all other any new " +
    "incl including include related variant variants version versions firmware fw release " +
    "family families series product products model models module modules cpu cpus controller controllers " +
    "plc plcs device devices unit units system systems based running embedded type types hardware " +
    "prior earlier later affected excluding number numbers part parts application applications"
  ).split(" "),
);

/** Parenthesised notes that qualify rather than name: dropped (their meaning is read elsewhere). */
const NOTE =
  /^\s*(incl\.?|including|only affected|versions? removed|previously|formerly|running|with |aka |excluding|part numbers?|all )/i;

/** Siemens order numbers: 6ES7414-3EM07-0AB0, 6ES7 214-1AG40-0XB0, 6GK5762-1AJ00-6AA0. */
const MLFB = /\b\d[A-Z]{2}\d\s?\d{3}-\d[A-Z0-9]{4}-\d[A-Z0-9]{3}\b/gi;

const compact = (s: string) => s.toLowerCase().replace(/[^a-z0-9□*]/g, "");
const singular = (w: string) => (w.length > 3 && w.endsWith("s") && !w.endsWith("ss") ? w.slice(0, -1) : w);

function wildcard(text: string): RegExp {
  const body = compact(text)
    .replace(/[.+?^${}()|[\]\\]/g, "\\$&")
    .replace(/□/g, "[a-z0-9]")
    .replace(/\*/g, "[a-z0-9]*");
  return new RegExp(`^${body}$`);
}

/** Every word of a vendor's names and brands: optional in product names of that vendor. */
function optionalWords(vendorIds: readonly string[]): { words: Set<string>; brands: Set<string> } {
  const words = new Set<string>();
  const brands = new Set<string>();
  for (const id of vendorIds) {
    for (const w of vendorWords(id)) words.add(w);
    for (const b of profileOf(id)?.brands ?? []) brands.add(b);
  }
  return { words, brands };
}

export interface ProfileOptions {
  vendorIds: readonly string[];
  /** Asset side: also add concatenations of neighbouring tokens ("S7 1200" -> s71200). */
  joins?: boolean;
}

export interface AssetNames extends NameProfile {
  /** Designators, key words and brands, plus joined neighbours: what advisory tokens are looked up in. */
  lookup: Set<string>;
}

/** Builds the profile of one or more texts (product, model) naming the same thing. */
export function nameProfile(
  texts: readonly (string | null | undefined)[],
  options: ProfileOptions,
): AssetNames {
  const { words: vendorWordSet, brands: vendorBrands } = optionalWords(options.vendorIds);
  const profile: AssetNames = {
    designators: [],
    patterns: [],
    keywords: [],
    groups: [],
    brands: [],
    series: [],
    orderNumbers: [],
    partNumbers: [],
    excluded: [],
    nameVersion: null,
    lookup: new Set(),
  };
  for (const raw of texts) {
    if (!raw) continue;
    let text = raw.replace(/[™®©]/g, "");
    for (const m of text.match(MLFB) ?? []) profile.orderNumbers.push(compact(m));
    text = text.replace(MLFB, " ");
    text = text.replace(/\(([^()]*)\)/g, (_, inner: string) => {
      const excluding = /\bexcluding\s+(.*)/i.exec(inner);
      if (excluding)
        for (const w of excluding[1]!.toLowerCase().split(/[^a-z0-9]+/))
          if (w.length > 2 && !GENERIC.has(w) && !/\d/.test(w)) profile.excluded.push(singular(w));
      const parts = /part numbers?\s+(.*)/i.exec(inner);
      if (parts) {
        const list = parts[1]!.split(/\bexcluding\b/i)[0]!;
        for (const p of list.split(/\s*(?:,|\band\b|\bor\b)\s*/i).filter((x) => /\d/.test(x)))
          profile.partNumbers.push({ text: p.trim(), re: wildcard(p) });
      }
      return NOTE.test(inner) ? " " : ` ${inner} `;
    });
    const upTo = /\bv(\d+(?:\.\d+)*)\s+(?:and|or)\s+(?:earlier|prior|before|older)/i.exec(text);
    text = text.replace(/\s*□\s*/g, "□");
    // Words separated by "/" are alternatives ("STARDOM FCN/FCJ", "Relion 670/650"): one of them must match.
    const chunks = text
      .toLowerCase()
      .split(/[\s,;:&+()"'[\]!]+/)
      .map((chunk) =>
        chunk
          .split("/")
          .map((t) => t.replace(/^[-._]+|[-._]+$/g, ""))
          .filter(Boolean),
      )
      .filter((chunk) => chunk.length > 0);
    const tokens = chunks.flat();
    let position = 0;
    for (const chunk of chunks) {
      const group: string[] = [];
      for (const token of chunk) {
        const required = classify(profile, token, position++ > 0, upTo, vendorWordSet, vendorBrands);
        if (required) group.push(required);
      }
      if (group.length > 0) profile.groups.push([...new Set(group)]);
    }
    if (options.joins) {
      const parts = tokens.map(compact).filter(Boolean);
      // "FCN-500" also answers for its series "fcn"; digit-only parts ("1200") stay out, too common.
      for (const t of tokens)
        for (const part of t.split("-")) if (/^(?=.*[a-z])[a-z0-9]{2,}$/.test(part)) profile.lookup.add(part);
      for (let i = 0; i < parts.length; i++) {
        profile.lookup.add(parts[i]!);
        if (i + 1 < parts.length) profile.lookup.add(parts[i]! + parts[i + 1]!);
        if (i + 2 < parts.length) profile.lookup.add(parts[i]! + parts[i + 1]! + parts[i + 2]!);
      }
    }
  }
  for (const list of [
    profile.designators,
    profile.keywords,
    profile.brands,
    profile.series,
    profile.orderNumbers,
  ])
    list.splice(0, list.length, ...new Set(list));
  for (const t of [...profile.designators, ...profile.keywords, ...profile.brands]) profile.lookup.add(t);
  return profile;
}

/**
 * Files one token under the profile's lists; returns it (compacted) when a product name requires it: a
 * designator or a key word, not a brand, a vendor word, a version or an order number.
 */
function classify(
  profile: AssetNames,
  token: string,
  notFirst: boolean,
  upTo: RegExpExecArray | null,
  vendorWordSet: Set<string>,
  vendorBrands: Set<string>,
): string | null {
  if (/^v\d+(\.\d+)*$/.test(token) && notFirst) {
    const version = parseVersion(token, true);
    if (version && !profile.nameVersion)
      profile.nameVersion = { version, upTo: upTo?.[1] === token.slice(1), token };
    return null;
  }
  if (/^\d{7,}$/.test(token)) {
    // Seven digits and more: an order number (Phoenix Contact 2885728), not a product designator.
    profile.orderNumbers.push(token);
    return null;
  }
  if (/\d/.test(token)) {
    for (const part of token.split("-"))
      if (/^(?=.*[a-z])[a-z0-9]{2,}$|^\d{3,}$/.test(part)) profile.series.push(part);
    if (/[□*]/.test(token)) {
      profile.patterns.push({ text: token, re: wildcard(token) });
      return null;
    }
    profile.designators.push(compact(token));
    return compact(token);
  }
  const plain = compact(token);
  const w = singular(plain);
  if (w.length < 2 || GENERIC.has(plain) || GENERIC.has(w)) return null;
  if (vendorBrands.has(plain) || isBrand(plain)) {
    profile.brands.push(plain);
    return null;
  }
  if (vendorWordSet.has(plain) || vendorWordSet.has(w)) return null;
  profile.keywords.push(w);
  return w;
}

export type IdentificationLevel = "exact" | "variant" | "partial" | "none";

export interface Identification {
  level: IdentificationLevel;
  /** How it was identified, or what is missing, for the reason a person reads. */
  detail: string;
  /** Tokens asset and product share (for near misses). */
  shared: string[];
}

/** Letters after a designator name a variant of it: S7-1500F is an S7-1500, S7-1200 G2 is not. */
function variantOf(token: string, designator: string): boolean {
  return token.startsWith(designator) && /^[a-z]{1,2}$/.test(token.slice(designator.length));
}

/**
 * Whether the asset is the advisory's product. `exact`: every designator and key word of the product is in
 * the asset's names (or an order/part number matches); `variant`: the same, with a lettered variant of a
 * designator; `partial`: the asset is named less precisely than the product and everything it names fits
 * (an "S7-400" asset against "S7-400 CPU 414-3 PN/DP"); `none` otherwise.
 */
export function identify(asset: AssetNames, product: NameProfile, assetHasModel: boolean): Identification {
  const excluded = product.excluded.filter((w) => asset.lookup.has(w) && !product.keywords.includes(w));
  if (excluded.length > 0)
    return {
      level: "none",
      detail: `the advisory excludes ${excluded.join(", ")}`,
      shared: sharedTokens(asset, product),
    };
  if (product.orderNumbers.length > 0 && asset.orderNumbers.length > 0) {
    const hit = asset.orderNumbers.find((o) => product.orderNumbers.includes(o));
    return hit
      ? { level: "exact", detail: `order number ${hit.toUpperCase()}`, shared: [hit] }
      : {
          level: "none",
          detail: `order number ${asset.orderNumbers[0]!.toUpperCase()} is not listed`,
          shared: [],
        };
  }
  if (product.partNumbers.length > 0 && assetHasModel) {
    const hit = product.partNumbers.find((p) => [...asset.lookup].some((t) => p.re.test(t)));
    if (hit) return { level: "exact", detail: `part number ${hit.text}`, shared: [hit.text] };
  }
  const matched: string[] = [];
  const missing: string[] = [];
  let variant = false;
  const assetTokens = [...asset.lookup];
  for (const group of product.groups) {
    const exact = group.find((t) => asset.lookup.has(t));
    const variantHit = exact
      ? undefined
      : group.find((t) => /\d/.test(t) && assetTokens.some((a) => variantOf(a, t)));
    if (exact) matched.push(exact);
    else if (variantHit) {
      matched.push(variantHit);
      variant = true;
    } else missing.push(group.join("/"));
  }
  for (const p of product.patterns) {
    if (assetTokens.some((t) => p.re.test(t))) matched.push(p.text);
    else missing.push(p.text);
  }
  const shared = sharedTokens(asset, product);
  if (matched.length === 0 && missing.length === 0)
    return { level: "none", detail: "the product has no name to compare", shared };
  if (missing.length === 0) {
    return { level: variant ? "variant" : "exact", detail: `names ${matched.join(", ")}`, shared };
  }
  const productTokens = new Set([...product.designators, ...product.keywords, ...product.brands]);
  const named = [...asset.designators, ...asset.keywords];
  const lessPrecise =
    named.length > 0 &&
    named.every((t) => productTokens.has(t)) &&
    (named.some((t) => product.designators.includes(t)) || named.length >= 2) &&
    (!assetHasModel || missing.every((m) => m.split("/").every((t) => product.keywords.includes(t))));
  if (lessPrecise) {
    return { level: "partial", detail: `names ${matched.join(", ")} but not ${missing.join(", ")}`, shared };
  }
  return { level: "none", detail: `lacks ${missing.join(", ")}`, shared };
}

/** What asset and product have in common, beyond words on every product of the vendor. */
function sharedTokens(asset: NameProfile, product: NameProfile): string[] {
  const out = new Set<string>();
  for (const d of product.designators) if (asset.designators.includes(d)) out.add(d);
  for (const s of product.series) if (asset.series.includes(s)) out.add(s);
  for (const k of product.keywords) if (asset.keywords.includes(k)) out.add(k);
  for (const b of product.brands) if (asset.brands.includes(b) && !isUmbrellaBrand(b)) out.add(b);
  return [...out];
}
