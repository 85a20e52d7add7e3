/**
 * Vendor names from the IEEE OUI registry (the oui-data package). The registry is loaded once, on the first
 * look-up, and only each organisation's name (the first line of its entry) is kept.
 */
import { createRequire } from "node:module";
import { isLocalMac, ouiOf } from "../decode/address.js";

let names: Map<string, string> | null = null;

function load(): Map<string, string> {
  const registry = createRequire(import.meta.url)("oui-data") as Record<string, string>;
  const out = new Map<string, string>();
  for (const [oui, text] of Object.entries(registry)) {
    // The first line is the organisation; some entries end it with a stray comma.
    const name = text.split("\n", 1)[0].replace(/[\s,;]+$/, "").trim();
    if (name !== "") out.set(oui, name);
  }
  return out;
}

/** The registered organisation of a MAC's OUI, or null (unregistered, or locally administered). */
export function vendorOf(mac: number): string | null {
  if (isLocalMac(mac)) return null;
  if (names === null) names = load();
  return names.get(ouiOf(mac)) ?? null;
}
