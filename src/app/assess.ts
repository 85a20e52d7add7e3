/**
 * The application layer: the one place that wires sources, analyses, the store and the outputs together.
 * The CLI, the server and the tests call these functions; none re-implements the wiring.
 */
import { randomUUID } from "node:crypto";
import { join, relative } from "node:path";
import { runRules } from "../analysis/registry.js";
import { compareRuns } from "../analysis/trend/compare-runs.js";
import { plantVulnerabilities } from "../analysis/vulnerabilities/plant-vulnerabilities.js";
import { analyzeCaptures } from "../capture/engine.js";
import type { Assessment } from "../model/assessment.js";
import type { CaptureReport } from "../model/capture.js";
import type { Plant } from "../model/plant.js";
import type { InputProblem } from "../model/problem.js";
import { expandSl } from "../model/security-level.js";
import { readControlFiles } from "../sources/control-files.js";
import { loadPlantFile } from "../sources/plant-yaml.js";
import { Workspace, workspacePath } from "../store/workspace.js";
import { PlantInputError } from "./errors.js";
import { findInputs, hashInputs } from "./inputs.js";
import { loadAnswers, reachVerdicts } from "./verdicts.js";
import { VERSION } from "./version.js";
import { loadVulnerabilityEvidence } from "./vulnerabilities.js";

export interface AssessOptions {
  /** Assessment time; ages of backups and logons are measured to it. Defaults to now. */
  now?: Date;
  /** The assessment to compare with; defaults to the latest one in the workspace. */
  previous?: Assessment;
  /** Progress of long steps (capture reading), for the CLI to draw. */
  onProgress?: (step: string, done: number, total: number) => void;
}

/** Loads and checks plant.yaml; throws PlantInputError with every problem when it has errors. */
export function loadPlant(plantDir: string): { plant: Plant; problems: InputProblem[] } {
  const path = join(plantDir, "plant.yaml");
  const { plant, problems } = loadPlantFile(path, relative(process.cwd(), path) || path);
  if (!plant) throw new PlantInputError(problems);
  return { plant, problems };
}

/** Assesses a plant folder without storing or writing anything. */
export async function assess(plantDir: string, options: AssessOptions = {}): Promise<Assessment> {
  const startedAt = new Date();
  const now = options.now ?? startedAt;
  const { plant, problems } = loadPlant(plantDir);
  const { problems: answerProblems, ...answers } = loadAnswers(plantDir, plant);
  problems.push(...answerProblems);
  const inputs = findInputs(plantDir);
  const hashed = await hashInputs(inputs);

  const captureFiles = inputs.files.filter((f) => f.kind === "capture").map((f) => f.absolute);
  let capture: CaptureReport | null = null;
  if (captureFiles.length > 0) {
    capture = await analyzeCaptures(captureFiles, {
      onProgress: (done, total) => options.onProgress?.("captures", done, total),
    });
    capture = relativeToPlant(capture, plantDir);
    for (const file of capture.stats.files) {
      for (const warning of file.warnings) {
        problems.push({
          severity: "warning",
          file: file.path,
          line: 0,
          column: 0,
          path: "",
          message: warning,
        });
      }
    }
  }

  const vulnerabilityInputs = await loadVulnerabilityEvidence(inputs.files);
  problems.push(...vulnerabilityInputs.problems);
  const controlInputs = readControlFiles(plantDir, inputs.files, hashed);
  problems.push(...controlInputs.problems);
  const ctx = {
    plant,
    capture,
    now,
    vulnerabilityEvidence: vulnerabilityInputs.evidence,
    controls: controlInputs.controls,
  };
  const findings = runRules(ctx);
  const { inventory: assets, report: vulnerabilities } = plantVulnerabilities(ctx);
  const verdicts = reachVerdicts({ ...answers, plant, findings, capture, inventory: assets, now });
  return {
    id: randomUUID(),
    tool: { name: "otaudit", version: VERSION },
    site: plant.spec.site.name,
    startedAt: startedAt.toISOString(),
    finishedAt: new Date().toISOString(),
    inputs: hashed,
    problems,
    zones: plant.spec.zones.map((z) => ({
      id: z.id,
      name: z.name,
      purdueLevel: z.purdueLevel,
      criticality: z.criticality,
      slTarget: expandSl(z.slTarget),
      assets: assets.filter((a) => a.zone === z.id).map((a) => a.id),
      ...verdicts.zone(z.id),
    })),
    conduits: plant.spec.conduits.map((c) => ({ id: c.id, zones: c.zones })),
    assets,
    capture: capture && {
      stats: capture.stats,
      flows: capture.flows,
      operations: capture.operations,
      observations: capture.observations,
      anomalyCount: capture.anomalies.length,
    },
    findings,
    program: verdicts.program,
    comparison: compareRuns(options.previous, { findings, ...verdicts }),
    ...(vulnerabilities ? { vulnerabilities } : {}),
  };
}

/** Capture paths as the plant folder names them, so evidence reads `captures/plant.pcap#12`. */
function relativeToPlant(report: CaptureReport, plantDir: string): CaptureReport {
  const rel = (p: string) => relative(plantDir, p);
  return {
    ...report,
    stats: { ...report.stats, files: report.stats.files.map((f) => ({ ...f, path: rel(f.path) })) },
    assets: report.assets.map((a) => ({
      ...a,
      identity: { ...a.identity, sources: a.identity.sources.map((s) => ({ ...s, file: rel(s.file) })) },
      roles: a.roles.map((r) => ({ ...r, evidence: r.evidence.map((e) => ({ ...e, file: rel(e.file) })) })),
    })),
    flows: report.flows.map((f) => ({ ...f, file: rel(f.file) })),
    operations: report.operations.map((o) => ({ ...o, file: rel(o.file) })),
    observations: report.observations.map((o) => ({ ...o, file: rel(o.file) })),
    anomalies: report.anomalies.map((a) => ({ ...a, file: rel(a.file) })),
  };
}

/** Assesses, compares with the last stored run, and stores the new run in the plant's workspace. */
export async function assessAndStore(plantDir: string, options: AssessOptions = {}): Promise<Assessment> {
  const workspace = Workspace.open(workspacePath(plantDir));
  try {
    const previous = options.previous ?? workspace.latest();
    const assessment = await assess(plantDir, { ...options, ...(previous ? { previous } : {}) });
    workspace.save(assessment);
    return assessment;
  } finally {
    workspace.close();
  }
}
