/**
 * CVSS scores from vectors, computed with the {metæffekt} calculator (v2.0, v3.0, v3.1, v4.0). The vector is
 * the authority: a stated base score that disagrees with it is reported and the computed one kept.
 */
import calculator from "ae-cvss-calculator";
import type { Cvss, CvssSeverity } from "../model/vulnerability.js";

const { Cvss2, Cvss3P0, Cvss3P1, Cvss4P0 } = calculator;

// The calculator quietly scores a vector with missing base metrics as 0, so completeness is checked here.
type Version = NonNullable<Cvss["version"]>;

const BASE_METRICS: Record<Version, RegExp> = {
  "2.0": /^AV:[LAN]\/AC:[HML]\/Au:[MSN]\/C:[NPC]\/I:[NPC]\/A:[NPC](\/.*)?$/,
  "3.0": /^CVSS:3\.0\/AV:[NALP]\/AC:[LH]\/PR:[NLH]\/UI:[NR]\/S:[UC]\/C:[HLN]\/I:[HLN]\/A:[HLN](\/.*)?$/,
  "3.1": /^CVSS:3\.1\/AV:[NALP]\/AC:[LH]\/PR:[NLH]\/UI:[NR]\/S:[UC]\/C:[HLN]\/I:[HLN]\/A:[HLN](\/.*)?$/,
  "4.0":
    /^CVSS:4\.0\/AV:[NALP]\/AC:[LH]\/AT:[NP]\/PR:[NLH]\/UI:[NPA]\/VC:[HLN]\/VI:[HLN]\/VA:[HLN]\/SC:[HLN]\/SI:[HLN]\/SA:[HLN](\/.*)?$/,
};

export interface CvssResult {
  cvss: Cvss | null;
  /** Why the vector was not used as given, for the input problems. */
  warning: string | null;
}

/** `CVSS2#AV:N/...` (Nessus), `(AV:N/...)`, `CVSS:3.1/...`, `CVSS:4.0/...`. */
export function cvssFromVector(rawVector: string, statedScore: number | null = null): CvssResult {
  const vector = rawVector
    .trim()
    .replace(/^CVSS2#/i, "")
    .replace(/^\((.*)\)$/, "$1");
  const unreadable = (why: string): CvssResult =>
    statedScore === null || !isScore(statedScore)
      ? { cvss: null, warning: `CVSS vector "${rawVector}" cannot be read${why}` }
      : {
          cvss: cvssFromScore(statedScore),
          warning: `CVSS vector "${rawVector}" cannot be read${why}; the stated score ${statedScore} is kept`,
        };
  const version = versionOf(vector);
  if (!version || !BASE_METRICS[version].test(vector)) return unreadable("");
  let score: number;
  try {
    score = baseScore(vector, version);
  } catch (err) {
    // The base metrics are well formed, but another part is not (an unknown temporal value, a repeated metric).
    return unreadable(` (${(err as Error).message})`);
  }
  const warning =
    statedScore !== null && Math.abs(statedScore - score) > 0.05
      ? `stated CVSS score ${statedScore} differs from ${score} computed from ${vector}; using ${score}`
      : null;
  return { cvss: { version, score, vector, severity: severityOf(score, version) }, warning };
}

/** A CVSS score lies from 0 to 10 in every version. */
export function isScore(n: number): boolean {
  return Number.isFinite(n) && n >= 0 && n <= 10;
}

/** A bare base score, as older OpenVAS reports give it: no version, no vector, v3 bands. */
export function cvssFromScore(score: number): Cvss {
  return { version: null, score, vector: null, severity: severityOf(score, "3.1") };
}

function versionOf(vector: string): Version | null {
  const m = /^CVSS:(3\.0|3\.1|4\.0)\//.exec(vector);
  if (m) return m[1] as Version;
  return /^AV:[LAN]\//.test(vector) ? "2.0" : null;
}

function baseScore(vector: string, version: Version): number {
  switch (version) {
    case "2.0":
      return new Cvss2(vector).calculateScores().base ?? 0;
    case "3.0":
      return new Cvss3P0(vector).calculateScores().base ?? 0;
    case "3.1":
      return new Cvss3P1(vector).calculateScores().base ?? 0;
    case "4.0":
      return new Cvss4P0(vector).calculateScores().base ?? 0;
  }
}

/** FIRST's qualitative ratings; v2 has no "critical" band (NVD's v2 bands: low, medium, high). */
export function severityOf(score: number, version: Version): CvssSeverity {
  if (score === 0) return "none";
  if (score < 4) return "low";
  if (score < 7) return "medium";
  if (score < 9 || version === "2.0") return "high";
  return "critical";
}
