/**
 * Vendor names from the IEEE registry (the oui-data package: MA-L 24-bit, MA-M 28-bit and MA-S 36-bit
 * prefixes). The registry text is scanned only for the prefixes a report's MACs need that no earlier report
 * did, and only each organisation's name (the first line of its entry) is kept: parsing all 50,000 entries would
 * cost more than the rest of a small capture's analysis.
 */
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { isLocalMac } from "../decode/address.js";

/** `"<prefix>": "<JSON string>"` entries of the registry file. */
const ENTRY = /"([0-9A-F]{6,9})": "((?:[^"\\]|\\.)*)"/g;

function hex12(mac: number): string {
  return mac.toString(16).toUpperCase().padStart(12, "0");
}

/**
 * Prefixes looked up so far, with their organisation or null when unregistered. A process that analyses many
 * files (`otaudit watch` follows rotated captures) keeps them; the second time it meets unknown prefixes it
 * reads the whole registry once, rather than scanning it again for every file.
 */
const names = new Map<string, string | null>();
let scans = 0;
let complete = false;

function scanRegistry(wanted: Set<string>): void {
  const all = scans++ > 0;
  const text = readFileSync(createRequire(import.meta.url).resolve("oui-data"), "utf8");
  for (const m of text.matchAll(ENTRY)) {
    if (!all && !wanted.has(m[1])) continue;
    // The first line is the organisation; some entries end it with a stray comma.
    const name = (JSON.parse(`"${m[2]}"`) as string)
      .split("\n", 1)[0]
      .replace(/[\s,;]+$/, "")
      .trim();
    if (name !== "") names.set(m[1], name);
  }
  for (const p of wanted) if (!names.has(p)) names.set(p, null);
  complete = all;
}

/** The registered organisation of each MAC (longest matching prefix), or null: unregistered or locally administered. */
export function vendorNames(macs: Iterable<number>): Map<number, string | null> {
  const out = new Map<number, string | null>();
  const wanted = new Set<string>();
  for (const mac of macs) {
    out.set(mac, null);
    if (isLocalMac(mac)) continue;
    const h = hex12(mac);
    wanted.add(h.slice(0, 6)).add(h.slice(0, 7)).add(h.slice(0, 9));
  }
  const missing = complete ? [] : [...wanted].filter((p) => !names.has(p));
  if (missing.length > 0) scanRegistry(new Set(missing));
  for (const mac of out.keys()) {
    if (isLocalMac(mac)) continue;
    const h = hex12(mac);
    out.set(mac, names.get(h.slice(0, 9)) ?? names.get(h.slice(0, 7)) ?? names.get(h.slice(0, 6)) ?? null);
  }
  return out;
}
