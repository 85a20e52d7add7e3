/**
 * Scanner reports of any supported kind, told apart by their root element, not their file name: read through
 * the importers of the registry's scans/ folder (importers.ts), for callers that name the files themselves.
 */
import type { InputProblem } from "../model/problem.js";
import type { ScanReport } from "../model/vulnerability.js";
import { importFiles } from "./plant-evidence.js";
import type { ScanResult } from "./scan-result.js";

export async function readScanFile(path: string, file: string): Promise<ScanResult> {
  const { records, problems } = await importFiles("scans/", [{ path: file, absolute: path }]);
  return { report: records.scans[0] ?? null, problems };
}

export async function readScanFiles(
  files: readonly { absolute: string; display: string }[],
): Promise<{ scans: ScanReport[]; problems: InputProblem[] }> {
  const { records, problems } = await importFiles(
    "scans/",
    files.map((f) => ({ path: f.display, absolute: f.absolute })),
  );
  return { scans: records.scans, problems };
}
