import { z } from "zod";
import { Action } from "./action.js";
import { MonitoringStatus } from "./alert.js";
import { CaptureStats, Observation, ObservedFlow, ObservedOperation } from "./capture.js";
import { DispositionRecord } from "./dispositions.js";
import { Engagement } from "./engagement.js";
import { Evidence, LineEvidence } from "./evidence.js";
import { Finding } from "./finding.js";
import {
  AssetRole,
  CaptureMethod,
  Criticality,
  DeclaredFlow,
  ProtectionMechanism,
  PurdueLevel,
} from "./plant.js";
import { Posture } from "./posture.js";
import { InputProblem } from "./problem.js";
import { InitialRisk, Risk, RiskChange, RiskMatrix, SlRationale } from "./risk.js";
import { SecurityLevel, SlCapabilityVector, SlVector } from "./security-level.js";
import {
  APPROVAL_SUBJECTS,
  Approval,
  Characteristics,
  ExternalZone,
  SystemUnderConsideration,
  ThreatAgent,
} from "./system-design.js";
import { TrendChange } from "./trend.js";
import {
  CapNote,
  ConduitGap,
  FrId,
  Gap,
  LevelChange,
  MaturityChange,
  ProgramRating,
  RequirementResult,
  ResultChange,
  StatedCapability,
} from "./verdicts.js";
import { InventoryService, VulnerabilityReport } from "./vulnerability.js";
import { ZoneMatrix } from "./zone-matrix.js";

/** When the evidence in an input was taken, as the file itself tells. */
export const EvidenceSpan = z.strictObject({
  /** ISO 8601, UTC. */
  from: z.string(),
  to: z.string(),
  /**
   * What the times are: `packets`, a capture's first and last packet; `scan`, the start and end a scanner
   * recorded; `written`, the time an export says it was written; `contents`, the earliest and latest date an
   * export holds (logons, password changes): it was taken no earlier than the latest.
   */
  basis: z.enum(["packets", "scan", "written", "contents"]),
});
export type EvidenceSpan = z.infer<typeof EvidenceSpan>;

/** When a span's evidence was taken, in words: `captured 2004-08-26 to 2004-08-27`, `scanned 2005-07-19`. */
export function spanWords(span: EvidenceSpan): string {
  const [from, to] = [span.from.slice(0, 10), span.to.slice(0, 10)];
  const when = from === to ? from : `${from} to ${to}`;
  switch (span.basis) {
    case "packets":
      return `captured ${when}`;
    case "scan":
      return `scanned ${when}`;
    case "written":
      return `exported ${when}`;
    case "contents":
      return `holding dates ${from === to ? `of ${from}` : `from ${from} to ${to}`}, so exported on or after ${to}`;
  }
}

/** One input file of an assessment, hashed so a later review knows whether the evidence changed. */
export const AssessmentInput = z.strictObject({
  path: z.string(),
  kind: z.enum([
    "plant",
    "answers",
    "dispositions",
    "capture",
    "firewall",
    "scan",
    "advisory",
    "inventory",
    "accounts",
    "hardening",
    "network",
    "backup",
    "baseline",
    "other",
  ]),
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
  bytes: z.number().int().nonnegative(),
  /**
   * When its evidence was taken; null when the file does not say. Absent for what is no evidence taken at a time
   * (plant.yaml, answers, advisories and the KEV catalog, registers, backups) and in runs stored before spans.
   */
  span: EvidenceSpan.nullable().optional(),
});
export type AssessmentInput = z.infer<typeof AssessmentInput>;

export const ZoneResult = z.strictObject({
  id: z.string(),
  name: z.string(),
  purdueLevel: PurdueLevel,
  criticality: Criticality,
  slTarget: SlVector,
  assets: z.array(z.string()),
  /** Defaults keep runs stored before the gap assessment readable: nothing known met gives SL-A 0. */
  slAchieved: SlVector.default([0, 0, 0, 0, 0, 0, 0]),
  requirements: z.array(RequirementResult).default([]),
  gaps: z.array(Gap).default([]),
  /**
   * Per FR, the lowest SL-C (IEC 62443-4-2) stated by the zone's components that must provide the FR's capability;
   * null where none of them states one. Absent for a zone outside the SuC and in runs stored before SL-C.
   */
  slCapability: SlCapabilityVector.optional(),
  /** The components of the zone stating an SL-C, with the statement. */
  capabilities: z.array(StatedCapability).optional(),
  /** The zone's declared components whose SL-C nobody states: they cap nothing, and the report says how many. */
  capabilityUnknown: z.array(z.string()).optional(),
  /** The FRs where the stated SL-C is below what the requirements reach: SL-A capped, or why not. */
  capped: z.array(CapNote).optional(),
  /** The SL-T the zone's unmitigated risk calls for (IEC 62443-3-2 ZCR 5.6); absent in runs before the risk analysis. */
  slRecommended: SlVector.optional(),
  /** Per FR: the level recommended, the level declared, why, and the disagreement in words; absent in older runs. */
  slRationale: z.array(SlRationale).optional(),
  /**
   * False for a zone outside the system under consideration: a source of threat, neither judged against
   * IEC 62443-3-3 nor given risks of its own. True in runs stored before the SuC was stated.
   */
  inScope: z.boolean().default(true),
  characteristics: Characteristics.optional(),
  /** What plant.yaml says of the zone beyond its levels, for the requirements specification; absent in older runs. */
  description: z.string().optional(),
  owner: z.string().optional(),
  subnets: z.array(z.string()).optional(),
  vlans: z.array(z.number().int()).optional(),
});
export type ZoneResult = z.infer<typeof ZoneResult>;

/** A conduit's target and achieved level in one foundational requirement it is judged on. */
export const ConduitLevel = z.strictObject({
  fr: FrId,
  slTarget: SecurityLevel,
  slAchieved: SecurityLevel,
});
export type ConduitLevel = z.infer<typeof ConduitLevel>;

/**
 * A conduit and its verdict: the requirements of FR3-FR5 (what it carries: integrity, confidentiality, restricted
 * flow) judged at its own SL-T from its answers and the evidence crossing it, as a zone's are. A conduit whose
 * plant.yaml entry gives no SL-T has no verdict. Defaults keep runs stored before conduits were judged readable.
 */
export const ConduitResult = z.strictObject({
  id: z.string(),
  zones: z.tuple([z.string(), z.string()]),
  name: z.string().optional(),
  protections: z.array(ProtectionMechanism).default([]),
  /** Firewall asset ids that enforce the conduit. */
  enforcedBy: z.array(z.string()).default([]),
  /** The conduit's own SL-T as plant.yaml gives it, FR1..FR7; null when it gives none, and then no verdict. */
  slTarget: SlVector.nullable().default(null),
  /** SL-T and SL-A in each of FR3-FR5 that its SL-T sets above 0: the FRs judged. Empty without an SL-T. */
  levels: z.array(ConduitLevel).default([]),
  /** Every requirement of the FRs judged, up to SL 4, decided as a zone's are. */
  requirements: z.array(RequirementResult).default([]),
  /** The requirements up to its SL-T that it does not meet, in the FRs where SL-A is below SL-T. */
  gaps: z.array(ConduitGap).default([]),
  /** Findings about its boundary: they name its two zones and rest on traffic or firewall rules. */
  findings: z.array(z.string()).default([]),
  characteristics: Characteristics.optional(),
  /** False when neither of its zones is in the system under consideration: then it has no verdict. */
  inScope: z.boolean().default(true),
  /** What plant.yaml says of the conduit and the flows it declares, for the requirements specification; absent in older runs. */
  description: z.string().optional(),
  flows: z.array(DeclaredFlow).optional(),
});
export type ConduitResult = z.infer<typeof ConduitResult>;

/** Why a conduit has no verdict, in words; null when it has one. */
export function conduitWithoutVerdict(
  c: Pick<ConduitResult, "slTarget" | "levels" | "inScope">,
): string | null {
  if (!c.inScope) return "outside the system under consideration: no verdict";
  if (c.slTarget === null) return "no SL-T in plant.yaml: no verdict";
  if (c.levels.length === 0) return "its SL-T sets no level for FR3-FR5: nothing to judge";
  return null;
}

/** `FR3 2, FR4 2, FR5 2`: a conduit's SL-T (or SL-A) in the FRs it is judged on. */
export function formatConduitLevels(
  c: Pick<ConduitResult, "levels">,
  which: "slTarget" | "slAchieved",
): string {
  return c.levels.map((l) => `${l.fr} ${l[which]}`).join(", ");
}

/** A fact about an asset and where it came from. */
export const SourcedValue = z.strictObject({ value: z.string(), sources: z.array(Evidence) });

/** An asset of the merged inventory: what plant.yaml declares joined with what the evidence shows. */
export const InventoryAsset = z.strictObject({
  id: z.string(),
  name: z.string(),
  role: AssetRole,
  zone: z.string().nullable(),
  declared: z.boolean(),
  ips: z.array(z.string()),
  macs: z.array(z.string()),
  hostnames: z.array(z.string()),
  vendor: SourcedValue.nullable(),
  product: SourcedValue.nullable(),
  model: SourcedValue.nullable(),
  firmware: SourcedValue.nullable(),
  protocols: z.array(z.string()),
  sources: z.array(Evidence),
  /** Operating system and open services, from scanner reports. */
  os: SourcedValue.optional(),
  services: z.array(InventoryService).optional(),
});
export type InventoryAsset = z.infer<typeof InventoryAsset>;

/** How old the evidence may be, and the inputs older than that at the assessment date. */
export const EvidenceAge = z.strictObject({
  maxAgeDays: z.number().int().positive(),
  /** Whether plant.yaml states the limit (`evidence.maxAgeDays`); otherwise it is otaudit's default. */
  stated: z.boolean(),
  /** The inputs whose evidence ends longer than `maxAgeDays` before the assessment date, with that age in days. */
  old: z.array(z.strictObject({ path: z.string(), ageDays: z.number().int().nonnegative() })),
});
export type EvidenceAge = z.infer<typeof EvidenceAge>;

/** A zone or conduit and the captures that saw it; none: not observed, and the wire bears on it neither way. */
export const ObservedBy = z.strictObject({ id: z.string(), captures: z.array(z.string()) });

/** Which zones and conduits the captures saw, as plant.yaml declares it (`evidence.captures`). */
export const CaptureCoverageResult = z.strictObject({
  /** False when plant.yaml declares no coverage: every capture is then taken to see every zone. */
  declared: z.boolean(),
  /** Each capture file with what it saw; a file no declaration names saw nothing that counts. */
  captures: z.array(
    z.strictObject({
      file: z.string(),
      method: CaptureMethod.nullable(),
      zones: z.array(z.string()),
      conduits: z.array(z.string()),
      from: z.string().optional(),
      to: z.string().optional(),
      description: z.string().optional(),
      /** The declaration in plant.yaml; null when coverage is not declared or none names the file. */
      declaredAt: LineEvidence.nullable(),
    }),
  ),
  /** A zone is seen by the captures declared on it, or on one of its conduits (its boundary only). */
  zones: z.array(ObservedBy),
  /** A conduit is seen by the captures declared on it or on either of its zones. */
  conduits: z.array(ObservedBy),
});
export type CaptureCoverageResult = z.infer<typeof CaptureCoverageResult>;

/**
 * The IEC 62443-3-2 framing the assessment rests on: the system under consideration, the threat agents the risk
 * was rated against, and who approved which part of the design, with the parts nobody approved.
 */
export const DesignBasis = z.strictObject({
  /** Null when plant.yaml states none: every zone was then assessed. */
  system: SystemUnderConsideration.nullable(),
  /** The zones of plant.yaml outside the SuC, with their trust (untrusted unless stated). */
  outside: z.array(ExternalZone),
  threats: z.strictObject({
    agents: z.array(ThreatAgent),
    /** False when plant.yaml states no agents and the library's defaults stood in. */
    stated: z.boolean(),
    description: z.string().optional(),
  }),
  approvals: z.array(Approval),
  /** Subjects with no recorded approval: the cover says the assessment rests on an unapproved design. */
  unapproved: z.array(z.enum(APPROVAL_SUBJECTS)),
});
export type DesignBasis = z.infer<typeof DesignBasis>;

/**
 * How the run compared with was chosen: the last labelled run, the official review (the default); the latest run,
 * as no run was labelled yet; or the run `assess --compare-with` named.
 */
export const COMPARISON_BASES = ["last-review", "latest-run", "requested"] as const;
export const ComparisonBasis = z.enum(COMPARISON_BASES);
export type ComparisonBasis = z.infer<typeof ComparisonBasis>;

/** The run compared with. */
export const PreviousRun = z.strictObject({
  id: z.string(),
  finishedAt: z.string(),
  /** The label the run carried then (`otaudit history --label`): the official review it was; absent when none. */
  label: z.string().optional(),
  /** How the run was chosen; absent in `otaudit diff`, which names both runs, and in runs stored before labels. */
  basis: ComparisonBasis.optional(),
});
export type PreviousRun = z.infer<typeof PreviousRun>;

/** The run compared with in words: its label when it has one, else what it was, with its id and day. */
export function sinceWords(p: PreviousRun): string {
  const which = `run ${p.id.slice(0, 8)}, ${p.finishedAt.slice(0, 10)}`;
  if (p.label !== undefined) return `the ${p.label} (${which})`;
  if (p.basis === "latest-run") return `the latest run (${which})`;
  if (p.basis === "requested") return `run ${p.id.slice(0, 8)} of ${p.finishedAt.slice(0, 10)}`;
  return `the previous review (${which})`;
}

export const Comparison = z.strictObject({
  previous: PreviousRun,
  findings: z.strictObject({
    new: z.array(z.string()),
    resolved: z.array(z.string()),
    persisting: z.array(z.string()),
  }),
  slAchieved: z.array(LevelChange).default([]),
  requirements: z.array(ResultChange).default([]),
  maturity: z.array(MaturityChange).default([]),
  /** Residual-risk changes; absent when either run carries no risk register. */
  risks: z.array(RiskChange).optional(),
});
export type Comparison = z.infer<typeof Comparison>;

export const Assessment = z.strictObject({
  id: z.string(),
  tool: z.strictObject({ name: z.literal("otaudit"), version: z.string() }),
  site: z.string(),
  startedAt: z.string(),
  finishedAt: z.string(),
  /**
   * The time ages (of backups, logons, evidence) are measured to, given with `assess --as-of` to re-run a review
   * as of its date; absent when it is the time of the run.
   */
  asOf: z.string().optional(),
  inputs: z.array(AssessmentInput),
  /** The evidence age limit and the inputs past it; absent in runs stored before it was measured. */
  evidenceAge: EvidenceAge.optional(),
  problems: z.array(InputProblem),
  /** The SuC, threat environment and approvals; absent in runs stored before they were part of plant.yaml. */
  design: DesignBasis.optional(),
  /**
   * plant.yaml's `engagement`: client, assessors, dates, methods, distribution; absent when plant.yaml has none. Its
   * logo is kept only when the file exists in the plant folder (otherwise a warning says so).
   */
  engagement: Engagement.optional(),
  zones: z.array(ZoneResult),
  conduits: z.array(ConduitResult),
  assets: z.array(InventoryAsset),
  capture: z
    .strictObject({
      stats: CaptureStats,
      flows: z.array(ObservedFlow),
      operations: z.array(ObservedOperation),
      observations: z.array(Observation),
      anomalyCount: z.number().int().nonnegative(),
    })
    .nullable(),
  /** Which zones and conduits the captures saw; absent without captures, and in runs stored before coverage. */
  coverage: CaptureCoverageResult.optional(),
  findings: z.array(Finding),
  /**
   * Every entry of dispositions.yaml and what became of it in this run: applied to its finding, an acceptance
   * expired at the assessment date, or stale (no such finding raised). Absent without the file, and in older runs.
   */
  dispositions: z.array(DispositionRecord).optional(),
  program: z.array(ProgramRating).default([]),
  comparison: Comparison.nullable(),
  /** Advisories and scanner findings matched to the inventory; absent in runs stored before it existed. */
  vulnerabilities: VulnerabilityReport.optional(),
  /** Zone-to-zone reachability through the firewall rules, against conduits and observed flows; absent in older runs. */
  zoneMatrix: ZoneMatrix.optional(),
  /** Continuous monitoring (`otaudit watch`) in the plant's workspace: its state and unresolved alerts; absent when never watched. */
  monitoring: MonitoringStatus.optional(),
  /** The risk register, ranked (residual, then unmitigated score, then the weight of its evidence), and the matrix it was rated on; absent in older runs. */
  risks: z.array(Risk).optional(),
  riskMatrix: RiskMatrix.optional(),
  /** The SuC's worst-case unmitigated risk (ZCR 2) against the tolerable line (ZCR 4); absent in older runs. */
  initialRisk: InitialRisk.optional(),
  /** The remediation plan, ranked; absent in runs stored before the assessment carried it. */
  actions: z.array(Action).optional(),
  /** The overall posture and the rule that set it; absent in older runs. */
  posture: Posture.optional(),
  /** The comparison's changes that went one way or the other; empty without a previous review, absent in older runs. */
  trend: z.array(TrendChange).optional(),
});
export type Assessment = z.infer<typeof Assessment>;
