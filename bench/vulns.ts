/**
 * Vulnerability benchmarks (issue 6).
 *
 * 1. Streaming: a generated Nessus report of OTAUDIT_BENCH_SCAN_MB megabytes (default 100) read by the
 *    Nessus importer, with the peak heap and resident memory while it runs.
 * 2. Matching: 3,000 advisories synthesised from the 90 corpus advisories (each copied under new ids, so
 *    product families repeat as they do in a real advisory feed) against 5,000 assets drawn from their
 *    products, with versions inside and outside the stated ranges and a tenth without firmware. Prints the
 *    index build and matching times, and the time of comparing a sample of assets with every product (what
 *    matching without the vendor/token index would cost), extrapolated to all assets.
 */

import { createWriteStream, existsSync, mkdirSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { AdvisoryIndex } from "../src/analysis/vulnerabilities/advisory-index.js";
import { exposureModel } from "../src/analysis/vulnerabilities/exposure.js";
import { identify, nameProfile } from "../src/analysis/vulnerabilities/product-names.js";
import { type ReportAsset, vulnerabilityReport } from "../src/analysis/vulnerabilities/report.js";
import type { Advisory } from "../src/model/vulnerability.js";
import { advisoryFilesIn, readAdvisoryFiles } from "../src/sources/advisory-files.js";
import { readNessus } from "../src/sources/nessus.js";
import { Prng } from "../src/synth/prng.js";
import { log } from "./bench-env.js";

const ADVISORIES = 3_000;
const ASSETS = 5_000;
/** The shared corpus, beside the project (npm run bench runs from the project root). */
const CORPUS = "test/corpus/advisories";

const seconds = (from: bigint) => Number(process.hrtime.bigint() - from) / 1e9;
/** CPU time stays meaningful when other work shares the machine; wall time does not. */
const cpuSeconds = (from: NodeJS.CpuUsage) => {
  const d = process.cpuUsage(from);
  return (d.user + d.system) / 1e6;
};

function synthesiseAdvisories(corpus: readonly Advisory[]): Advisory[] {
  return Array.from({ length: ADVISORIES }, (_, i) => {
    const a = corpus[i % corpus.length]!;
    return { ...a, id: `${a.id}-S${Math.floor(i / corpus.length)}` };
  });
}

/** Assets named like the advisories' products, with a version from the product's statement or a nearby one. */
function synthesiseAssets(corpus: readonly Advisory[]): ReportAsset[] {
  const rng = new Prng(62443);
  const next = () => rng.float();
  const products = corpus.flatMap((a) => a.products.filter((p) => p.version !== null && p.vendor));
  return Array.from({ length: ASSETS }, (_, i) => {
    const p = products[Math.floor(next() * products.length)]!;
    const stated = /\d+(?:\.\d+)*/.exec(p.version ?? "")?.[0];
    const bump = next() < 0.5 ? stated : stated?.replace(/\d+$/, (n) => String(Number(n) + 1));
    return {
      id: `asset-${i}`,
      name: `Asset ${i}`,
      zone: null,
      ips: [],
      vendor: p.vendor,
      product: p.name,
      model: null,
      firmware: next() < 0.1 ? null : (bump ?? null),
      firmwareSource: null,
      evidence: [],
    };
  });
}

async function benchMatching(): Promise<void> {
  const corpus = readAdvisoryFiles(advisoryFilesIn(CORPUS)).advisories;
  const advisories = synthesiseAdvisories(corpus);
  const assets = synthesiseAssets(corpus);
  let started = process.hrtime.bigint();
  let cpu = process.cpuUsage();
  const index = new AdvisoryIndex(advisories);
  const indexed = seconds(started);
  const indexCpu = cpuSeconds(cpu);
  started = process.hrtime.bigint();
  cpu = process.cpuUsage();
  const report = vulnerabilityReport({
    assets,
    advisories,
    kev: null,
    scans: [],
    scanFindings: [],
    exposure: exposureModel(null, null),
  });
  const total = seconds(started);
  const totalCpu = cpuSeconds(cpu);
  log(
    `vulnerability matching: ${advisories.length} advisories (${index.entries.length} products), ${assets.length} assets`,
  );
  log(
    `  index built in ${indexed.toFixed(2)} s (${indexCpu.toFixed(2)} s CPU); the report below builds its own`,
  );
  log(
    `  index, matching, exposure and prioritisation in ${total.toFixed(2)} s (${totalCpu.toFixed(2)} s CPU): ${report.matches.length} matches, ${report.vulnerableAssets} assets affected or possibly affected, ${report.notAffected.length} near misses`,
  );

  // What the index saves: compare 100 assets with every product, then scale to all assets.
  const sample = assets.slice(0, 100);
  started = process.hrtime.bigint();
  cpu = process.cpuUsage();
  for (const a of sample) {
    const names = nameProfile([a.product, a.model], { vendorIds: [], joins: true });
    for (const e of index.entries) identify(names, e.profile, false);
  }
  const pairs = cpuSeconds(cpu);
  log(
    `  all pairs instead, for comparison: ${sample.length} assets x ${index.entries.length} products took ${pairs.toFixed(2)} s CPU; ${assets.length} assets would take about ${((pairs * assets.length) / sample.length).toFixed(0)} s CPU (${seconds(started).toFixed(2)} s wall)`,
  );
}

/** Writes a Nessus v2 report of about `mb` megabytes: 250 services and findings per host, long outputs. */
async function nessusFile(mb: number): Promise<string> {
  const dir = join(tmpdir(), "otaudit-bench");
  mkdirSync(dir, { recursive: true });
  const path = join(dir, `bench-${mb}mb.nessus`);
  if (existsSync(path) && Math.abs(statSync(path).size - mb * 1e6) < mb * 2e4) return path;
  log(`generating a ${mb} MB Nessus report at ${path} ...`);
  const out = createWriteStream(path);
  const write = (s: string) =>
    out.write(s) ? Promise.resolve() : new Promise<void>((r) => out.once("drain", () => r()));
  await write('<?xml version="1.0" ?>\n<NessusClientData_v2>\n<Report name="bench">\n');
  const output = "x".repeat(900);
  let bytes = 0;
  for (let h = 0; bytes < mb * 1e6; h++) {
    const ip = `10.${(h >> 16) & 255}.${(h >> 8) & 255}.${h & 255}`;
    let host = `<ReportHost name="${ip}"><HostProperties><tag name="host-ip">${ip}</tag><tag name="operating-system">Microsoft Windows 7</tag></HostProperties>\n`;
    for (let i = 0; i < 250; i++) {
      const cve =
        i % 10 === 0
          ? `<cve>CVE-2017-014${i % 9}</cve><cvss3_vector>CVSS:3.0/AV:N/AC:H/PR:N/UI:N/S:U/C:H/I:H/A:H</cvss3_vector>`
          : "";
      host += `<ReportItem port="${1000 + i}" svc_name="svc" protocol="tcp" severity="${i % 10 === 0 ? 3 : 0}" pluginID="${10000 + i}" pluginName="Plugin ${i}" pluginFamily="General">${cve}<plugin_output>${output}</plugin_output></ReportItem>\n`;
    }
    host += "</ReportHost>\n";
    bytes += host.length;
    await write(host);
  }
  await write("</Report>\n</NessusClientData_v2>\n");
  await new Promise<void>((r) => out.end(() => r()));
  return path;
}

async function benchStreaming(): Promise<void> {
  const mb = Number(process.env.OTAUDIT_BENCH_SCAN_MB || 100);
  const path = await nessusFile(mb);
  const size = statSync(path).size;
  global.gc?.();
  const before = process.memoryUsage();
  let peakHeap = before.heapUsed;
  let peakRss = before.rss;
  const sampler = setInterval(() => {
    const m = process.memoryUsage();
    peakHeap = Math.max(peakHeap, m.heapUsed);
    peakRss = Math.max(peakRss, m.rss);
  }, 20);
  const started = process.hrtime.bigint();
  const cpu = process.cpuUsage();
  const { report } = await readNessus(path, "bench.nessus");
  const took = seconds(started);
  const tookCpu = cpuSeconds(cpu);
  clearInterval(sampler);
  const findings = report!.hosts.reduce((n, h) => n + h.findings.length, 0);
  log(
    `Nessus streaming: ${(size / 1e6).toFixed(0)} MB, ${report!.hosts.length} hosts, ${findings} findings kept, in ${took.toFixed(2)} s, ${tookCpu.toFixed(2)} s CPU (${(size / 1e6 / tookCpu).toFixed(1)} MB per CPU second)`,
  );
  log(
    `  peak heap ${((peakHeap - before.heapUsed) / 1e6).toFixed(0)} MB above the start, peak RSS ${(peakRss / 1e6).toFixed(0)} MB (file ${(size / 1e6).toFixed(0)} MB)`,
  );
}

export async function benchVulns(): Promise<void> {
  // Streaming first, so its memory figures are not those of the matching run's heap.
  await benchStreaming();
  await benchMatching();
}
