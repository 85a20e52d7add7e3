/**
 * The matching oracle: assets written by hand, and for each the advisories of the shared corpus that do and
 * do not affect it, worked out by reading the CSAF files (product tree, version ranges, product status per
 * CVE). Matching against all 90 advisories must give exactly these matches, and at least these near misses.
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import type { NearMiss } from "../../model/vulnerability.js";
import { advisoryFilesIn, readAdvisoryFiles } from "../../sources/advisory-files.js";
import { exposureModel } from "./exposure.js";
import type { AssetIdentity } from "./match.js";
import { vulnerabilityReport } from "./report.js";

const corpus = readAdvisoryFiles(advisoryFilesIn("test/corpus/advisories"));

const asset = (
  id: string,
  vendor: string | null,
  product: string | null,
  model: string | null,
  firmware: string | null,
): AssetIdentity & { zone: null; ips: string[] } => ({
  id,
  name: id,
  vendor,
  product,
  model,
  firmware,
  firmwareSource: null,
  evidence: [],
  zone: null,
  ips: [],
});

interface Expected {
  /** advisory id -> confidence and CVEs, exactly. */
  matches: Record<string, { confidence: "affected" | "possibly-affected"; cves: string[] }>;
  /** advisory id -> near-miss kind, at least these. */
  nearMisses?: Record<string, NearMiss["kind"]>;
}

const ORACLE: [ReturnType<typeof asset>, Expected][] = [
  [
    // ICSA-19-344-06: S7-1200 CPU family "< 4.4.0" is known_affected by both CVEs.
    asset("s7-1200-v4.2.1", "Siemens", "SIMATIC S7-1200", "CPU 1214C DC/DC/DC", "V4.2.1"),
    {
      matches: { "ICSA-19-344-06": { confidence: "affected", cves: ["CVE-2019-10929", "CVE-2019-10943"] } },
      // Same vendor's other products of the S7 series: S7-400 (ICSA-18-079-02), S7-300/400 (ICSA-20-252-02).
      nearMisses: { "ICSA-18-079-02": "other-product", "ICSA-20-252-02": "other-product" },
    },
  ],
  [
    // At V4.4.0 only the ">= 4.4.0 (only affected by CVE-2019-10943)" product applies; CISA's status lists
    // it under both CVEs, but the product's own note limits it to one.
    asset("s7-1200-v4.4.0", "Siemens AG", "S7-1200", "CPU 1214C", "V4.4.0"),
    { matches: { "ICSA-19-344-06": { confidence: "affected", cves: ["CVE-2019-10943"] } } },
  ],
  [
    // S7-1500 at V2.8.0: inside "< 2.8.1" (ICSA-19-344-06); outside "< V1.7.0" (ICSA-18-079-02) and
    // ">= V2.5 < V2.6.1" (ICSA-19-099-03); the S7-1500 Software Controller (ICSA-20-343-09) is another product.
    asset("s7-1500-v2.8.0", "Siemens", "SIMATIC S7-1500", "CPU 1516-3 PN/DP", "V2.8.0"),
    {
      matches: { "ICSA-19-344-06": { confidence: "affected", cves: ["CVE-2019-10929", "CVE-2019-10943"] } },
      nearMisses: {
        "ICSA-18-079-02": "version-outside-range",
        "ICSA-19-099-03": "version-outside-range",
        "ICSA-20-343-09": "other-product",
      },
    },
  ],
  [
    // The F variant with no firmware recorded: every S7-1500 advisory is possible, none certain.
    asset("s7-1500f-unknown", "Siemens", "SIMATIC S7-1500F", "CPU 1516F-3 PN/DP", null),
    {
      matches: {
        "ICSA-18-079-02": { confidence: "possibly-affected", cves: ["CVE-2018-4843"] },
        "ICSA-19-099-03": { confidence: "possibly-affected", cves: ["CVE-2019-6575"] },
        "ICSA-19-344-06": { confidence: "possibly-affected", cves: ["CVE-2019-10929", "CVE-2019-10943"] },
      },
    },
  ],
  [
    // Modicon M340 at 2.70: "< 2.9" (2.9 is 2.90 in Schneider's numbering), "< 3.01", "<sv3.60" (part
    // numbers BMXP34*); ICSA-17-089-02 names M221/M241/M251, the same vendor's other controllers.
    asset("m340-2.70", "Schneider Electric", "Modicon M340", "BMX P34 2020", "2.70"),
    {
      matches: {
        "ICSA-17-054-03": { confidence: "affected", cves: ["CVE-2017-6017"] },
        "ICSA-20-016-01": {
          confidence: "affected",
          cves: ["CVE-2018-7794", "CVE-2019-6856", "CVE-2019-6857"],
        },
        "ICSA-24-331-03": { confidence: "affected", cves: ["CVE-2023-6408"] },
      },
      nearMisses: { "ICSA-17-089-02": "other-product" },
    },
  ],
  [
    // SV3.60 is the fixed version of ICSA-24-331-03 and outside the two older ranges.
    asset("m340-sv3.60", "Schneider Electric Software, LLC", "M340", "BMXP342020", "SV3.60"),
    {
      matches: {},
      nearMisses: {
        "ICSA-24-331-03": "fixed",
        "ICSA-20-016-01": "version-outside-range",
        "ICSA-17-054-03": "version-outside-range",
      },
    },
  ],
  [
    // M580 (part number BMEP*) at SV4.10: inside "<SV4.20"; outside "< 2.3" and "< 2.80".
    asset("m580-sv4.10", "Schneider", "Modicon M580", "BMEP582040", "SV4.10"),
    {
      matches: { "ICSA-24-331-03": { confidence: "affected", cves: ["CVE-2023-6408"] } },
      nearMisses: { "ICSA-17-054-03": "version-outside-range", "ICSA-20-016-01": "version-outside-range" },
    },
  ],
  [
    // No advisory of the corpus names the CompactLogix 5370 (1769-L33ER).
    asset("compactlogix", "Rockwell Automation", "CompactLogix 5370", "1769-L33ER", null),
    { matches: {} },
  ],
  [
    // Allen-Bradley is Rockwell Automation; ICSA-21-033-01: MicroLogix 1400 "21.6 and below".
    asset("micrologix-21.6", "Allen-Bradley", "MicroLogix 1400", "1766-L32BXB", "21.6"),
    { matches: { "ICSA-21-033-01": { confidence: "affected", cves: ["CVE-2021-22659"] } } },
  ],
  [
    asset("micrologix-21.7", "Allen-Bradley", "MicroLogix 1400", "1766-L32BXB", "21.7"),
    { matches: {}, nearMisses: { "ICSA-21-033-01": "version-outside-range" } },
  ],
  [
    // ICSA-23-297-01: every Stratix 5800 version, two CVEs that are in the KEV catalog.
    asset("stratix-5800", "Rockwell Automation", "Stratix 5800", "1783-MMS10B", "17.9.4"),
    { matches: { "ICSA-23-297-01": { confidence: "affected", cves: ["CVE-2023-20198", "CVE-2023-20273"] } } },
  ],
  [
    // ICSA-17-320-01 lists NPort 5110 versions 2.2, 2.4, 2.6 and 2.7 one by one.
    asset("nport-5110-2.6", "Moxa", "NPort 5110", null, "2.6"),
    {
      matches: {
        "ICSA-17-320-01": {
          confidence: "affected",
          cves: ["CVE-2017-14028", "CVE-2017-16715", "CVE-2017-16719"],
        },
      },
    },
  ],
  [
    asset("nport-5150-3.8", "Moxa Inc.", "NPort 5150", null, "3.8"),
    { matches: {}, nearMisses: { "ICSA-17-320-01": "version-outside-range" } },
  ],
  [
    // ICSA-23-334-02 names "STARDOM FCN/FCJ" >= R1.01 and <= R4.31; ICSA-18-151-03's FCN-500 entries end
    // at R4.02 and R4.10.
    asset("stardom-fcn500-r4.20", "Yokogawa Electric Corporation", "STARDOM", "FCN-500", "R4.20"),
    {
      matches: { "ICSA-23-334-02": { confidence: "affected", cves: ["CVE-2023-5915"] } },
      nearMisses: { "ICSA-18-151-03": "version-outside-range" },
    },
  ],
  [
    // ICSA-24-235-03 relates firmware to cameras: MX-V4.1.4.11 on the D24M is known_affected,
    // MX-V4.0.1.15 known_not_affected.
    asset("mobotix-affected", "MOBOTIX AG", "Mobotix P3", "D24M", "MX-V4.1.4.11"),
    { matches: { "ICSA-24-235-03": { confidence: "affected", cves: ["CVE-2023-34873"] } } },
  ],
  [
    asset("mobotix-older", "Mobotix", "P3", "D24M", "MX-V4.0.1.15"),
    { matches: {}, nearMisses: { "ICSA-24-235-03": "known-not-affected" } },
  ],
  [
    // ICSA-22-286-02 says it in prose: "All versions prior to V1.5.1".
    asset("edge-v1.5.1", "Siemens", "Industrial Edge Management", null, "V1.5.1"),
    { matches: {}, nearMisses: { "ICSA-22-286-02": "version-outside-range" } },
  ],
  [
    // No vendor field; the product text names Siemens and the version. STEP 7 / WinCC (TIA Portal) "< V16"
    // (ICSA-19-344-04) and WinCC (TIA Portal) "< V15 Update 4" (ICSA-18-317-08) do not reach V17.
    asset("tia-portal-v17", null, "Siemens TIA Portal V17", null, null),
    {
      matches: {},
      nearMisses: { "ICSA-19-344-04": "version-outside-range", "ICSA-18-317-08": "version-outside-range" },
    },
  ],
];

const report = vulnerabilityReport({
  assets: ORACLE.map(([a]) => a),
  advisories: corpus.advisories,
  kev: corpus.kev,
  scans: [],
  scanFindings: [],
  exposure: exposureModel(null, null),
});

test("the corpus loads: 90 advisories and the KEV catalog", () => {
  assert.equal(corpus.advisories.length, 90);
  assert.equal(corpus.kev?.entries.length, 1278);
});

for (const [a, expected] of ORACLE) {
  test(`oracle: ${a.id}`, () => {
    const got = Object.fromEntries(
      report.matches
        .filter((m) => m.asset === a.id)
        .map((m) => [m.advisory, { confidence: m.confidence, cves: [...m.cves].sort() }]),
    );
    const want = Object.fromEntries(
      Object.entries(expected.matches).map(([k, v]) => [k, { ...v, cves: [...v.cves].sort() }]),
    );
    assert.deepEqual(got, want);
    const misses = new Map(
      report.notAffected.filter((n) => n.asset === a.id).map((n) => [n.advisory, n.kind]),
    );
    for (const [advisory, kind] of Object.entries(expected.nearMisses ?? {}))
      assert.equal(misses.get(advisory), kind, `near miss ${advisory} of ${a.id}`);
  });
}

test("every match states which product and range matched", () => {
  const m340 = report.matches.find((m) => m.asset === "m340-2.70" && m.advisory === "ICSA-17-054-03")!;
  assert.match(m340.reason, /M340 CPUs with firmware/);
  assert.match(m340.reason, /firmware 2\.70 is within < 2\.9/);
  // Without decimal reading 2.70 would be above 2.9: the reason says why it is not.
  assert.match(m340.reason, /V2\.9 means V2\.90/);
  const unknown = report.matches.find(
    (m) => m.asset === "s7-1500f-unknown" && m.advisory === "ICSA-19-344-06",
  )!;
  assert.match(unknown.reason, /no firmware version recorded/);
});

test("KEV flags and prioritisation: the exploited Stratix comes first", () => {
  const first = report.matches[0]!;
  assert.equal(first.asset, "stratix-5800");
  assert.equal(first.kev, true);
  assert.deepEqual(
    first.details.map((d) => [d.cve, d.kev?.dateAdded]),
    [
      ["CVE-2023-20198", "2023-10-16"],
      ["CVE-2023-20273", "2023-10-23"],
    ],
  );
  assert.equal(first.cvss?.score, 10);
  assert.ok(report.matches.slice(1).every((m) => !m.kev));
});

test("remediations carry the fixed version the vendor names", () => {
  const s7 = report.matches.find((m) => m.asset === "s7-1200-v4.2.1")!;
  assert.equal(s7.remediations[0]?.category, "vendor_fix");
  assert.equal(s7.remediations[0]?.fixedVersion, "v4.4.0");
  const m340 = report.matches.find((m) => m.asset === "m340-2.70" && m.advisory === "ICSA-24-331-03")!;
  assert.equal(m340.remediations[0]?.fixedVersion, "SV3.60");
});
