import assert from "node:assert/strict";
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "node:test";
import { advisoryFilesIn, readAdvisoryFiles } from "./advisory-files.js";
import { readCsaf } from "./csaf.js";
import { MAX_BRANCH_DEPTH } from "./csaf-product-tree.js";

const CSAF = "test/corpus/advisories/csaf";
const load = (name: string) => JSON.parse(readFileSync(join(CSAF, name), "utf8"));

test("every CSAF advisory of the corpus loads without a problem", () => {
  const names = readdirSync(CSAF).filter((f) => f.endsWith(".json"));
  assert.equal(names.length, 90);
  for (const name of names) {
    const { advisory, problems } = readCsaf(load(name), name);
    assert.ok(advisory, name);
    // No problem means: every remediation category known, every stated CVSS base score equal to the one
    // the calculator computes from its vector.
    assert.deepEqual(problems, [], name);
    assert.ok(advisory.products.length > 0, name);
  }
});

test("the product tree is flattened with vendor, name, version and helpers (ICSA-18-079-02)", () => {
  const a = readCsaf(load("icsa-18-079-02.json"), "x").advisory!;
  assert.equal(a.id, "ICSA-18-079-02");
  const cpu = a.products.find((p) => p.id === "CSAFPID-0001")!;
  assert.equal(cpu.vendor, "Siemens");
  assert.equal(cpu.version, "vers:all/<V7.0.3");
  assert.equal(cpu.versionField, "product_version_range");
  assert.deepEqual(cpu.modelNumbers, ["6ES7414-3EM07-0AB0"]);
});

test("relationships read as the platform with the component's version (ICSA-24-235-03)", () => {
  const a = readCsaf(load("icsa-24-235-03.json"), "x").advisory!;
  const rel = a.products.find((p) => p.id === "CSAFPID-0309")!;
  assert.equal(rel.fullName, "Mobotix P3 Firmware MX-V4.1.4.11 installed on Mobotix P3 D24M");
  assert.equal(rel.name, "D24M");
  assert.equal(rel.family, "P3");
  assert.equal(rel.component, "P3 Firmware");
  assert.equal(rel.version, "MX-V4.1.4.11");
  const v = a.vulnerabilities[0]!;
  assert.equal(v.cve, "CVE-2023-34873");
  assert.equal(v.status.affected.length, 644);
  assert.equal(v.status.fixed.length, 439);
  assert.equal(v.status.knownNotAffected.length, 200);
  assert.equal(v.flags[0]?.label, "vulnerable_code_not_present");
});

test("scores, product status and remediations per CVE (ICSA-19-344-06)", () => {
  const a = readCsaf(load("icsa-19-344-06.json"), "x").advisory!;
  const v = a.vulnerabilities.find((x) => x.cve === "CVE-2019-10943")!;
  const raw = load("icsa-19-344-06.json").vulnerabilities.find(
    (x: { cve: string }) => x.cve === "CVE-2019-10943",
  );
  assert.equal(v.scores[0]?.cvss.score, raw.scores[0].cvss_v3.baseScore);
  assert.equal(v.scores[0]?.cvss.vector, raw.scores[0].cvss_v3.vectorString);
  assert.ok(v.status.affected.includes("CSAFPID-0005"));
  const fix = v.remediations.find((r) => r.details === "SIMATIC S7-1200 CPU family: Update to v4.4.0")!;
  assert.equal(fix.category, "vendor_fix");
  assert.ok(fix.productIds.includes("CSAFPID-0005"));
});

test("product groups are expanded in remediations, and unknown categories reported", () => {
  const doc = load("icsa-17-054-03.json");
  doc.product_tree.product_groups = [{ group_id: "G1", product_ids: ["CSAFPID-0004", "CSAFPID-0005"] }];
  doc.vulnerabilities[0].remediations.push({
    category: "vendor_fix",
    details: "Update to V2.9",
    group_ids: ["G1"],
  });
  doc.vulnerabilities[0].remediations.push({ category: "pray", details: "?" });
  const { advisory, problems } = readCsaf(doc, "edited.json");
  const r = advisory!.vulnerabilities[0]!.remediations.find((x) => x.details === "Update to V2.9")!;
  assert.deepEqual(r.productIds, ["CSAFPID-0004", "CSAFPID-0005"]);
  assert.equal(problems.length, 1);
  assert.equal(problems[0]!.code, "invalid-value");
  assert.match(problems[0]!.message, /"pray"/);
  const index = doc.vulnerabilities[0].remediations.length - 1;
  assert.equal(problems[0]!.path, `vulnerabilities[0].remediations[${index}].category`);
});

test("a folder: bad files are reported and skipped, the rest kept", () => {
  const dir = mkdtempSync(join(tmpdir(), "otaudit-csaf-"));
  writeFileSync(join(dir, "good.json"), readFileSync(join(CSAF, "icsa-17-054-03.json")));
  writeFileSync(join(dir, "copy.json"), readFileSync(join(CSAF, "icsa-17-054-03.json")));
  writeFileSync(join(dir, "broken.json"), '{"document": {"csaf_version": "2.0",');
  writeFileSync(join(dir, "other.json"), '{"hello": "world"}');
  writeFileSync(join(dir, "no-tracking.json"), '{"document": {"csaf_version": "2.0", "title": "t"}}');
  writeFileSync(join(dir, "README.md"), "# notes");
  const r = readAdvisoryFiles(advisoryFilesIn(dir, dir));
  assert.deepEqual(
    r.advisories.map((a) => a.id),
    ["ICSA-17-054-03"],
  );
  const byFile = Object.fromEntries(r.problems.map((p) => [p.file, `${p.severity} ${p.code}`]));
  assert.equal(byFile["broken.json"], "error json-syntax");
  assert.equal(byFile["other.json"], "warning unsupported-format");
  assert.equal(byFile["no-tracking.json"], "error unsupported-format");
  assert.equal(byFile["good.json"] ?? byFile["copy.json"], "warning duplicate-id");
  assert.equal(r.problems.length, 4);
});

/** A chain of `depth` product_family branches with a product at `productAt` levels down (1 = the first). */
function branchChain(depth: number, productAt: number[]): Record<string, unknown> {
  const root: Record<string, unknown> = { category: "vendor", name: "Deep Vendor" };
  let node = root;
  for (let level = 2; level <= depth; level++) {
    const next: Record<string, unknown> = { category: "product_family", name: `f${level}` };
    if (productAt.includes(level)) next.product = { name: `p${level}`, product_id: `DEEP-${level}` };
    node.branches = [next];
    node = next;
  }
  return root;
}

test("product_tree branches nested past the limit are reported; the products above the limit and the rest stay", () => {
  const doc = load("icsa-18-079-02.json");
  const before = readCsaf(load("icsa-18-079-02.json"), "x").advisory!.products.length;
  doc.product_tree.branches.push(branchChain(1000, [10, MAX_BRANCH_DEPTH, MAX_BRANCH_DEPTH + 1, 999]));
  const { advisory, problems } = readCsaf(doc, "deep.json");
  assert.ok(advisory);
  const ids = advisory.products.map((p) => p.id);
  assert.equal(ids.length, before + 2);
  assert.ok(ids.includes("DEEP-10") && ids.includes(`DEEP-${MAX_BRANCH_DEPTH}`));
  assert.ok(!ids.includes(`DEEP-${MAX_BRANCH_DEPTH + 1}`) && !ids.includes("DEEP-999"));
  assert.equal(problems.length, 1);
  assert.equal(problems[0]!.file, "deep.json");
  assert.match(problems[0]!.path, /^product_tree\.branches\[1\](\.branches\[0\]){63}$/);
  assert.equal(problems[0]!.code, "depth-limit");
});

test("a malformed branch is reported with its path and skipped; its siblings stay", () => {
  const doc = load("icsa-18-079-02.json");
  // The vendor's second product_name branch (CPU 414F-3, CSAFPID-0002) loses its name.
  delete doc.product_tree.branches[0].branches[1].name;
  const { advisory, problems } = readCsaf(doc, "bad.json");
  assert.ok(advisory);
  const ids = advisory.products.map((p) => p.id);
  assert.ok(ids.includes("CSAFPID-0001") && ids.includes("CSAFPID-0003") && !ids.includes("CSAFPID-0002"));
  assert.deepEqual(
    problems.map((p) => [p.file, p.path, p.message]),
    [
      [
        "bad.json",
        "product_tree.branches[0].branches[1].name",
        "invalid input: expected string, received undefined; branch skipped",
      ],
    ],
  );
});
