/** Writes an assessment's outputs into a folder; each file is written whole (temporary file, then rename). */
import { mkdirSync, renameSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { Assessment } from "../model/assessment.js";
import { assetsCsv, findingsCsv } from "../report/csv.js";
import { reportHtml } from "../report/html.js";

export interface WrittenOutputs {
  report: string;
  files: string[];
}

export function writeOutputs(a: Assessment, outDir: string): WrittenOutputs {
  mkdirSync(outDir, { recursive: true });
  const files: [string, string][] = [
    ["report.html", reportHtml(a)],
    ["assessment.json", `${JSON.stringify(a, null, 2)}\n`],
    ["findings.csv", findingsCsv(a)],
    ["assets.csv", assetsCsv(a)],
  ];
  const written = files.map(([name, content]) => {
    const path = join(outDir, name);
    const tmp = `${path}.${process.pid}.tmp`;
    writeFileSync(tmp, content);
    renameSync(tmp, path);
    return path;
  });
  return { report: written[0]!, files: written };
}
