/**
 * `otaudit capture` and `otaudit generate-capture` through the application layer: the capture engine over files
 * and folders a person names (a name that is no capture is theirs to fix), and the traffic generator.
 */
import { analyzeCaptures, CaptureFileError } from "../capture/engine.js";
import { expandInputs } from "../capture/readers/inputs.js";
import type { CaptureReport } from "../model/capture.js";
import { RequestError } from "./errors.js";

export { generateCapture, SCENARIOS, type ScenarioName } from "../synth/generate.js";

/** The bytes to read in `paths` (files, and the captures inside folders); a missing path is a RequestError. */
export function captureBytes(paths: readonly string[]): number {
  try {
    return expandInputs(paths).reduce((n, i) => n + i.size, 0);
  } catch (err) {
    if (err instanceof CaptureFileError) throw new RequestError(err.message);
    throw err;
  }
}

/** Analyses the captures in `paths` as one set; a file that is no capture is a RequestError naming it. */
export async function analyzeCapturePaths(
  paths: readonly string[],
  onProgress?: (doneBytes: number) => void,
): Promise<CaptureReport> {
  try {
    return await analyzeCaptures([...paths], onProgress ? { onProgress } : {});
  } catch (err) {
    if (err instanceof CaptureFileError) throw new RequestError(err.message);
    throw err;
  }
}
