/**
 * Vendor names as advisories, scanners and plant engineers write them, reduced to one id per company.
 * Allen-Bradley is Rockwell Automation; "Schneider Electric Software, LLC", Modicon and Telemecanique are
 * Schneider Electric; ABB Power Grids became Hitachi Energy. Product-line brands (SIMATIC, Modicon,
 * CompactLogix, ...) also name their vendor, so an asset recorded as "SIMATIC S7-1200" with no vendor still
 * finds Siemens advisories. A vendor not listed here is keyed by its own normalised name.
 */

interface VendorProfile {
  id: string;
  /** Names of the company, normalised (see normaliseVendor). */
  aliases: string[];
  /** Product-line words that imply the vendor and may be left out of a product name ("Modicon M340"). */
  brands: string[];
  /** Brands on nearly every product of the vendor: sharing one says nothing about being a near miss. */
  umbrella: string[];
  /** Minor versions are decimal fractions (V2.9 = V2.90 < V2.70 is false): Schneider firmware. */
  decimalVersions?: boolean;
}

const PROFILES: VendorProfile[] = [
  {
    id: "siemens",
    aliases: [
      "siemens",
      "siemens energy and automation",
      "siemens building technologies",
      "siemens industry",
    ],
    brands: [
      "simatic",
      "siplus",
      "sinumerik",
      "scalance",
      "ruggedcom",
      "siprotec",
      "sicam",
      "sinamics",
      "simotics",
      "desigo",
      "sinec",
    ],
    umbrella: ["simatic", "siplus"],
  },
  {
    id: "schneider-electric",
    aliases: [
      "schneider electric",
      "schneider",
      "schneider electric software",
      "schneider automation",
      "square d",
      "telemecanique",
      "modicon",
    ],
    brands: ["modicon", "ecostruxure", "telemecanique"],
    umbrella: ["ecostruxure"],
    decimalVersions: true,
  },
  {
    id: "rockwell-automation",
    aliases: [
      "rockwell automation",
      "rockwell",
      "allen-bradley",
      "allen bradley",
      "rockwell software",
      "a-b",
    ],
    brands: [
      "allen-bradley",
      "compactlogix",
      "controllogix",
      "guardlogix",
      "micrologix",
      "powerflex",
      "panelview",
      "stratix",
      "factorytalk",
      "rslinx",
      "rslogix",
    ],
    umbrella: [],
  },
  {
    id: "phoenix-contact",
    aliases: ["phoenix contact", "innominate security technologies", "innominate"],
    brands: ["mguard"],
    umbrella: [],
  },
  {
    id: "mitsubishi-electric",
    aliases: [
      "mitsubishi electric",
      "mitsubishi",
      "mitsubishi electric europe",
      "mitsubishi electric automation",
    ],
    brands: ["melsec", "melsoft"],
    umbrella: [],
  },
  {
    id: "general-electric",
    aliases: [
      "general electric",
      "ge",
      "ge digital",
      "ge vernova",
      "ge healthcare",
      "ge intelligent platforms",
      "ge fanuc automation",
      "ge industrial systems",
    ],
    brands: [],
    umbrella: [],
  },
  {
    id: "hitachi-energy",
    aliases: ["hitachi energy", "hitachi abb power grids", "abb power grids"],
    brands: ["relion"],
    umbrella: [],
  },
  {
    id: "abb",
    aliases: ["abb", "abb industrial systems", "abb robotics products"],
    brands: [],
    umbrella: [],
  },
  {
    id: "honeywell",
    aliases: ["honeywell", "honeywell international", "honeywell process solutions"],
    brands: ["experion"],
    umbrella: [],
  },
  {
    id: "yokogawa",
    aliases: ["yokogawa", "yokogawa electric", "yokogawa m and c"],
    brands: ["centum", "stardom"],
    umbrella: [],
  },
  { id: "omron", aliases: ["omron", "omron software", "omron aso"], brands: ["sysmac"], umbrella: [] },
  { id: "moxa", aliases: ["moxa"], brands: [], umbrella: [] },
  {
    id: "emerson",
    aliases: ["emerson", "emerson electric", "emerson process management", "emerson automation solutions"],
    brands: ["deltav"],
    umbrella: [],
  },
  { id: "wind-river", aliases: ["wind river", "wind river systems"], brands: ["vxworks"], umbrella: [] },
  { id: "mobotix", aliases: ["mobotix"], brands: [], umbrella: [] },
  {
    id: "aveva",
    aliases: ["aveva", "aveva software", "wonderware", "osisoft"],
    brands: ["wonderware"],
    umbrella: [],
  },
  { id: "cisco", aliases: ["cisco", "cisco systems"], brands: [], umbrella: [] },
  { id: "microsoft", aliases: ["microsoft"], brands: [], umbrella: [] },
  { id: "unitronics", aliases: ["unitronics"], brands: [], umbrella: [] },
  { id: "beckhoff", aliases: ["beckhoff", "beckhoff automation"], brands: ["twincat"], umbrella: [] },
  { id: "wago", aliases: ["wago", "wago kontakttechnik"], brands: [], umbrella: [] },
];

/** Words a company name ends with that do not tell companies apart. */
const SUFFIXES =
  /\b(inc|incorporated|llc|ltd|limited|corp|corporation|co|company|ag|gmbh|sa|s\.a|bv|b\.v|kg|plc|nv|ab|oy|spa|s\.p\.a)\.?$/;

export function normaliseVendor(raw: string): string {
  let s = raw
    .toLowerCase()
    .replace(/\([^)]*\)/g, " ")
    .replace(/&/g, " and ")
    .replace(/[,;:]+/g, " ")
    .replace(/\s+/g, " ")
    .trim();
  for (let prev = ""; prev !== s; ) {
    prev = s;
    s = s
      .replace(SUFFIXES, "")
      .replace(/[\s.,-]+$/, "")
      .trim();
  }
  return s;
}

const BY_ALIAS = new Map<string, VendorProfile>();
for (const p of PROFILES) for (const a of p.aliases) BY_ALIAS.set(a, p);
const BY_BRAND = new Map<string, VendorProfile>();
for (const p of PROFILES) for (const b of p.brands) BY_BRAND.set(b, p);
const ALIASES_LONGEST_FIRST = [...BY_ALIAS.keys()].sort((a, b) => b.length - a.length);

/**
 * The vendor ids a vendor text names: usually one; two for "AVEVA Software, LLC and Schneider Electric
 * Software, LLC"; the normalised text itself when the company is not in the table.
 */
export function vendorIds(raw: string | null | undefined): string[] {
  if (!raw?.trim()) return [];
  const whole = normaliseVendor(raw);
  const exact = BY_ALIAS.get(whole);
  if (exact) return [exact.id];
  const parts = raw
    .split(/\s+and\s+|\/|;|,(?=\s*[A-Z])/)
    .map(normaliseVendor)
    .filter(Boolean);
  const fromParts = [...new Set(parts.flatMap((p) => BY_ALIAS.get(p)?.id ?? prefixAlias(p) ?? []))];
  if (fromParts.length > 0) return fromParts;
  const prefixed = prefixAlias(whole);
  return [prefixed ?? whole];
}

/** "siemens building technologies inc" -> siemens: a known company name followed by a division's words. */
function prefixAlias(n: string): string | undefined {
  const alias = ALIASES_LONGEST_FIRST.find((a) => n === a || n.startsWith(`${a} `));
  return alias ? BY_ALIAS.get(alias)!.id : undefined;
}

/**
 * Vendor ids a product text implies: its brand words ("SIMATIC S7-1200" -> siemens), or a company name it
 * starts with ("Siemens TIA Portal V17" -> siemens).
 */
export function vendorIdsFromProduct(words: readonly string[]): string[] {
  const ids = new Set(words.flatMap((w) => BY_BRAND.get(w)?.id ?? []));
  const leading = prefixAlias(words.filter(Boolean).slice(0, 3).join(" "));
  if (leading) ids.add(leading);
  return [...ids];
}

/** True for a product-line word that names its vendor (SIMATIC, Modicon, CompactLogix). */
export function isBrand(word: string): boolean {
  return BY_BRAND.has(word);
}

/** True for brands on nearly every product of their vendor (SIMATIC): no sign of a near miss. */
export function isUmbrellaBrand(word: string): boolean {
  return PROFILES.some((p) => p.umbrella.includes(word));
}

export function profileOf(vendorId: string): VendorProfile | undefined {
  return PROFILES.find((p) => p.id === vendorId);
}

/** Words that only repeat the vendor's name or brands: optional when comparing product names. */
export function vendorWords(vendorId: string): Set<string> {
  const p = profileOf(vendorId);
  const words = new Set<string>();
  for (const a of p?.aliases ?? [vendorId]) for (const w of a.split(/[\s-]+/)) words.add(w);
  return words;
}
