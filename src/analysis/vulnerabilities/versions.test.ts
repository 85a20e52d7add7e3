/**
 * Version texts as the corpus advisories and plant registers write them. Each statement below is copied
 * from a CSAF file of test/corpus/advisories/csaf (named in the test); the verdicts are worked out by
 * hand from the vendor's meaning.
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import {
  compareVersions,
  notesOf,
  parseSpec,
  parseVersion,
  satisfies,
  type VersionSpec,
} from "./versions.js";

const v = (text: string) => {
  const parsed = parseVersion(text);
  assert.ok(parsed, `"${text}" reads as a version`);
  return parsed;
};

function verdict(spec: VersionSpec, version: string, decimal = false): string {
  if (spec.kind === "all") return "in";
  assert.equal(spec.kind, "constraints", `${JSON.stringify(spec)} is a set of constraints`);
  if (spec.kind !== "constraints") return "";
  return satisfies(v(version), spec.constraints, decimal);
}

test("firmware strings with prefixes, letters, service packs, updates and hotfixes", () => {
  assert.deepEqual(v("V4.2.1").release, ["4", "2", "1"]);
  assert.deepEqual(v("SV3.60").release, ["3", "60"]);
  assert.deepEqual(v("MX-V5.4.9.4-r3").release, ["5", "4", "9", "4"]);
  assert.equal(v("MX-V5.4.9.4-r3").qualifiers[3], 3);
  assert.equal(v("1.26C").letter, 3);
  assert.deepEqual(v("V14 SP1 Update 14").qualifiers, [1, 14, 0, 0]);
  assert.deepEqual(v("V9.0_SP3_UC06").qualifiers, [3, 6, 0, 0]);
  assert.deepEqual(v("R520.2_TCU4_HF2").qualifiers, [0, 4, 2, 0]);
  assert.deepEqual(v("3.15 P018").qualifiers, [0, 0, 18, 0]);
  assert.equal(v("7.52 build 344").qualifiers[3], 344);
  assert.ok(v("5.1.0-x").wildcard);
  assert.ok(v("R210.X").wildcard);
  assert.ok(v("2.2.4 *").wildcard);
  // A model name in a version field is no version (ICSA-18-317-08 writes "KTP700" there).
  assert.equal(parseVersion("KTP700", true), null);
});

test("ordering: numbers, then letter, then service pack > update > hotfix", () => {
  const lt = (a: string, b: string) => assert.equal(compareVersions(v(a), v(b)), -1, `${a} < ${b}`);
  lt("V14", "V14 SP1");
  lt("V14 SP1 Update 14", "V14 SP2");
  lt("V15.1", "V15.1 Upd 4");
  lt("R520.2_TCU4", "R520.2_TCU4_HF2");
  lt("1.00A", "1.26C");
  lt("2.8.1", "2.10");
  assert.equal(compareVersions(v("4.4"), v("4.4.0")), 0);
  assert.equal(compareVersions(v("v2.70"), v("2.70")), 0);
  // Schneider's 2.9 is 2.90: above 2.70 only when read as a decimal fraction.
  assert.equal(compareVersions(v("2.70"), v("2.9")), 1);
  assert.equal(compareVersions(v("2.70"), v("2.9"), true), -1);
});

test("vers: notation (ICSA-19-211-01, ICSA-18-079-02, ICSA-23-166-03)", () => {
  assert.equal(parseSpec("vers:all/*", "x").kind, "all");
  const below = parseSpec("vers:all/<V7.0.3", "SIMATIC S7-400 CPU 414-3 PN/DP V7");
  assert.equal(verdict(below, "V7.0.2"), "in");
  assert.equal(verdict(below, "V7.0.3"), "out");
  assert.equal(verdict(parseSpec("vers:all/<V2.70", "SICAM Q200"), "V2.60"), "in");
});

test("operators and bars: the bar joins the bounds of one range", () => {
  const mguard = parseSpec(">= 7.2 | <= 8.6.0", "mGuard firmware: versions 7.2 to 8.6.0"); // ICSA-18-030-01
  assert.equal(verdict(mguard, "7.1.9"), "out");
  assert.equal(verdict(mguard, "8.0"), "in");
  assert.equal(verdict(mguard, "8.6.1"), "out");
  const iq = parseSpec(">= 1.00A | <= 1.26C", "MELSOFT iQ AppPortal"); // ICSA-22-132-02
  assert.equal(verdict(iq, "1.26C"), "in");
  assert.equal(verdict(iq, "1.26D"), "out");
  // ICSA-19-099-03 writes the two bounds with a space only.
  const opcua = parseSpec(">= V2.5 < V2.6.1", "SIMATIC S7-1500 CPU family");
  assert.equal(verdict(opcua, "V2.6.0"), "in");
  assert.equal(verdict(opcua, "V2.6.1"), "out");
  // ICSA-20-105-06: a wildcard lower bound.
  assert.equal(verdict(parseSpec(">= 2.3x | <= 6.00.327", "Desigo PXC22.1-E.D"), "6.00.140"), "in");
});

test("lists, and list items mixed with a bound (ICSA-19-010-01, ICSA-21-096-01, ICSA-22-074-01)", () => {
  const deltav = parseSpec("11.3.1 | 11.3.2 | 12.3.1 | 13.3.1 | 14.3 | R5.1 | <= R6", "DeltaV DCS");
  assert.equal(verdict(deltav, "12.3.1"), "in");
  assert.equal(verdict(deltav, "12.3.2"), "out");
  assert.equal(verdict(deltav, "R5.9"), "in");
  const relion = parseSpec("1.1 | 1.2.3 | 2.0 | 2.1 | 2.2.2 | 2.2.3", "Relion 670 series");
  assert.equal(verdict(relion, "2.2.3"), "in");
  assert.equal(verdict(relion, "2.2.4"), "out");
  const opc = parseSpec("5.1.0-x | 5.1.1-x | >= 6.0.0-1 | <= 6.0.0-3", "OPC Server for AC 800M");
  assert.equal(verdict(opc, "5.1.1-7"), "in");
  assert.equal(verdict(opc, "6.0.0-2"), "in");
  assert.equal(verdict(opc, "5.1.2-1"), "out");
});

test("prose, in the version field or in the full product name", () => {
  // ICSA-22-286-02
  const edge = parseSpec(
    "All versions prior to V1.5.1",
    "Industrial Edge Management - All versions prior to V1.5.1",
  );
  assert.equal(verdict(edge, "V1.5.0"), "in");
  assert.equal(verdict(edge, "V1.5.1"), "out");
  // ICSA-19-099-03
  const between = parseSpec(
    "All versions between V2.5 (including) and V2.7 (excluding)",
    "S7-1500 Software Controller",
  );
  assert.equal(verdict(between, "V2.5"), "in");
  assert.equal(verdict(between, "V2.7"), "out");
  // ICSA-18-151-03: "(R4.10 and prior)" became "<=(R4.10)".
  assert.equal(verdict(parseSpec("<=(R4.10)", "STARDOM Controller FCJ: (R4.10 and prior)"), "R4.10"), "in");
  // ICSA-20-105-06 gives "2.8.2 and 2.8.19" as versions; the full name says "between".
  const apogee = parseSpec(
    "2.8.2 and 2.8.19",
    "APOGEE PXC Series (P2): All versions between 2.8.2 and v2.8.19",
  );
  assert.equal(verdict(apogee, "2.8.10"), "in");
  // The examples.
  assert.equal(verdict(parseSpec("< V4.5", "x"), "V4.4.9"), "in");
  const sp = parseSpec("V2.0 SP1 and prior", "x");
  assert.equal(verdict(sp, "V2.0 SP1"), "in");
  assert.equal(verdict(sp, "V1.9"), "in");
  assert.equal(verdict(sp, "V2.0 SP2"), "out");
  // "V2.0" says nothing of its service pack: it may be SP2.
  assert.equal(verdict(sp, "V2.0"), "uncertain");
  assert.equal(parseSpec("All versions", "x").kind, "all");
});

test("an imprecise firmware is neither in nor out", () => {
  const spec = parseSpec("<V17_Upd4", "SIMATIC WinCC Runtime Professional V17"); // ICSA-22-132-06
  assert.equal(verdict(spec, "V17"), "uncertain");
  assert.equal(verdict(spec, "V17 Update 3"), "in");
  assert.equal(verdict(parseSpec("< 4.2.3", "x"), "V4.2"), "uncertain");
  assert.equal(verdict(parseSpec("< 4.3", "x"), "V4.2"), "in");
});

test("order numbers and model names in version fields (ICSA-19-085-02, ICSA-22-228-01)", () => {
  assert.deepEqual(parseSpec("2885728", "RAD-80211-XD: (2885728)"), {
    kind: "designation",
    designations: ["2885728"],
    text: "2885728",
  });
  const cp = parseSpec("CP401 | CP451", "CENTUM VP/CS 3000 controller FCS: CP401 CP451");
  assert.equal(cp.kind, "designation");
  assert.equal(parseSpec(">=MCE_3.x_Cert_Edition", "VxWorks 653").kind, "unreadable");
});

test("notes: only affected by, removed from the scope", () => {
  assert.deepEqual(notesOf(">= 4.4.0 (only affected by CVE-2019-10943)").onlyCves, ["CVE-2019-10943"]);
  assert.deepEqual(
    notesOf("13.1.0 (Only affected by CVE-2020-26989 CVE-2020-26990 CVE-2020-26991)").onlyCves,
    ["CVE-2020-26989", "CVE-2020-26990", "CVE-2020-26991"],
  );
  assert.equal(notesOf("<= 4.11.00 (Versions removed from the scope of this advisory)").outOfScope, true);
});
