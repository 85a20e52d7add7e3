/**
 * Pins the catalogue against the facts gathered in test/iec62443/iec62443.json: counts, titles and the level
 * mapping of every item. The shared file is only there for development; the catalogue ships as our own data.
 */
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { test } from "node:test";
import { FOUNDATIONAL_REQUIREMENTS } from "../model/security-level.js";
import { FR1_GUIDANCE } from "./guidance/fr1.js";
import { FR2_GUIDANCE } from "./guidance/fr2.js";
import { FR3_GUIDANCE } from "./guidance/fr3.js";
import { FR4_GUIDANCE, FR5_GUIDANCE } from "./guidance/fr4-fr5.js";
import { FR6_GUIDANCE, FR7_GUIDANCE } from "./guidance/fr6-fr7.js";
import { MATURITY_LEVELS, PROGRAM_ELEMENTS } from "./program.js";
import { COMPONENT_REQUIREMENTS, isKnownReference, ZONE_CONDUIT_REQUIREMENTS } from "./references.js";
import {
  FOUNDATIONAL,
  requiredAt,
  requirementsOf,
  SYSTEM_REQUIREMENTS,
  systemRequirement,
} from "./requirements.js";

interface Item {
  id: string;
  fr: string;
  title: string;
  minSL: number | null;
  levels: number[];
  confidence: string;
}
const facts = JSON.parse(readFileSync("test/iec62443/iec62443.json", "utf8")) as {
  foundationalRequirements: { id: string; abbrev: string; name: string; clause3_3: string }[];
  systemRequirements: (Item & { clause: string })[];
  requirementEnhancements: (Item & { sr: string })[];
  slCapabilityTable3_3: Record<string, Record<string, string[]>>;
  componentRequirements: (Item & { appliesTo: string[] })[];
  componentRequirementEnhancements: (Item & { parent: string; appliesTo: string[] })[];
  zcr: { id: string; title: string; items: { id: string; title: string }[] }[];
  programElements: {
    spe: {
      id: string;
      code: string;
      elements: { id: string; title: string; requirements: { id: string; title: string }[] }[];
    }[];
  };
  maturityLevels: { id: string; name: string }[];
  counts: {
    systemRequirements: number;
    requirementEnhancements: number;
    perFR_3_3: Record<string, { SR: number; RE: number }>;
    perSL_3_3: Record<string, number>;
    componentRequirements: number;
    componentRequirementEnhancements: number;
    zcrItems: number;
    spe: number;
    speElements: number;
    speRequirements: number;
  };
};

const levelsFrom = (minSL: number | null) => (minSL === null ? [] : [1, 2, 3, 4].filter((l) => l >= minSL));

test("62443-3-3: seven FRs, 51 SRs and 49 REs, per FR as the facts count them", () => {
  assert.deepEqual(
    FOUNDATIONAL.map((f) => [f.id, f.abbrev, f.name, f.clause]),
    facts.foundationalRequirements.map((f) => [f.id, f.abbrev, f.name, f.clause3_3]),
  );
  assert.deepEqual(
    FOUNDATIONAL.map((f) => f.id),
    [...FOUNDATIONAL_REQUIREMENTS],
  );
  const srs = SYSTEM_REQUIREMENTS.filter((r) => !r.base);
  const res = SYSTEM_REQUIREMENTS.filter((r) => r.base);
  assert.equal(srs.length, 51);
  assert.equal(res.length, 49);
  assert.equal(srs.length, facts.counts.systemRequirements);
  assert.equal(res.length, facts.counts.requirementEnhancements);
  for (const fr of FOUNDATIONAL_REQUIREMENTS) {
    const of = requirementsOf(fr);
    assert.deepEqual(
      { SR: of.filter((r) => !r.base).length, RE: of.filter((r) => r.base).length },
      facts.counts.perFR_3_3[fr],
      fr,
    );
  }
});

test("62443-3-3: every SR and RE has the facts' title, FR, clause and level mapping", () => {
  for (const s of facts.systemRequirements) {
    const r = systemRequirement(s.id);
    assert.ok(r, s.id);
    assert.deepEqual(
      [r.fr, r.title, r.clause, r.base, r.minSL, levelsFrom(r.minSL), r.confidence],
      [s.fr, s.title, s.clause, undefined, s.minSL, s.levels, s.confidence],
      s.id,
    );
  }
  for (const e of facts.requirementEnhancements) {
    const r = systemRequirement(e.id);
    assert.ok(r, e.id);
    assert.deepEqual(
      [r.fr, r.title, r.base, r.minSL, levelsFrom(r.minSL), r.confidence],
      [e.fr, e.title, e.sr, e.minSL, e.levels, e.confidence],
      e.id,
    );
  }
});

test("62443-3-3: the items required per FR and level are the facts' SL capability table (37/60/90/100)", () => {
  for (const fr of FOUNDATIONAL_REQUIREMENTS) {
    for (const level of [1, 2, 3, 4]) {
      assert.deepEqual(
        requiredAt(fr, level)
          .map((r) => r.id)
          .sort(),
        [...facts.slCapabilityTable3_3[fr]![`SL${level}`]!].sort(),
        `${fr} SL${level}`,
      );
    }
  }
  const perLevel = [1, 2, 3, 4].map(
    (l) => FOUNDATIONAL_REQUIREMENTS.flatMap((fr) => requiredAt(fr, l)).length,
  );
  assert.deepEqual(perLevel, [37, 60, 90, 100]);
  assert.deepEqual(perLevel, Object.values(facts.counts.perSL_3_3));
});

test("every SR and RE has our guidance, and the guidance names no requirement outside the catalogue", () => {
  const written = [
    FR1_GUIDANCE,
    FR2_GUIDANCE,
    FR3_GUIDANCE,
    FR4_GUIDANCE,
    FR5_GUIDANCE,
    FR6_GUIDANCE,
    FR7_GUIDANCE,
  ].flatMap((g) => Object.keys(g));
  assert.deepEqual([...written].sort(), SYSTEM_REQUIREMENTS.map((r) => r.id).sort());
  for (const r of SYSTEM_REQUIREMENTS) {
    const g = r.guidance;
    for (const text of [g.check, g.evidence, g.remediation]) assert.ok(text.length >= 20, `${r.id}: ${text}`);
    assert.match(g.question, /^[A-Z].*\?$/, r.id);
    // Guidance of an FR sits in that FR's file: a misplaced entry would be a mix-up of requirements.
    assert.equal(r.id.charAt(3), r.fr.charAt(2), r.id);
  }
});

test("62443-4-2: 88 component requirements and 49 enhancements with their component types and levels", () => {
  const base = COMPONENT_REQUIREMENTS.filter((c) => !c.base);
  const enhancements = COMPONENT_REQUIREMENTS.filter((c) => c.base);
  assert.equal(base.length, facts.counts.componentRequirements);
  assert.equal(enhancements.length, facts.counts.componentRequirementEnhancements);
  assert.equal(base.length, 88);
  assert.equal(enhancements.length, 49);
  const expected = [
    ...facts.componentRequirements.map((c) => [c.id, c.fr, c.title, c.appliesTo, c.minSL, undefined]),
    ...facts.componentRequirementEnhancements.map((c) => [
      c.id,
      c.fr,
      c.title,
      c.appliesTo,
      c.minSL,
      c.parent,
    ]),
  ].sort();
  const actual = COMPONENT_REQUIREMENTS.map((c) => [
    c.id,
    c.fr,
    c.title,
    [...c.appliesTo],
    c.minSL,
    c.base,
  ]).sort();
  assert.deepEqual(actual, expected);
  assert.ok(isKnownReference("NDR 5.2 RE 1"));
  assert.ok(isKnownReference("SR 5.2 RE 1"));
  assert.ok(!isKnownReference("SR 3.5 RE 1"), "an RE one low-reliability source invented");
});

test("62443-3-2 and 62443-2-1: ZCR steps, program elements and maturity levels as the facts list them", () => {
  assert.deepEqual(
    ZONE_CONDUIT_REQUIREMENTS.map((g) => [g.id, g.title, g.items.map((i) => [i.id, i.title])]),
    facts.zcr.map((g) => [g.id, g.title, g.items.map((i) => [i.id, i.title])]),
  );
  assert.equal(ZONE_CONDUIT_REQUIREMENTS.flatMap((g) => g.items).length, facts.counts.zcrItems);
  const elements = facts.programElements.spe.flatMap((s) => s.elements.map((e) => ({ ...e, code: s.code })));
  assert.equal(new Set(PROGRAM_ELEMENTS.map((e) => e.area.id)).size, facts.counts.spe);
  assert.equal(PROGRAM_ELEMENTS.length, facts.counts.speElements);
  assert.equal(PROGRAM_ELEMENTS.flatMap((e) => e.requirements).length, facts.counts.speRequirements);
  assert.deepEqual(
    PROGRAM_ELEMENTS.map((e) => [e.id, e.title, e.area.code, e.requirements.map((r) => r.id)]),
    elements.map((e) => [e.id, e.title, e.code, e.requirements.map((r) => r.id)]),
  );
  assert.deepEqual(
    MATURITY_LEVELS.map((m) => m.name),
    facts.maturityLevels.map((m) => m.name),
  );
});
