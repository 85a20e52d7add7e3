/**
 * Test support for the corpus tests: runs a real capture of test/corpus/captures through the engine, reads
 * the expected outputs stored beside it (Zeek logs, Suricata and tshark output, facts.json) and reduces the
 * CaptureReport to the same shapes (requests per code, client/server pairs, hosts), so that tests compare like
 * with like.
 */
import { existsSync, readFileSync } from "node:fs";
import { dirname } from "node:path";
import type { Anomaly, CaptureReport, ObservedAsset } from "../../model/capture.js";
import { analyzeCaptures } from "../engine.js";

/** The corpus, relative to the project root (tests run with cwd = the project root). */
const CAPTURES = "test/corpus/captures";

function capturePath(relative: string): string {
  return `${CAPTURES}/${relative}`;
}

/** Rows of a Zeek TSV log (ASCII writer): one record per line, keyed by the `#fields` header. */
function zeekLog(relative: string): Record<string, string>[] {
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

interface TsharkFacts {
  ip_conversations: [string, string][];
  frames_per_protocol: Record<string, number>;
  /** Absent for the captures whose facts were taken without `-e` fields. */
  field_value_counts?: Record<string, Record<string, number>>;
}

interface FactsEntry {
  file: string;
  facts: {
    hosts: string[];
    pairs: [string, string, number][];
    /** The suricata-verify captures: the names of their `expected.suricata.<name>.test.yaml` checks. */
    suricata_checks?: Record<string, unknown>;
  };
  tshark_derived?: TsharkFacts;
}

let factsCache: FactsEntry[] | null = null;

/** The facts.json entry of a capture (upstream baseline facts and the tshark-derived ones). */
function corpusFacts(relative: string): FactsEntry {
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

/** Distinct `client -> server:port` of Zeek log rows. */
export function zeekPairs(rows: Record<string, string>[]): string[] {
  return [...new Set(rows.map((r) => `${r["id.orig_h"]} -> ${r["id.resp_h"]}:${r["id.resp_p"]}`))].sort();
}

/** Runs one corpus capture (named as in MANIFEST.tsv and facts.json) through the engine's default dissectors. */
export async function runCorpusCapture(file: string): Promise<CorpusRun> {
  return new CorpusRun(file, await analyzeCaptures([capturePath(file)]));
}

/** The report of one corpus capture, next to what the other tools say of the same capture. */
export class CorpusRun {
  constructor(
    /** The capture, relative to the corpus. */
    readonly file: string,
    readonly report: CaptureReport,
  ) {}

  // The expected outputs lie in the capture's folder, named `expected.<tool>.<output>` (MANIFEST.tsv).

  /** Text of a file in the capture's folder, e.g. `expected.zeek..stdout`. */
  readBeside(name: string): string {
    return readFileSync(capturePath(this.besideCapture(name)), "utf8");
  }

  existsBeside(name: string): boolean {
    return existsSync(capturePath(this.besideCapture(name)));
  }

  /** Rows of a Zeek log in the capture's folder, e.g. `expected.zeek.dns.log`. */
  zeekLog(name: string): Record<string, string>[] {
    return zeekLog(this.besideCapture(name));
  }

  private besideCapture(name: string): string {
    return `${dirname(this.file)}/${name}`;
  }

  /** The capture's facts.json entry (upstream baseline facts and the tshark-derived ones). */
  facts(): FactsEntry {
    return corpusFacts(this.file);
  }

  /** The hosts of the upstream baseline. */
  factsHosts(): string[] {
    return this.facts().facts.hosts;
  }

  /** The client/server pairs of the upstream baseline, written as flowPairs writes them. */
  factsPairs(): string[] {
    return this.facts().facts.pairs.map(([c, s, p]) => `${c} -> ${s}:${p}`);
  }

  /** Every address of tshark's IP conversations: the hosts where no upstream baseline names them. */
  tsharkHosts(): string[] {
    return [...new Set(this.tshark().ip_conversations.flat())].sort();
  }

  /** tshark's count per value of one field. A missing field throws: a misspelt one must not compare as empty. */
  tsharkCounts(field: string): Record<string, number> {
    const counts = this.tshark().field_value_counts?.[field];
    if (!counts) throw new Error(`facts.json has no tshark counts of ${field} for ${this.file}`);
    return counts;
  }

  private tshark(): TsharkFacts {
    const derived = this.facts().tshark_derived;
    if (!derived) throw new Error(`facts.json has no tshark-derived facts for ${this.file}`);
    return derived;
  }

  /** Requests of one protocol per code, summed over clients and servers. */
  requestsByCode(protocol: string): Record<string, number> {
    const out: Record<string, number> = {};
    for (const op of this.report.operations) {
      if (op.protocol === protocol) out[String(op.code)] = (out[String(op.code)] ?? 0) + op.count;
    }
    return out;
  }

  /** Exceptions (failed responses) of one protocol per code, codes without any left out. */
  exceptionsByCode(protocol: string): Record<string, number> {
    const out: Record<string, number> = {};
    for (const op of this.report.operations) {
      if (op.protocol === protocol && op.exceptions > 0)
        out[String(op.code)] = (out[String(op.code)] ?? 0) + op.exceptions;
    }
    return out;
  }

  /** Distinct `client -> server:port` of the flows of one protocol (all TCP/UDP flows when none is given). */
  flowPairs(protocol?: string): string[] {
    const pairs = this.report.flows
      .filter((f) => (protocol === undefined ? f.serverPort !== null : f.protocol === protocol))
      .map((f) => `${f.client} -> ${f.server}:${f.serverPort}`);
    return [...new Set(pairs)].sort();
  }

  /** Every IP address of the report's assets. */
  hostIps(): string[] {
    return [...new Set(this.report.assets.flatMap((a) => a.ips))].sort();
  }

  /** Every host name the report gives its assets. */
  hostnames(): string[] {
    return this.report.assets.flatMap((a) => a.hostnames);
  }

  assetWithIp(ip: string): ObservedAsset | undefined {
    return this.report.assets.find((a) => a.ips.includes(ip));
  }

  assetWithMac(mac: string): ObservedAsset | undefined {
    return this.report.assets.find((a) => a.macs.includes(mac));
  }

  anomaliesOf(...protocols: string[]): Anomaly[] {
    return this.report.anomalies.filter((a) => protocols.includes(a.protocol));
  }
}
