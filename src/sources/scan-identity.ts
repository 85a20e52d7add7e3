/**
 * Device identity from the ICS scripts of nmap (s7-info, modbus-discover, enip-info, bacnet-info), read from
 * their XML elements, or from their text output when the script gives no elements.
 */

import type { z } from "zod";
import type { LineEvidence } from "../model/evidence.js";
import type { ScanIdentity } from "../model/vulnerability.js";

type Line = z.infer<typeof LineEvidence>;

/** "Key: value" lines of a script's text output, for scripts that return a string instead of a table. */
export function keyValueLines(output: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const line of output.split(/\r?\n/)) {
    const m = /^\s*([A-Za-z][\w .-]*?)\s*:\s*(.*?)\s*$/.exec(line);
    if (m?.[2]) out[m[1]!] = m[2];
  }
  return out;
}

function pick(elements: Record<string, string>, ...keys: string[]): string | null {
  const lower = new Map(Object.entries(elements).map(([k, v]) => [k.toLowerCase(), v.trim()]));
  for (const k of keys) {
    const v = lower.get(k.toLowerCase());
    if (v) return v;
  }
  return null;
}

/** Siemens order numbers (MLFB) name the CPU family: 6ES7 21x is an S7-1200, 6ES7 51x an S7-1500, ... */
const S7_FAMILIES: [RegExp, string][] = [
  [/^6ES7\s?21/i, "SIMATIC S7-1200"],
  [/^6ES7\s?51/i, "SIMATIC S7-1500"],
  [/^6ES7\s?31/i, "SIMATIC S7-300"],
  [/^6ES7\s?41/i, "SIMATIC S7-400"],
];

/** "(1)" after an ENIP vendor name is its vendor id. */
const withoutId = (s: string | null) => s?.replace(/\s*\(\d+\)\s*$/, "") ?? null;

export function identityFromScript(
  id: string,
  output: string,
  elements: Record<string, string>,
  evidence: Line,
): ScanIdentity | null {
  const el = Object.keys(elements).length > 0 ? elements : keyValueLines(output);
  const base = { serial: null, source: id, evidence: { ...evidence, note: `nmap ${id}` } };
  switch (id) {
    case "s7-info": {
      const order = pick(el, "Module", "Basic Hardware");
      const type = pick(el, "Module Type");
      const version = pick(el, "Version");
      if (!order && !type && !version) return null;
      return {
        ...base,
        vendor: "Siemens",
        product: order ? (S7_FAMILIES.find(([re]) => re.test(order))?.[1] ?? null) : null,
        model: [type, order && `(${order})`].filter(Boolean).join(" ") || null,
        firmware: version && version !== "0.0" ? `V${version.replace(/^v/i, "")}` : null,
        serial: pick(el, "Serial Number"),
      };
    }
    case "enip-info": {
      const model = pick(el, "productName", "Product Name");
      const revision = pick(el, "revision", "Revision");
      if (!model && !revision) return null;
      return {
        ...base,
        vendor: withoutId(pick(el, "vendor", "Vendor")),
        product: null,
        model,
        firmware: revision,
        serial: pick(el, "serialNumber", "Serial Number"),
      };
    }
    case "bacnet-info": {
      const vendor = pick(el, "Vendor Name");
      const model = pick(el, "Model Name");
      const firmware = pick(el, "Firmware", "Application Software");
      if (!vendor && !model && !firmware) return null;
      return { ...base, vendor, product: null, model, firmware };
    }
    case "modbus-discover":
      return modbusIdentity(output, base);
    default:
      return null;
  }
}

/**
 * modbus-discover prints "DEVICE IDENTIFICATION: <vendor> <product code> <revision>" joined by spaces (Read
 * Device Identification objects 0-2). The revision is the last word when it looks like a version; the
 * vendor is the leading capitalised words (a company name), the product code what follows: this fits real
 * devices ("Schneider Electric BMX P34 2020 v2.70", "Schneider Electric PM710 v03.110", "ABB AC500 V2.8").
 */
function modbusIdentity(
  output: string,
  base: { serial: null; source: string; evidence: Line },
): ScanIdentity | null {
  const m = /device identification:\s*(.+)/i.exec(output);
  if (!m) return null;
  const words = m[1]!.trim().split(/\s+/);
  const last = words.at(-1) ?? "";
  const firmware = words.length > 1 && /^v?\d+(\.\d+)+\w*$/i.test(last) ? (words.pop() ?? null) : null;
  const named = words.findIndex((w) => !/^[A-Z][a-z][\w&.-]*$/.test(w));
  const vendorWords = named === -1 ? words : words.slice(0, Math.max(named, 1));
  const model = words.slice(vendorWords.length).join(" ") || null;
  return { ...base, vendor: vendorWords.join(" ") || null, product: null, model, firmware };
}
