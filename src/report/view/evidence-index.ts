/**
 * Ties evidence to the input files of the assessment: every evidence pointer in the report links to the row of
 * the inputs appendix that gives the file's size and SHA-256, so a reader can check they hold the same file.
 */
import type { Assessment, AssessmentInput } from "../../model/assessment.js";
import type { Evidence } from "../../model/evidence.js";

export interface EvidenceIndex {
  /** The input a file path names, if the assessment lists it. */
  inputOf(file: string): AssessmentInput | null;
  /** The appendix anchor of that input. */
  anchorOf(file: string): string | null;
}

export function evidenceIndex(a: Assessment): EvidenceIndex {
  const byPath = new Map(a.inputs.map((input, i) => [input.path, { input, anchor: `input-${i + 1}` }]));
  const cache = new Map<string, { input: AssessmentInput; anchor: string } | null>();
  const find = (file: string) => {
    if (cache.has(file)) return cache.get(file)!;
    // Evidence paths are relative to the plant folder or to where the command ran; inputs to the plant folder.
    let hit = byPath.get(file) ?? null;
    if (!hit) for (const [path, entry] of byPath) if (file.endsWith(`/${path}`)) hit = entry;
    cache.set(file, hit);
    return hit;
  };
  return {
    inputOf: (file) => find(file)?.input ?? null,
    anchorOf: (file) => find(file)?.anchor ?? null,
  };
}

/** What a reader does with a pointer: where to look. */
export function evidenceHint(e: Evidence): string {
  switch (e.kind) {
    case "frame":
      return `Frame ${e.frame} of ${e.file} (Wireshark: Go to Packet ${e.frame})`;
    case "line":
      return `Line ${e.line} of ${e.file}`;
    case "answer":
      return `Answer on ${e.requirement} for ${e.scope === "conduit" ? "conduit" : "zone"} ${e.zone} in ${e.file}${e.assessor ? `, given by ${e.assessor}` : ""}`;
  }
}
