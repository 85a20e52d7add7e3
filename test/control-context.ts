/**
 * Analysis contexts for the control-check tests, built by the real importers from plant folders: the
 * hand-made fixture plant (test/fixtures/controls-plant) and the example plant, each with a real capture.
 */
import assert from "node:assert/strict";
import type { AnalysisInput } from "../src/analysis/analysis-input.js";
import { type AnalysisContext, analysisContext } from "../src/analysis/context.js";
import { findInputs, hashInputs } from "../src/app/inputs.js";
import { analyzeCaptures } from "../src/capture/engine.js";
import type { CaptureReport } from "../src/model/capture.js";
import type { ControlEvidence } from "../src/model/controls.js";
import type { Plant } from "../src/model/plant.js";
import type { InputProblem } from "../src/model/problem.js";
import { type PlantEvidence, readPlantEvidence } from "../src/sources/plant-evidence.js";
import { loadPlantFile } from "../src/sources/plant-yaml.js";

export const FIXTURE_PLANT = "test/fixtures/controls-plant";
export const EXAMPLE_PLANT = "examples/water-treatment";
/** A real S7 session from the corpus: a station uploads blocks, stops and cold-starts the PLC. */
export const SNAP7 = "test/corpus/captures/s7comm/s7comm__snap7/snap7.pcap";
export const EXAMPLE_CAPTURE = `${EXAMPLE_PLANT}/captures/plant.pcap`;

/** The assessment time of the tests: the day before the example capture was taken. */
export const NOW = new Date("2026-11-25T12:00:00Z");

export function plantOf(dir: string): Plant {
  const { plant, problems } = loadPlantFile(`${dir}/plant.yaml`, "plant.yaml");
  assert.ok(plant, JSON.stringify(problems));
  return plant;
}

/** The evidence of a plant folder's files, read as `assess` reads them. */
export async function evidenceOf(dir: string): Promise<PlantEvidence> {
  const inputs = findInputs(dir);
  return readPlantEvidence(inputs, await hashInputs(inputs));
}

/** The control evidence of a plant folder, with the problems of all its evidence files. */
export async function controlsOf(
  dir: string,
): Promise<{ controls: ControlEvidence; problems: InputProblem[] }> {
  const { controls, problems } = await evidenceOf(dir);
  return { controls, problems };
}

const captures = new Map<string, Promise<CaptureReport>>();

export function captureOf(path: string): Promise<CaptureReport> {
  let c = captures.get(path);
  if (!c) {
    c = analyzeCaptures([path]);
    captures.set(path, c);
  }
  return c;
}

export async function contextOf(dir: string, capture: string | null): Promise<AnalysisContext> {
  return analysisContext({
    plant: plantOf(dir),
    capture: capture ? await captureOf(capture) : null,
    now: NOW,
    controls: (await controlsOf(dir)).controls,
  });
}

/** `ctx`'s evidence, copied and changed by `edit`, with its facts derived again as an assessment would. */
export function rederived(ctx: AnalysisContext, edit: (input: AnalysisInput) => void): AnalysisContext {
  const input: AnalysisInput = structuredClone({
    plant: ctx.plant,
    capture: ctx.capture,
    now: ctx.now,
    vulnerabilityEvidence: ctx.vulnerabilityEvidence ?? null,
    controls: ctx.controls ?? null,
    ...(ctx.firewalls ? { firewalls: ctx.firewalls } : {}),
  });
  edit(input);
  return analysisContext(input);
}
