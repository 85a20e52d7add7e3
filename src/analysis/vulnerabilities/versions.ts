/**
 * Versions as vendors write them, and the version statements of advisories.
 *
 * A version is read as release numbers (V4.2.1 -> 4,2,1), a letter revision (1.26C), service pack, update,
 * hotfix and build numbers (V14 SP1 Update 14, V9.0_SP3_UC06, R520.2_TCU4_HF2, 3.15 P018, MX-V5.4.9.4-r3)
 * and a wildcard tail (5.1.0-x, 1.2 *, R210.X). Prefixes (V, SV, R, SR, FW, MX-V) are dropped. Schneider
 * writes minor versions as decimal fractions (V2.9 means V2.90), so its versions compare that way.
 *
 * A statement is `vers:` notation (CISA writes `vers:all/<V3.2.16`), operators joined by "|" (`>= 7.2 |
 * <= 8.6.0`: a range, as in vers), lists (`1.1 | 1.2.3 | 2.0`), or prose ("All versions prior to V1.5.1",
 * "V2.0 SP1 and prior", "between V2.5 (including) and V2.7 (excluding)", "1.00A through 1.26C").
 * Parenthesised notes carry meaning too: "(only affected by CVE-2019-10943)" narrows the CVEs, "(Versions
 * removed from the scope of this advisory)" takes the product out.
 */

export interface Version {
  text: string;
  /** Release numbers as digit strings (the leading zeros matter for decimal comparison). */
  release: string[];
  /** A letter right after the release digits: 1.26C -> 3. */
  letter: number;
  /** Service pack, update, hotfix/patch, build/revision. */
  qualifiers: [number, number, number, number];
  wildcard: boolean;
}

/** Prefixes that mean "version" rather than a model name (KTP700 in a version field is a panel, not V700). */
const VERSION_PREFIX = /^(v|sv|r|sr|rev|ver|fw|mxv|os|vers)$/;

/**
 * Reads a version. `strict` (advisory text) accepts only known version prefixes; otherwise (an asset's
 * firmware field) any letters before the first digit are dropped.
 */
export function parseVersion(text: string, strict = false): Version | null {
  let s = text
    .replace(/\([^)]*\)/g, " ")
    .trim()
    .replace(/^(?:versions?|ver\.|firmware|release|revision)\s*:?\s*/i, "");
  const m = /^([A-Za-z][A-Za-z_-]*?)?[\s_-]*(\d[\s\S]*)$/.exec(s);
  if (!m) return null;
  const prefix = (m[1] ?? "").toLowerCase().replace(/[-_]/g, "");
  if (strict && prefix && !VERSION_PREFIX.test(prefix)) return null;
  s = m[2]!;
  const rel = /^\d+(?:[._-]\d+)*/.exec(s)![0];
  const release = rel.split(/[._-]/);
  const rest = s.slice(rel.length).replace(/_/g, " ");
  const letterMatch = /^([a-wyz])(?![a-z])/i.exec(rest);
  const num = (re: RegExp) => Number(re.exec(rest)?.[1] ?? 0);
  return {
    text,
    release,
    letter: letterMatch ? letterMatch[1]!.toLowerCase().charCodeAt(0) - 96 : 0,
    qualifiers: [
      num(/\b(?:sp|service\s*pack)\s*(\d+)/i),
      num(/\b(?:upd(?:ate)?|uc|tcu|u)\s*(\d+)/i),
      num(/\b(?:hf|hot\s*fix|patch|p)\s*(\d+)/i),
      num(/(?:\b|[.-])(?:build|b|rev|r)\s*\.?\s*(\d+)/i),
    ],
    wildcard: /^(x|\*)|[\s.-](x|\*)(?=$|[\s.-])/i.test(rest.trim()) || /^\s*\*/.test(rest),
  };
}

function compareSegment(x: string, y: string, decimal: boolean): number {
  if (decimal) {
    const n = Math.max(x.length, y.length);
    return Math.sign(Number(x.padEnd(n, "0")) - Number(y.padEnd(n, "0")));
  }
  return Math.sign(Number(x) - Number(y));
}

/** Orders two versions: release numbers (missing ones are 0), letter, then the qualifiers in order. */
export function compareVersions(a: Version, b: Version, decimal = false): number {
  const n = Math.max(a.release.length, b.release.length);
  for (let i = 0; i < n; i++) {
    const c = compareSegment(a.release[i] ?? "0", b.release[i] ?? "0", decimal && i > 0);
    if (c) return c;
  }
  if (a.letter !== b.letter) return Math.sign(a.letter - b.letter);
  for (let i = 0; i < 4; i++)
    if (a.qualifiers[i] !== b.qualifiers[i]) return Math.sign(a.qualifiers[i]! - b.qualifiers[i]!);
  return 0;
}

/**
 * True when `asset` says less than `bound` and agrees with it as far as it goes (V4.2 against 4.2.3, V17
 * against V17 Update 4): the real version could lie on either side.
 */
function lessPrecise(asset: Version, bound: Version, decimal: boolean): boolean {
  for (let i = 0; i < asset.release.length; i++) {
    if (compareSegment(asset.release[i]!, bound.release[i] ?? "0", decimal && i > 0) !== 0) return false;
  }
  const moreRelease = bound.release.slice(asset.release.length).some((x) => Number(x) !== 0);
  const assetQualified = asset.letter !== 0 || asset.qualifiers.some((q) => q !== 0);
  const moreQualifiers = !assetQualified && (bound.letter !== 0 || bound.qualifiers.some((q) => q !== 0));
  return moreRelease || moreQualifiers;
}

/** Equal, where a wildcard statement (1.2 *, 5.1.0-x) equals every version it begins. */
function equalTo(v: Version, stated: Version, decimal: boolean): boolean {
  if (stated.wildcard) {
    return stated.release.every(
      (x, i) => v.release[i] !== undefined && compareSegment(v.release[i]!, x, decimal && i > 0) === 0,
    );
  }
  return compareVersions(v, stated, decimal) === 0;
}

export type Operator = "<" | "<=" | ">" | ">=" | "=" | "!=";
export interface Constraint {
  op: Operator;
  version: Version;
}

export type VersionSpec =
  | { kind: "all"; text: string }
  | { kind: "constraints"; constraints: Constraint[]; text: string; fromName: boolean }
  /** The version field holds a model name or order number (KTP700, CP451, 2885728), not a version. */
  | { kind: "designation"; designations: string[]; text: string }
  | { kind: "unreadable"; text: string };

export interface SpecNotes {
  /** "(only affected by CVE-...)": the CVEs this product is really affected by. */
  onlyCves: string[];
  /** "(Versions removed from the scope of this advisory)". */
  outOfScope: boolean;
}

export function notesOf(...texts: (string | null)[]): SpecNotes {
  const all = texts.filter(Boolean).join(" ");
  const only = /only affected by\s+((?:CVE-\d{4}-\d+[\s,]*(?:and\s+)?)+)/i.exec(all);
  return {
    onlyCves: only ? (only[1]!.match(/CVE-\d{4}-\d+/gi) ?? []).map((c) => c.toUpperCase()) : [],
    outOfScope: /removed from the scope/i.test(all),
  };
}

const ALL = /^(?:vers:[a-z]+\/\*|\*|all|all versions?|any|any versions?)$/i;
const OPERATOR = /^(<=|>=|==|!=|<|>|=)?\s*(.+)$/;

/**
 * Reads the version statement of an advisory product. `field` is what the CSAF branch said
 * (product_version or product_version_range); `fullName` is its full product name, whose prose is read
 * when the field itself is a bare list or unreadable ("APOGEE PXC: All versions between 2.8.2 and v2.8.19").
 */
export function parseSpec(raw: string | null, fullName: string): VersionSpec {
  if (raw === null || !raw.trim()) {
    const fromName = prose(afterName(fullName));
    return fromName?.kind === "constraints"
      ? { ...fromName, fromName: true }
      : { kind: "all", text: "no version given" };
  }
  const fromField = statement(raw);
  const points = fromField.kind === "constraints" && fromField.constraints.every((c) => c.op === "=");
  if (fromField.kind === "unreadable" || points) {
    const fromName = prose(afterName(fullName));
    if (fromName?.kind === "constraints") return { ...fromName, fromName: true };
  }
  return fromField;
}

/** The prose after the product name in CISA's full names: "Modicon M340: all versions prior to v3.01". */
function afterName(fullName: string): string {
  const i = fullName.search(/:\s|\s-\s/);
  return i >= 0 ? fullName.slice(i + 2) : fullName;
}

function statement(raw: string): VersionSpec {
  const text = raw.trim();
  const unwrapped = text.replace(/^([<>=!]*)\s*\(([^)]*)\)\s*$/, "$1$2");
  const core = unwrapped
    .replace(/\((?!including|excluding)[^)]*\)/gi, " ")
    .replace(/\s+/g, " ")
    .trim();
  if (ALL.test(core)) return { kind: "all", text };
  if (/^vers:/i.test(core)) return vers(core, text);
  const p = prose(core);
  if (p) return p;
  // Bars join constraints; so do "and" before a version and plain spaces before an operator (">= V2.5 < V2.6.1").
  const parts = core.split(/\s*\|\s*|\s+and\s+(?=[vVrR]?\d)|\s+(?=[<>]=?\s*[vVrR]?\d)/).filter(Boolean);
  const constraints: Constraint[] = [];
  const designations: string[] = [];
  for (const part of parts) {
    const m = OPERATOR.exec(part)!;
    const op = (m[1] === "==" ? "=" : (m[1] ?? "=")) as Operator;
    const version = parseVersion(m[2]!, true);
    if (version) constraints.push({ op, version });
    else if (op === "=" && /\d/.test(m[2]!)) designations.push(m[2]!.trim());
    else return { kind: "unreadable", text };
  }
  if (designations.length > 0 && constraints.length === 0) return { kind: "designation", designations, text };
  // A bare seven-digit-or-longer number is an order number (Phoenix Contact writes them here), not a version.
  if (constraints.length === 1 && constraints[0]!.op === "=" && /^\d{7,}$/.test(core))
    return { kind: "designation", designations: [core], text };
  return constraints.length
    ? { kind: "constraints", constraints, text, fromName: false }
    : { kind: "unreadable", text };
}

function vers(core: string, text: string): VersionSpec {
  const body = core.slice(core.indexOf("/") + 1);
  const constraints: Constraint[] = [];
  for (const part of body.split("|").map((p) => p.trim())) {
    if (part === "*") return { kind: "all", text };
    const m = OPERATOR.exec(part)!;
    const version = parseVersion(m[2]!, true);
    if (!version) return { kind: "unreadable", text };
    constraints.push({ op: (m[1] === "==" ? "=" : (m[1] ?? "=")) as Operator, version });
  }
  return { kind: "constraints", constraints, text, fromName: false };
}

const V = "([vVrR]?[\\w.-]*\\d[\\w.-]*(?:\\s+(?:SP|Upd(?:ate)?|HF|P)\\s*\\d+)*)";
const PROSE: [RegExp, (a: string, b?: string) => [Operator, string][]][] = [
  [
    new RegExp(`between\\s+${V}\\s*\\(including\\)\\s+and\\s+${V}\\s*\\(excluding\\)`, "i"),
    (a, b) => [
      [">=", a],
      ["<", b!],
    ],
  ],
  [
    new RegExp(`between\\s+${V}\\s+and\\s+${V}`, "i"),
    (a, b) => [
      [">=", a],
      ["<=", b!],
    ],
  ],
  [
    new RegExp(`${V}\\s+(?:through|to|until)\\s+${V}`, "i"),
    (a, b) => [
      [">=", a],
      ["<=", b!],
    ],
  ],
  [
    new RegExp(`(?:prior to|before|earlier than|lower than|older than|below)\\s+(?:version\\s+)?${V}`, "i"),
    (a) => [["<", a]],
  ],
  [new RegExp(`${V}\\s+(?:and|or)\\s+(?:prior|earlier|before|lower|older|below)`, "i"), (a) => [["<=", a]]],
  [new RegExp(`(?:up to(?: and including)?|through)\\s+(?:version\\s+)?${V}`, "i"), (a) => [["<=", a]]],
  [new RegExp(`${V}\\s+(?:and|or)\\s+(?:later|newer|above|higher|after)`, "i"), (a) => [[">=", a]]],
];

/** Version prose, or null when the text has none of the phrases vendors use. */
function prose(text: string): VersionSpec | null {
  if (/^all versions?\s*$/i.test(text.trim())) return { kind: "all", text };
  for (const [re, build] of PROSE) {
    const m = re.exec(text);
    if (!m) continue;
    const constraints: Constraint[] = [];
    for (const [op, v] of build(m[1]!, m[2])) {
      const version = parseVersion(v, true);
      if (!version) return null;
      constraints.push({ op, version });
    }
    return { kind: "constraints", constraints, text, fromName: false };
  }
  return null;
}

export type Containment = "in" | "out" | "uncertain";

/**
 * Whether `v` satisfies the constraints, read as vers does: "=" and "!=" are points; the ordered bounds form
 * intervals (a lower bound opens one, the next upper bound closes it; an upper bound with nothing open
 * starts from the lowest version). "uncertain" when `v` is too imprecise to tell (V4.2 against < 4.2.3).
 */
export function satisfies(v: Version, constraints: readonly Constraint[], decimal = false): Containment {
  for (const c of constraints) if (c.op === "=" && equalTo(v, c.version, decimal)) return "in";
  for (const c of constraints) if (c.op === "!=" && equalTo(v, c.version, decimal)) return "out";
  const bounds = constraints
    .filter((c) => c.op !== "=" && c.op !== "!=")
    .sort((a, b) => compareVersions(a.version, b.version, decimal));
  const intervals: [Constraint | null, Constraint | null][] = [];
  let open: Constraint | null = null;
  for (const c of bounds) {
    if (c.op === ">" || c.op === ">=") open ??= c;
    else {
      intervals.push([open, c]);
      open = null;
    }
  }
  if (open) intervals.push([open, null]);
  let uncertain = false;
  for (const [low, high] of intervals) {
    const a = low ? bound(v, low, decimal) : "in";
    const b = high ? bound(v, high, decimal) : "in";
    if (a === "in" && b === "in") return "in";
    if (a !== "out" && b !== "out") uncertain = true;
  }
  return uncertain ? "uncertain" : "out";
}

function bound(v: Version, c: Constraint, decimal: boolean): Containment {
  if (lessPrecise(v, c.version, decimal)) return "uncertain";
  const order = compareVersions(v, c.version, decimal);
  const ok =
    c.op === "<"
      ? order < 0
      : c.op === "<="
        ? order <= 0
        : c.op === ">"
          ? order > 0
          : c.op === ">="
            ? order >= 0
            : order === 0;
  return ok ? "in" : "out";
}

/** "< V4.4.0", ">= 2.3 and <= 6.00.327", "2.2 | 2.3": the constraints as a person reads them. */
export function describeConstraints(constraints: readonly Constraint[]): string {
  const joiner = constraints.every((x) => x.op === "=") ? " | " : " and ";
  return constraints.map((x) => `${x.op === "=" ? "" : `${x.op} `}${x.version.text.trim()}`).join(joiner);
}
