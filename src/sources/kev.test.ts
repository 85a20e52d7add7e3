import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { test } from "node:test";
import { isKevCatalog, readKev } from "./kev.js";

const KEV = "test/corpus/advisories/kev/known_exploited_vulnerabilities_2025-02-24.json";
const json = () => JSON.parse(readFileSync(KEV, "utf8"));

test("the KEV catalog of the corpus loads whole", () => {
  const { kev, problems } = readKev(json(), "kev.json");
  assert.deepEqual(problems, []);
  assert.equal(kev?.version, "2025.02.24");
  // The catalog states its own count.
  assert.equal(kev?.entries.length, json().count);
  const iosxe = kev!.entries.find((e) => e.cve === "CVE-2023-20198")!;
  assert.equal(iosxe.vendor, "Cisco");
  assert.equal(iosxe.dateAdded, "2023-10-16");
  assert.equal(iosxe.dueDate, "2023-10-20");
  const eternal = kev!.entries.find((e) => e.cve === "CVE-2017-0144")!;
  assert.equal(eternal.ransomware, true);
});

test("a bad entry is reported and skipped; the others are kept", () => {
  const doc = json();
  doc.vulnerabilities[3].cveID = "CVE-20X-1";
  delete doc.vulnerabilities[7].dateAdded;
  const { kev, problems } = readKev(doc, "kev.json");
  assert.equal(kev?.entries.length, doc.vulnerabilities.length - 2);
  assert.deepEqual(
    problems.map((p) => p.path),
    ["vulnerabilities[3].cveID", "vulnerabilities[7].dateAdded"],
  );
  assert.deepEqual(
    problems.map((p) => p.code),
    ["schema", "schema"],
  );
  assert.match(problems[0]!.message, /expected a CVE id/);
});

test("the KEV schema and a CSAF file are not catalogs", () => {
  const schema = JSON.parse(
    readFileSync("test/corpus/advisories/kev/known_exploited_vulnerabilities_schema.json", "utf8"),
  );
  assert.equal(isKevCatalog(schema), false);
  assert.equal(
    isKevCatalog(JSON.parse(readFileSync("test/corpus/advisories/csaf/icsa-17-017-01.json", "utf8"))),
    false,
  );
  assert.equal(readKev({ hello: 1 }, "x.json").problems[0]?.severity, "error");
});
