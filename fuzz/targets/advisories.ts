/**
 * CSAF 2.0 advisories and the CISA KEV catalog. Contract (src/sources/csaf.ts, kev.ts): never throw on any JSON
 * value; problems name the file and the JSON path; the advisory and the catalog match the model.
 */
import { readFileSync } from "node:fs";
import { Advisory, KevCatalog } from "../../src/model/vulnerability.js";
import { readCsaf } from "../../src/sources/csaf.js";
import { readKev } from "../../src/sources/kev.js";
import { mutateJson } from "../json-mutator.js";
import { checkModel, checkProblems, encode, type FuzzTarget, utf8 } from "../target.js";
import { readSeeds, repoFiles } from "./common.js";

const MAX = 128 * 1024;

function json(input: Uint8Array): { value: unknown } | null {
  try {
    return { value: JSON.parse(utf8.decode(input)) };
  } catch {
    // Not JSON: the folder reader reports it before any importer sees it.
    return null;
  }
}

/** Slices of the 2025 KEV catalog (1 MB): its first and last entries under the catalog's own header. */
function kevSlices(): Uint8Array[] {
  return repoFiles("test/corpus/advisories/kev", /known_exploited_vulnerabilities_\d/).flatMap((f) => {
    const catalog = JSON.parse(readFileSync(f, "utf8")) as { vulnerabilities: unknown[] };
    const { vulnerabilities: all } = catalog;
    return [all.slice(0, 30), all.slice(-30), all.filter((_, i) => i % 97 === 0)].map((vulnerabilities) =>
      encode(JSON.stringify({ ...catalog, count: vulnerabilities.length, vulnerabilities }, null, 2)),
    );
  });
}

const CSAF_WORDS = [
  "vers:all/*",
  "vers:generic/<4.2.3",
  ">= 2.0 | <= 2.9",
  "<V4.2.3",
  "<=",
  ">=",
  "|",
  "*",
  "all versions",
  "prior to",
  "CVE-2021-22681",
  "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H",
  "CVSS:3.0/AV:N",
  "AV:N/AC:L/Au:N",
  "product_id",
  "product_ids",
  "branches",
  "category",
  "vendor",
  "product_name",
  "product_version",
  "product_version_range",
  "full_product_names",
  "relationships",
  "known_affected",
  "fixed",
  "known_not_affected",
  "remediations",
  "vendor_fix",
  "mitigation",
  "scores",
  "cvss_v3",
  "cvss_v2",
  "baseScore",
  "vectorString",
  "cwe",
  "csaf_version",
  "2.0",
  "tracking",
  "id",
  "name",
  "Siemens",
  "Rockwell Automation",
  "SIMATIC S7-1500",
];

export const targets: FuzzTarget[] = [
  {
    name: "csaf",
    sources: ["src/sources/csaf.js", "src/sources/csaf-product-tree.js", "src/sources/cvss.js"],
    maxLen: MAX,
    dictionary: CSAF_WORDS.map((w) => `"${w}"`),
    seeds: () =>
      readSeeds([
        ...repoFiles("test/corpus/advisories/csaf"),
        ...repoFiles("examples/water-treatment/advisories", /icsa.*\.json$/),
      ]).filter((s) => s.length <= MAX),
    mutate: (input, rng) => mutateJson(input, rng, CSAF_WORDS),
    run(input) {
      const parsed = json(input);
      if (!parsed) return;
      const { advisory, problems } = readCsaf(parsed.value, "advisories/a.json");
      checkProblems(problems, { file: "advisories/a.json", located: "path" });
      if (advisory) checkModel(Advisory, advisory, "the advisory");
    },
  },
  {
    name: "kev",
    sources: ["src/sources/kev.js"],
    maxLen: MAX,
    dictionary: [
      '"cveID"',
      '"vendorProject"',
      '"product"',
      '"dateAdded"',
      '"dueDate"',
      '"knownRansomwareCampaignUse"',
      '"Known"',
      '"Unknown"',
      '"2025-02-24"',
      '"CVE-2024-0001"',
    ],
    seeds: () => [
      ...readSeeds(repoFiles("examples/water-treatment/advisories", /known_exploited/)),
      ...kevSlices(),
    ],
    mutate: (input, rng) =>
      mutateJson(input, rng, [
        "cveID",
        "vendorProject",
        "product",
        "dateAdded",
        "dueDate",
        "notes",
        "cwes",
        "2025-13-45",
        "CVE-1-1",
      ]),
    run(input) {
      const parsed = json(input);
      if (!parsed) return;
      const { kev, problems } = readKev(parsed.value, "advisories/kev.json");
      checkProblems(problems, { file: "advisories/kev.json", located: "path" });
      if (kev) checkModel(KevCatalog, kev, "the catalog");
    },
  },
];
