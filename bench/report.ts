/**
 * Report benchmark (issue 8): a synthesised plant of 2,000 assets and 50,000 flows (plus findings, gaps, risks
 * and vulnerability matches in proportion), rendered to report.html; prints the render time, the file size and
 * the time headless Chromium takes to open it (navigation to the load event, then one frame painted), against
 * the targets of 3 seconds and 10 MB. Chromium is Debian's (see src/report/chromium.ts); without it the
 * opening time is skipped with the reason.
 *
 * Environment: OTAUDIT_BENCH_REPORT_RUNS (opening runs, default 3; the median is reported).
 */
import { mkdtempSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { remediationPlan } from "../src/analysis/actions/remediation-plan.js";
import { postureOf } from "../src/analysis/posture.js";
import { trendOf } from "../src/analysis/trend/directions.js";
import type { Assessment } from "../src/model/assessment.js";
import type { ObservedFlow } from "../src/model/capture.js";
import type { Finding, Severity } from "../src/model/finding.js";
import type { Risk } from "../src/model/risk.js";
import type { SlVector } from "../src/model/security-level.js";
import { chromiumUnavailable, launchChromium, offlineContext } from "../src/report/chromium.js";
import { reportHtml } from "../src/report/html.js";
import { SYSTEM_REQUIREMENTS } from "../src/standard/requirements.js";
import { Prng } from "../src/synth/prng.js";
import { log, median } from "./bench-env.js";

const ASSETS = 2_000;
const FLOWS = 50_000;
const TARGET_SECONDS = 3;
const TARGET_BYTES = 10 * 1024 * 1024;

const ZONES = [
  { id: "enterprise", level: 4, sl: 1 },
  { id: "dmz", level: 3.5, sl: 2 },
  { id: "scada", level: 2, sl: 2 },
  { id: "line-a", level: 1, sl: 2 },
  { id: "line-b", level: 1, sl: 2 },
  { id: "line-c", level: 1, sl: 3 },
  { id: "utilities", level: 1, sl: 2 },
  { id: "safety", level: 1, sl: 3 },
] as const;
const ROLES = [
  "plc",
  "hmi",
  "it-workstation",
  "rtu",
  "ied",
  "network-device",
  "historian",
  "scada-server",
] as const;
const PROTOCOLS = [
  "modbus",
  "s7comm",
  "enip",
  "dnp3",
  "iec104",
  "opcua",
  "http",
  "tls",
  "rdp",
  "smb",
  "dns",
  "ntp",
];
const SEVERITIES: Severity[] = ["critical", "high", "high", "medium", "medium", "medium", "low"];

export function syntheticAssessment(seed = 8): Assessment {
  const rng = new Prng(seed);
  const rnd = () => rng.float();
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)]!;
  const ip = (zone: number, host: number) => `10.${zone + 1}.${Math.floor(host / 250)}.${(host % 250) + 1}`;
  const assets = Array.from({ length: ASSETS }, (_, i) => {
    const zone = i % ZONES.length;
    const role = pick(ROLES);
    const line = { kind: "line" as const, file: "plant.yaml", line: 10 + i };
    return {
      id: `asset-${i}`,
      name: `${role.toUpperCase()} ${i} (${ZONES[zone]!.id})`,
      role,
      zone: ZONES[zone]!.id,
      declared: rnd() > 0.1,
      ips: [ip(zone, i)],
      macs: [
        `02:00:${(i >> 8).toString(16).padStart(2, "0")}:${(i & 255).toString(16).padStart(2, "0")}:00:01`,
      ],
      hostnames: [],
      vendor: {
        value: pick(["Siemens", "Rockwell Automation", "Schneider Electric", "ABB", "Dell Inc."]),
        sources: [line],
      },
      product: { value: `Model ${Math.floor(rnd() * 900)}`, sources: [line] },
      model: null,
      firmware:
        rnd() > 0.4 ? { value: `V${Math.floor(rnd() * 5)}.${Math.floor(rnd() * 9)}`, sources: [line] } : null,
      protocols: [pick(PROTOCOLS), pick(PROTOCOLS)],
      sources: [line],
    };
  });
  const flows: ObservedFlow[] = Array.from({ length: FLOWS }, (_, i) => {
    const client = assets[Math.floor(rnd() * ASSETS)]!;
    // Most traffic stays in its zone or goes one level down, as on a real plant.
    const server =
      rnd() < 0.8
        ? assets[
            (Math.floor(rnd() * 250) * ZONES.length + (Number(client.id.slice(6)) % ZONES.length)) % ASSETS
          ]!
        : assets[Math.floor(rnd() * ASSETS)]!;
    return {
      transport: "tcp",
      client: client.ips[0]!,
      clientPort: 40000 + (i % 20000),
      server: server.ips[0]!,
      serverPort: 502,
      vlan: null,
      protocol: pick(PROTOCOLS),
      packets: 10 + Math.floor(rnd() * 1000),
      bytes: 1000 + Math.floor(rnd() * 100000),
      firstSeen: "2026-11-26T08:00:00.000Z",
      lastSeen: "2026-11-26T09:00:00.000Z",
      file: `captures/day-${i % 7}.pcap`,
      firstFrame: 1 + i * 13,
    };
  });
  const findings: Finding[] = Array.from({ length: 400 }, (_, i) => {
    const asset = assets[(i * 37) % ASSETS]!;
    const rule = `SYN-${String(1 + (i % 40)).padStart(3, "0")}`;
    return {
      id: `${rule}:${asset.id}`,
      rule,
      title: `Synthetic weakness ${1 + (i % 40)}`,
      severity: SEVERITIES[(i % 40) % SEVERITIES.length]!,
      requirements: ["SR 5.1", "SR 5.2"],
      related: [],
      summary: `${asset.name} shows weakness ${1 + (i % 40)} on the wire.`,
      zones: [asset.zone],
      crossings: [],
      assets: [asset.id],
      evidence: [{ kind: "frame", file: "captures/day-1.pcap", frame: 100 + i }],
      remediation: "Restrict the conduit to the declared flows.",
      thresholds: [],
    };
  });
  const zones = ZONES.map((z) => {
    const target = [z.sl, z.sl, z.sl, z.sl, z.sl, z.sl, z.sl] as SlVector;
    const required = SYSTEM_REQUIREMENTS.filter((r) => r.minSL <= z.sl);
    return {
      id: z.id,
      name: `Zone ${z.id}`,
      purdueLevel: z.level,
      criticality: "high" as const,
      slTarget: target,
      inScope: true,
      slAchieved: target.map((l) => Math.max(0, l - 1)) as SlVector,
      assets: assets.filter((x) => x.zone === z.id).map((x) => x.id),
      requirements: SYSTEM_REQUIREMENTS.map((r, i) => ({
        id: r.id,
        result: i % 3 === 0 ? ("met" as const) : i % 3 === 1 ? ("not-met" as const) : ("unknown" as const),
        answered: null,
        evidence: [],
        findings: [],
        conflict: null,
        reason: "synthetic",
        toConfirm: [],
      })),
      gaps: required.map((r, i) => ({
        requirement: r.id,
        title: r.title,
        fr: r.fr,
        neededFor: r.minSL,
        result: i % 2 ? ("not-met" as const) : ("unknown" as const),
        findings: [],
        remediation: `Meet ${r.id}.`,
        question: `Is ${r.id} met?`,
        priority: i + 1,
      })),
    };
  });
  const risks: Risk[] = zones.flatMap((z, k) =>
    Array.from({ length: 6 }, (_, i) => {
      const l = 1 + ((i + k) % 5);
      const im = 1 + ((i * 2 + k) % 5);
      const rl = Math.max(1, l - 1);
      return {
        id: `TS-0${i + 1}:${z.id}`,
        scenario: `TS-0${i + 1}`,
        title: `Scenario ${i + 1}`,
        zone: z.id,
        techniques: ["T0843"],
        likelihood: l,
        impact: im,
        unmitigated: { likelihood: l, impact: im, score: l * im, tolerable: l * im <= 6 },
        residual: { likelihood: rl, impact: im, score: rl * im, tolerable: rl * im <= 6 },
        reasons: ["synthetic"],
        residualReasons: [],
        countermeasures: [{ requirement: "SR 5.1", result: "not-met" }],
        evidence: [],
        overridden: false,
      };
    }),
  );
  const a: Assessment = {
    id: "bench-report",
    tool: { name: "otaudit", version: "bench" },
    site: "Synthetic plant (2,000 assets, 50,000 flows)",
    startedAt: "2026-11-26T10:00:00.000Z",
    finishedAt: "2026-11-26T10:05:00.000Z",
    inputs: Array.from({ length: 7 }, (_, i) => ({
      path: `captures/day-${i}.pcap`,
      kind: "capture" as const,
      sha256: "0".repeat(64),
      bytes: 1e9,
    })),
    problems: [],
    zones,
    conduits: ZONES.slice(1).map((z, i) => ({
      id: `c-${z.id}`,
      zones: [ZONES[Math.max(0, i - 1)]!.id, z.id] as [string, string],
      protections: [],
      enforcedBy: [],
      slTarget: null,
      levels: [],
      requirements: [],
      gaps: [],
      findings: [],
      inScope: true,
    })),
    assets,
    capture: {
      stats: { packets: 120_000_000, bytes: 7e9, files: [] },
      flows,
      operations: [],
      observations: [],
      anomalyCount: 0,
    },
    findings,
    program: [],
    comparison: null,
    risks,
  };
  // What the report shows, decided as assess decides it: the plan, the posture and the trend.
  return { ...a, actions: remediationPlan(a), posture: postureOf(a), trend: trendOf(a.comparison) };
}

export async function benchReport(): Promise<void> {
  log("== report: 2,000 assets, 50,000 flows");
  const a = syntheticAssessment();
  let t = process.hrtime.bigint();
  const html = await reportHtml(a);
  const renderSeconds = Number(process.hrtime.bigint() - t) / 1e9;
  const dir = mkdtempSync(join(tmpdir(), "otaudit-bench-report-"));
  try {
    const file = join(dir, "report.html");
    writeFileSync(file, html);
    const bytes = statSync(file).size;
    log(
      `render: ${renderSeconds.toFixed(2)} s; report.html ${(bytes / 1024 / 1024).toFixed(2)} MB (target < 10 MB: ${bytes < TARGET_BYTES ? "met" : "NOT met"})`,
    );
    const unavailable = chromiumUnavailable();
    if (unavailable) {
      log(`open in Chromium: skipped: ${unavailable}`);
      return;
    }
    const runs = Number(process.env.OTAUDIT_BENCH_REPORT_RUNS ?? 3);
    const browser = await launchChromium();
    try {
      const times: number[] = [];
      for (let i = 0; i < runs; i++) {
        const context = await offlineContext(browser, { viewport: { width: 1280, height: 900 } });
        const page = await context.newPage();
        t = process.hrtime.bigint();
        await page.goto(pathToFileURL(file).href, { waitUntil: "load" });
        await page.evaluate(
          "new Promise(function (done) { requestAnimationFrame(function () { done(null); }); })",
        );
        times.push(Number(process.hrtime.bigint() - t) / 1e9);
        await context.close();
      }
      const m = median(times);
      log(
        `open in Chromium (load event and first frame), median of ${runs}: ${m.toFixed(2)} s [${times.map((x) => x.toFixed(2)).join(", ")}] (target < ${TARGET_SECONDS} s: ${m < TARGET_SECONDS ? "met" : "NOT met"})`,
      );
    } finally {
      await browser.close();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
