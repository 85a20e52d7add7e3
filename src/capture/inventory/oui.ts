/**
 * Vendor names from the IEEE registry (the oui-data package: MA-L 24-bit, MA-M 28-bit and MA-S 36-bit
 * prefixes). The registry file holds one `"<prefix>": "<JSON string>",` entry per line, ordered by prefix
 * length and then by prefix (a test checks that order), so each prefix is found by binary search over the raw
 * bytes and only its entry is decoded: decoding the 5.6 MB text costs more than a small capture's analysis.
 */
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { isLocalMac } from "../decode/address.js";

const QUOTE = 0x22;
const NEWLINE = 0x0a;

let registry: Buffer | undefined;

/** The registry's bytes, read on first use and kept: `otaudit watch` looks up vendors for every file. */
export function registryBytes(): Buffer {
  registry ??= readFileSync(createRequire(import.meta.url).resolve("oui-data"));
  return registry;
}

/** The prefix on the line starting at `line`, with the offset of its closing quote; null for `{` and `}`. */
export function prefixAt(bytes: Buffer, line: number, end: number): { prefix: string; close: number } | null {
  const open = bytes.indexOf(QUOTE, line);
  if (open < 0 || open >= end) return null;
  const close = bytes.indexOf(QUOTE, open + 1);
  if (close < 0 || close >= end) return null;
  return { prefix: bytes.toString("latin1", open + 1, close), close };
}

/** The registry's order: shorter prefixes first, then by text. */
export function comparePrefixes(a: string, b: string): number {
  return a.length - b.length || (a < b ? -1 : a > b ? 1 : 0);
}

function lineEnd(bytes: Buffer, at: number): number {
  const lf = bytes.indexOf(NEWLINE, at);
  return lf < 0 ? bytes.length : lf;
}

/** The organisation registered for `prefix` (the first line of its entry), or null. */
function lookup(bytes: Buffer, prefix: string): string | null {
  let lo = 0;
  let hi = bytes.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    const line = mid === 0 ? 0 : bytes.lastIndexOf(NEWLINE, mid - 1) + 1;
    const end = lineEnd(bytes, line);
    const entry = prefixAt(bytes, line, end);
    // The opening `{` sorts before every entry, the closing `}` after.
    const order = entry === null ? (line === 0 ? -1 : 1) : comparePrefixes(entry.prefix, prefix);
    if (order < 0) lo = end + 1;
    else if (order > 0) hi = line;
    else {
      const value = bytes.toString("utf8", entry!.close + 3, bytes[end - 1] === 0x2c ? end - 1 : end);
      // The first line is the organisation; some entries end it with a stray comma.
      const name = (JSON.parse(value) as string)
        .split("\n", 1)[0]!
        .replace(/[\s,;]+$/, "")
        .trim();
      return name === "" ? null : name;
    }
  }
  return null;
}

/** Prefixes looked up so far (a watcher meets the same devices in every file), with their organisation or null. */
const names = new Map<string, string | null>();

function nameOf(prefix: string): string | null {
  let name = names.get(prefix);
  if (name === undefined) {
    name = lookup(registryBytes(), prefix);
    names.set(prefix, name);
  }
  return name;
}

/** The registered organisation of each MAC (longest matching prefix), or null: unregistered or locally administered. */
export function vendorNames(macs: Iterable<number>): Map<number, string | null> {
  const out = new Map<number, string | null>();
  for (const mac of macs) {
    if (isLocalMac(mac)) {
      out.set(mac, null);
      continue;
    }
    const h = mac.toString(16).toUpperCase().padStart(12, "0");
    out.set(mac, nameOf(h.slice(0, 9)) ?? nameOf(h.slice(0, 7)) ?? nameOf(h.slice(0, 6)));
  }
  return out;
}
