/**
 * The application layer: the one place that wires sources, analyses, the store and the outputs together.
 * The CLI, the server and the tests call these functions; none re-implements the wiring.
 */
import { randomUUID } from "node:crypto";
import { statSync } from "node:fs";
import { join, relative } from "node:path";
import { remediationPlan } from "../analysis/actions/remediation-plan.js";
import type { AnalysisInput } from "../analysis/analysis-input.js";
import { captureCoverage } from "../analysis/capture-coverage.js";
import { analysisContext } from "../analysis/context.js";
import { designBasis, inScope } from "../analysis/design/design-basis.js";
import { applyDispositions } from "../analysis/dispositions/apply-dispositions.js";
import { evidenceAge } from "../analysis/evidence-age.js";
import { postureOf } from "../analysis/posture.js";
import { runRules } from "../analysis/registry.js";
import { matrixOf } from "../analysis/risk/matrix.js";
import { riskRegister } from "../analysis/risk/register.js";
import { compareRuns } from "../analysis/trend/compare-runs.js";
import { trendOf } from "../analysis/trend/directions.js";
import { analyzeCaptures, CaptureFileError } from "../capture/engine.js";
import { siteLayout } from "../capture/inventory/layout.js";
import type { Assessment } from "../model/assessment.js";
import type { CaptureReport } from "../model/capture.js";
import type { Engagement } from "../model/engagement.js";
import type { Plant } from "../model/plant.js";
import { type InputProblem, problemAt, WHOLE_FILE } from "../model/problem.js";
import { expandSl } from "../model/security-level.js";
import { readMonitoring } from "../monitor/status.js";
import { readPlantEvidence } from "../sources/plant-evidence.js";
import { loadPlantFile } from "../sources/plant-yaml.js";
import { Workspace, workspacePath } from "../store/workspace.js";
import { loadDispositions } from "./dispositions.js";
import { PlantInputError } from "./errors.js";
import { findInputs, hashInputs, withSpans } from "./inputs.js";
import { type ChosenRun, runToCompareWith } from "./stored-runs.js";
import { loadAnswers, reachVerdicts } from "./verdicts.js";
import { VERSION } from "./version.js";

export interface AssessOptions {
  /** Assessment time; ages of backups and logons are measured to it. Defaults to now, and is recorded when given. */
  now?: Date;
  /** The run to compare with, its label and how it was chosen; `assessAndStore` chooses it from the workspace. */
  previous?: ChosenRun;
  /**
   * For `assessAndStore`: the run to compare with, by label, id or `latest`; without it, the last labelled run (the
   * official review), or the latest run while none is labelled.
   */
  compareWith?: string;
  /** Progress of long steps (capture reading), for the CLI to draw. */
  onProgress?: (step: string, done: number, total: number) => void;
}

/** Loads and checks plant.yaml; throws PlantInputError with every problem when it has errors. */
export function loadPlant(plantDir: string): { plant: Plant; problems: InputProblem[] } {
  const path = join(plantDir, "plant.yaml");
  // Evidence names files as the plant folder does (`plant.yaml:14`), wherever otaudit runs from.
  const { plant, problems } = loadPlantFile(path, "plant.yaml");
  if (!plant) throw new PlantInputError(problems);
  return { plant, problems };
}

/**
 * plant.yaml's engagement as the assessment carries it: its logo only when the file is in the plant folder, and a
 * located warning when it is not (the report then goes without it).
 */
export function engagementOf(
  plantDir: string,
  plant: Plant,
  problems: InputProblem[],
): Engagement | undefined {
  const e = plant.spec.engagement;
  if (!e?.logo) return e;
  const path = join(plantDir, e.logo);
  let isFile = false;
  try {
    isFile = statSync(path).isFile();
  } catch {
    isFile = false;
  }
  if (isFile) return e;
  problems.push(
    problemAt(
      "plant.yaml",
      { line: plant.lines["engagement.logo"] ?? 1, path: "engagement.logo" },
      "unreadable",
      `the logo ${e.logo} is not a file in the plant folder: the report goes without it`,
      "warning",
    ),
  );
  const { logo: _, ...rest } = e;
  return rest;
}

/** Assesses a plant folder without storing or writing anything. */
export function assess(plantDir: string, options: AssessOptions = {}): Promise<Assessment> {
  return assessWith(plantDir, options, () => options.previous);
}

/** Assesses, asking for the run to compare with only once the inputs have been read and judged. */
async function assessWith(
  plantDir: string,
  options: AssessOptions,
  previousRun: () => ChosenRun | undefined,
): Promise<Assessment> {
  const startedAt = new Date();
  const now = options.now ?? startedAt;
  const { plant, problems } = loadPlant(plantDir);
  const engagement = engagementOf(plantDir, plant, problems);
  const { problems: answerProblems, ...answers } = loadAnswers(plantDir, plant);
  problems.push(...answerProblems);
  const { problems: dispositionProblems, dispositions } = loadDispositions(plantDir);
  problems.push(...dispositionProblems);
  const inputs = findInputs(plantDir);
  problems.push(...inputs.problems);
  const hashed = await hashInputs(inputs);

  const evidence = await readPlantEvidence(inputs, hashed);
  const captureFiles = inputs.files.filter((f) => f.kind === "capture").map((f) => f.absolute);
  let capture: CaptureReport | null = null;
  if (captureFiles.length > 0) {
    capture = await analyzeCaptures(captureFiles, {
      onProgress: (done, total) => options.onProgress?.("captures", done, total),
      // Evidence names captures as the plant folder does: `captures/plant.pcap#12`.
      displayName: (file) => relative(plantDir, file),
      // The addresses plant.yaml and the firewall configurations give routing devices tell their MACs apart.
      layout: siteLayout(plant, evidence.firewalls),
    }).catch((err: unknown) => {
      // Sniffed as a capture but unreadable after all (changed since, unreadable): the person's to fix.
      if (!(err instanceof CaptureFileError)) throw err;
      const message = err.message.slice(err.path.length + 2);
      throw new PlantInputError([...problems, problemAt(err.path, WHOLE_FILE, "unreadable", message)]);
    });
    for (const file of capture.stats.files) {
      for (const w of file.warnings) {
        problems.push(problemAt(file.path, WHOLE_FILE, w.code, w.message, "warning"));
      }
    }
  }

  problems.push(...evidence.problems);
  // How old each input's evidence is at the assessment date, and which zones the captures saw.
  const dated = withSpans(hashed, capture?.stats.files ?? [], evidence.spans);
  const age = evidenceAge(plant, dated, now);
  problems.push(...age.problems);
  const coverage = captureCoverage(plant, capture?.stats.files ?? []);
  problems.push(...coverage.problems);
  const input: AnalysisInput = {
    plant,
    capture,
    now,
    vulnerabilityEvidence: evidence.vulnerabilities,
    controls: evidence.controls,
    firewalls: evidence.firewalls,
  };
  const ctx = analysisContext(input);
  const raised = runRules(ctx).map((f) => {
    const old = age.restsOnOld(f.evidence);
    return old ? { ...f, oldEvidence: old } : f;
  });
  // The assessor's dispositions mark the findings before any verdict: each verdict reads its finding's mark.
  const disposed = applyDispositions(dispositions, raised, now);
  problems.push(...disposed.problems);
  const { findings } = disposed;
  const { inventory: assets, vulnerabilities, zoneMatrix: matrix } = ctx;
  const verdicts = reachVerdicts({
    ...answers,
    ...ctx,
    findings,
    sees: coverage.sees,
    restsOnOld: age.restsOnOld,
  });
  const monitoring = readMonitoring(plantDir);
  const register = riskRegister({
    plant,
    capture,
    zoneMatrix: matrix,
    vulnerabilities,
    requirements: (zone) => verdicts.zone(zone).requirements,
  });
  problems.push(...register.problems);
  // Asked for only now that the inputs were read without error: the store is opened no earlier.
  const previous = previousRun();
  const assessment: Assessment = {
    id: randomUUID(),
    tool: { name: "otaudit", version: VERSION },
    site: plant.spec.site.name,
    startedAt: startedAt.toISOString(),
    finishedAt: new Date().toISOString(),
    ...(options.now ? { asOf: options.now.toISOString() } : {}),
    inputs: dated,
    evidenceAge: age.age,
    problems,
    design: designBasis(plant),
    ...(engagement ? { engagement } : {}),
    zones: plant.spec.zones.map((z) => ({
      id: z.id,
      name: z.name,
      purdueLevel: z.purdueLevel,
      criticality: z.criticality,
      slTarget: expandSl(z.slTarget),
      assets: assets.filter((a) => a.zone === z.id).map((a) => a.id),
      ...verdicts.zone(z.id),
      ...(inScope(plant, z.id)
        ? {
            inScope: true,
            slRecommended: register.slRecommended.get(z.id)!,
            slRationale: register.slRationale.get(z.id)!,
          }
        : { inScope: false }),
      ...(z.characteristics ? { characteristics: z.characteristics } : {}),
      ...(z.description ? { description: z.description } : {}),
      ...(z.owner ? { owner: z.owner } : {}),
      subnets: z.subnets,
      vlans: z.vlans,
    })),
    conduits: verdicts.conduits,
    assets,
    capture: capture && {
      stats: capture.stats,
      flows: capture.flows,
      operations: capture.operations,
      observations: capture.observations,
      anomalyCount: capture.anomalies.length,
    },
    // Shown when there is something to cover, or a declaration to report on.
    ...(capture || plant.spec.evidence.captures ? { coverage: coverage.coverage } : {}),
    findings,
    ...(dispositions ? { dispositions: disposed.records } : {}),
    program: verdicts.program,
    comparison: compareRuns(previous?.run, { findings, ...verdicts, risks: register.risks }, previous ?? {}),
    ...(vulnerabilities ? { vulnerabilities } : {}),
    zoneMatrix: matrix,
    risks: register.risks,
    riskMatrix: matrixOf(plant),
    ...(register.initialRisk ? { initialRisk: register.initialRisk } : {}),
    ...(monitoring ? { monitoring } : {}),
  };
  // What the outputs show, decided once here: the report, the workbook and assessment.json agree.
  return {
    ...assessment,
    actions: remediationPlan(assessment),
    posture: postureOf(assessment),
    trend: trendOf(assessment.comparison),
  };
}

/**
 * Assesses, compares with the last official review (or the run `compareWith` names), and stores the new run in the
 * plant's workspace. The workspace is opened (and on a first run created) only once the inputs were read without
 * error: a plant folder whose inputs stop the assessment is left exactly as it was.
 */
export async function assessAndStore(plantDir: string, options: AssessOptions = {}): Promise<Assessment> {
  let workspace: Workspace | undefined;
  const opened = () => {
    workspace ??= Workspace.open(workspacePath(plantDir));
    return workspace;
  };
  try {
    const assessment = await assessWith(
      plantDir,
      options,
      () => options.previous ?? runToCompareWith(opened(), options.compareWith),
    );
    opened().save(assessment);
    return assessment;
  } finally {
    workspace?.close();
  }
}
