/**
 * The answers of answers.yaml per zone (or conduit) and requirement. Answers given system by system combine into one
 * for the zone: all met is met, all not met is not met, a mix is partial; not-applicable systems are left out; met
 * by a compensating countermeasure counts as met, and the zone's answer is compensated when any system's is. A
 * conduit's answers are its own: a zone's answers say nothing of the conduits it is joined by, nor theirs of it.
 */
import type { Answer, AnswerSet, AnswerStatus, AssessorOverride } from "../../model/answers.js";
import type { Evidence } from "../../model/evidence.js";
import { type CompensationRecord, clause } from "../../model/verdicts.js";

/** An answer's weight: a "met" that names no evidence is a claim, not yet a result. */
export type Vote = AnswerStatus | "met-without-evidence";

export interface ZoneAnswer {
  vote: Vote;
  evidence: Evidence[];
  /** Who answered and when: `J. Meyer, 2026-10-01`. */
  by: string[];
  /** Set when the answer is its SR's "not-applicable", carried over to an RE nobody answered. */
  inheritedFrom?: string;
  /** The compensating countermeasures of the answers that are `compensated`. */
  compensations: CompensationRecord[];
  /** The assessors' overrides of contradicting evidence, one per answer that records one. */
  overrides: (AssessorOverride & { system?: string })[];
  /** Whether every answer combined here records an override: only then does the combined answer overrule. */
  overridden: boolean;
}

/** zone (or conduit) -> requirement -> its combined answer. */
export type AnswerIndex = Map<string, Map<string, ZoneAnswer>>;

/** The zones' answers. */
export function answerIndex(set: AnswerSet | null): AnswerIndex {
  return set
    ? indexed(
        set.file,
        set.spec.zones.map((e) => ({ ...e, id: e.zone })),
        undefined,
      )
    : new Map();
}

/** The conduits' answers (answers.yaml `conduits`), combined as a zone's are. */
export function conduitAnswerIndex(set: AnswerSet | null): AnswerIndex {
  return set
    ? indexed(
        set.file,
        set.spec.conduits.map((e) => ({ ...e, id: e.conduit })),
        "conduit",
      )
    : new Map();
}

interface Entry {
  id: string;
  assessor?: string | undefined;
  date?: string | undefined;
  answers: readonly Answer[];
}

function indexed(file: string, entries: readonly Entry[], scope: "conduit" | undefined): AnswerIndex {
  const index: AnswerIndex = new Map();
  const votes = new Map<
    string,
    {
      id: string;
      requirement: string;
      votes: Vote[];
      evidence: Evidence[];
      by: Set<string>;
      compensations: CompensationRecord[];
      overrides: (AssessorOverride & { system?: string })[];
    }
  >();
  for (const entry of entries) {
    for (const a of entry.answers) {
      const key = `${entry.id}\u0000${a.requirement}`;
      const v = votes.get(key) ?? {
        id: entry.id,
        requirement: a.requirement,
        votes: [],
        evidence: [],
        by: new Set(),
        compensations: [],
        overrides: [],
      };
      v.votes.push(a.status === "met" && !a.evidence?.trim() ? "met-without-evidence" : a.status);
      const assessor = a.assessor ?? entry.assessor;
      const date = a.date ?? entry.date;
      const system = a.system ? { system: a.system } : {};
      if (a.status === "compensated" && a.compensation)
        v.compensations.push({
          ...a.compensation,
          ...system,
          ...(assessor ? { answeredBy: date ? `${assessor}, ${date}` : assessor } : {}),
        });
      if (a.override) v.overrides.push({ ...a.override, ...system });
      const said =
        a.status === "compensated" && a.compensation
          ? `${clause(a.compensation.countermeasure)} (stands for: ${clause(a.compensation.standsFor)}; evidence: ${clause(a.compensation.evidence)})`
          : (a.evidence ?? a.justification ?? a.comment);
      v.evidence.push({
        kind: "answer",
        file,
        zone: entry.id,
        ...(scope ? { scope } : {}),
        requirement: a.requirement,
        ...(assessor ? { assessor } : {}),
        note: `${a.status}${a.system ? ` for ${a.system}` : ""}${said ? `: ${said}` : ""}`,
      });
      if (assessor) v.by.add(date ? `${assessor}, ${date}` : assessor);
      votes.set(key, v);
    }
  }
  for (const v of votes.values()) {
    const answers = index.get(v.id) ?? new Map<string, ZoneAnswer>();
    answers.set(v.requirement, {
      vote: combine(v.votes),
      evidence: v.evidence,
      by: [...v.by],
      compensations: v.compensations,
      overrides: v.overrides,
      overridden: v.overrides.length === v.votes.length,
    });
    index.set(v.id, answers);
  }
  return index;
}

function combine(votes: readonly Vote[]): Vote {
  const counted = votes.filter((v) => v !== "not-applicable");
  if (counted.length === 0) return "not-applicable";
  const kinds = new Set(counted);
  if (kinds.size === 1) return counted[0]!;
  // Met on every system, some of them by compensating countermeasure: met, with the countermeasures said.
  if ([...kinds].every((k) => k === "met" || k === "compensated")) return "compensated";
  if ([...kinds].every((k) => k === "met" || k === "compensated" || k === "met-without-evidence"))
    return "met-without-evidence";
  if (kinds.has("met") || kinds.has("compensated") || kinds.has("partial")) return "partial";
  // Only "not met" and unproven "met" claims: nothing is shown to be met.
  return "not-met";
}

/** A requirement's answer in a zone or conduit; an RE nobody answered is not applicable where its SR is not. */
export function answerFor(
  zone: ReadonlyMap<string, ZoneAnswer> | undefined,
  requirement: string,
  base: string | undefined,
): ZoneAnswer | undefined {
  const own = zone?.get(requirement);
  if (own || !base) return own;
  const inherited = zone?.get(base);
  // The SR's override answered the evidence against the SR: it overrules nothing of the RE.
  return inherited?.vote === "not-applicable"
    ? { ...inherited, inheritedFrom: base, overrides: [], overridden: false }
    : undefined;
}
