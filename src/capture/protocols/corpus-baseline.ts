/**
 * Test support for the corpus tests: reads the expected outputs stored beside the real captures in
 * ../shared/corpus/captures (Zeek logs, facts.json) and reduces a CaptureReport to the same shapes
 * (requests per code, client/server pairs, hosts), so that tests compare like with like.
 */
import { readFileSync } from "node:fs";
import type { CaptureReport } from "../../model/capture.js";

/** The corpus, relative to the project root (tests run with cwd = the project root). */
export const CAPTURES = "../shared/corpus/captures";

export function capturePath(relative: string): string {
  return `${CAPTURES}/${relative}`;
}

/** Rows of a Zeek TSV log (ASCII writer): one record per line, keyed by the `#fields` header. */
export function zeekLog(relative: string): Record<string, string>[] {
  const lines = readFileSync(capturePath(relative), "utf8").split("\n");
  const header = lines.find((l) => l.startsWith("#fields\t"));
  if (!header) throw new Error(`${relative}: no #fields line`);
  const fields = header.split("\t").slice(1);
  return lines
    .filter((l) => l.length > 0 && !l.startsWith("#"))
    .map((l) => {
      const values = l.split("\t");
      return Object.fromEntries(fields.map((f, i) => [f, values[i] ?? ""]));
    });
}

interface FactsEntry {
  file: string;
  facts: { hosts: string[]; pairs: [string, string, number][] };
  tshark_derived?: {
    ip_conversations: [string, string][];
    field_value_counts: Record<string, Record<string, number>>;
  };
}

let factsCache: FactsEntry[] | null = null;

/** The facts.json entry of a capture (upstream baseline facts and the tshark-derived ones). */
export function corpusFacts(relative: string): FactsEntry {
  factsCache ??= JSON.parse(readFileSync(capturePath("facts.json"), "utf8")) as FactsEntry[];
  const entry = factsCache.find((e) => e.file === relative);
  if (!entry) throw new Error(`facts.json has no entry for ${relative}`);
  return entry;
}

/** Count of values per key, e.g. `{ 1: 2, 5: 2 }`. */
export function tally<T>(items: readonly T[], key: (item: T) => number | string): Record<string, number> {
  const out: Record<string, number> = {};
  for (const item of items) {
    const k = String(key(item));
    out[k] = (out[k] ?? 0) + 1;
  }
  return out;
}

/** Requests of one protocol per code, summed over clients and servers. */
export function requestsByCode(report: CaptureReport, protocol: string): Record<string, number> {
  const out: Record<string, number> = {};
  for (const op of report.operations) {
    if (op.protocol === protocol) out[String(op.code)] = (out[String(op.code)] ?? 0) + op.count;
  }
  return out;
}

/** Exceptions (failed responses) of one protocol per code, codes without any left out. */
export function exceptionsByCode(report: CaptureReport, protocol: string): Record<string, number> {
  const out: Record<string, number> = {};
  for (const op of report.operations) {
    if (op.protocol === protocol && op.exceptions > 0)
      out[String(op.code)] = (out[String(op.code)] ?? 0) + op.exceptions;
  }
  return out;
}

/** Distinct `client -> server:port` of the flows of one protocol (all TCP/UDP flows when none is given). */
export function flowPairs(report: CaptureReport, protocol?: string): string[] {
  const pairs = report.flows
    .filter((f) => (protocol === undefined ? f.serverPort !== null : f.protocol === protocol))
    .map((f) => `${f.client} -> ${f.server}:${f.serverPort}`);
  return [...new Set(pairs)].sort();
}

/** Distinct `client -> server:port` of Zeek log rows. */
export function zeekPairs(rows: Record<string, string>[]): string[] {
  return [...new Set(rows.map((r) => `${r["id.orig_h"]} -> ${r["id.resp_h"]}:${r["id.resp_p"]}`))].sort();
}

/** Every IP address of the report's assets. */
export function hostIps(report: CaptureReport): string[] {
  return [...new Set(report.assets.flatMap((a) => a.ips))].sort();
}
