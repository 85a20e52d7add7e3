/**
 * The front matter of the report a client signs, arranged from the Assessment: the engagement plant.yaml states
 * (client, assessors, dates, methods, distribution, sign-off), the evidence actually used, and the limitations the
 * analyses already found (zones no capture saw, old inputs, requirements nobody answered and no evidence decided).
 * The cover, "Scope and method", "Limitations", "Assessment team" and "Document control" render this; nothing here
 * reads a file: the logo's bytes come from the application layer.
 */
import { type Assessment, type AssessmentInput, spanWords } from "../../model/assessment.js";
import { ENGAGEMENT_METHODS, type Engagement } from "../../model/engagement.js";
import { APPLIED_STANDARDS, type AppliedStandard } from "../../standard/editions.js";
import { type DateText, dateText } from "./dates.js";

/** The assessor's logo as the application layer read it from the plant folder. */
export interface ReportLogo {
  mime: "image/png" | "image/jpeg" | "image/svg+xml";
  bytes: Buffer;
  /** A PNG of it for the Word document (an SVG rasterised by Chromium; PNG and JPEG are used as they are). */
  png?: Buffer;
}

/** What plant.yaml does not state, in words that say where to state it. */
export const notStated = (field: string): string => `not stated in plant.yaml (engagement.${field})`;

export const DEFAULT_CLASSIFICATION =
  "Confidential. This report describes weaknesses of an industrial control system and how to reach them; share it only with the people who must act on it.";

export interface EvidenceUsed {
  kind: string;
  path: string;
  /** When it was taken, and for captures where and how long. */
  detail: string;
}

export interface Unanswered {
  scope: string;
  ids: string[];
}

export interface FrontMatter {
  engagement: Engagement | null;
  date: DateText;
  logo: ReportLogo | null;
  /** The report's day: engagement.dates.report, else the assessment date. */
  reportDate: string;
  classification: string;
  classificationStated: boolean;
  standards: readonly AppliedStandard[];
  methods: string[];
  evidence: EvidenceUsed[];
  limitations: {
    /** Zones no capture saw; null without captures (then the wire saw nothing at all). */
    unseenZones: string[] | null;
    unseenConduits: string[];
    coverageDeclared: boolean;
    old: { path: string; ageDays: number; taken: string }[];
    maxAgeDays: number | null;
    unanswered: Unanswered[];
    problems: number;
  };
}

const KIND_WORDS: Partial<Record<AssessmentInput["kind"], string>> = {
  capture: "Capture",
  firewall: "Firewall configuration",
  network: "Network device export",
  hardening: "Host hardening export",
  accounts: "Account export",
  scan: "Scan",
};

function duration(from: string, to: string): string {
  const s = Math.max(0, Math.round((Date.parse(to) - Date.parse(from)) / 1000));
  if (s < 120) return `${s} s`;
  if (s < 7200) return `${Math.round(s / 60)} min`;
  if (s < 172800) return `${Math.round(s / 3600)} h`;
  return `${Math.round(s / 86400)} days`;
}

function evidenceUsed(a: Assessment, date: DateText): EvidenceUsed[] {
  return a.inputs.flatMap((i): EvidenceUsed[] => {
    const kind = KIND_WORDS[i.kind];
    // Registers and README files beside the evidence are no evidence taken at a time.
    if (!kind || (i.span === undefined && i.kind !== "capture")) return [];
    const span = i.span ? spanWords(i.span) : "when taken: not stated in the file";
    const parts = [i.span ? span.replace(/\d{4}-\d{2}-\d{2}/g, (d) => date(d)) : span];
    if (i.kind === "capture") {
      if (i.span?.basis === "packets") parts.push(`${duration(i.span.from, i.span.to)} of traffic`);
      const c = a.coverage?.captures.find((x) => x.file === i.path);
      // The capture point as plant.yaml describes it, else how it was taken.
      if (c?.method) parts.push(c.description ?? `${c.method.toUpperCase()} capture`);
      if (c && (c.zones.length || c.conduits.length))
        parts.push(
          `saw ${[...c.zones.map((z) => `zone ${z}`), ...c.conduits.map((k) => `conduit ${k}`)].join(", ")}`,
        );
      else if (a.coverage && !a.coverage.declared)
        parts.push("coverage not declared: taken to see every zone");
    }
    return [{ kind, path: i.path, detail: parts.join("; ") }];
  });
}

/** In-scope zones' and conduits' requirements, needed for their SL-T, that nobody answered and no evidence decided. */
function unanswered(a: Assessment): Unanswered[] {
  const zones = a.zones
    .filter((z) => z.inScope)
    .map((z) => ({
      scope: `zone ${z.name} (${z.id})`,
      ids: z.gaps.filter((g) => g.result === "unknown").map((g) => g.requirement),
    }));
  const conduits = a.conduits
    .filter((c) => c.inScope)
    .map((c) => ({
      scope: `conduit ${c.name ?? c.id} (${c.id})`,
      ids: c.gaps.filter((g) => g.result === "unknown").map((g) => g.requirement),
    }));
  return [...zones, ...conduits].filter((u) => u.ids.length > 0);
}

export function frontMatter(a: Assessment, logo: ReportLogo | null): FrontMatter {
  const e = a.engagement ?? null;
  const date = dateText(e?.locale);
  const coverage = a.coverage;
  const unseen = (list: { id: string; captures: string[] }[] | undefined) =>
    (list ?? []).filter((x) => x.captures.length === 0).map((x) => x.id);
  const inScope = new Set(a.zones.filter((z) => z.inScope).map((z) => z.id));
  return {
    engagement: e,
    date,
    logo,
    reportDate: e?.dates?.report ?? (a.asOf ?? a.finishedAt).slice(0, 10),
    classification: e?.classification ?? DEFAULT_CLASSIFICATION,
    classificationStated: e?.classification !== undefined,
    standards: APPLIED_STANDARDS,
    methods: (e?.methods ?? []).map((m) => ENGAGEMENT_METHODS[m]),
    evidence: evidenceUsed(a, date),
    limitations: {
      unseenZones: a.capture ? unseen(coverage?.zones).filter((z) => inScope.has(z)) : null,
      unseenConduits: a.capture ? unseen(coverage?.conduits) : [],
      coverageDeclared: coverage?.declared ?? false,
      old: (a.evidenceAge?.old ?? []).map((o) => {
        const input = a.inputs.find((i) => i.path === o.path);
        return { ...o, taken: input?.span ? spanWords(input.span) : "" };
      }),
      maxAgeDays: a.evidenceAge?.maxAgeDays ?? null,
      unanswered: unanswered(a),
      problems: a.problems.length,
    },
  };
}
