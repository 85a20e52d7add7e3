/** Finds a plant folder's input files and hashes them, so an assessment records exactly what it read. */
import { createHash } from "node:crypto";
import { createReadStream, existsSync, readdirSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { sniffCapture } from "../capture/readers/capture-magic.js";
import type { AssessmentInput, EvidenceSpan } from "../model/assessment.js";
import type { CaptureFileStats } from "../model/capture.js";
import { type InputProblem, problemAt, WHOLE_FILE } from "../model/problem.js";
import type { PlantLocation } from "../sources/importer.js";
import { PLANT_LOCATIONS } from "../sources/importers.js";

/** A plant folder's single files and folders with their input kinds, as the importer registry has them. */
const LOCATIONS: [string, PlantLocation][] = Object.entries(PLANT_LOCATIONS);
const FILES = LOCATIONS.filter(([name]) => !name.endsWith("/"));
const FOLDERS = LOCATIONS.filter(([name]) => name.endsWith("/")).map(
  ([name, l]) => [name.slice(0, -1), l] as const,
);

export interface PlantInputs {
  dir: string;
  files: { path: string; absolute: string; kind: AssessmentInput["kind"] }[];
  /** Files left out, each with a warning: what sits in captures/ but is no capture (a README, notes). */
  problems: InputProblem[];
}

export function findInputs(plantDir: string): PlantInputs {
  const files: PlantInputs["files"] = [];
  const problems: InputProblem[] = [];
  for (const [name, { kind }] of FILES) {
    const absolute = join(plantDir, name);
    const stat = statSync(absolute, { throwIfNoEntry: false });
    if (stat === undefined) continue;
    // A pipe or a device under an input's name would be hashed forever: only regular files are inputs.
    if (stat.isFile()) files.push({ path: name, absolute, kind });
    else problems.push(problemAt(name, WHOLE_FILE, "unreadable", "not a regular file: skipped", "warning"));
  }
  for (const [folder, { kind }] of FOLDERS) {
    for (const absolute of listFiles(join(plantDir, folder))) {
      const path = relative(plantDir, absolute);
      // A capture is known by its first bytes, not its name; anything else there is skipped, and said so.
      const sniff = kind === "capture" ? sniffCapture(absolute) : null;
      if (sniff?.capture === false) {
        problems.push(
          problemAt(path, WHOLE_FILE, "unsupported-format", `${sniff.reason}: skipped`, "warning"),
        );
        continue;
      }
      files.push({ path, absolute, kind });
    }
  }
  return { dir: plantDir, files, problems };
}

function listFiles(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && !e.name.startsWith("."))
    .map((e) => join(e.parentPath, e.name))
    .sort();
}

export async function hashInputs(inputs: PlantInputs): Promise<AssessmentInput[]> {
  return Promise.all(
    inputs.files.map(async (f) => ({
      path: f.path,
      kind: f.kind,
      sha256: await sha256File(f.absolute),
      bytes: statSync(f.absolute).size,
    })),
  );
}

function sha256File(path: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const hash = createHash("sha256");
    createReadStream(path)
      .on("data", (chunk) => hash.update(chunk))
      .on("error", reject)
      .on("end", () => resolve(hash.digest("hex")));
  });
}

/**
 * The inputs with the span each one's evidence was taken over: a capture's first and last packet, and what the
 * importers read from the other dated files (`spans`, from readPlantEvidence). A capture without packets, or a
 * dated file that does not tell, gets null; files that are no evidence taken at a time get none.
 */
export function withSpans(
  inputs: readonly AssessmentInput[],
  captures: readonly CaptureFileStats[],
  spans: ReadonlyMap<string, EvidenceSpan | null>,
): AssessmentInput[] {
  const slashes = (p: string) => p.replace(/\\/g, "/");
  const packets = new Map(
    captures.map((c): [string, EvidenceSpan | null] => [
      slashes(c.path),
      c.firstPacket && c.lastPacket ? { from: c.firstPacket, to: c.lastPacket, basis: "packets" } : null,
    ]),
  );
  return inputs.map((i) => {
    const path = slashes(i.path);
    const span = i.kind === "capture" ? packets.get(path) : spans.get(path);
    return span === undefined ? i : { ...i, span };
  });
}
