/**
 * How old the evidence is at the assessment date. An input whose evidence was taken at a time (a capture, a scan,
 * an export) is old when the end of its span lies longer than plant.yaml's `evidence.maxAgeDays` before the
 * assessment date: each such input is a warning naming the file and its span, and a finding or verdict whose
 * dated evidence comes only from old inputs says so. Evidence that is no observation made at a time (plant.yaml,
 * answers, advisories, registers) neither makes evidence old nor keeps it fresh. An input taken after the assessment
 * date (a review re-run `--as-of` an earlier day, or a wrong clock) is a warning too: it still counts, as the
 * assessor put it there, but the review as of that date could not have seen it.
 */
import { type AssessmentInput, type EvidenceAge, type EvidenceSpan, spanWords } from "../model/assessment.js";
import type { Evidence } from "../model/evidence.js";
import { DEFAULT_EVIDENCE_MAX_AGE_DAYS, type Plant } from "../model/plant.js";
import { type InputProblem, problemAt, WHOLE_FILE } from "../model/problem.js";
import { daysSince } from "./rule.js";

export interface AgeJudgement {
  age: EvidenceAge;
  /** One warning per old input, in the order of the inputs. */
  problems: InputProblem[];
  /**
   * The sentence for evidence whose dated part comes only from old inputs (`rests on evidence older than 180
   * days: captures/a.pcap, taken 2004-08-26 to 2004-08-27`); undefined when any of it is recent, or none is dated.
   */
  restsOnOld(evidence: readonly Evidence[]): string | undefined;
}

export function evidenceAge(plant: Plant, inputs: readonly AssessmentInput[], now: Date): AgeJudgement {
  const stated = plant.spec.evidence.maxAgeDays;
  const maxAgeDays = stated ?? DEFAULT_EVIDENCE_MAX_AGE_DAYS;
  const dated = new Map<string, EvidenceSpan | null>();
  for (const i of inputs) if (i.span !== undefined) dated.set(i.path, i.span);
  const old = new Map<string, { span: EvidenceSpan; ageDays: number }>();
  for (const [path, span] of dated) {
    if (!span) continue;
    const ageDays = daysSince(span.to, now);
    if (ageDays > maxAgeDays) old.set(path, { span, ageDays });
  }
  const limit = `${maxAgeDays} days`;
  const whose = stated
    ? "plant.yaml's evidence.maxAgeDays"
    : "otaudit's default; plant.yaml's evidence.maxAgeDays states the site's";
  const on = now.toISOString().slice(0, 10);
  const problems = [...dated].flatMap(([path, span]) => {
    if (!span) return [];
    const isOld = old.get(path);
    if (isOld)
      return [
        problemAt(
          path,
          WHOLE_FILE,
          "old-evidence",
          `${spanWords(span)}, ${isOld.ageDays} days before the assessment date ${on}: older than ${limit} (${whose}). The verdicts resting only on it are marked in the report.`,
          "warning",
        ),
      ];
    if (Date.parse(span.to) <= now.getTime()) return [];
    return [
      problemAt(
        path,
        WHOLE_FILE,
        "later-evidence",
        `${spanWords(span)}, after the assessment date ${on}: a review as of that date could not have seen it; check assess --as-of, or the clock of what recorded it`,
        "warning",
      ),
    ];
  });
  return {
    age: {
      maxAgeDays,
      stated: stated !== undefined,
      old: [...old].map(([path, { ageDays }]) => ({ path, ageDays })),
    },
    problems,
    restsOnOld(evidence) {
      const files = [...new Set(evidence.map((e) => e.file).filter((f) => dated.has(f)))];
      if (files.length === 0 || !files.every((f) => old.has(f))) return undefined;
      return `rests on evidence older than ${limit}: ${files.map((f) => `${f}, ${spanWords(old.get(f)!.span)}`).join("; ")}`;
    },
  };
}
